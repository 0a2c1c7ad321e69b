import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { engine } from 'express-handlebars';

import { AppError } from '../errors';
import type { WebDeps } from './deps';
import { apiErrorHandler } from './error-handler';
import { viewHelpers } from './pages/view-helpers';
import { securityHeaders } from './pages/security-headers';
import { createSite } from './pages/site';
import { calendarRoutes } from './routes/calendar';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { incidentRoutes } from './routes/incidents';
import { okedDirectionRoutes } from './routes/oked-directions';
import { pageRoutes } from './routes/pages';
import { participantRoutes } from './routes/participants';
import { requestParticipantRoutes } from './routes/request-participant';
import { requestRoutes } from './routes/requests';
import { supplierRoutes } from './routes/suppliers';
import { webhookRoutes } from './routes/webhooks';

/** POST and PUT bodies of the staff API are JSON and nothing else. */
function requireJson(req: Request, _res: Response, next: NextFunction) {
  const sendsBody =
    req.get('transfer-encoding') !== undefined || (req.get('content-length') ?? '0') !== '0';
  if (sendsBody && !req.is('application/json')) {
    return next(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
  }
  return next();
}

export function createApp(deps: WebDeps): express.Express {
  const app = express();
  const root = deps.config.rootDir;

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      layoutsDir: path.join(root, 'views', 'layouts'),
      partialsDir: path.join(root, 'views', 'partials'),
      defaultLayout: 'main',
      helpers: viewHelpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', path.join(root, 'views'));

  const site = createSite(deps);
  app.use(securityHeaders(new URL(deps.config.publicUrl).protocol === 'https:'));
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: '1h' }));
  app.use(healthRoutes(deps));

  app.use('/webhooks', webhookRoutes(deps));
  app.use('/webhooks', (req, _res, next) =>
    next(new AppError(404, 'NOT_FOUND', `No route ${req.path}`)),
  );
  app.use('/webhooks', apiErrorHandler(deps.logger));

  const api = express.Router();
  // A bearer token or a signed-in person's session (with its CSRF header).
  api.use(site.apiAuth);
  // Gateway batches stream their own JSON Lines or CSV bodies (issue 5).
  api.use('/imports', importRoutes(deps));
  api.use(requireJson);
  api.use(express.json({ limit: deps.config.bodyLimit, strict: true }));
  api.use('/calendar', calendarRoutes(deps));
  api.use('/requests', requestRoutes(deps));
  api.use('/incidents', incidentRoutes(deps));
  api.use('/requests', requestParticipantRoutes(deps));
  api.use('/participants', participantRoutes(deps));
  api.use('/suppliers', supplierRoutes(deps));
  api.use('/oked-directions', okedDirectionRoutes(deps));
  api.use((req, _res, next) => next(new AppError(404, 'NOT_FOUND', `No route ${req.path}`)));
  api.use(apiErrorHandler(deps.logger));
  app.use('/api', api);

  app.use(site.context);
  app.use(pageRoutes(deps));
  app.use(site.pages);
  app.use((_req, _res, next) => next(new AppError(404, 'NOT_FOUND', 'No such page')));
  app.use(site.errors);

  return app;
}

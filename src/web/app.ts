import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { engine } from 'express-handlebars';
import helmet from 'helmet';

import { AppError } from '../errors';
import { bearerAuth } from './auth';
import type { WebDeps } from './deps';
import { apiErrorHandler, toAppError } from './error-handler';
import { calendarRoutes } from './routes/calendar';
import { healthRoutes } from './routes/health';
import { incidentRoutes } from './routes/incidents';
import { pageRoutes } from './routes/pages';
import { requestRoutes } from './routes/requests';
import { webhookRoutes } from './routes/webhooks';

/** POST and PUT bodies of the staff API are JSON and nothing else. */
function requireJson(req: Request, _res: Response, next: NextFunction) {
  const sendsBody = req.get('transfer-encoding') !== undefined ||
    (req.get('content-length') ?? '0') !== '0';
  if (sendsBody && !req.is('application/json')) {
    return next(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'));
  }
  return next();
}

function pageErrorHandler(deps: WebDeps) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toAppError(err);
    if (!known) deps.logger.error({ err, method: req.method, path: req.path }, 'page failed');

    const status = known?.status ?? 500;
    res.status(status).render('error', {
      title: 'Error',
      heading: status === 404 ? 'Page not found' : 'Something went wrong',
      message: known?.message ?? 'The desk could not show this page. Please try again.',
    });
  };
}

export function createApp(deps: WebDeps): express.Express {
  const app = express();
  const root = deps.config.rootDir;

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.engine('hbs', engine({
    extname: '.hbs',
    layoutsDir: path.join(root, 'views', 'layouts'),
    partialsDir: path.join(root, 'views', 'partials'),
    defaultLayout: 'main',
    helpers: { eq: (a: unknown, b: unknown) => a === b },
  }));
  app.set('view engine', 'hbs');
  app.set('views', path.join(root, 'views'));

  app.use(helmet());
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: '1h' }));
  app.use(healthRoutes(deps));

  app.use('/webhooks', webhookRoutes(deps));
  app.use('/webhooks', (req, _res, next) => next(new AppError(404, 'NOT_FOUND', `No route ${req.path}`)));
  app.use('/webhooks', apiErrorHandler(deps.logger));

  const api = express.Router();
  api.use(bearerAuth(deps.config.apiTokens));
  api.use(requireJson);
  api.use(express.json({ limit: deps.config.bodyLimit, strict: true }));
  api.use('/calendar', calendarRoutes(deps));
  api.use('/requests', requestRoutes(deps));
  api.use('/incidents', incidentRoutes(deps));
  api.use((req, _res, next) => next(new AppError(404, 'NOT_FOUND', `No route ${req.path}`)));
  api.use(apiErrorHandler(deps.logger));
  app.use('/api', api);

  app.use(pageRoutes(deps));
  app.use((_req, _res, next) => next(new AppError(404, 'NOT_FOUND', 'No such page')));
  app.use(pageErrorHandler(deps));

  return app;
}

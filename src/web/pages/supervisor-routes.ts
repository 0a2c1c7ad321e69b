import { Router, type Request } from 'express';

import { clockReader } from '../../desk/clock-reader';
import { CLOCK_NAMES, type ClockName } from '../../domain/workflow/clocks';
import { ValidationError } from '../../errors';
import { STAFF_ROLES } from '../../store/user-model';
import type { WebDeps } from '../deps';
import { requireArea } from '../session/access';
import type { StaffAccounts } from '../session/staff-accounts';
import { boardPolicy, queueBoard, QUEUES_PATH } from './bull-board';
import { field, formAction } from './form-action';
import { dateText, readPeriod, slaChart, slaCompliance, slaCsv, type Period } from './sla-report';

/**
 * The supervisor's pages: SLA compliance per clock (table, chart, CSV),
 * the queue views, and the staff accounts. Supervisors only.
 */
export function supervisorRoutes(deps: WebDeps, accounts: StaffAccounts): Router {
  const router = Router();
  const supervisor = requireArea('supervisor', 'act');
  const { zone } = deps.config;

  // Clocks as they stand now: a deadline passed counts before its record is written.
  const compliance = async (period: Period) =>
    slaCompliance(deps.store, period, zone, await clockReader(deps, deps.now()));
  const clockLabel = (req: Request) => (clock: ClockName) => req.t(`clock.${clock}`);

  router.get('/supervisor/sla', supervisor, async (req, res) => {
    let period;
    try {
      period = readPeriod(req.query, deps.now(), zone);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      res.status(422);
      period = readPeriod({}, deps.now(), zone);
      res.locals.flash = { kind: 'error', key: `errors.${err.code}` };
    }
    const rows = await compliance(period);

    res.render('sla', {
      title: req.t('sla.title'),
      period,
      periodText: { from: dateText(period.from), to: dateText(period.to) },
      rows,
      chart: slaChart(rows, clockLabel(req)),
      csvHref: `/supervisor/sla.csv?from=${period.from}&to=${period.to}`,
      clocks: CLOCK_NAMES,
    });
  });

  router.get('/supervisor/sla.csv', supervisor, async (req, res) => {
    const period = readPeriod(req.query, deps.now(), zone);
    const rows = await compliance(period);

    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.attachment(`sla_${period.from}_${period.to}.csv`);
    res.send(slaCsv(rows, clockLabel(req)));
  });

  router.use(QUEUES_PATH, supervisor, boardPolicy, queueBoard(deps));

  router.get('/supervisor/users', supervisor, async (req, res) => {
    res.render('users', {
      title: req.t('users.title'),
      users: await accounts.list(),
      roles: STAFF_ROLES,
    });
  });

  const back = () => '/supervisor/users';

  router.post(
    '/supervisor/users',
    supervisor,
    formAction(back, async (req) => {
      const user = await accounts.create(
        {
          username: field(req, 'username'),
          displayName: field(req, 'displayName'),
          role: field(req, 'role') as (typeof STAFF_ROLES)[number],
          password: field(req, 'password'),
        },
        req.session.user!.username,
      );
      deps.logger.info(
        { username: user.username, role: user.role, by: req.session.user!.username },
        'account created',
      );
      return { kind: 'ok', key: 'flash.userCreated', values: { username: user.username } };
    }),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(
      `/supervisor/users/:id/${verb}`,
      supervisor,
      formAction(back, async (req) => {
        // A supervisor cannot lock themselves out.
        if (String(req.params.id) !== req.session.user!.id) {
          await accounts.setDisabled(String(req.params.id), disabled);
        }
        return { kind: 'ok', key: disabled ? 'flash.userDisabled' : 'flash.userEnabled' };
      }),
    );
  }

  return router;
}

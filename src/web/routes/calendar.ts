import { Router } from 'express';
import { z } from 'zod';

import { CalendarError, clockLengthMs, formatAstana, parseInstant } from '../../domain/calendar';
import { AppError, ValidationError } from '../../errors';
import { inDeskRange, parseBody, requiredText } from '../../intake/fields';
import { requireRole } from '../auth';
import type { WebDeps } from '../deps';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayChangeSchema = z.object({ working: z.boolean(), reason: requiredText(300) }).strict();

/** The longest length `due` adds: a hundred working days covers every clause. */
const MAX_DUE_MS = 100 * 9.5 * 3600 * 1000;

function queryString(value: unknown, field: string): string {
  if (value === undefined || value === '') {
    throw new ValidationError('FIELD_REQUIRED', `${field} is required`, field);
  }
  if (typeof value !== 'string') {
    throw new ValidationError('FIELD_WRONG_TYPE', `${field} must be given once, as text`, field);
  }
  return value;
}

/** A real calendar date between 2000 and 2099, as the reviewed and seeded days allow. */
function dateParam(value: unknown, field: string): string {
  const date = queryString(value, field);
  const parsed = new Date(`${date}T00:00:00Z`);
  const real =
    DATE.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);

  if (!real || date < '2000-01-01' || date > '2099-12-31') {
    throw new ValidationError(
      'INVALID_DATE',
      `${field} must be a YYYY-MM-DD date between 2000 and 2099`,
      field,
    );
  }
  return date;
}

/** Calendar errors name the query field they came from. */
function asField<T>(field: string, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CalendarError) throw new ValidationError(err.code, err.message, field);
    throw err;
  }
}

/**
 * The working-time calendar: read by all staff, changed by supervisors.
 * Every change is audited with who, when, before and after.
 */
export function calendarRoutes(deps: WebDeps): Router {
  const router = Router();
  const { calendars, config } = deps;

  router.get('/days', async (req, res) => {
    const from = dateParam(req.query.from, 'from');
    const to = dateParam(req.query.to, 'to');
    const calendar = await calendars.contactCenter();

    res.json(asField('to', () => calendar.days(from, to)));
  });

  router.get('/days/:date/audit', async (req, res) => {
    const date = dateParam(req.params.date, 'date');
    const audit = await calendars.audit(date);

    res.json(audit.map((entry) => ({ ...entry, at: formatAstana(entry.at, config.zone) })));
  });

  router.put('/days/:date', requireRole(), async (req, res) => {
    const date = dateParam(req.params.date, 'date');
    const change = parseBody(dayChangeSchema, req.body);

    await calendars.setDay({ date, ...change }, req.actor!.name);
    const calendar = await calendars.contactCenter();

    res.json(calendar.day(date));
  });

  router.delete('/days/:date', requireRole(), async (req, res) => {
    const date = dateParam(req.params.date, 'date');
    const dropped = await calendars.deleteDay(date, req.actor!.name);
    if (!dropped) throw new AppError(404, 'OVERRIDE_NOT_FOUND', `${date} has no override to drop`);

    const calendar = await calendars.contactCenter();
    res.json(calendar.day(date));
  });

  router.get('/due', async (req, res) => {
    // An unencoded '+05:00' in a query string arrives as ' 05:00'.
    const fromRaw = queryString(req.query.from, 'from').replace(/ (\d{2}(:?\d{2})?)$/, '+$1');
    const from = parseInstant(fromRaw);
    if (!from || !inDeskRange(from)) {
      throw new ValidationError(
        'INVALID_INSTANT',
        'from must be an ISO 8601 instant with an offset, e.g. 2026-12-04T18:45:00+05:00',
        'from',
      );
    }

    const duration = queryString(req.query.duration, 'duration');
    const calendar = await calendars.contactCenter();
    const lengthMs = asField('duration', () =>
      clockLengthMs(duration, 'working', calendar.workingDayMs),
    );
    if (lengthMs > MAX_DUE_MS) {
      throw new ValidationError('DURATION_TOO_LONG', 'duration is at most P100D', 'duration');
    }

    res.json({
      from: formatAstana(from, config.zone),
      duration,
      dueAt: formatAstana(calendar.addWorkingTime(from, lengthMs), config.zone),
    });
  });

  return router;
}

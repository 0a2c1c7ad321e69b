import type { NextFunction, Request, Response } from 'express';

import { CalendarError } from '../domain/calendar';
import { WorkflowError } from '../domain/workflow/transitions';
import { AppError, UnavailableError } from '../errors';
import type { Logger } from '../logger';

/**
 * The one place errors become answers. An `AppError` answers with its own
 * status and code; body-parser's errors are translated; anything else is a
 * 500 logged once, with the request's method and path.
 */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isStoreUnreachable(err)) {
    const message = 'The database is not answering; try again shortly';
    return new UnavailableError('STORE_UNAVAILABLE', message, err);
  }
  if (isConnectionLost(err)) {
    const message = 'A service the desk needs stopped answering; try again shortly';
    return new UnavailableError('SERVICE_UNAVAILABLE', message, err);
  }
  if (err instanceof CalendarError) return new AppError(422, err.code, err.message);
  if (err instanceof WorkflowError) {
    return new AppError(409, err.code, err.message, { details: { allowedActions: err.allowed } });
  }

  const parserError = err as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return new AppError(413, 'BODY_TOO_LARGE', 'The request body is larger than allowed');
    case 'entity.parse.failed':
      return new AppError(400, 'INVALID_JSON', 'The request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'UNSUPPORTED_ENCODING', 'The body must be UTF-8 JSON');
    case 'request.aborted':
      return new AppError(400, 'REQUEST_ABORTED', 'The client stopped sending the body');
    default:
      break;
  }

  // express and body-parser mark what the client got wrong (a path that is
  // not valid percent-encoding, a body that does not inflate) with a 4xx.
  const status = parserError?.status ?? (parserError as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'BAD_REQUEST', 'The request is malformed');
  }
  return null;
}

/** The driver's ways of saying MongoDB (or FerretDB) cannot be reached right now. */
/**
 * Server answers that mean "stopping or stepping down", not "your request
 * is wrong": MongoDB's shutdown and failover codes, and FerretDB's internal
 * error for an operation its shutdown cancelled.
 */
const STOPPING_CODES = new Set([91, 189, 10107, 11600, 11602, 13436]);

function isStoreStopping(err: Error & { code?: unknown }): boolean {
  if (err.name !== 'MongoServerError') return false;
  if (typeof err.code === 'number' && STOPPING_CODES.has(err.code)) return true;
  return err.code === 1 && /context canceled/.test(err.message);
}

function isStoreUnreachable(err: unknown): boolean {
  const name = (err as Error | undefined)?.name ?? '';
  return (
    /^Mongo(ose)?(ServerSelection|Network|NotConnected|Topology)/.test(name) ||
    name === 'PoolClearedError' ||
    (err instanceof Error && isStoreStopping(err))
  );
}

/**
 * A socket to a backing service closed under a request: the driver can
 * surface the bare system error (seen writing to FerretDB as it stopped).
 */
const LOST_CONNECTION_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT']);

function isConnectionLost(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && LOST_CONNECTION_CODES.has(code);
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field !== undefined && { field: error.field }),
      ...(error.details !== undefined && { details: error.details }),
    },
  };
}

export function apiErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toAppError(err);
    const error = known ?? new AppError(500, 'INTERNAL', 'Something went wrong on the desk');

    if (known) {
      if (error.status >= 500) logger.error({ err, path: req.path }, error.message);
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    }

    if (error.status === 503) res.set('Retry-After', '5');
    res.status(error.status).json(errorBody(error));
  };
}

/**
 * One error hierarchy for the desk. An `AppError` carries the HTTP status the
 * web layer answers with, a stable UPPER_SNAKE code that clients may branch
 * on, a message for people, the offending field when there is one, and the
 * cause. Nobody branches on message text.
 */
export interface AppErrorOptions {
  field?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.field = options.field;
    this.details = options.details;
  }
}

export class ValidationError extends AppError {
  constructor(code: string, message: string, field?: string, details?: Record<string, unknown>) {
    super(422, code, message, { field, details });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', `${what} ${id} was not found`, { details: { what, id } });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, { details });
    this.name = 'ConflictError';
  }
}

export class UnavailableError extends AppError {
  constructor(code: string, message: string, cause?: unknown) {
    super(503, code, message, { cause, details: { retryAfterSeconds: 5 } });
    this.name = 'UnavailableError';
  }
}

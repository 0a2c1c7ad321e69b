/** Stable codes for everything the calendar refuses; callers branch on these. */
export type CalendarErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_INSTANT'
  | 'INVALID_DURATION'
  | 'UNSUPPORTED_DURATION_UNIT'
  | 'INVALID_RANGE'
  | 'RANGE_TOO_LONG'
  | 'INVALID_HOURS'
  | 'INVALID_ZONE'
  | 'INVALID_DAY_ENTRY'
  | 'DUPLICATE_DAY'
  | 'NO_WORKING_DAY'
  | 'TZ_DATA_UNKNOWN'
  | 'TZ_DATA_OUTDATED'
  | 'TZ_DATA_WRONG_OFFSET'
  | 'INVALID_CALENDAR_FILE';

/** The one error type of the calendar: a stable code plus a message for people. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CalendarError';
    this.code = code;
  }
}

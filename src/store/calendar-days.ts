import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Days an administrator has changed: a transfer ordered by the Ministry, a
 * correction of the reviewed calendar. A deleted override stays as an
 * inactive document so that its audit trail, kept inside the same document,
 * is written in the same atomic update as the change itself.
 */
export interface DayValue {
  working: boolean;
  reason: string;
}

export interface CalendarAuditEntry {
  at: Date;
  actor: string;
  action: 'set' | 'delete';
  before: DayValue | null;
  after: DayValue | null;
}

export interface CalendarDayDoc {
  _id: string;
  active: boolean;
  working: boolean;
  reason: string;
  updatedAt: Date;
  updatedBy: string;
  audit: CalendarAuditEntry[];
}

const auditSchema = new Schema<CalendarAuditEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

const daySchema = new Schema<CalendarDayDoc>(
  {
    _id: { type: String, required: true },
    active: { type: Boolean, required: true },
    working: { type: Boolean, required: true },
    reason: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    audit: { type: [auditSchema], default: [] },
  },
  { collection: 'calendar_days', versionKey: false },
);

daySchema.index({ active: 1 });

export type CalendarDayModel = Model<CalendarDayDoc>;

export function calendarDayModel(conn: Connection): CalendarDayModel {
  return conn.models.CalendarDay ?? conn.model<CalendarDayDoc>('CalendarDay', daySchema);
}

import { Schema, Types, type Connection, type Model } from 'mongoose';

/**
 * What the portal administrator publishes on the portal under clause 14:
 * notices of technical failures with the planned time of their elimination,
 * and of scheduled maintenance. A notice is current from publication until
 * it is withdrawn (or, for maintenance, until its planned end has passed).
 */
export const PORTAL_NOTICE_KINDS = ['failure', 'maintenance'] as const;

export type PortalNoticeKind = (typeof PORTAL_NOTICE_KINDS)[number];

export interface PortalNoticeDoc {
  _id: Types.ObjectId;
  kind: PortalNoticeKind;
  title: string;
  body: string;
  /** Failures: when the administrator plans to have it eliminated. */
  plannedFixAt: Date | null;
  /** Maintenance: the planned window. */
  startsAt: Date | null;
  endsAt: Date | null;
  publishedAt: Date;
  publishedBy: string;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

const portalNoticeSchema = new Schema<PortalNoticeDoc>(
  {
    kind: { type: String, required: true, enum: PORTAL_NOTICE_KINDS },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    plannedFixAt: { type: Date, default: null },
    startsAt: { type: Date, default: null },
    endsAt: { type: Date, default: null },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    withdrawnAt: { type: Date, default: null },
    withdrawnBy: { type: String, default: null },
  },
  { collection: 'portal_notices', versionKey: false, minimize: false },
);

portalNoticeSchema.index({ withdrawnAt: 1, publishedAt: -1 });

export type PortalNoticeModel = Model<PortalNoticeDoc>;

export function portalNoticeModel(conn: Connection): PortalNoticeModel {
  return (
    conn.models.PortalNotice ?? conn.model<PortalNoticeDoc>('PortalNotice', portalNoticeSchema)
  );
}

export function portalNoticeLockKey(id: Types.ObjectId | string): string {
  return `portal-notice:${String(id)}`;
}

/** Current at `now`: not withdrawn, and a maintenance window not yet over. */
export function currentNoticesFilter(now: Date) {
  return {
    withdrawnAt: null,
    $or: [{ endsAt: null }, { endsAt: { $gt: now } }],
  };
}

import mongoose, { type Connection } from 'mongoose';

import { calendarDayModel } from './calendar-days';
import { counterModel } from './counters';
import { fingerprintModel, fingerprintProbeModel } from './fingerprint-model';
import { incidentModel } from './incident-model';
import { lockModel, Locks } from './locks';
import { noticeModel } from './notice-model';
import { okedTableModel } from './oked-table-model';
import { participantModel } from './participant-model';
import { recordAccessModel } from './record-access-model';
import { portalNoticeModel } from './portal-notice-model';
import { requestModel } from './request-model';
import { SequenceBlocks } from './sequence-blocks';
import { supplierModel } from './supplier-model';
import { siteSecretModel } from './site-secrets';
import { threadModel } from './threads';
import { userModel } from './user-model';

/**
 * The desk's MongoDB: one connection and the models bound to it. Each
 * process (and each integration test) opens its own, so tests can work in a
 * database of their own.
 */
export function bindModels(conn: Connection) {
  return {
    requests: requestModel(conn),
    incidents: incidentModel(conn),
    counters: counterModel(conn),
    threads: threadModel(conn),
    calendarDays: calendarDayModel(conn),
    locks: lockModel(conn),
    notices: noticeModel(conn),
    participants: participantModel(conn),
    suppliers: supplierModel(conn),
    recordAccess: recordAccessModel(conn),
    okedTable: okedTableModel(conn),
    fingerprints: fingerprintModel(conn),
    fingerprintProbes: fingerprintProbeModel(conn),
    users: userModel(conn),
    portalNotices: portalNoticeModel(conn),
    siteSecrets: siteSecretModel(conn),
  };
}

export type Models = ReturnType<typeof bindModels>;

export interface Store extends Models {
  conn: Connection;
  leases: Locks;
  /** Request numbers, reserved in blocks per process. */
  requestNumbers: SequenceBlocks;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(uri: string): Promise<Store> {
  const conn = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 5000, autoIndex: false })
    .asPromise();

  const models = bindModels(conn);

  // Unique indexes carry the desk's dedupe guarantees; build them before use.
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));

  const leases = new Locks(models.locks);
  const requestNumbers = new SequenceBlocks(models.counters, leases);

  return {
    ...models,
    conn,
    leases,
    requestNumbers,
    async ping() {
      await conn.db!.admin().command({ ping: 1 });
    },
    async close() {
      await requestNumbers.settled();
      await conn.close();
    },
  };
}

import type { Participant, ParticipantCorrection } from '../domain/records';
import { NotFoundError } from '../errors';
import type { Store } from '../store';
import {
  participantLockKey,
  type ChangeSource,
  type ParticipantDoc,
} from '../store/participant-model';
import type { RecordAccessDoc } from '../store/record-access-model';
import type { AccessReason } from './access-reasons';
import { LeasedWriter, type BatchItem, type BatchResult } from './leased-writer';
import { planCorrection, planGatewayParticipant } from './participant-merge';
import { maskedId, newRecordRef, RECORD_REF, type RecordPlan } from './record-plan';
import type { ParticipantQuery } from './search-query';
import { fingerprintId, gatewayRowHash, StateFingerprints } from './state-fingerprints';
import { wordsFilter } from './search-words';

export interface RecordsDeps {
  store: Store;
  now: () => Date;
}

/** Who does something with a record: the staff member's name and role. */
export interface Actor {
  name: string;
  role: string;
}

/** Search results: at most this many, in name order. */
export const SEARCH_LIMIT = 50;
const ACCESS_LOG_LIMIT = 200;

/**
 * Participants' records (issue 5): written from gateway data under their
 * leases, corrected by the participant through an operator, searched, and
 * opened with a logged reason.
 */
export class ParticipantRecords {
  private readonly writer: LeasedWriter<ParticipantDoc, Participant>;

  constructor(private readonly deps: RecordsDeps) {
    const { store } = deps;
    const states = new StateFingerprints({
      fingerprints: store.fingerprints,
      probes: store.fingerprintProbes,
    });

    this.writer = new LeasedWriter({
      model: store.participants,
      locks: store.locks,
      leases: store.leases,
      lockKey: participantLockKey,
      fingerprints: {
        states,
        ofValue: (iin, participant) => fingerprintId(iin, gatewayRowHash(participant)),
        ofDoc: (doc) => fingerprintId(doc._id, doc.gatewayFingerprint),
      },
    });
  }

  /** Creates or updates one participant from gateway data. */
  async upsert(participant: Participant, source: ChangeSource, actor: string) {
    const context = { at: this.deps.now(), source, actor };
    return this.writer.writeOne(participant.iin, (existing) =>
      planGatewayParticipant(existing, participant, context, newRecordRef),
    );
  }

  /** Many participants with distinct IINs, as a batch import gives them. */
  async upsertMany(
    items: readonly BatchItem<Participant>[],
    source: ChangeSource,
    actor: string,
  ): Promise<BatchResult[]> {
    return this.writer.writeMany(items, async () => {
      const context = { at: this.deps.now(), source, actor };
      return (existing, participant) =>
        planGatewayParticipant(existing, participant, context, newRecordRef);
    });
  }

  /** The participant's own new phone or e-mail, taken down by an operator. */
  async correct(
    iin: string,
    correction: ParticipantCorrection,
    actor: string,
  ): Promise<RecordPlan<ParticipantDoc>> {
    const context = { at: this.deps.now(), source: 'participant' as const, actor };
    return this.writer.writeOne(iin, (existing) => {
      if (!existing) throw new NotFoundError('Participant', maskedId(iin));
      return planCorrection(existing, correction, context);
    });
  }

  /** By IIN or by the list handle; null when there is no such participant. */
  async find(iinOrRef: string): Promise<ParticipantDoc | null> {
    const { participants } = this.deps.store;
    const filter = RECORD_REF.test(iinOrRef) ? { ref: iinOrRef } : { _id: iinOrRef };
    return participants.findOne(filter).lean();
  }

  async get(iinOrRef: string): Promise<ParticipantDoc> {
    const doc = await this.find(iinOrRef);
    if (!doc) throw new NotFoundError('Participant', maskedId(iinOrRef));
    return doc;
  }

  /**
   * Opens a full record and logs who opened it and why. The entry is
   * written before the record is handed out: no log, no record.
   */
  async open(iinOrRef: string, actor: Actor, reason: AccessReason): Promise<ParticipantDoc> {
    const doc = await this.get(iinOrRef);
    await this.logAccess(doc._id, actor, reason);
    return doc;
  }

  async logAccess(iin: string, actor: Actor, reason: AccessReason): Promise<void> {
    await this.deps.store.recordAccess.create({
      at: this.deps.now(),
      actor: actor.name,
      role: actor.role,
      recordKind: 'participant',
      recordId: iin,
      reason,
    });
  }

  async accessLog(iin: string): Promise<RecordAccessDoc[]> {
    return this.deps.store.recordAccess
      .find({ recordKind: 'participant', recordId: iin })
      .sort({ at: -1 })
      .limit(ACCESS_LOG_LIMIT)
      .lean();
  }

  async search(query: ParticipantQuery): Promise<ParticipantDoc[]> {
    const { participants } = this.deps.store;

    if (query.by === 'iin') {
      const doc = await participants.findById(query.iin).lean();
      return doc ? [doc] : [];
    }

    const filter = query.by === 'phone' ? { phone: query.phone } : wordsFilter(query.words);
    return participants.find(filter).sort({ searchKey: 1, _id: 1 }).limit(SEARCH_LIMIT).lean();
  }
}

import type { ParticipantModel } from '../store/participant-model';

/** How a request found its participant. */
export interface ParticipantMatch {
  iin: string;
  by: 'iin' | 'phone';
}

/**
 * The participant a new request belongs to, found by IIN or by mobile
 * number, so the operator sees who is calling. An IIN names one person, so
 * it wins when that person has a record. A phone may be shared by a family
 * or a guardian, so it matches only when exactly one participant has it;
 * otherwise an operator links the request by hand.
 *
 * `contact.phone` must already be E.164, as intake stores it.
 */
export async function matchRequestParticipant(
  participants: ParticipantModel,
  contact: { iin?: string | null; phone?: string | null },
): Promise<ParticipantMatch | null> {
  if (contact.iin) {
    const known = await participants.exists({ _id: contact.iin });
    if (known) return { iin: contact.iin, by: 'iin' };
  }

  if (contact.phone) {
    const holders = await participants.find({ phone: contact.phone }, { _id: 1 }).limit(2).lean();
    if (holders.length === 1) return { iin: holders[0]._id, by: 'phone' };
  }

  return null;
}

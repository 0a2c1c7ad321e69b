import { withClocksAsOf, type ClockReader } from '../desk/clock-reader';
import { formatAstana } from '../domain/calendar';
import { maskIin } from '../domain/identifiers';
import type { ClockRecord, RequestDoc } from '../store/request-model';

/**
 * What the staff API returns for a request. Every instant is rendered in
 * Astana time with its offset (`2026-12-04T18:45:00+05:00`).
 */
export function instantView(at: Date | null | undefined, zone: string): string | null {
  return at ? formatAstana(new Date(at), zone) : null;
}

function clockView(clock: ClockRecord, zone: string) {
  return {
    startedAt: instantView(clock.startedAt, zone),
    dueAt: instantView(clock.dueAt, zone),
    ...(clock.stoppedAt && { stoppedAt: instantView(clock.stoppedAt, zone) }),
    state: clock.state,
    warnedAt: (clock.warnedAt ?? []).map((at) => instantView(at, zone)),
    ...(clock.breachedAt && { breachedAt: instantView(clock.breachedAt, zone) }),
  };
}

/** Clocks are shown through `read`, as they stand at the reader's instant. */
export function requestView(doc: RequestDoc, zone: string, read: ClockReader) {
  const clocks = Object.fromEntries(
    Object.entries(withClocksAsOf(doc, read).clocks ?? {}).map(([name, clock]) => [
      name,
      clockView(clock, zone),
    ]),
  );

  return {
    id: String(doc._id),
    number: doc.number,
    channel: doc.channel,
    status: doc.status,
    receivedAt: instantView(doc.receivedAt, zone),
    contact: {
      name: doc.contact.name,
      phone: doc.contact.phone,
      iin: doc.contact.iin,
      email: doc.contact.email,
      language: doc.contact.language,
    },
    description: doc.description,
    externalId: doc.externalId,
    incidentId: doc.incidentId ? String(doc.incidentId) : null,
    // The matched participant, masked as in lists; the full record needs a reason.
    participant: doc.participantIin ? { iin: maskIin(doc.participantIin) } : null,
    assignee: doc.assignee,
    messages: doc.messages.map((m) => ({
      at: instantView(m.at, zone),
      from: m.from,
      text: m.text,
      attachments: m.attachments,
    })),
    clocks,
    history: doc.history.map((h) => ({ ...h, at: instantView(h.at, zone) })),
  };
}

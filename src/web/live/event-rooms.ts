import type { DeskEvent } from '../../queue/event-bus';

/**
 * Which screens an event concerns. Events are news, not the record: the
 * screens are told that something changed and reload it from MongoDB, so
 * an event carries only its type and ids to the browser, and the
 * participant's page hears only that its own request changed.
 */
export const QUEUE_ROOM = 'queue';
export const INCIDENTS_ROOM = 'incidents';

export const requestRoom = (requestId: string) => `request:${requestId}`;
export const statusRoom = (requestId: string) => `status:${requestId}`;

export interface StaffNews {
  type: DeskEvent['type'];
  requestId?: string;
  incidentId?: string;
}

export function staffRoomsFor(event: DeskEvent): string[] {
  const rooms: string[] = [];

  if (event.requestId) rooms.push(QUEUE_ROOM, requestRoom(event.requestId));
  // An escalation opens or joins an incident; a decision moves its requests.
  if (event.type === 'incident.updated' || event.type === 'request.updated') {
    rooms.push(INCIDENTS_ROOM);
  }
  return rooms;
}

const PARTICIPANT_VISIBLE = new Set<DeskEvent['type']>(['request.updated', 'request.created']);

export function participantRoomFor(event: DeskEvent): string | null {
  if (!event.requestId || !PARTICIPANT_VISIBLE.has(event.type)) return null;
  return statusRoom(event.requestId);
}

export function staffNews(event: DeskEvent): StaffNews {
  return {
    type: event.type,
    ...(event.requestId && { requestId: event.requestId }),
    ...(event.incidentId && { incidentId: event.incidentId }),
  };
}

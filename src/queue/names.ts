/** Every BullMQ queue the desk uses, named once. */
export const QUEUE_NAMES = {
  release: 'release',
  clocks: 'clocks',
  clockRecords: 'clock-records',
  notices: 'notices',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface ReleasePayload {
  requestId: string;
  /** The opening the request waits for, epoch milliseconds. */
  releaseAtMs: number;
}

export interface ClockPayload {
  requestId: string;
  clock: string;
  occurrence: number;
  kind: 'warning' | 'breach';
  fraction: number;
  /** The threshold's instant and the deadline it belongs to, epoch ms. */
  atMs: number;
  dueAtMs: number;
}

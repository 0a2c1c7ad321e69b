/** Every BullMQ queue the desk uses, named once. */
export const QUEUE_NAMES = {
  release: 'release',
  clocks: 'clocks',
  notices: 'notices',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface ReleasePayload {
  requestId: string;
  /** The opening the request waits for, epoch milliseconds. */
  releaseAtMs: number;
}

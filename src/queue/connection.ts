import { Redis } from 'ioredis';

/**
 * Redis connections for BullMQ. Workers block on Redis and must retry
 * forever (`maxRetriesPerRequest: null`, as BullMQ requires); the web side
 * fails fast instead, so a request is answered rather than left hanging
 * while Redis is away.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

export function producerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/**
 * For a queue's 'error' listener. BullMQ repeats each error of the
 * connection it was given on the queue, and a queue nobody listens to
 * prints every reconnect attempt to stderr, unstructured. The connection's
 * own listener is where those errors are logged.
 */
export function leaveToConnection(): void {}

import autocannon from 'autocannon';

import { signedMessage } from '../lib/chatbot';

/**
 * autocannon against POST /webhooks/chatbot, each request a distinct,
 * correctly signed message (signed as it is sent, in the load generator).
 */
export interface LoadOptions {
  baseUrl: string;
  /** Distinguishes the message ids of one load from another's. */
  tag: string;
  connections: number;
  durationS: number;
  /** Requests per second over all connections; unset: as fast as answered. */
  ratePerS?: number;
}

export interface LoadResult {
  ok: number;
  failed: number;
  errors: number;
  timeouts: number;
  durationS: number;
  okPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
}

export async function loadChatbot(options: LoadOptions): Promise<LoadResult> {
  let sent = 0;

  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationS,
    timeout: 60,
    ...(options.ratePerS && { overallRate: options.ratePerS }),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/chatbot',
        setupRequest: (request) => {
          sent += 1;
          const message = signedMessage(`${options.tag}-${sent}`);
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'x-signature': message.signature },
            body: message.body,
          };
        },
      },
    ],
  });

  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
  );
  return {
    ok: result['2xx'],
    failed: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    okPerS: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
  };
}

import http from 'node:http';

import { signedMessage } from '../lib/chatbot';
import { summarize } from '../lib/stats';
import type { LoadResult } from './load';

/**
 * An open-loop load at a fixed rate: request i leaves at start + i / rate,
 * whether or not earlier ones were answered, and its latency is counted
 * from that planned instant. autocannon's fixed rate sends each second's
 * quota as fast as its connections allow and then idles, so what it
 * reports at 200/s is the latency of bursts, not of a steady 200/s.
 */
export interface PacedOptions {
  baseUrl: string;
  /** Distinguishes the message ids of one load from another's. */
  tag: string;
  ratePerS: number;
  durationS: number;
  /** Sockets kept open to the server; a request beyond them waits for one. */
  sockets: number;
}

const TIMEOUT_MS = 60_000;
/** Answers slower than this are counted per second of the run in `slowBySecond`. */
const SLOW_MS = 50;

/**
 * A fixed-rate run's figures, with how late the generator itself sent (a
 * late send is latency the server never saw) and when the slow answers fell.
 */
export interface PacedResult extends LoadResult {
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  slowBySecond: number[];
}

interface Sent {
  status: number;
  /** When the request's last byte was handed to the socket. */
  flushedAt: number;
}

function post(agent: http.Agent, url: URL, index: number, tag: string): Promise<Sent> {
  const message = signedMessage(`${tag}-${index}`);
  let flushedAt = Number.NaN;

  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(message.body),
          'x-signature': message.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, flushedAt }));
        res.on('error', () => resolve({ status: 0, flushedAt }));
      },
    );
    req.on('finish', () => (flushedAt = performance.now()));
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, flushedAt }));
    req.end(message.body);
  });
}

export async function loadPaced(options: PacedOptions): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.sockets });
  const url = new URL('/webhooks/chatbot', options.baseUrl);
  const total = Math.round(options.ratePerS * options.durationS);
  const intervalMs = 1000 / options.ratePerS;
  const latencies: number[] = [];
  const sendLags: number[] = [];
  const slowBySecond = new Array<number>(Math.ceil(options.durationS)).fill(0);
  const statuses: Record<string, number> = {};
  const answers: Promise<void>[] = [];
  const start = performance.now();
  let next = 0;

  // Timers fire late by a millisecond or more; each wake-up sends every
  // request whose planned instant has passed, so the pace does not drift.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * intervalMs <= now) {
        const planned = start + next * intervalMs;
        const answer = post(agent, url, next, options.tag).then(({ status, flushedAt }) => {
          const latency = performance.now() - planned;
          latencies.push(latency);
          if (Number.isFinite(flushedAt)) sendLags.push(flushedAt - planned);
          if (latency > SLOW_MS) {
            const second = Math.min(slowBySecond.length - 1, Math.floor((planned - start) / 1000));
            slowBySecond[second] += 1;
          }
          const key = status === 0 ? 'no answer' : String(status);
          statuses[key] = (statuses[key] ?? 0) + 1;
        });
        answers.push(answer);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * intervalMs - now));
      else resolve();
    };
    tick();
  });
  await Promise.all(answers);
  const durationS = (performance.now() - start) / 1000;
  agent.destroy();

  const summary = summarize(latencies);
  const lag = summarize(sendLags);
  const ok = Object.entries(statuses)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  const noAnswer = statuses['no answer'] ?? 0;
  return {
    ok,
    failed: total - ok - noAnswer,
    errors: noAnswer,
    timeouts: 0,
    durationS,
    okPerS: Math.round(ok / durationS),
    p50Ms: Math.round(summary.p50),
    p99Ms: Math.round(summary.p99),
    maxMs: Math.round(summary.max),
    statuses,
    sendLagP99Ms: Math.round(lag.p99),
    sendLagMaxMs: Math.round(lag.max),
    slowBySecond,
  };
}

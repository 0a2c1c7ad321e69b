import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createLogger } from '../src/logger';
import { openRuntime } from '../src/runtime';
import { createApp } from '../src/web/app';
import { makeIin, participantInput } from '../test/support/records';
import { benchDesk } from './lib/bench-desk';
import { describeMachine } from './lib/machine';

/**
 * The gateway feed at size (issue 5: "large batches (100,000 rows) stream
 * with progress and bounded memory"): generates participants, streams them
 * as JSON Lines through POST /api/imports/participants of an in-process
 * desk, and reports rows/s and the process's peak RSS. Then re-imports the
 * first `--reimport` rows (all of them by default), which must all come
 * back unchanged.
 *
 *   node dist/bench/import-100k.js [--rows=100000] [--reimport=100000]
 *
 * Not a test: it takes minutes. The desk gets a database of its own,
 * dropped afterwards.
 */
const TOKEN = 'bench-integration-secret-0123456789';
const RSS_SAMPLE_MS = 100;

const SURNAMES = ['Ахметова', 'Сериков', 'Жумабаева', 'Ким', 'Иванова', 'Нұрланов', 'Семёнова'];
const NAMES = ['Айгуль', 'Серик', 'Әсел', 'Сергей', 'Майя', 'Ерлан', 'Гүлнар'];
const DAY_MS = 86_400_000;
const FIRST_BIRTH_DAY = Date.UTC(1940, 0, 1);

function option(name: string, fallback: number): number {
  const arg = process.argv.find((given) => given.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

/**
 * Row n: a valid IIN unique up to 200,000 rows (10,000 birth days × 2 sexes
 * × 10 serials, spaced by 10 for the check digit's retries).
 */
function row(n: number): string {
  const birthDate = new Date(FIRST_BIRTH_DAY + (n % 10_000) * DAY_MS).toISOString().slice(0, 10);
  const sex = Math.floor(n / 10_000) % 2 === 0 ? 'female' : 'male';
  const serial = Math.floor(n / 20_000) * 10 + 1000;

  return JSON.stringify(
    participantInput({
      iin: makeIin(birthDate, sex, serial),
      surname: SURNAMES[n % SURNAMES.length],
      name: NAMES[(n >> 3) % NAMES.length],
      patronymic: undefined,
      birthDate,
      sex,
      phone: `+7701${String(n).padStart(7, '0')}`,
    }),
  );
}

class RssPeak {
  peakBytes = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), RSS_SAMPLE_MS);

  sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage().rss);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakBytes;
  }
}

/** Streams rows [from, to) as one chunked request body, minding backpressure. */
interface Answer {
  status: number;
  body: string;
  bytes: number;
}

function postRows(port: number, from: number, to: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/imports/participants',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, bytes }));
    });

    let n = from;
    const write = () => {
      while (n < to) {
        const line = `${row(n)}\n`;
        bytes += Buffer.byteLength(line);
        n += 1;
        if (!req.write(line)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

async function timedImport(port: number, from: number, to: number) {
  const rss = new RssPeak();
  const startedAt = process.hrtime.bigint();
  const res = await postRows(port, from, to);
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const peakRssBytes = rss.stop();

  if (res.status !== 200) {
    throw new Error(`import answered ${res.status}: ${res.body.slice(0, 500)}`);
  }
  const { accepted, created, updated, unchanged, rejected } = JSON.parse(res.body);
  return {
    rows: to - from,
    bodyMiB: round(res.bytes / 2 ** 20),
    seconds: round(seconds),
    rowsPerSecond: Math.round((to - from) / seconds),
    peakRssMiB: round(peakRssBytes / 2 ** 20),
    report: { accepted, created, updated, unchanged, rejected },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function main(): Promise<void> {
  const rows = option('rows', 100_000);
  const reimport = Math.min(option('reimport', rows), rows);
  const desk = benchDesk('import', { env: { API_TOKENS: `bench-import:integration:${TOKEN}` } });
  const config = desk.config();

  const runtime = await openRuntime(config, {
    name: 'bench-import',
    logger: createLogger('warn', 'bench-import'),
  });
  const server = http.createServer(createApp(runtime));
  // Node ends a request not received whole within 5 minutes (requestTimeout);
  // an import's body arrives only as fast as its rows are written.
  server.requestTimeout = 0;
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  try {
    const baselineRssMiB = round(process.memoryUsage().rss / 2 ** 20);
    const first = await timedImport(port, 0, rows);
    process.stderr.write(`bench: first import ${JSON.stringify(first)}\n`);
    const again = reimport > 0 ? await timedImport(port, 0, reimport) : null;

    const result = { machine: describeMachine(), baselineRssMiB, first, reimport: again };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server.close();
    await runtime.close();
    await desk.cleanUp();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});

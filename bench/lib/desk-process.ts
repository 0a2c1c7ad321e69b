import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { outDir } from './out-dir';
import { procfileNodeFlags } from './procfile';

/**
 * The desk's own web and worker processes, started from the build the
 * bench itself runs from (dist/ or a private outDir) with the Node flags
 * the Procfile gives them, in an environment of the bench's choosing.
 * Their logs go to a file in bench/out.
 */
export type DeskRole = 'web' | 'worker';

const ENTRY: Record<DeskRole, string> = {
  web: path.resolve(__dirname, '../../src/web/main.js'),
  worker: path.resolve(__dirname, '../../jobs/main.js'),
};

export class DeskProcess {
  readonly exited: Promise<number | string | null>;

  constructor(
    readonly role: DeskRole,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ?? code));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size from /proc, MiB. */
  rssMiB(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, the way an operator stops it; SIGKILL if it hangs. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function logFile(name: string): string {
  return path.join(outDir('logs'), `${name}.log`);
}

export function startDesk(
  role: DeskRole,
  env: Record<string, string>,
  logName: string,
): DeskProcess {
  const out = fs.openSync(logFile(logName), 'w');
  const child = spawn(process.execPath, [...procfileNodeFlags(role), ENTRY[role]], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return new DeskProcess(role, child);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET /healthz until it answers at all (200 or 503), or fails after `timeoutMs`. */
export async function waitForWeb(baseUrl: string, desk: DeskProcess, timeoutMs = 30_000) {
  const giveUpAt = Date.now() + timeoutMs;

  while (Date.now() < giveUpAt) {
    if (!desk.running) throw new Error(`web process exited before listening; see its log`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(3000) });
      return (await res.json()) as Record<string, string>;
    } catch {
      await pause(200);
    }
  }
  throw new Error(`web at ${baseUrl} did not answer within ${timeoutMs} ms`);
}

/**
 * The worker logs "worker started" (at info) once its queues and reconciler
 * run; each start has a log file of its own.
 */
export async function waitForWorker(logName: string, desk: DeskProcess, timeoutMs = 30_000) {
  const giveUpAt = Date.now() + timeoutMs;

  while (Date.now() < giveUpAt) {
    if (!desk.running) throw new Error(`worker exited at start; see ${logFile(logName)}`);
    const text = fs.existsSync(logFile(logName)) ? fs.readFileSync(logFile(logName), 'utf8') : '';
    if (text.includes('"worker started"')) return;
    await pause(200);
  }
  throw new Error(`worker did not start within ${timeoutMs} ms`);
}

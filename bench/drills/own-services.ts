import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { logFile } from '../lib/desk-process';

/**
 * A Redis and a FerretDB of the drill's own, on ports of their own, so a
 * drill can stop and start them without touching the shared services.
 */
export class OwnService {
  private child: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly command: string,
    private readonly args: string[],
  ) {}

  async start(): Promise<void> {
    const out = fs.openSync(logFile(`${this.name}-${this.port}`), 'a');
    const env = { ...process.env, DO_NOT_TRACK: '1' };
    this.child = spawn(this.command, this.args, { stdio: ['ignore', out, out], env });
    fs.closeSync(out);
    await waitForPort(this.port, this.child);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (Date.now() < giveUpAt) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited at start`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.setTimeout(1000, () => resolve(false));
    }).then((ok) => ok);
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}

export function ownRedis(port: number, dir: string): OwnService {
  fs.mkdirSync(dir, { recursive: true });
  // No persistence: a restarted Redis comes back empty, the harder case.
  return new OwnService('redis', port, 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
}

/** The FerretDB binary scripts/services.sh uses: on PATH, or in Go's bin. */
export function ferretBinary(): string {
  const candidates = [path.join(os.homedir(), 'go', 'bin', 'ferretdb')];
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v ferretdb'], { encoding: 'utf8' });
    candidates.unshift(onPath.trim());
  } catch {
    // not on PATH
  }
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' })
      .trim()
      .split(':')[0];
    candidates.push(path.join(gopath, 'bin', 'ferretdb'));
  } catch {
    // no Go on PATH
  }
  const found = candidates.find((file) => file && fs.existsSync(file));
  if (!found) {
    throw new Error('ferretdb not found (PATH, $(go env GOPATH)/bin, ~/go/bin); run services.sh');
  }
  return found;
}

export function ownFerret(port: number, dir: string): OwnService {
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'state'), { recursive: true });
  return new OwnService('ferretdb', port, ferretBinary(), [
    '--handler=sqlite',
    `--sqlite-url=file:${path.join(dir, 'data')}/`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${path.join(dir, 'state')}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ]);
}

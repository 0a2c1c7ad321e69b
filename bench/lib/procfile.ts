import fs from 'node:fs';
import path from 'node:path';

import { findRootDir } from '../../src/config';

/** The command the Procfile gives a process (`worker: <command>`). */
export function procfileCommand(processName: string, procfile = readProcfile()): string {
  const line = procfile
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text.startsWith(`${processName}:`));
  if (!line) throw new Error(`Procfile names no ${processName} process`);

  return line.slice(processName.length + 1).trim();
}

/**
 * The Node flags the Procfile starts a process with (`worker: node <flags>
 * dist/jobs/main.js`), so that a bench runs the web and the worker as they
 * are deployed rather than as a bare `node` would.
 */
export function procfileNodeFlags(processName: string, procfile = readProcfile()): string[] {
  const command = procfileCommand(processName, procfile);
  const words = command.split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) {
    throw new Error(`Procfile's ${processName} is not "node [flags] script": ${command}`);
  }
  return words.slice(1, -1);
}

export function readProcfile(): string {
  return fs.readFileSync(path.join(findRootDir(__dirname), 'Procfile'), 'utf8');
}

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { findRootDir } from '../src/config';
import { describeMachine, type Machine } from './lib/machine';
import { outDir } from './lib/out-dir';
import { readResults, renderResults } from './lib/results-md';
import type { SuiteOptions, SuiteResult } from './lib/suite';
import { printTable } from './lib/table';

/**
 * `npm run bench -- [what…] [--quick] [--write-results] [--name=value…]`
 *
 *   (nothing)   the five benches of issue 6, in the order they were built
 *   drills      the four fault drills
 *   all         benches, then drills
 *   <suite>     one of them by name (arithmetic, clocks, intake, …)
 *   results     only regenerate bench/RESULTS.md from bench/out
 *
 * Each suite runs in a process of its own and writes bench/out/<suite>.json;
 * the run prints one table. --quick shrinks every count and duration for a
 * smoke run; --name=value sets one option (e.g. --soakSeconds=60).
 */
const BENCHES = ['arithmetic', 'clocks', 'intake', 'memory', 'fanout'];
const DRILLS = ['kill-web', 'redis-outage', 'ferret-restart', 'kill-worker'];

const TITLES: Record<string, string> = {
  arithmetic: '4. Working-time arithmetic vs dayjs-business-time',
  clocks: '2. Clock precision',
  intake: '1. Intake throughput',
  memory: '5. Memory',
  fanout: '3. Live fan-out',
  'kill-web': 'Drill: kill -9 the web process during intake',
  'redis-outage': 'Drill: Redis stopped for 30 s during intake',
  'ferret-restart': 'Drill: FerretDB restarted during intake',
  'kill-worker': 'Drill: kill -9 the worker while it delivers notices',
};

const QUICK: SuiteOptions = {
  inputs: 50_000,
  clocks: 5000,
  shortestMinutes: 1,
  intakeSeconds: 8,
  memoryClocks: 5000,
  warmSeconds: 10,
  soakSeconds: 30,
  clients: 100,
  rounds: 10,
  notices: 100,
  outageSeconds: 10,
  loadSeconds: 20,
};

function entryOf(suite: string): string {
  const kind = DRILLS.includes(suite) ? `drills/${suite}.js` : `${suite}/index.js`;
  return path.join(__dirname, kind);
}

function parseArgs(argv: string[]) {
  const names: string[] = [];
  const options: SuiteOptions = {};
  let quick = false;
  let writeResults = false;

  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--write-results') writeResults = true;
    else if (arg.startsWith('--') && arg.includes('=')) {
      const [key, value] = arg.slice(2).split('=');
      options[key] = value;
    } else names.push(arg);
  }
  return { names, options: { ...(quick ? QUICK : {}), ...options }, writeResults };
}

function selected(names: string[]): string[] {
  if (names.length === 0) return BENCHES;

  return names.flatMap((name) => {
    if (name === 'drills') return DRILLS;
    if (name === 'all') return [...BENCHES, ...DRILLS];
    if (name === 'results') return [];
    if (!TITLES[name]) {
      throw new Error(`unknown suite ${name}; known: ${Object.keys(TITLES).join(', ')}`);
    }
    return [name];
  });
}

function runOne(suite: string, options: SuiteOptions): Promise<SuiteResult> {
  const file = path.join(outDir(), `${suite}.json`);
  const began = new Date().toISOString();
  // The peer of the arithmetic bench reads the process's zone.
  const env = suite === 'arithmetic' ? { ...process.env, TZ: 'Asia/Almaty' } : process.env;

  return new Promise((resolve) => {
    const args = [entryOf(suite), JSON.stringify(options), `${file}.part`];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (code === 0 && fs.existsSync(`${file}.part`)) {
        fs.renameSync(`${file}.part`, file);
        resolve(JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResult);
        return;
      }
      resolve({
        suite,
        startedAt: began,
        finishedAt: new Date().toISOString(),
        figures: [{ name: 'run', value: `suite process failed (exit ${code})`, met: false }],
        notes: [],
        details: {},
      });
    });
  });
}

function writeResultsFile(): void {
  const dir = outDir();
  const machineFile = path.join(dir, 'machine.json');
  const machine = fs.existsSync(machineFile)
    ? (JSON.parse(fs.readFileSync(machineFile, 'utf8')) as Machine)
    : describeMachine();
  const benchDir = path.join(findRootDir(__dirname), 'bench');
  const analysisFile = path.join(benchDir, 'analysis.md');
  const analysis = fs.existsSync(analysisFile) ? fs.readFileSync(analysisFile, 'utf8') : '';
  const results = readResults(dir, [...BENCHES, ...DRILLS]);

  const text = renderResults(machine, results, TITLES, analysis);
  fs.writeFileSync(path.join(benchDir, 'RESULTS.md'), text);
  console.log(`bench: wrote ${path.join(benchDir, 'RESULTS.md')} from ${results.length} suites`);
}

async function main(): Promise<void> {
  const { names, options, writeResults } = parseArgs(process.argv.slice(2));
  const suites = selected(names);
  const results: SuiteResult[] = [];

  if (suites.length > 0) {
    const machine = JSON.stringify(describeMachine(), null, 2);
    fs.writeFileSync(path.join(outDir(), 'machine.json'), machine);
  }
  for (const suite of suites) {
    console.log(`bench: ${suite} …`);
    results.push(await runOne(suite, options));
  }

  if (results.length > 0) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const run = { machine: describeMachine(), options, results };
    fs.writeFileSync(path.join(outDir(), `run-${stamp}.json`), JSON.stringify(run, null, 2));
    console.log(`\n${printTable(results)}\n`);
    console.log(`bench: JSON in ${outDir()}`);
  }
  if (writeResults || names.includes('results')) writeResultsFile();

  const failed = results.some((r) => r.figures.some((f) => f.name === 'run' && f.met === false));
  process.exitCode = failed ? 1 : 0;
}

void main();

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { jsonLines, makeIin, participantInput } from '../../support/records';

const run = promisify(execFile);

/** The compiled CLI, next to the compiled tests. */
const CLI = path.resolve(__dirname, '../../../scripts/import-records.js');

describe('scripts/import-records (CLI)', () => {
  let desk: TestDesk;
  let dir: string;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-records-'));
  });

  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await desk.close();
  });

  function cli(args: string[]) {
    const env = {
      PATH: process.env.PATH ?? '',
      MONGODB_URI: desk.config.mongodbUri,
      REDIS_URL: desk.config.redisUrl,
      QUEUE_PREFIX: desk.config.queuePrefix,
      LOG_LEVEL: 'silent',
    };
    return run(process.execPath, [CLI, ...args], { env }).then(
      (out) => ({ code: 0, ...out }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
  }

  it('imports a JSON Lines file, the report on stdout and progress on stderr', async () => {
    const rows = [0, 1, 2].map((n) =>
      participantInput({ iin: makeIin('1980-05-05', 'female', n), birthDate: '1980-05-05' }),
    );
    const file = path.join(dir, 'batch.jsonl');
    fs.writeFileSync(file, jsonLines([...rows, '{ not json']));

    const result = await cli(['participants', file]);
    const report = JSON.parse(result.stdout);

    expect(result.code).to.equal(2);
    expect(report).to.include({ accepted: 3, created: 3, rejected: 1 });
    expect(report.rows[3]).to.deep.include({ line: 4, status: 'rejected' });
    expect(result.stderr).to.match(/import-records: 4 rows \(3 created/);
    expect(await desk.runtime.store.participants.countDocuments()).to.equal(3);

    const history = await desk.runtime.store.participants.findById(rows[0].iin).lean();
    expect(history!.history[0]).to.include({ source: 'gateway', actor: 'cli:import-records' });
  });

  it('exits 1 with a usage line for an unknown kind', async () => {
    const result = await cli(['requests', path.join(dir, 'none.jsonl')]);

    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('usage: import-records');
  });
});

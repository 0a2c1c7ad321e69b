import fs from 'node:fs';
import path from 'node:path';

import { expect } from 'chai';

import { procfileCommand, procfileNodeFlags } from '../../bench/lib/procfile';
import { findRootDir } from '../../src/config';

describe('Procfile', () => {
  it('gives the Node flags between node and the script', () => {
    const procfile = 'web: node dist/web.js\nworker:  node --a=1 --b dist/jobs.js\n';

    expect(procfileNodeFlags('web', procfile)).to.deep.equal([]);
    expect(procfileNodeFlags('worker', procfile)).to.deep.equal(['--a=1', '--b']);
  });

  it('refuses a process it does not name, or one that is not node', () => {
    expect(() => procfileNodeFlags('clock', 'web: node a.js')).to.throw(/no clock process/);
    expect(() => procfileNodeFlags('web', 'web: bash run.sh')).to.throw(/not "node/);
  });

  it("bounds the deployed worker's young generation, which its memory figure rests on", () => {
    const flags = procfileNodeFlags('worker');

    expect(flags.some((flag) => /^--max-semi-space-size=\d+$/.test(flag))).to.equal(true);
  });

  it('runs npm run web and npm run worker as the Procfile does', () => {
    const root = findRootDir(__dirname);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };

    expect(manifest.scripts.web).to.equal(procfileCommand('web'));
    expect(manifest.scripts.worker).to.equal(procfileCommand('worker'));
  });
});

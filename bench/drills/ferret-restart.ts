import fs from 'node:fs';
import path from 'node:path';

import { benchDesk } from '../lib/bench-desk';
import { withDatabase } from '../lib/bench-env';
import { offHoursPolicy } from '../lib/off-hours-policy';
import { outDir } from '../lib/out-dir';
import { freePort } from '../lib/ports';
import { numberOption, runSuite } from '../lib/suite';
import { runOutageDrill } from './outage-drill';
import { ownFerret } from './own-services';

/** Drill: the desk's FerretDB (one of the drill's own, own data) restarted during intake. */
runSuite(async (options) => {
  const downS = numberOption(options, 'ferretDownSeconds', 5);
  const port = await freePort();
  const dir = path.join(outDir('ferretdb'), String(process.pid));
  const ferret = ownFerret(port, dir);
  await ferret.start();
  const desk = benchDesk('ferret', {
    mongoBase: withDatabase(`mongodb://127.0.0.1:${port}`, 'desk'),
    policy: offHoursPolicy(new Date()),
  });

  try {
    const result = await runOutageDrill({
      tag: 'ferret-restart',
      desk,
      service: ferret,
      outageS: downS,
      beforeS: 10,
      afterS: 20,
    });
    return {
      suite: 'ferret-restart',
      ...result,
      notes: [
        `A FerretDB of the drill's own (port ${port}, SQLite data in bench/out/ferretdb) is ` +
          `stopped with SIGTERM, left down ${downS} s and started again on the same data while ` +
          `four lanes send distinct signed chat-bot messages; web and worker are the real ` +
          `processes, Redis the shared one under a prefix of its own.`,
      ],
    };
  } finally {
    await desk.cleanUp();
    await ferret.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import path from 'node:path';

import { benchDesk } from '../lib/bench-desk';
import { benchMongoUri } from '../lib/bench-env';
import { offHoursPolicy } from '../lib/off-hours-policy';
import { outDir } from '../lib/out-dir';
import { freePort } from '../lib/ports';
import { numberOption, runSuite } from '../lib/suite';
import { runOutageDrill } from './outage-drill';
import { ownRedis } from './own-services';

/** Drill: the desk's Redis (a redis-server of the drill's own) stopped for 30 s during intake. */
runSuite(async (options) => {
  const outageS = numberOption(options, 'outageSeconds', 30);
  const port = await freePort();
  const redis = ownRedis(port, path.join(outDir('redis'), String(process.pid)));
  await redis.start();
  const desk = benchDesk('redisout', {
    redisUrl: `redis://127.0.0.1:${port}`,
    policy: offHoursPolicy(new Date()),
  });

  try {
    const result = await runOutageDrill({
      tag: 'redis-outage',
      desk,
      service: redis,
      outageS,
      beforeS: 10,
      afterS: 15,
    });
    return {
      suite: 'redis-outage',
      ...result,
      notes: [
        `A redis-server of the drill's own (port ${port}, no persistence, so it comes back ` +
          `empty) is stopped with SIGTERM for ${outageS} s while four lanes send distinct ` +
          `signed chat-bot messages; web and worker are the real processes. Database ` +
          `${benchMongoUri('redisout')} on the shared FerretDB.`,
      ],
    };
  } finally {
    await desk.cleanUp();
    await redis.stop();
  }
});

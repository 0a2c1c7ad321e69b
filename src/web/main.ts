import http from 'node:http';

import { configFromProcess } from '../config';
import { createLogger } from '../logger';
import { openRuntime } from '../runtime';
import { createApp } from './app';
import { startLive } from './live/live-server';

/** The web process: staff API, webhooks and pages. */
async function main(): Promise<void> {
  const config = configFromProcess();
  const logger = createLogger(config.logLevel, 'web');
  const runtime = await openRuntime(config, { name: 'web', logger });

  const app = createApp(runtime);
  const server = http.createServer(app);
  // A gateway import streams a large body at the pace rows are written;
  // Node's 5-minute request timeout would cut it off. Headers still time out.
  server.requestTimeout = 0;
  const live = await startLive(server, runtime);
  server.listen(config.port, () => logger.info({ port: config.port }, 'web listening'));

  const stop = async (signal: string) => {
    logger.info({ signal }, 'web stopping');
    await live.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  createLogger('error', 'web').fatal({ err }, 'web failed to start');
  process.exit(1);
});

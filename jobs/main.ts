import { configFromProcess } from '../src/config';
import { createLogger } from '../src/logger';
import { openRuntime } from '../src/runtime';
import { startWorker } from './worker';

/** The worker process: timers, releases, deliveries, reconciliation. */
async function main(): Promise<void> {
  const config = configFromProcess();
  const logger = createLogger(config.logLevel, 'worker');
  const runtime = await openRuntime(config, { name: 'worker', logger });
  const worker = startWorker(runtime);

  logger.info('worker started');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    await worker.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  createLogger('error', 'worker').fatal({ err }, 'worker failed to start');
  process.exit(1);
});

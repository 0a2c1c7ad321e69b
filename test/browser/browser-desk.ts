import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startLive, type LiveServer } from '../../src/web/live/live-server';
import { startTestDesk, type TestDesk, type TestDeskOptions } from '../support/desk';

/**
 * A test desk served on a loopback port with its live server, as a browser
 * reaches it. `close()` stops the server and drops the desk's data.
 */
export interface BrowserDesk {
  desk: TestDesk;
  live: LiveServer;
  url: string;
  close(): Promise<void>;
}

export async function startBrowserDesk(options: TestDeskOptions): Promise<BrowserDesk> {
  const desk = await startTestDesk(options);
  const server = http.createServer(desk.app);
  const live = await startLive(server, desk.runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    desk,
    live,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await live.close();
      await desk.close();
    },
  };
}

import { io, type Socket } from 'socket.io-client';

/**
 * Operators' dashboards: socket.io clients on `/staff`, each with a
 * signed-in session, watching the queue. Each remembers when it heard
 * the news about a request.
 */
interface News {
  type: string;
  requestId?: string;
}

export class Screens {
  private readonly sockets: Socket[] = [];
  /** requestId → arrival times (performance.now()), one per screen. */
  readonly arrivals = new Map<string, number[]>();

  async open(baseUrl: string, cookies: string[]): Promise<void> {
    await Promise.all(cookies.map((cookie) => this.openOne(baseUrl, cookie)));
  }

  get count(): number {
    return this.sockets.length;
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private async openOne(baseUrl: string, cookie: string): Promise<void> {
    const socket = io(`${baseUrl}/staff`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    this.sockets.push(socket);

    socket.on('desk-event', (news: News) => {
      if (!news.requestId) return;
      const heard = this.arrivals.get(news.requestId) ?? [];
      heard.push(performance.now());
      this.arrivals.set(news.requestId, heard);
    });

    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const answer = (await socket.timeout(10_000).emitWithAck('watch', { view: 'queue' })) as {
      ok: boolean;
    };
    if (!answer.ok) throw new Error('the desk refused to let an operator watch the queue');
  }
}

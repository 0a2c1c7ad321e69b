/** Polls GET /healthz once a second and keeps what it said. */
export interface HealthSample {
  atS: number;
  status: number;
  mongodb?: string;
  redis?: string;
}

export class HealthWatch {
  readonly samples: HealthSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly began = Date.now();

  constructor(private readonly baseUrl: string) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** How the answers ran, e.g. `200 ×12, 503 redis down ×30, 200 ×20`. */
  story(): string {
    const runs: Array<{ what: string; count: number }> = [];
    for (const s of this.samples) {
      const down = [s.mongodb === 'down' && 'mongodb', s.redis === 'down' && 'redis'];
      const which = down.filter(Boolean).join('+');
      const what = s.status === 0 ? 'no answer' : `${s.status}${which ? ` ${which} down` : ''}`;
      const last = runs.at(-1);
      if (last?.what === what) last.count += 1;
      else runs.push({ what, count: 1 });
    }
    return runs.map((r) => `${r.what} ×${r.count}`).join(', ');
  }

  private async poll(): Promise<void> {
    const atS = Math.round((Date.now() - this.began) / 1000);
    try {
      const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json()) as { mongodb?: string; redis?: string };
      this.samples.push({ atS, status: res.status, mongodb: body.mongodb, redis: body.redis });
    } catch {
      this.samples.push({ atS, status: 0 });
    }
  }
}

import type { RequestModel } from '../../src/store/request-model';
import { postMessage, signedMessage, type PostOutcome } from '../lib/chatbot';

/**
 * Intake load for the fault drills: a few lanes sending distinct signed
 * messages for a while, keeping every answer (or its absence) by
 * messageId, so afterwards each accepted message can be looked for.
 */
export class IntakeLoad {
  readonly outcomes: PostOutcome[] = [];
  private stopped = false;
  private sent = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly tag: string,
    private readonly lanes = 4,
  ) {}

  start(): void {
    const lanes = Array.from({ length: this.lanes }, () => this.lane());
    this.running = Promise.all(lanes).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  accepted(): string[] {
    return this.outcomes.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.messageId);
  }

  statuses(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const o of this.outcomes) {
      const key = o.status === 0 ? 'no answer' : String(o.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Answers of 503 that carried no Retry-After. */
  unhinted503(): number {
    return this.outcomes.filter((o) => o.status === 503 && !o.retryAfter).length;
  }

  private async lane(): Promise<void> {
    while (!this.stopped) {
      this.sent += 1;
      const outcome = await postMessage(this.baseUrl, signedMessage(`${this.tag}-${this.sent}`));
      this.outcomes.push(outcome);
      // A refused connection answers at once; do not spin while the web is down.
      if (outcome.status === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Counts requests per chat-bot messageId in the desk's database. */
export async function requestsPerMessage(
  requests: Pick<RequestModel, 'find'>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const doc of await requests.find({}, { originKey: 1 }).lean()) {
    // `chatbot:message:<sessionId>:<messageId>`; bench message ids hold no colon.
    const id = doc.originKey?.split(':').pop() ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function exactlyOnce(ids: string[], counts: Map<string, number>) {
  const missing = ids.filter((id) => !counts.has(id));
  const doubled = ids.filter((id) => (counts.get(id) ?? 0) > 1);
  return { missing, doubled };
}

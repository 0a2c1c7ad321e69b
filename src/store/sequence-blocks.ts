import type { CounterModel } from './counters';
import type { Locks } from './locks';

interface Block {
  next: number;
  last: number;
}

/**
 * Numbers of a named sequence handed out from blocks a process reserves.
 *
 * Taking one number at a time under the sequence's lease costs three round
 * trips to the store per request and makes every intake wait for every
 * other: under the load of a portal outage that lease was where requests
 * queued. A block costs those round trips once per `size` numbers.
 *
 * The price: a process that stops leaves the rest of its block unused (the
 * year's numbers skip), and two processes numbering at once interleave
 * blocks, so a later number may belong to an earlier request. Numbers stay
 * unique, which is what they promise.
 */
export class SequenceBlocks {
  private readonly blocks = new Map<string, Block>();
  private readonly refills = new Map<string, Promise<void>>();

  constructor(
    private readonly counters: CounterModel,
    private readonly leases: Locks,
    private readonly size = 20,
  ) {}

  async next(name: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(name);
      if (block && block.next <= block.last) return block.next++;

      await this.refill(name);
    }
  }

  /** One reservation at a time per sequence; concurrent callers share it. */
  private refill(name: string): Promise<void> {
    let pending = this.refills.get(name);
    if (pending) return pending;

    pending = this.reserve(name).finally(() => this.refills.delete(name));
    this.refills.set(name, pending);
    return pending;
  }

  private async reserve(name: string): Promise<void> {
    // `$inc` alone races on FerretDB 1.x; the lease makes it one writer.
    const last = await this.leases.withLock(`counter:${name}`, async () => {
      const doc = await this.counters
        .findOneAndUpdate({ _id: name }, { $inc: { seq: this.size } }, { upsert: true, new: true })
        .lean();
      return doc!.seq;
    });

    this.blocks.set(name, { next: last - this.size + 1, last });
  }
}

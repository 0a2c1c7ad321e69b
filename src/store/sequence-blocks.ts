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
 * queued. A block costs those round trips once per `size` numbers, and the
 * next block is reserved while half of the current one is left, so a
 * caller waits for the store only when the reservation falls behind.
 *
 * The price: a process that stops leaves the rest of its blocks unused (the
 * year's numbers skip, by at most two blocks), and two processes numbering
 * at once interleave blocks, so a later number may belong to an earlier
 * request. Numbers stay unique, which is what they promise.
 */
export class SequenceBlocks {
  private readonly current = new Map<string, Block>();
  private readonly spare = new Map<string, Block>();
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly counters: CounterModel,
    private readonly leases: Locks,
    private readonly size = 50,
  ) {}

  async next(name: string): Promise<number> {
    for (;;) {
      const taken = this.take(name);
      if (taken !== null) return taken;

      await this.reserveSpare(name);
    }
  }

  private take(name: string): number | null {
    let block = this.current.get(name);
    if (!block || block.next > block.last) {
      block = this.spare.get(name);
      if (!block) return null;

      this.spare.delete(name);
      this.current.set(name, block);
    }

    const taken = block.next++;

    // A failed reservation in advance is not this caller's error: whoever
    // runs out of numbers reserves again and hears the store's answer.
    if (!this.spare.has(name) && block.last - block.next < this.size / 2) {
      this.reserveSpare(name).catch(() => undefined);
    }
    return taken;
  }

  /** Waits out the reservations in flight, so none writes after its store is closed. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.reserving.values()]);
  }

  /** One reservation at a time per sequence; concurrent callers share it. */
  private reserveSpare(name: string): Promise<void> {
    let pending = this.reserving.get(name);
    if (pending) return pending;

    pending = this.reserve(name)
      .then((block) => {
        this.spare.set(name, block);
      })
      .finally(() => this.reserving.delete(name));
    this.reserving.set(name, pending);
    return pending;
  }

  private async reserve(name: string): Promise<Block> {
    // `$inc` alone races on FerretDB 1.x; the lease makes it one writer.
    const last = await this.leases.withLock(`counter:${name}`, async () => {
      const doc = await this.counters
        .findOneAndUpdate({ _id: name }, { $inc: { seq: this.size } }, { upsert: true, new: true })
        .lean();
      return doc!.seq;
    });

    return { next: last - this.size + 1, last };
  }
}

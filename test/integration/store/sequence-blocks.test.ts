import { expect } from 'chai';

import { SequenceBlocks } from '../../../src/store/sequence-blocks';
import { startTestDesk, type TestDesk } from '../../support/desk';

describe('request numbers reserved in blocks', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  function blocks(size: number) {
    const { counters, leases } = desk.runtime.store;
    return new SequenceBlocks(counters, leases, size);
  }

  it('hands out 1, 2, 3 … to callers of one process, however many ask at once', async () => {
    const numbers = blocks(5);

    const taken = await Promise.all(Array.from({ length: 12 }, () => numbers.next('request:2026')));

    expect([...taken].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const counter = await desk.runtime.store.counters.findById('request:2026').lean();
    expect(counter!.seq).to.equal(15);
  });

  it('never gives two processes the same number', async () => {
    const web = blocks(4);
    const other = blocks(4);

    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? web : other).next('request:2026')),
    );

    expect(new Set(taken).size).to.equal(20);
    expect(Math.max(...taken)).to.be.at.most(24);
  });

  it('keeps each year its own sequence', async () => {
    const numbers = blocks(3);

    const a = await numbers.next('request:2026');
    const b = await numbers.next('request:2027');
    const c = await numbers.next('request:2026');

    expect([a, b, c]).to.deep.equal([1, 1, 2]);
  });
});

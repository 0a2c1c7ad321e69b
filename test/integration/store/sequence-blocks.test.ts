import { expect } from 'chai';

import { SequenceBlocks } from '../../../src/store/sequence-blocks';
import { eventually, startTestDesk, type TestDesk } from '../../support/desk';

describe('request numbers reserved in blocks', () => {
  let desk: TestDesk;
  let made: SequenceBlocks[];

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    made = [];
  });

  afterEach(async () => {
    await Promise.all(made.map((numbers) => numbers.settled()));
    await desk.close();
  });

  async function counterSeq(): Promise<number | undefined> {
    const counter = await desk.runtime.store.counters.findById('request:2026').lean();
    return counter?.seq;
  }

  function blocks(size: number) {
    const { counters, leases } = desk.runtime.store;
    const numbers = new SequenceBlocks(counters, leases, size);
    made.push(numbers);
    return numbers;
  }

  it('hands out 1, 2, 3 … to callers of one process, however many ask at once', async () => {
    const numbers = blocks(5);

    const taken = await Promise.all(
      Array.from({ length: 12 }, () => numbers.next('request:2026')),
    );

    expect([...taken].sort((a, b) => a - b)).to.deep.equal([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    // Whole blocks only, and no more than the one in use and the one reserved ahead.
    expect(await counterSeq()).to.be.oneOf([15, 20]);
  });

  it('reserves the next block while half of the current one is left', async () => {
    const numbers = blocks(10);

    for (let n = 0; n < 5; n += 1) await numbers.next('request:2026');
    await eventually(async () => (await counterSeq()) === 20, 'the second block reserved');

    const rest = [];
    for (let n = 0; n < 10; n += 1) rest.push(await numbers.next('request:2026'));
    expect(rest).to.deep.equal([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    await eventually(async () => (await counterSeq()) === 30, 'the third block reserved');
  });

  it('waits out a reservation in flight before it says it is settled', async () => {
    const numbers = blocks(10);

    for (let n = 0; n < 5; n += 1) await numbers.next('request:2026');
    await numbers.settled();

    expect(await counterSeq()).to.equal(20);
  });

  it('never gives two processes the same number', async () => {
    const web = blocks(4);
    const other = blocks(4);

    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? web : other).next('request:2026')),
    );

    expect(new Set(taken).size).to.equal(20);
    // Each process holds at most one block in use and one reserved ahead.
    expect(Math.max(...taken)).to.be.at.most(20 + 2 * 2 * 4);
  });

  it('keeps each year its own sequence', async () => {
    const numbers = blocks(3);

    const a = await numbers.next('request:2026');
    const b = await numbers.next('request:2027');
    const c = await numbers.next('request:2026');

    expect([a, b, c]).to.deep.equal([1, 1, 2]);
  });
});

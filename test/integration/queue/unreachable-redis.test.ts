import { expect } from 'chai';

import { NoticeQueue } from '../../../src/notify/notice-queue';
import { ClockQueue } from '../../../src/queue/clock-queue';
import { producerConnection } from '../../../src/queue/connection';
import { ReleaseQueue } from '../../../src/queue/release-queue';
import { eventually } from '../../support/desk';

describe('queues while Redis is unreachable', () => {
  it("leave the connection's errors to its listener and print nothing", async () => {
    const dead = producerConnection('redis://127.0.0.1:1');
    const heard: Error[] = [];
    dead.on('error', (err) => heard.push(err));

    const printed: unknown[][] = [];
    const print = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      const queues = [
        new ReleaseQueue(dead, 'test-unreachable').queue,
        new ClockQueue(dead, 'test-unreachable').queue,
        new ClockQueue(dead, 'test-unreachable').records,
        new NoticeQueue(dead, 'test-unreachable').queue,
      ];
      await eventually(async () => heard.length >= 2, 'two connection errors');

      dead.disconnect();
      await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
    } finally {
      console.error = print;
    }

    expect(heard[0].message).to.match(/ECONNREFUSED/);
    expect(printed).to.deep.equal([]);
  });
});

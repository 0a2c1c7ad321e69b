import type { Inputs } from './inputs';

/**
 * Runs both sides over the same inputs in alternating chunks, so a burst
 * of load from a neighbour on this shared machine hits both alike.
 */
export interface Side {
  add(fromMs: number, minutes: number): number;
  /** Working time between, whole minutes. */
  between(fromMs: number, toMs: number): number;
}

export interface SideRun {
  addMs: number;
  betweenMs: number;
  added: Float64Array;
  measured: Float64Array;
}

const CHUNK = 10_000;

function emptyRun(count: number): SideRun {
  return {
    addMs: 0,
    betweenMs: 0,
    added: new Float64Array(count),
    measured: new Float64Array(count),
  };
}

function runChunk(side: Side, inputs: Inputs, run: SideRun, start: number, end: number): void {
  let began = process.hrtime.bigint();
  for (let i = start; i < end; i += 1) {
    run.added[i] = side.add(inputs.fromMs[i], inputs.minutes[i]);
  }
  run.addMs += Number(process.hrtime.bigint() - began) / 1e6;

  began = process.hrtime.bigint();
  for (let i = start; i < end; i += 1) {
    run.measured[i] = side.between(inputs.fromMs[i], inputs.toMs[i]);
  }
  run.betweenMs += Number(process.hrtime.bigint() - began) / 1e6;
}

export function runBoth(desk: Side, peer: Side, inputs: Inputs, onChunk?: (done: number) => void) {
  const deskRun = emptyRun(inputs.count);
  const peerRun = emptyRun(inputs.count);

  for (let start = 0; start < inputs.count; start += CHUNK) {
    const end = Math.min(inputs.count, start + CHUNK);
    runChunk(desk, inputs, deskRun, start, end);
    runChunk(peer, inputs, peerRun, start, end);
    onChunk?.(end);
  }
  return { desk: deskRun, peer: peerRun };
}

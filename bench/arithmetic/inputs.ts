/**
 * A million random inputs, reproducible from a seed: minute-aligned
 * instants over 2024–2027, a working-time amount to add, and a later
 * instant to measure to. Typed arrays keep a million of them cheap.
 */
export interface Inputs {
  count: number;
  fromMs: Float64Array;
  /** Working time to add, whole minutes, 1 min to 10 working days. */
  minutes: Int32Array;
  toMs: Float64Array;
}

const MINUTE_MS = 60_000;
/** 2024-01-01T00:00 and 2028-01-01T00:00 in Astana (UTC+6, then UTC+5 from March 2024). */
const FROM_MS = Date.parse('2024-01-01T00:00:00+06:00');
const UNTIL_MS = Date.parse('2028-01-01T00:00:00+05:00');
const MAX_ADD_MINUTES = 10 * 570;
const MAX_SPAN_MINUTES = 21 * 24 * 60;

/** mulberry32: small, fast, good enough to spread inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function randomInputs(count: number, seed: number): Inputs {
  const next = random(seed);
  const spanMinutes = (UNTIL_MS - FROM_MS) / MINUTE_MS;
  const inputs: Inputs = {
    count,
    fromMs: new Float64Array(count),
    minutes: new Int32Array(count),
    toMs: new Float64Array(count),
  };

  for (let i = 0; i < count; i += 1) {
    const from = FROM_MS + Math.floor(next() * spanMinutes) * MINUTE_MS;
    inputs.fromMs[i] = from;
    inputs.minutes[i] = 1 + Math.floor(next() * MAX_ADD_MINUTES);
    inputs.toMs[i] = from + Math.floor(next() * MAX_SPAN_MINUTES) * MINUTE_MS;
  }
  return inputs;
}

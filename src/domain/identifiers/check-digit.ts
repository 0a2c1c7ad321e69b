/**
 * The check digit shared by the IIN and the BIN (identifiers.md, "IIN" and
 * "BIN"): weights 1..11 modulo 11; when that gives 10, a second pass with
 * the weights shifted by two; when that gives 10 again, no digit is valid.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The check digit for the first eleven digits, or null when both passes
 * give 10 and so no twelve-digit number with this prefix is valid.
 */
export function kzCheckDigit(first11: string): number | null {
  if (!/^[0-9]{11}$/.test(first11)) {
    throw new RangeError('kzCheckDigit needs exactly 11 ASCII digits');
  }

  const first = weightedSum(first11, FIRST_WEIGHTS) % 11;
  if (first !== 10) return first;

  const second = weightedSum(first11, SECOND_WEIGHTS) % 11;
  return second === 10 ? null : second;
}

/** True when the 12th digit equals the check digit of the first eleven. */
export function hasValidCheckDigit(twelveDigits: string): boolean {
  const expected = kzCheckDigit(twelveDigits.slice(0, 11));
  return expected !== null && expected === Number(twelveDigits[11]);
}

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) {
    sum += Number(digits[i]) * weights[i];
  }
  return sum;
}

export type TwelveDigitsProblem = 'NOT_DIGITS' | 'LENGTH';

/**
 * Trims a raw value and checks it is twelve ASCII digits. Anything but a
 * string is NOT_DIGITS: a JSON number would already have lost the leading
 * zeros of an IIN for someone born in 2000–2009.
 */
export function readTwelveDigits(
  raw: unknown,
): { ok: true; digits: string } | { ok: false; problem: TwelveDigitsProblem } {
  if (typeof raw !== 'string') return { ok: false, problem: 'NOT_DIGITS' };

  const digits = raw.trim();
  if (!/^[0-9]*$/.test(digits)) return { ok: false, problem: 'NOT_DIGITS' };
  if (digits.length !== 12) return { ok: false, problem: 'LENGTH' };

  return { ok: true, digits };
}

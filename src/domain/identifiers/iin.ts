import { parseIsoDate } from '../calendar';
import { hasValidCheckDigit, kzCheckDigit, readTwelveDigits } from './check-digit';

export type Sex = 'male' | 'female';

export type IinErrorCode = 'IIN_LENGTH' | 'IIN_NOT_DIGITS' | 'IIN_CHECKSUM';

export interface ValidIin {
  ok: true;
  value: string;
  /** 'YYYY-MM-DD' when digits 1–6 and the century digit form a real date. */
  birthDate: string | null;
  sex: Sex | null;
}

export interface InvalidIin {
  ok: false;
  code: IinErrorCode;
  message: string;
}

export type IinResult = ValidIin | InvalidIin;

export type IinWarningCode = 'IIN_BIRTH_DATE_MISMATCH' | 'IIN_SEX_MISMATCH';

export interface IinWarning {
  code: IinWarningCode;
  message: string;
}

/** The century-and-sex digit (7th): 1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s; odd is male. */
const CENTURY_BY_DIGIT: Readonly<Record<string, number>> = {
  '1': 1800,
  '2': 1800,
  '3': 1900,
  '4': 1900,
  '5': 2000,
  '6': 2000,
};

const ERROR_MESSAGES: Readonly<Record<IinErrorCode, string>> = {
  IIN_NOT_DIGITS: 'The IIN must be written with digits only (no spaces or letters)',
  IIN_LENGTH: 'The IIN must have exactly 12 digits',
  IIN_CHECKSUM: 'The IIN check digit is wrong: the number has a typo or is not an IIN',
};

/**
 * Parses an IIN. Only length, digits and the check digit can reject it:
 * since 2013 the law no longer ties the digits to personal data, so an IIN
 * whose first six digits are not a date is valid, with a null birthDate
 * (identifiers.md, "IIN").
 */
export function parseIin(raw: unknown): IinResult {
  const read = readTwelveDigits(raw);
  if (!read.ok) {
    return read.problem === 'LENGTH' ? invalid('IIN_LENGTH') : invalid('IIN_NOT_DIGITS');
  }

  const iin = read.digits;
  if (!hasValidCheckDigit(iin)) return invalid('IIN_CHECKSUM');

  return { ok: true, value: iin, birthDate: birthDateOf(iin), sex: sexOf(iin) };
}

/**
 * The check digit for an IIN's first eleven digits, or null when no check
 * digit makes them valid. Meant for building fixtures.
 */
export function iinCheckDigit(first11: string): number | null {
  return kzCheckDigit(first11);
}

/**
 * Warnings for a recorded birth date or sex that disagrees with what the
 * IIN encodes. A mismatch never rejects a record (identifiers.md); an IIN
 * that encodes no date or sex, or is itself invalid, yields no warning
 * because there is nothing to compare.
 */
export function iinWarnings(
  iin: string,
  recorded: { birthDate?: string | null; sex?: Sex | null },
): IinWarning[] {
  const parsed = parseIin(iin);
  if (!parsed.ok) return [];

  const warnings: IinWarning[] = [];
  if (parsed.birthDate && recorded.birthDate && parsed.birthDate !== recorded.birthDate) {
    warnings.push({
      code: 'IIN_BIRTH_DATE_MISMATCH',
      message: 'The recorded date of birth differs from the date the IIN encodes',
    });
  }

  if (parsed.sex && recorded.sex && parsed.sex !== recorded.sex) {
    warnings.push({
      code: 'IIN_SEX_MISMATCH',
      message: 'The recorded sex differs from the sex the IIN encodes',
    });
  }

  return warnings;
}

/**
 * Shows only the last six characters ('******789012'), as lists must
 * (issue 5). Anything but a twelve-character string is masked entirely so
 * that malformed data never leaks through.
 */
export function maskIin(iin: string): string {
  if (iin.length !== 12) return '*'.repeat(iin.length);
  return `******${iin.slice(6)}`;
}

function birthDateOf(iin: string): string | null {
  const century = CENTURY_BY_DIGIT[iin[6]];
  if (century === undefined) return null;

  const date = `${century + Number(iin.slice(0, 2))}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  return parseIsoDate(date) === null ? null : date;
}

function sexOf(iin: string): Sex | null {
  if (CENTURY_BY_DIGIT[iin[6]] === undefined) return null;
  return Number(iin[6]) % 2 === 1 ? 'male' : 'female';
}

function invalid(code: IinErrorCode): InvalidIin {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}

import { hasValidCheckDigit, readTwelveDigits } from './check-digit';

export type BinEntityType =
  'resident-legal-entity' | 'non-resident-legal-entity' | 'joint-individual-entrepreneurship';

export type BinDivision = 'head-office' | 'branch' | 'representative-office' | 'peasant-farm';

export type BinErrorCode = 'BIN_LENGTH' | 'BIN_NOT_DIGITS' | 'BIN_CHECKSUM' | 'BIN_TYPE';

export interface ValidBin {
  ok: true;
  value: string;
  entityType: BinEntityType;
  division: BinDivision;
}

export interface InvalidBin {
  ok: false;
  code: BinErrorCode;
  message: string;
}

export type BinResult = ValidBin | InvalidBin;

/** 5th digit of a BIN (identifiers.md, "BIN"). */
const ENTITY_TYPES: Readonly<Record<string, BinEntityType>> = {
  '4': 'resident-legal-entity',
  '5': 'non-resident-legal-entity',
  '6': 'joint-individual-entrepreneurship',
};

/** 6th digit of a BIN (identifiers.md, "BIN"). */
const DIVISIONS: Readonly<Record<string, BinDivision>> = {
  '0': 'head-office',
  '1': 'branch',
  '2': 'representative-office',
  '3': 'peasant-farm',
};

const ERROR_MESSAGES: Readonly<Record<BinErrorCode, string>> = {
  BIN_NOT_DIGITS: 'The BIN must be written with digits only (no spaces or letters)',
  BIN_LENGTH: 'The BIN must have exactly 12 digits',
  BIN_CHECKSUM: 'The BIN check digit is wrong: the number has a typo or is not a BIN',
  BIN_TYPE:
    'The BIN must have 4, 5 or 6 as its 5th digit and 0–3 as its 6th;' +
    ' an IIN entered as a BIN fails here',
};

/**
 * Parses a BIN: twelve digits, the IIN's check digit, then the entity type
 * and division digits. An IIN's 5th digit is the tens of a day (0–3), so an
 * IIN typed into a BIN field is caught as BIN_TYPE.
 */
export function parseBin(raw: unknown): BinResult {
  const read = readTwelveDigits(raw);
  if (!read.ok) {
    return read.problem === 'LENGTH' ? invalid('BIN_LENGTH') : invalid('BIN_NOT_DIGITS');
  }

  const bin = read.digits;
  if (!hasValidCheckDigit(bin)) return invalid('BIN_CHECKSUM');

  const entityType = ENTITY_TYPES[bin[4]];
  const division = DIVISIONS[bin[5]];
  if (entityType === undefined || division === undefined) return invalid('BIN_TYPE');

  return { ok: true, value: bin, entityType, division };
}

function invalid(code: BinErrorCode): InvalidBin {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}

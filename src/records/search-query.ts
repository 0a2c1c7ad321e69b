import { parseBin, parseIin, parseMobile } from '../domain/identifiers';
import { nameSearchWords } from '../domain/records';
import { ValidationError } from '../errors';
import { organisationWords } from './search-words';

/**
 * What an operator typed into the search box (issue 5: search by IIN,
 * phone, or name). Digits and phone punctuation only: twelve digits are an
 * IIN (or a supplier's BIN), anything else a phone number; the rest is a
 * name, searched word by word as prefixes.
 */
export type ParticipantQuery =
  { by: 'iin'; iin: string } | { by: 'phone'; phone: string } | { by: 'name'; words: string[] };

export type SupplierQuery = { by: 'id'; id: string } | { by: 'name'; words: string[] };

const MAX_QUERY_LENGTH = 200;
const NUMBER_SPELLING = /^[0-9 ()+\-.]+$/;
const TWELVE_DIGITS = /^[0-9]{12}$/;

export function parseParticipantQuery(raw: unknown): ParticipantQuery {
  const query = queryText(raw);

  if (TWELVE_DIGITS.test(query)) {
    const iin = parseIin(query);
    if (!iin.ok) throw new ValidationError(iin.code, iin.message, 'q');
    return { by: 'iin', iin: iin.value };
  }

  if (NUMBER_SPELLING.test(query)) {
    const phone = parseMobile(query);
    if (!phone.ok) throw new ValidationError(phone.code, phone.message, 'q');
    return { by: 'phone', phone: phone.e164 };
  }

  return { by: 'name', words: wordsOrThrow(nameSearchWords(query)) };
}

export function parseSupplierQuery(raw: unknown): SupplierQuery {
  const query = queryText(raw);

  if (TWELVE_DIGITS.test(query)) {
    const bin = parseBin(query);
    if (bin.ok) return { by: 'id', id: bin.value };

    const iin = parseIin(query);
    if (!iin.ok) {
      const message = 'Twelve digits that are neither a valid BIN nor a valid IIN';
      throw new ValidationError('SUPPLIER_ID_INVALID', message, 'q');
    }
    return { by: 'id', id: iin.value };
  }

  return { by: 'name', words: wordsOrThrow(organisationWords(query)) };
}

function queryText(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new ValidationError('QUERY_REQUIRED', 'Give q: an IIN, a phone number or a name', 'q');
  }
  if (raw.length > MAX_QUERY_LENGTH) {
    const message = `q allows at most ${MAX_QUERY_LENGTH} characters`;
    throw new ValidationError('QUERY_TOO_LONG', message, 'q');
  }
  return raw.trim();
}

function wordsOrThrow(words: string[]): string[] {
  if (words.length > 0) return words;
  throw new ValidationError('QUERY_REQUIRED', 'Give q: an IIN, a phone number or a name', 'q');
}

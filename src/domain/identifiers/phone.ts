import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneErrorCode = 'PHONE_INVALID' | 'PHONE_NOT_MOBILE' | 'PHONE_NOT_KZ';

export type MobileResult =
  { ok: true; e164: string } | { ok: false; code: PhoneErrorCode; message: string };

/**
 * What people type around the digits: spaces, brackets, hyphens, dots and a
 * leading plus. Anything else (letters, "ext", a sentence around a number)
 * is refused before the library sees it, because libphonenumber extracts a
 * number from free text and would accept "call +7 701 … please".
 */
const PHONE_SPELLING = /^\+?[0-9 ()\-.]+$/;

/** Longer input than any spelling of a +7 number is not worth parsing. */
const MAX_SPELLING_LENGTH = 32;

const ERROR_MESSAGES: Readonly<Record<PhoneErrorCode, string>> = {
  PHONE_INVALID: 'Not a valid phone number; expected a Kazakh mobile like +7 701 234 56 78',
  PHONE_NOT_MOBILE: 'This Kazakh number is a landline or VoIP line, not a mobile number',
  PHONE_NOT_KZ: 'Not a Kazakh number (Russian mobiles start +7 9); a Kazakh mobile is needed',
};

/**
 * Parses a Kazakh mobile number into E.164 (identifiers.md, "Mobile
 * numbers"). Accepts '8 701 234 56 78', '+7 (701) 234-56-78', '87012345678',
 * '+77012345678', and the bare ten digits '7012345678' (read as Kazakh).
 *
 * ATTENTION: libphonenumber-js 1.13 ("max" metadata) decides the country of
 * a +7 number from its leading digits: +7 7… is KZ, the rest is RU, so a
 * Russian mobile (+7 9…) comes back as RU. Its KZ mobile pattern is
 * 7(0[0-25-8]|47|6[0-4]|7[15-8]|85), narrower than identifiers.md's
 * "70x, 76x, 77x": +7 703, 704, 709, 765–769, 770, 772–774 and 779 are not
 * assigned in the metadata and are refused as PHONE_INVALID, not as
 * landlines. +7 751 is VoIP and is refused as PHONE_NOT_MOBILE. The
 * ranges follow the library's updates, which is the point of using it.
 */
export function parseMobile(raw: unknown): MobileResult {
  if (typeof raw !== 'string') return invalid('PHONE_INVALID');

  const spelling = raw.trim();
  if (spelling.length > MAX_SPELLING_LENGTH || !PHONE_SPELLING.test(spelling)) {
    return invalid('PHONE_INVALID');
  }

  const phone = parsePhoneNumberFromString(spelling, 'KZ');
  if (!phone || !phone.isValid()) return invalid('PHONE_INVALID');
  if (phone.country !== 'KZ') return invalid('PHONE_NOT_KZ');
  if (phone.getType() !== 'MOBILE') return invalid('PHONE_NOT_MOBILE');

  return { ok: true, e164: phone.number };
}

function invalid(code: PhoneErrorCode): MobileResult {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}

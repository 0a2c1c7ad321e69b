export { parseIin, iinCheckDigit, iinWarnings, maskIin } from './iin';
export type {
  IinErrorCode,
  IinResult,
  IinWarning,
  IinWarningCode,
  InvalidIin,
  Sex,
  ValidIin,
} from './iin';
export { parseBin } from './bin';
export type {
  BinDivision,
  BinEntityType,
  BinErrorCode,
  BinResult,
  InvalidBin,
  ValidBin,
} from './bin';
export { parseMobile } from './phone';
export type { MobileResult, PhoneErrorCode } from './phone';

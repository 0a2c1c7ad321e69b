import { z } from 'zod';

import type { SupplierKind } from './supplier';
import { validateWith, type ValidationResult } from './validation';

/** Rules clause 13: the directions an organization card can show, in display order. */
export const SUPPLIER_DIRECTIONS = [
  'special-social-services',
  'technical-aids',
  'sanatorium',
  'sign-language',
  'personal-assistant',
] as const;

export type SupplierDirection = (typeof SUPPLIER_DIRECTIONS)[number];

export interface DirectionRule {
  direction: SupplierDirection;
  /** OKED classes as written in the classifier: '87.30', '87300', '88.1'. */
  classes: string[];
}

export type DirectionTable = readonly DirectionRule[];

/** A division and up to three more levels: '87', '87.3', '87.30', '87.30.0', '87300'. */
const OKED_CLASS = /^[0-9]{2}(\.?[0-9]){0,3}$/;

export const directionTableSchema = z.array(
  z
    .object({
      direction: z.enum(SUPPLIER_DIRECTIONS),
      classes: z
        .array(
          z.string().trim().regex(OKED_CLASS, {
            message: 'Expected an OKED class such as 87.30 or 87300',
          }),
        )
        .min(1),
    })
    .strict(),
);

/** Checks a table before use: the default file, or a supervisor's edit (rules clause 13). */
export function parseDirectionTable(raw: unknown): ValidationResult<DirectionTable> {
  const result = validateWith(directionTableSchema, raw);
  return result.ok ? { ...result, warnings: [] } : result;
}

/**
 * Whether a supplier's OKED code falls in a class. OKED nests NACE: digits
 * 1–4 are the NACE class and the 5th the national subclass, so a code
 * belongs to a class when the class's digits are a prefix of the code's.
 * A five-digit class ('47740') is then an exact match, and a coarser one
 * ('88.1', a NACE group) takes in every code beneath it.
 */
export function okedInClass(code: string, okedClass: string): boolean {
  const codeDigits = code.replace(/\./g, '');
  const classDigits = okedClass.replace(/\./g, '');
  if (classDigits.length < 2) return false;

  return codeDigits.startsWith(classDigits);
}

/**
 * The directions open to a supplier (rules clause 13), in display order.
 * Personal assistants always get `personal-assistant`: many are
 * individuals without any OKED code (identifiers.md, OKED table).
 */
export function deriveDirections(
  supplier: { kind: SupplierKind; oked: readonly string[] },
  table: DirectionTable,
): SupplierDirection[] {
  const open = new Set<SupplierDirection>();
  if (supplier.kind === 'personal-assistant') open.add('personal-assistant');

  for (const rule of table) {
    const matches = supplier.oked.some((code) =>
      rule.classes.some((okedClass) => okedInClass(code, okedClass)),
    );
    if (matches) open.add(rule.direction);
  }

  return SUPPLIER_DIRECTIONS.filter((direction) => open.has(direction));
}

import { isChecklistItemId, isQuarterKey, SIDES, type Side } from '../../core/qbr/meeting';
import { type DayNumber, dayOfIso } from '../../core/reading/calendar';
import { InputError } from '../../core/reading/inputError';

/**
 * Argument checks for the sidebar's server entries. google.script.run lets any page script call them with
 * anything, so each argument is checked and a bad one is refused with a message naming the argument, the
 * value and what is allowed.
 */

/** The longest text each sidebar input takes (the sidebar's inputs have these as their maxlength). */
export const TEXT_LIMITS = { item: 500, milestone: 500, target: 200, notes: 5000, partnerName: 200 };
const MAX_TEXT = TEXT_LIMITS.item;

export function textArg(value: unknown, name: string, options: { optional?: boolean; max?: number } = {}): string {
  if ((value === null || value === undefined || value === '') && options.optional) return '';
  if (typeof value !== 'string') throw new InputError(name, value, 'is not text; allowed: text');
  const text = value.trim();
  if (!text && !options.optional) throw new InputError(name, value, 'is empty; allowed: text that is not blank');
  const max = options.max ?? MAX_TEXT;
  if (text.length > max)
    throw new InputError(name, `${text.slice(0, 20)}…`, `is ${text.length} characters long; allowed: at most ${max}`);
  return text;
}

export function partnerNameArg(value: unknown): string {
  return textArg(value, 'partnerName', { max: TEXT_LIMITS.partnerName });
}

/**
 * The partner a sidebar action is about: `{ row, fingerprint, name }` as the sidebar read it (the row is then
 * checked to still hold it), or a name (refused when two rows have it).
 */
export function partnerArg(value: unknown): string | { row: number; fingerprint: string; name?: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return partnerNameArg(value);
  const ref = value as Record<string, unknown>;
  const row = rowArg(ref.row, 'partner.row');
  if (typeof ref.fingerprint !== 'string' || !/^[0-9a-f]{8}\.\d{1,9}$/.test(ref.fingerprint)) {
    throw new InputError('partner.fingerprint', ref.fingerprint, 'is not a row fingerprint; reopen the sidebar');
  }
  const name = ref.name === undefined ? undefined : textArg(ref.name, 'partner.name', { max: TEXT_LIMITS.partnerName });
  return { row, fingerprint: ref.fingerprint, ...(name === undefined ? {} : { name }) };
}

export function sideArg(value: unknown): Side {
  const side = SIDES.find((s) => typeof value === 'string' && s.toLowerCase() === value.trim().toLowerCase());
  if (!side) throw new InputError('side', value, `is not one of ${SIDES.join(', ')}`);
  return side;
}

/** A date as google.script.run carries it: `YYYY-MM-DD` text (a Date cannot cross). */
export function isoDateArg(value: unknown, name: string): DayNumber {
  const day = typeof value === 'string' ? dayOfIso(value) : null;
  if (day === null) throw new InputError(name, value, 'is not a date; allowed: text like 2026-12-31');
  return day;
}

export function booleanArg(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new InputError(name, value, 'is not true or false');
  return value;
}

export function rowArg(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2)
    throw new InputError(name, value, 'is not a sheet row; allowed: a whole number ≥ 2');
  return value;
}

export function quarterArg(value: unknown): string {
  if (typeof value !== 'string' || !isQuarterKey(value))
    throw new InputError('quarter', value, 'is not a quarter; allowed: text like 2026-Q4');
  return value;
}

export function checklistItemArg(value: unknown): string {
  if (typeof value !== 'string' || !isChecklistItemId(value))
    throw new InputError('itemId', value, 'is not an item of the QBR checklists');
  return value;
}

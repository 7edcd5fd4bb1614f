import { isDate } from './calendar';

/**
 * Bad input from a cell. The message names the field, the value and what is allowed, because a partner
 * manager reads it on the cell (or in the sidebar, or the run log) and has to know what to fix:
 * `NPS 140 is outside −100…100`, `Strategic fit "Maybe" is not one of Strong, Moderate, Weak`.
 */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    /** What is wrong, saying what is allowed: "is outside −100…100". */
    readonly problem: string,
  ) {
    super(`${field} ${describeValue(value)} ${problem}`);
    this.name = 'InputError';
  }
}

/** How a cell's value reads in a message: text in quotes, numbers as typed, dates as YYYY-MM-DD. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return formatNumber(value);
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'an invalid date' : isoDay(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value === null || value === undefined) return '(blank)';
  return String(value);
}

/** A typographic minus reads as a minus sign in a message, not as a hyphen. */
export function formatNumber(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

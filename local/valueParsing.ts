/**
 * What Sheets makes of a string written with Range.setValue / setValues / Sheet.appendRow: the same as of text
 * typed into the cell. "20%" becomes 0.2 shown as a percent, "2026-12-01" a date, "1,234" a number, "TRUE" a
 * boolean — unless the string starts with an apostrophe (kept as text, the apostrophe dropped) or the cell is
 * formatted as plain text ("@"). See docs/google-fidelity.md. Dates are read in the spreadsheet's locale
 * (12/1/2026 is December in en_US, January in en_GB and de_DE, which also write 1.12.2026); numbers are read
 * as in en_US only (a German "1,5" stays text here — not modelled). A date becomes the model's wall clock
 * (local/services/time.ts): a Date of this process's zone showing that day at 00:00.
 */
import type { CellValue } from './workbook';

export interface Typed {
  value: CellValue;
  /** The number format Sheets gives the cell when it recognises a percent, currency or date. */
  numberFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function number(text: string): number | null {
  if (!/\d/.test(text) || !NUMBER.test(text)) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The value Sheets stores for `text` typed into a cell, or null when it stays text. */
export function parseTyped(text: string, locale = 'en_US'): Typed | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const plain = number(t);
  if (plain !== null) return { value: plain };
  const percent = /^([+-]?[\d.,eE+-]+)\s*%$/.exec(t);
  if (percent) {
    const n = number(percent[1]);
    if (n !== null) {
      const decimals = /\.(\d+)/.exec(percent[1])?.[1].length ?? 0;
      return { value: n / 100, numberFormat: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
    }
  }
  const currency = /^(-?)\$\s*([\d.,]+)$/.exec(t);
  if (currency) {
    const n = number(currency[2]);
    if (n !== null) return { value: currency[1] ? -n : n, numberFormat: '"$"#,##0.00' };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDate(y, m, d)) {
      if (iso[4] === undefined) return { value: new Date(y, m - 1, d), numberFormat: 'yyyy-mm-dd' };
      return {
        value: new Date(y, m - 1, d, Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)),
        numberFormat: 'yyyy-mm-dd hh:mm',
      };
    }
  }
  const numeric = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/.exec(t);
  if (numeric) {
    const monthFirst = locale === 'en_US' && numeric[2] === '/';
    const [a, b, y] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    const [m, d] = monthFirst ? [a, b] : [b, a];
    if (validDate(y, m, d))
      return { value: new Date(y, m - 1, d), numberFormat: monthFirst ? 'M/d/yyyy' : 'dd.MM.yyyy' };
  }
  return null;
}

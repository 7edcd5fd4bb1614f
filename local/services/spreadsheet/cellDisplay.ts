/** How Sheets stores colors and shows values: the parts of a cell's look that the add-on reads back. */
import { type CellValue, isBlankValue, isDate } from '../../workbook';

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** Sheets stores colors as lowercase #rrggbb; null or "" resets to no fill (read back as #ffffff). */
export function normalizeColor(color: string | null | undefined): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const c = color.trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  return undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The text Sheets shows for a value: dates M/d/yyyy unless formatted, percents with %, TRUE/FALSE. */
export function displayValue(value: CellValue, numberFormat?: string): string {
  if (isBlankValue(value)) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const f = (numberFormat ?? '').toLowerCase();
    const date = `${value.getFullYear()}-${pad2(value.getMonth() + 1)}-${pad2(value.getDate())}`;
    if (f.startsWith('yyyy-mm-dd'))
      return f.includes('h') ? `${date} ${pad2(value.getHours())}:${pad2(value.getMinutes())}` : date;
    return `${value.getMonth() + 1}/${value.getDate()}/${value.getFullYear()}`;
  }
  if (typeof value === 'number') {
    const percent = numberFormat ? /^0(?:\.(0+))?%$/.exec(numberFormat) : null;
    if (percent) return `${(value * 100).toFixed(percent[1]?.length ?? 0)}%`;
    const fixed = numberFormat ? /^(?:#,##)?0\.(0+)$/.exec(numberFormat) : null;
    if (fixed) return value.toFixed(fixed[1].length);
    return String(value);
  }
  return value;
}

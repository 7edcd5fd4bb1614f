import { isDate, type SheetModel } from './workbook';

/** Which columns to draw (1-based) and how wide; the rest of a wide sheet would not fit a picture. */
export interface PictureOptions {
  columns: number[];
  maxRows?: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function shown(value: unknown): string {
  if (isDate(value)) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value ?? '');
}

/**
 * An SVG picture of a sheet as Sheets would show it: the cells' text on their fills. `npm start` writes one of
 * the colored partner sheet, since the colors are what a person wants to look at, not read about.
 */
export function sheetPicture(sheet: SheetModel, options: PictureOptions): string {
  const rowHeight = 22;
  const lastRow = Math.min(sheet.lastRow(), options.maxRows ?? 60);
  const widths = options.columns.map((c) => {
    let longest = 4;
    for (let r = 1; r <= lastRow; r++) longest = Math.max(longest, shown(sheet.valueAt(r, c)).length);
    return Math.min(220, 12 + longest * 7);
  });
  const width = widths.reduce((a, b) => a + b, 0);
  const parts: string[] = [];
  for (let r = 1; r <= lastRow; r++) {
    let x = 0;
    options.columns.forEach((c, i) => {
      const cell = sheet.cell(r, c);
      const fill = cell?.background ?? '#ffffff';
      const y = (r - 1) * rowHeight;
      const text = shown(cell?.value ?? '').slice(0, Math.floor((widths[i] - 10) / 7));
      parts.push(
        `<rect x="${x}" y="${y}" width="${widths[i]}" height="${rowHeight}" fill="${escapeXml(fill)}" stroke="#d0d0d0"/>` +
          `<text x="${x + 5}" y="${y + 15}" font-weight="${r === 1 || cell?.bold ? 'bold' : 'normal'}">${escapeXml(text)}</text>`,
      );
      x += widths[i];
    });
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${lastRow * rowHeight}" ` +
    `font-family="Arial, sans-serif" font-size="12">\n${parts.join('\n')}\n</svg>\n`
  );
}

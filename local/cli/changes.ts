/** What a run changed in the workbook, per sheet, for the summary the commands print. */
import type { CellValue, WorkbookModel } from '../workbook';

/**
 * Each sheet's cells as three 32-bit hashes (value, color, formula) in typed arrays, row by row: a
 * 200,000-row sheet costs a few megabytes, not millions of keyed objects. Sheets are matched by id.
 */
type Snapshot = Map<
  number,
  { name: string; rows: number; columns: number; value: Int32Array; background: Int32Array; formula: Int32Array }
>;

/** FNV-1a: enough to tell a changed cell from an unchanged one in a summary line. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function snapshot(model: WorkbookModel): Snapshot {
  const shot: Snapshot = new Map();
  for (const sheet of model.sheets) {
    const { rows, columns } = sheet.storedExtent();
    const size = rows * columns;
    const entry = {
      name: sheet.name,
      rows,
      columns,
      value: new Int32Array(size),
      background: new Int32Array(size),
      formula: new Int32Array(size),
    };
    for (const [r, c, cell] of sheet.cells()) {
      const i = (r - 1) * columns + (c - 1);
      entry.value[i] = cell.value === '' ? 0 : hash(signature(cell.value));
      entry.background[i] = cell.background ? hash(cell.background) : 0;
      entry.formula[i] = cell.formula ? hash(cell.formula) : 0;
    }
    shot.set(sheet.id, entry);
  }
  return shot;
}

function signature(v: CellValue): string {
  return v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`;
}

export function describeChanges(
  before: Snapshot,
  after: Snapshot,
  sheetsBefore: string[],
  model: WorkbookModel,
): string[] {
  const lines: string[] = [];
  for (const sheet of model.sheets) {
    if (!sheetsBefore.includes(sheet.name)) lines.push(`new sheet "${sheet.name}"`);
    const a = before.get(sheet.id);
    const b = after.get(sheet.id);
    if (!b) continue;
    const counts = { values: 0, colors: 0, formulas: 0 };
    const rows = Math.max(a?.rows ?? 0, b.rows);
    const columns = Math.max(a?.columns ?? 0, b.columns);
    const at = (shot: typeof b | undefined, key: 'value' | 'background' | 'formula', r: number, c: number) =>
      shot && r < shot.rows && c < shot.columns ? shot[key][r * shot.columns + c] : 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        if (at(a, 'value', r, c) !== at(b, 'value', r, c)) counts.values++;
        if (at(a, 'background', r, c) !== at(b, 'background', r, c)) counts.colors++;
        if (at(a, 'formula', r, c) !== at(b, 'formula', r, c)) counts.formulas++;
      }
    if (counts.values === 0 && counts.colors === 0 && counts.formulas === 0) continue;
    const parts = [
      counts.values && `${counts.values} values`,
      counts.colors && `${counts.colors} colors`,
      counts.formulas && `${counts.formulas} formulas`,
    ].filter(Boolean);
    lines.push(`${sheet.name}: ${parts.join(', ')} changed`);
  }
  return lines;
}

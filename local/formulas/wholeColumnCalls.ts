/** Whole-column custom-function calls (`=PARTNER_HEALTH(E2:E, …)`), evaluated without HyperFormula. */
import { CellError } from 'hyperformula';
import { a1, type Cell, type CellValue, columnNumber, isDate, type SheetModel, type WorkbookModel } from '../workbook';
import {
  type CustomFunctionHost,
  callCustomFunction,
  type LastResults,
  lastResultsOf,
  probeShape,
} from './customFunctions';
import type { Evaluation } from './evaluateWorkbook';

// Whole-column custom-function calls, evaluated without HyperFormula

/** One argument of a direct call: a range (rows of cells), one cell, or a literal. */
type DirectArg =
  | { kind: 'range'; sheet: SheetModel; row: number; column: number; endRow: number | null; endColumn: number }
  | { kind: 'cell'; sheet: SheetModel; row: number; column: number }
  | { kind: 'literal'; value: CellValue };

interface DirectCall {
  sheet: SheetModel;
  row: number;
  column: number;
  cell: Cell;
  name: string;
  args: DirectArg[];
}

const CALL = /^=\s*([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)\s*$/;
const REFERENCE =
  /^(?:((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*))!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})(?:\$?(\d+))?)?$/i;

/** Splits a call's arguments at the commas outside quotes; null when an argument is not a plain reference or literal. */
function directArgs(text: string, model: WorkbookModel, current: SheetModel): DirectArg[] | null {
  if (text.trim() === '') return [];
  const parts = text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)(?=(?:[^']*'[^']*')*[^']*$)/).map((p) => p.trim());
  const args: DirectArg[] = [];
  for (const part of parts) {
    if (/^-?\d+(\.\d+)?$/.test(part)) {
      args.push({ kind: 'literal', value: Number(part) });
      continue;
    }
    if (/^"(?:[^"]|"")*"$/.test(part)) {
      args.push({ kind: 'literal', value: part.slice(1, -1).replace(/""/g, '"') });
      continue;
    }
    if (/^(TRUE|FALSE)$/i.test(part)) {
      args.push({ kind: 'literal', value: part.toUpperCase() === 'TRUE' });
      continue;
    }
    const m = REFERENCE.exec(part);
    if (!m) return null;
    const sheetName = m[1]?.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const sheet = sheetName === undefined ? current : model.sheet(sheetName);
    if (!sheet) return null;
    const row = Number(m[3]);
    const column = columnNumber(m[2]);
    if (m[4] === undefined) {
      args.push({ kind: 'cell', sheet, row, column });
      continue;
    }
    const endColumn = columnNumber(m[4]);
    const endRow = m[5] === undefined ? null : Number(m[5]);
    if (endColumn < column || (endRow !== null && endRow < row)) return null;
    args.push({ kind: 'range', sheet, row, column, endRow, endColumn });
  }
  return args;
}

/** The last row a range argument reaches: its own, or for `D2:D` the end of the grid, as Sheets passes it. */
function argEndRow(arg: Extract<DirectArg, { kind: 'range' }>): number {
  return arg.endRow ?? Math.max(arg.row + 1, arg.sheet.maxRows);
}

function argValue(arg: DirectArg): unknown {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'cell') return arg.sheet.valueAt(arg.row, arg.column);
  const rows: CellValue[][] = [];
  const endRow = argEndRow(arg);
  for (let r = arg.row; r <= endRow; r++) {
    const row: CellValue[] = [];
    for (let c = arg.column; c <= arg.endColumn; c++) row.push(arg.sheet.valueAt(r, c));
    rows.push(row);
  }
  return rows;
}

/**
 * Evaluates, without HyperFormula, every formula that is one custom-function call whose arguments are plain
 * references and literals (`=PARTNER_HEALTH(E2:E, F2:F, …)`): its ranges are read from the model, the
 * function is called once, and its result spills from the formula's cell, as Sheets does. Pushing a
 * 200,000-row sheet cell by cell through HyperFormula takes minutes (and HyperFormula's own size limit is far
 * below Sheets' 10 million cells); a direct call reads each column once.
 *
 * A call waits for the calls whose results it reads (a formula's result area: its column(s) from its own
 * row down), and is left to HyperFormula when it reads a cell holding any other formula.
 */
export function evaluateDirectly(
  model: WorkbookModel,
  host: CustomFunctionHost,
  result: Evaluation,
): { anchors: Set<Cell>; spilled: Set<Cell> } {
  const anchors = new Set<Cell>();
  const spilled = new Set<Cell>();
  const byUpperName = new Map(host.names.map((n) => [n.toUpperCase(), n]));
  if (byUpperName.size === 0) return { anchors, spilled };

  const candidates: DirectCall[] = [];
  const otherFormulas = new Map<SheetModel, { row: number; column: number }[]>();
  for (const sheet of model.sheets) {
    for (const [row, column, cell] of sheet.cells()) {
      if (cell.formula === undefined) continue;
      const m = CALL.exec(cell.formula);
      const name = m ? byUpperName.get(m[1].toUpperCase()) : undefined;
      const args = m && name ? directArgs(m[2], model, sheet) : null;
      if (name && args) candidates.push({ sheet, row, column, cell, name, args });
      else {
        const list = otherFormulas.get(sheet) ?? [];
        list.push({ row, column });
        otherFormulas.set(sheet, list);
      }
    }
  }
  if (candidates.length === 0) return { anchors, spilled };

  // How wide each function's result is (HEALTH_BREAKDOWN fills five columns), asked once with blank input.
  const widths = new Map<string, number>();
  const widthOf = (name: string) => {
    if (!widths.has(name)) widths.set(name, probeShape(host, name).width);
    return widths.get(name)!;
  };
  const readsArea = (call: DirectCall, sheet: SheetModel, top: number, left: number, right: number) =>
    call.args.some(
      (a) =>
        a.kind !== 'literal' &&
        a.sheet === sheet &&
        (a.kind === 'cell'
          ? a.row >= top && a.column >= left && a.column <= right
          : argEndRow(a) >= top && a.endColumn >= left && a.column <= right),
    );
  const readsOtherFormula = (call: DirectCall) =>
    call.args.some(
      (a) =>
        a.kind !== 'literal' &&
        (otherFormulas.get(a.sheet) ?? []).some((f) =>
          a.kind === 'cell'
            ? f.row === a.row && f.column === a.column
            : f.row >= a.row && f.row <= argEndRow(a) && f.column >= a.column && f.column <= a.endColumn,
        ),
    );

  let pending = candidates.filter((c) => !readsOtherFormula(c));
  while (pending.length > 0) {
    const ready = pending.filter(
      (call) =>
        !pending.some(
          (other) =>
            other !== call &&
            readsArea(call, other.sheet, other.row, other.column, other.column + widthOf(other.name) - 1),
        ),
    );
    // Calls reading each other (or their own result) are left to HyperFormula, which reports the cycle.
    if (ready.length === 0) break;
    for (const call of ready) {
      if (readsArea(call, call.sheet, call.row, call.column, call.column + widthOf(call.name) - 1)) continue;
      runDirectCall(call, host, result, spilled, lastResultsOf(model), model.sheets.indexOf(call.sheet));
      anchors.add(call.cell);
    }
    pending = pending.filter((c) => !ready.includes(c));
  }
  return { anchors, spilled };
}

function runDirectCall(
  call: DirectCall,
  host: CustomFunctionHost,
  result: Evaluation,
  spilled: Set<Cell>,
  lastResults: LastResults,
  sheetIndex: number,
): void {
  const { sheet, row, column, cell } = call;
  result.formulas++;
  const fail = (value: string, message: string) => {
    cell.value = value;
    cell.error = message;
    result.errors.push({ sheet: sheet.name, row, column, value, message });
  };
  // As Sheets, rerun only when an argument changed (the same key as HyperFormula's path).
  const anchor = { sheet: sheetIndex, row: row - 1, col: column - 1 };
  const returned = callCustomFunction(host, call.name, call.args.map(argValue), anchor, lastResults, () => {
    result.customFunctionCalls++;
  });
  if (returned instanceof CellError) {
    fail('#ERROR!', returned.message ?? '');
    return;
  }
  const plain = (v: unknown): CellValue => {
    if (isDate(v)) return new Date(v.getTime());
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return String(v);
  };
  const rows: unknown[][] = !Array.isArray(returned)
    ? [[returned]]
    : returned.length > 0 && !Array.isArray(returned[0])
      ? [returned]
      : (returned as unknown[][]);
  const height = rows.length;
  // A loop, not Math.max(...rows): spreading 200,000 arguments overflows the call stack.
  let width = 0;
  for (const r of rows) if (Array.isArray(r) && r.length > width) width = r.length;
  if (height === 0 || width === 0) {
    fail('#N/A', 'Result was empty.');
    return;
  }
  // Sheets refuses to spill over cells that hold something, and says which.
  for (let r = row; r < row + height; r++)
    for (let c = column; c < column + width; c++)
      if ((r !== row || c !== column) && sheet.hasContent(r, c)) {
        fail('#REF!', `Array result was not expanded because it would overwrite data in ${a1(r, c)}.`);
        return;
      }
  cell.value = plain(rows[0][0]);
  delete cell.error;
  if (height === 1 && width === 1) return;
  cell.spill = { rows: height, columns: width };
  if (sheet.maxRows < row + height - 1) sheet.maxRows = row + height - 1;
  for (let r = 0; r < height; r++) {
    const values = rows[r] ?? [];
    for (let c = 0; c < width; c++) {
      if (r === 0 && c === 0) continue;
      const target = sheet.ensure(row + r, column + c);
      target.value = plain(values[c]);
      delete target.error;
      target.spilledFrom = { row, column };
      spilled.add(target);
    }
  }
}

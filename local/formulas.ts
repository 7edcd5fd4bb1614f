/**
 * Formula evaluation for the local runtime: HyperFormula computes the workbook's formulas, with the
 * bundle's custom functions registered as a HyperFormula function plugin, and the results are written back
 * into the workbook model the way Sheets would show them.
 *
 * What Sheets does that we copy (https://developers.google.com/apps-script/guides/sheets/functions):
 *  - a range argument arrives as a 2-D array (rows of cells), a single cell as a plain value;
 *  - blank cells arrive as "", date cells as Date, percent cells as fractions;
 *  - a thrown Error shows as #ERROR! whose message is the error's message;
 *  - a returned 2-D array spills down and right from the formula's cell.
 *
 * Two gaps, filled here:
 *  - HyperFormula cannot parse open-ended ranges like `D2:D` (Sheets: "from row 2 to the end"). Before
 *    evaluation they are rewritten to a bounded range ending at the referenced sheet's last row with
 *    content (`D2:D41`). Sheets would pass rows down to the sheet's max row, which only adds blank rows at
 *    the end; the bundle's functions return "" for those anyway.
 *  - HyperFormula must know the size of a function's result array before it runs the function. A custom
 *    function's result is predicted as one column, as tall as its tallest range argument: exactly the
 *    shape of the bundle's whole-column functions. A result of another shape is cut or padded with "".
 */
import { createHash } from 'node:crypto';
import type { FunctionMetadata, RawCellContent } from 'hyperformula';
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import {
  a1,
  type Cell,
  type CellValue,
  columnNumber,
  dateOfSerial,
  isDate,
  type SheetModel,
  serialOfDate,
  type WorkbookModel,
} from './workbook';

/** What evaluation needs from whoever runs the bundle: which functions it has, and a way to call one. */
export interface CustomFunctionHost {
  names: readonly string[];
  /** Calls the bundle's top-level function with Sheets-style arguments; throws what the function throws. */
  call(name: string, args: unknown[]): unknown;
}

/**
 * The custom functions of a bundle: top-level `function NAME(` declarations whose JSDoc carries
 * `@customfunction`, which is also how Sheets decides what to offer in autocomplete.
 */
export function customFunctionNames(code: string): string[] {
  const names: string[] = [];
  const docThenFunction = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g;
  for (const m of code.matchAll(docThenFunction)) {
    if (/@customfunction\b/.test(m[1])) names.push(m[2]);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// Open-ended ranges

const OPEN_RANGE = /((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3})(?![\w($])/g;

/** Rewrites `D2:D` (and `'Sheet'!D2:D`) to end where `lastRowOf` says (the grid's end); strings are left alone. */
export function boundOpenRanges(formula: string, lastRowOf: (sheetName: string | null) => number): string {
  // Split on string literals so "A2:A" inside quotes stays text.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(
        OPEN_RANGE,
        (all, prefix: string | undefined, start: string, endColumn: string, offset: number, whole: string) => {
          const before = offset > 0 ? whole[offset - 1] : '';
          if (/[\w$.]/.test(before)) return all;
          const sheetName = prefix
            ? prefix
                .slice(0, -1)
                .replace(/^'(.*)'$/, '$1')
                .replace(/''/g, "'")
            : null;
          const startRow = Number(/\d+$/.exec(start)![0]);
          // At least two rows: Sheets passes `D2:D` as a column even when only row 2 has content, and a
          // one-cell range would reach the function as a single value.
          return `${prefix ?? ''}${start}:${endColumn}${Math.max(startRow + 1, lastRowOf(sheetName))}`;
        },
      );
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------------------
// Values between HyperFormula and Sheets-style custom functions

interface RichNumberLike {
  val: number;
  getDetailedType(): string;
}

function isRichNumber(v: unknown): v is RichNumberLike {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as RichNumberLike).val === 'number' &&
    typeof (v as RichNumberLike).getDetailedType === 'function'
  );
}

/** How Sheets spells each error value (Sheets reports a blocked spill as #REF!). */
const ERROR_TEXT: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NAME: '#NAME?',
  VALUE: '#VALUE!',
  NUM: '#NUM!',
  NA: '#N/A',
  CYCLE: '#REF!',
  REF: '#REF!',
  SPILL: '#REF!',
  LIC: '#ERROR!',
  ERROR: '#ERROR!',
};

/** One HyperFormula scalar as Sheets hands it to a custom function. */
function sheetsValue(v: unknown): unknown {
  if (v === EmptyValue || v === null || v === undefined) return '';
  if (v instanceof CellError) return ERROR_TEXT[v.type] ?? '#ERROR!';
  if (isRichNumber(v)) {
    const type = v.getDetailedType();
    if (type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME' || type === 'NUMBER_TIME') return dateOfSerial(v.val);
    return v.val;
  }
  return v;
}

function sheetsArgument(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(sheetsValue));
  return sheetsValue(v);
}

export interface Evaluation {
  /** Custom function calls made. */
  customFunctionCalls: number;
  /** Formula cells evaluated (anchors). */
  formulas: number;
  /** Anchors whose value is an error, with the message. */
  errors: { sheet: string; row: number; column: number; value: string; message: string }[];
}

/**
 * Evaluates every formula of the workbook and writes the results into the model: anchors get their value
 * (or error and message), spilled cells get theirs and remember their anchor. Values and formulas are
 * otherwise untouched.
 */
export function evaluateWorkbook(model: WorkbookModel, host: CustomFunctionHost): Evaluation {
  const sheets = model.sheets;
  const anyFormula = sheets.some((s) => s.hasFormula());
  const result: Evaluation = { customFunctionCalls: 0, formulas: 0, errors: [] };
  if (!anyFormula) return result;

  // Forget last evaluation's spill areas; this evaluation decides them again.
  for (const sheet of sheets) {
    for (const [, , cell] of sheet.cells()) {
      if (cell.spilledFrom) {
        cell.value = '';
        delete cell.spilledFrom;
        delete cell.error;
      }
      delete cell.spill;
    }
  }

  // Whole-column custom-function calls are evaluated first, directly (see evaluateDirectly); what is left —
  // built-in formulas and anything that reads them — goes through HyperFormula.
  const direct = evaluateDirectly(model, host, result);
  const leftForHyperFormula = (sheet: SheetModel) => {
    for (const [, , cell] of sheet.cells()) if (cell.formula !== undefined && !direct.anchors.has(cell)) return true;
    return false;
  };
  if (!sheets.some(leftForHyperFormula)) return result;

  // Cells a custom function returned a Date for, so they read back as dates ("sheetIndex:row:col", 0-based).
  const dateResults = new Set<string>();
  const hooks: CallHooks = {
    onCall: () => void result.customFunctionCalls++,
    onDateResult: (sheet, row, col) => void dateResults.add(`${sheet}:${row}:${col}`),
    lastResults: lastResultsOf(model),
  };

  const sheetContents: Record<string, RawCellContent[][]> = {};
  // Sheets hands `D2:D` over to the end of the grid, blank rows included (docs/google-fidelity.md).
  const lastRowOf = (sheetName: string | null, current: SheetModel) =>
    (sheetName === null ? current : (model.sheet(sheetName) ?? current)).maxRows;
  for (const sheet of sheets) {
    const extent = sheet.storedExtent();
    const rows: RawCellContent[][] = [];
    for (let r = 1; r <= extent.rows; r++) {
      const row: RawCellContent[] = [];
      for (let c = 1; c <= extent.columns; c++) {
        const cell = sheet.cell(r, c);
        if (!cell) row.push(null);
        else if (direct.anchors.has(cell) || direct.spilled.has(cell)) row.push(hfContent(cell.value, cell.error));
        else if (cell.spilledFrom) row.push(null);
        else if (cell.formula !== undefined) row.push(boundOpenRanges(cell.formula, (n) => lastRowOf(n, sheet)));
        else row.push(hfContent(cell.value, cell.error));
      }
      rows.push(row);
    }
    sheetContents[sheet.name] = rows;
  }

  const unregister = registerCustomFunctions(host, hooks);
  let hf: HyperFormula;
  try {
    hf = HyperFormula.buildFromSheets(sheetContents, HF_CONFIG);
  } finally {
    unregister();
  }

  sheets.forEach((sheet, sheetIndex) => {
    const hfId = hf.getSheetId(sheet.name)!;
    const readCell = (row: number, column: number): { value: CellValue; error?: string } => {
      const address = { sheet: hfId, row: row - 1, col: column - 1 };
      const v = hf.getCellValue(address);
      if (v !== null && typeof v === 'object') return { value: v.value, error: v.message ?? v.value };
      if (v === null) return { value: '' };
      if (typeof v === 'number') {
        const type = hf.getCellValueDetailedType(address);
        if (
          dateResults.has(`${sheetIndex}:${row - 1}:${column - 1}`) ||
          type === 'NUMBER_DATE' ||
          type === 'NUMBER_DATETIME'
        )
          return { value: dateOfSerial(v) };
      }
      return { value: v };
    };
    for (const [row, column, cell] of [...sheet.cells()]) {
      if (cell.formula === undefined || direct.anchors.has(cell)) continue;
      result.formulas++;
      const read = readCell(row, column);
      const cachedUnknownFunction =
        read.error !== undefined && read.value === '#NAME?' && cell.value !== '' && !cell.error;
      if (cachedUnknownFunction) continue; // a function HyperFormula lacks (QUERY…): keep the value Sheets saved
      cell.value = read.value;
      if (read.error !== undefined) {
        cell.error = read.error;
        result.errors.push({ sheet: sheet.name, row, column, value: String(read.value), message: read.error });
      } else delete cell.error;
      // Measure the spill: the cells right of and below the anchor that HyperFormula says belong to its array.
      const address = { sheet: hfId, row: row - 1, col: column - 1 };
      if (!hf.isCellPartOfArray(address)) continue;
      let rows = 1;
      while (hf.isCellPartOfArray({ ...address, row: address.row + rows }) && !sheet.cell(row + rows, column)?.formula)
        rows++;
      let columns = 1;
      while (
        hf.isCellPartOfArray({ ...address, col: address.col + columns }) &&
        !sheet.cell(row, column + columns)?.formula
      )
        columns++;
      if (rows === 1 && columns === 1) continue;
      cell.spill = { rows, columns };
      for (let r = row; r < row + rows; r++)
        for (let c = column; c < column + columns; c++) {
          if (r === row && c === column) continue;
          const target = sheet.ensure(r, c);
          const spilled = readCell(r, c);
          target.value = spilled.value;
          if (spilled.error !== undefined) target.error = spilled.error;
          else delete target.error;
          target.spilledFrom = { row, column };
        }
    }
  });
  hf.destroy();
  return result;
}

// ---------------------------------------------------------------------------------------------------------
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
function evaluateDirectly(
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
  lastResults: Map<string, { args: string; returned: unknown }>,
  sheetIndex: number,
): void {
  const { sheet, row, column, cell } = call;
  result.formulas++;
  const fail = (value: string, message: string) => {
    cell.value = value;
    cell.error = message;
    result.errors.push({ sheet: sheet.name, row, column, value, message });
  };
  // As Sheets, rerun only when an argument changed (see CallHooks.lastResults; the same key as HyperFormula's path).
  const args = call.args.map(argValue);
  const key = `${call.name}@${sheetIndex}:${row - 1}:${column - 1}`;
  const signature = argumentsSignature(args);
  const last = lastResults.get(key);
  let returned: unknown;
  if (last && last.args === signature) {
    returned = last.returned;
  } else {
    result.customFunctionCalls++;
    try {
      returned = host.call(call.name, args);
    } catch (error) {
      returned = new CellError(
        ErrorType.ERROR,
        typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error),
      );
    }
    lastResults.set(key, { args: signature, returned });
  }
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

/** What evaluation wants to hear of each call: that it happened, and which result cells hold dates. */
export interface CallHooks {
  onCall?(): void;
  onDateResult?(sheet: number, row: number, col: number): void;
  /**
   * Each formula's last arguments and result. Sheets reruns a custom function only when one of its arguments
   * changed (https://developers.google.com/apps-script/guides/sheets/functions#optimization): a formula whose
   * arguments are the same keeps its value, even if the function would now answer otherwise (a new day).
   */
  lastResults?: Map<string, { args: string; returned: unknown }>;
}

const LAST_RESULTS = new WeakMap<WorkbookModel, Map<string, { args: string; returned: unknown }>>();

/** The formulas' last arguments and results of a workbook, kept for as long as the workbook is open. */
function lastResultsOf(model: WorkbookModel): Map<string, { args: string; returned: unknown }> {
  let results = LAST_RESULTS.get(model);
  if (!results) {
    results = new Map();
    LAST_RESULTS.set(model, results);
  }
  return results;
}

/** Arguments as a comparable text: dates by their instant, so the same date cell compares equal. */
function argumentsSignature(args: unknown[]): string {
  const text = JSON.stringify(args, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return isDate(raw) ? { date: raw.getTime() } : value;
  });
  // A digest, so whole columns of 200,000 rows are not kept as text between evaluations.
  return createHash('sha1').update(text).digest('base64');
}

/** Sheets' limits: 10 million cells per spreadsheet, 18,278 columns (ZZZ) per sheet. HyperFormula's defaults are far lower (40,000 rows). */
export const SHEETS_MAX_CELLS = 10_000_000;
export const SHEETS_MAX_COLUMNS = 18_278;

/** HyperFormula's settings for a Sheets-like workbook: Sheets' date serials and date entry formats. */
export const HF_CONFIG = {
  licenseKey: 'gpl-v3',
  maxRows: SHEETS_MAX_CELLS,
  maxColumns: SHEETS_MAX_COLUMNS,
  dateFormats: ['YYYY-MM-DD', 'MM/DD/YYYY'],
  nullDate: { year: 1899, month: 12, day: 30 },
};

/**
 * Registers the host's custom functions in HyperFormula (whose function registry is global) so formulas call
 * them the way Sheets does; returns the function that unregisters them.
 */
export function registerCustomFunctions(host: CustomFunctionHost, hooks: CallHooks = {}): () => void {
  if (host.names.length === 0) return () => undefined;
  const shapes = new Map<string, ResultShape>();
  const shapeOf = (name: string): ResultShape => {
    let shape = shapes.get(name);
    if (!shape) {
      shape = probeShape(host, name);
      shapes.set(name, shape);
    }
    return shape;
  };

  class BundleFunctions extends FunctionPlugin {
    static implementedFunctions: Record<string, FunctionMetadata> = {};

    /** As wide as the function's rows, as tall as the tallest range argument (see probeShape). */
    resultSize(ast: { args: unknown[]; procedureName?: string }, state: unknown): ArraySize {
      const shape = ast.procedureName ? shapeOf(ast.procedureName) : { width: 1, fixedHeight: null };
      let height = 1;
      for (const arg of ast.args) {
        const size = this.arraySizeForAst(
          arg as Parameters<FunctionPlugin['arraySizeForAst']>[0],
          state as Parameters<FunctionPlugin['arraySizeForAst']>[1],
        );
        height = Math.max(height, size.height);
      }
      if (shape.fixedHeight !== null) height = shape.fixedHeight;
      return height === 1 && shape.width === 1 ? ArraySize.scalar() : new ArraySize(shape.width, height);
    }
  }

  for (const name of host.names) {
    const method = `call_${name}`;
    BundleFunctions.implementedFunctions[name] = {
      method,
      sizeOfResultArrayMethod: 'resultSize',
      parameters: [{ argumentType: FunctionArgumentType.ANY, passSubtype: true, optionalArg: true }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    };
    type Ast = Parameters<FunctionPlugin['arraySizeForAst']>[0] & {
      args: Parameters<FunctionPlugin['arraySizeForAst']>[0][];
    };
    type State = Parameters<FunctionPlugin['arraySizeForAst']>[1];
    (BundleFunctions.prototype as unknown as Record<string, unknown>)[method] = function (
      this: BundleFunctions & {
        runFunction: (...args: unknown[]) => unknown;
        metadata: (n: string) => FunctionMetadata;
      },
      ast: Ast,
      state: State,
    ) {
      const expected = this.resultSize(ast, state);
      const anchor = (state as { formulaAddress: { sheet: number; row: number; col: number } }).formulaAddress;
      return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) => {
        const sheetsArgs = args.map(sheetsArgument);
        const key = `${name}@${anchor.sheet}:${anchor.row}:${anchor.col}`;
        const signature = hooks.lastResults ? argumentsSignature(sheetsArgs) : '';
        const last = hooks.lastResults?.get(key);
        let returned: unknown;
        if (last && last.args === signature) {
          returned = last.returned;
        } else {
          hooks.onCall?.();
          try {
            returned = host.call(name, sheetsArgs);
          } catch (error) {
            const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
            returned = new CellError(ErrorType.ERROR, message);
          }
          hooks.lastResults?.set(key, { args: signature, returned });
        }
        if (returned instanceof CellError) return returned;
        const toHf = (v: unknown, r: number, c: number): HfScalar => {
          if (isDate(v)) {
            hooks.onDateResult?.(anchor.sheet, anchor.row + r, anchor.col + c);
            return serialOfDate(v);
          }
          if (v === null || v === undefined) return '';
          if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
          return String(v);
        };
        if (!Array.isArray(returned))
          return expected.isScalar() ? toHf(returned, 0, 0) : padded([[returned]], expected, toHf);
        const rows: unknown[][] =
          returned.length > 0 && !Array.isArray(returned[0]) ? [returned] : (returned as unknown[][]);
        if (expected.isScalar()) return toHf(rows[0]?.[0], 0, 0);
        return padded(rows, expected, toHf);
      });
    };
  }

  const translations = Object.fromEntries(host.names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(BundleFunctions, { enGB: translations, enUS: translations });
  return () => HyperFormula.unregisterFunctionPlugin(BundleFunctions);
}

type HfScalar = number | string | boolean;

/** How a custom function's result is laid out: its width, and a height of its own or the input's. */
interface ResultShape {
  width: number;
  fixedHeight: number | null;
}

/**
 * Sheets sizes a custom function's result from the array it returns; HyperFormula must know the size before
 * it calls the function. So each function is asked once, with blank two-row columns for its arguments, what
 * its rows look like: as wide as they come back, and as tall as the input when two rows give two rows.
 * A function that refuses blank input keeps the usual shape, one column as tall as the input.
 */
function probeShape(host: CustomFunctionHost, name: string): ResultShape {
  const blankColumn = [[''], ['']];
  try {
    const out = host.call(
      name,
      Array.from({ length: 8 }, () => blankColumn),
    );
    if (!Array.isArray(out) || out.length === 0) return { width: 1, fixedHeight: null };
    const rows = (Array.isArray(out[0]) ? out : [out]) as unknown[][];
    const width = Math.max(1, ...rows.map((r) => r.length));
    // Column functions give one row per input row, or fewer when they leave out trailing blank rows.
    return { width, fixedHeight: rows.length <= 2 ? null : rows.length };
  } catch {
    return { width: 1, fixedHeight: null };
  }
}

function padded(
  rows: unknown[][],
  size: ArraySize,
  toHf: (v: unknown, r: number, c: number) => HfScalar,
): SimpleRangeValue {
  const out: HfScalar[][] = [];
  for (let r = 0; r < size.height; r++) {
    const row: HfScalar[] = [];
    for (let c = 0; c < size.width; c++) row.push(toHf(rows[r]?.[c] ?? '', r, c));
    out.push(row);
  }
  return SimpleRangeValue.onlyValues(out);
}

/** A plain cell for HyperFormula. Error values stay errors; text is marked as text (leading '), so "20%" or "2026-01-05" stays text. */
function hfContent(value: CellValue, error?: string): RawCellContent {
  if (value === '') return null;
  // An error value (#N/A) is given as such: HyperFormula reads "#N/A" typed into a cell as the error.
  if (error !== undefined && typeof value === 'string' && value.startsWith('#')) return value;
  if (typeof value === 'string') return `'${value}`;
  if (isDate(value)) return value;
  return value;
}

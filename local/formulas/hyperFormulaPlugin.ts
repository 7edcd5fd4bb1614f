/**
 * The bundle's custom functions as a HyperFormula function plugin, and values between HyperFormula and
 * Sheets-style custom functions (https://developers.google.com/apps-script/guides/sheets/functions):
 *  - a range argument arrives as a 2-D array (rows of cells), a single cell as a plain value;
 *  - blank cells arrive as "", date cells as Date, percent cells as fractions;
 *  - a thrown Error shows as #ERROR! whose message is the error's message;
 *  - a returned 2-D array spills down and right from the formula's cell.
 *
 * HyperFormula must know the size of a function's result array before it runs the function. A custom
 * function's result is predicted as one column, as tall as its tallest range argument: exactly the
 * shape of the bundle's whole-column functions (probeShape, customFunctions.ts). A result of another shape is
 * cut or padded with "".
 */
import type { FunctionMetadata, RawCellContent } from 'hyperformula';
import {
  ArraySize,
  CellError,
  EmptyValue,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { type CellValue, dateOfSerial, isDate, serialOfDate } from '../workbook';
import {
  type CustomFunctionHost,
  callCustomFunction,
  type LastResults,
  probeShape,
  type ResultShape,
} from './customFunctions';

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

/** What evaluation wants to hear of each call: that it happened, and which result cells hold dates. */
export interface CallHooks {
  onCall?(): void;
  onDateResult?(sheet: number, row: number, col: number): void;
  /**
   * Each formula's last arguments and result. Sheets reruns a custom function only when one of its arguments
   * changed (https://developers.google.com/apps-script/guides/sheets/functions#optimization): a formula whose
   * arguments are the same keeps its value, even if the function would now answer otherwise (a new day).
   */
  lastResults?: LastResults;
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
        const returned = callCustomFunction(host, name, args.map(sheetsArgument), anchor, hooks.lastResults, () =>
          hooks.onCall?.(),
        );
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
export function hfContent(value: CellValue, error?: string): RawCellContent {
  if (value === '') return null;
  // An error value (#N/A) is given as such: HyperFormula reads "#N/A" typed into a cell as the error.
  if (error !== undefined && typeof value === 'string' && value.startsWith('#')) return value;
  if (typeof value === 'string') return `'${value}`;
  if (isDate(value)) return value;
  return value;
}

/**
 * The bundle's custom functions as formulas call them: which functions there are, how wide their results are,
 * and calling one as Sheets does — rerun only when an argument changed
 * (https://developers.google.com/apps-script/guides/sheets/functions#optimization). Shared by the whole-column
 * calls (wholeColumnCalls.ts) and the HyperFormula plugin (hyperFormulaPlugin.ts).
 */
import { createHash } from 'node:crypto';
import { CellError, ErrorType } from 'hyperformula';
import { isDate, type WorkbookModel } from '../workbook';

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

/** Each formula's last arguments and result, by "NAME@sheet:row:col" (0-based), as CallHooks.lastResults. */
export type LastResults = Map<string, { args: string; returned: unknown }>;

const LAST_RESULTS = new WeakMap<WorkbookModel, LastResults>();

/** The formulas' last arguments and results of a workbook, kept for as long as the workbook is open. */
export function lastResultsOf(model: WorkbookModel): LastResults {
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

/** How a custom function's result is laid out: its width, and a height of its own or the input's. */
export interface ResultShape {
  width: number;
  fixedHeight: number | null;
}

/**
 * Sheets sizes a custom function's result from the array it returns; HyperFormula must know the size before
 * it calls the function. So each function is asked once, with blank two-row columns for its arguments, what
 * its rows look like: as wide as they come back, and as tall as the input when two rows give two rows.
 * A function that refuses blank input keeps the usual shape, one column as tall as the input.
 */
export function probeShape(host: CustomFunctionHost, name: string): ResultShape {
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

/** An error a custom function threw, as the text its cell shows after #ERROR!. */
export function thrownMessage(error: unknown): string {
  return typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
}

/**
 * Calls `name` for the formula at `anchor` (0-based) as Sheets does: only when its arguments changed since its
 * last call (`lastResults`; without it, always), else the last result stays; `onCall` hears of each real call.
 * A thrown error comes back as HyperFormula's #ERROR! with the error's message.
 */
export function callCustomFunction(
  host: CustomFunctionHost,
  name: string,
  args: unknown[],
  anchor: { sheet: number; row: number; col: number },
  lastResults: LastResults | undefined,
  onCall: () => void,
): unknown {
  const key = `${name}@${anchor.sheet}:${anchor.row}:${anchor.col}`;
  const signature = lastResults ? argumentsSignature(args) : '';
  const last = lastResults?.get(key);
  if (last && last.args === signature) return last.returned;
  onCall();
  let returned: unknown;
  try {
    returned = host.call(name, args);
  } catch (error) {
    returned = new CellError(ErrorType.ERROR, thrownMessage(error));
  }
  lastResults?.set(key, { args: signature, returned });
  return returned;
}

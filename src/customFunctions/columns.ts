import type { DayNumber, SheetCalendar } from '../core/reading/calendar';
import type { CellValue } from '../core/reading/cells';
import type { Rules } from '../core/rules';

/**
 * What every formula computes with: the rules from Settings, the spreadsheet's calendar (its zone and locale)
 * and the day the formula is as of — today in the spreadsheet's zone, or the `as_of` argument
 * (docs/time-zones.md, "Formulas that move on").
 */
export interface FormulaContext {
  rules: Rules;
  calendar: SheetCalendar;
  today: DayNumber;
}

/** A custom function argument: one cell's value, or a range as Sheets passes it (rows of cells). */
export type Arg = CellValue | CellValue[][];
export type Output = string | number | Date;

/** The rows of a call: each row holds one value per argument. `column` is false for a single-cell call. */
export interface CallRows {
  column: boolean;
  rows: CellValue[][];
}

/**
 * Lines up the arguments of a custom function call row by row. Sheets passes a single cell as a plain value
 * and a range as a 2-D array; a whole-column call (`D2:D`) therefore arrives as N rows of one cell each.
 * Single-cell arguments next to columns are repeated on every row (a threshold, say).
 */
export function callRows(functionName: string, paramNames: readonly string[], args: readonly Arg[]): CallRows {
  let height: number | null = null;
  let tallest = '';
  paramNames.forEach((name, i) => {
    const arg = args[i];
    if (!Array.isArray(arg)) return;
    const width = arg.reduce((w, row) => Math.max(w, Array.isArray(row) ? row.length : 1), 0);
    if (width > 1) {
      throw new Error(`${functionName}: ${name} must be one column, but the range given has ${width} columns.`);
    }
    if (height === null) {
      height = arg.length;
      tallest = name;
    } else if (arg.length !== height) {
      throw new Error(
        `${functionName}: ${name} has ${arg.length} rows but ${tallest} has ${height}. ` +
          'Give ranges of the same height, for example D2:D and E2:E.',
      );
    }
  });
  if (height === null) return { column: false, rows: [paramNames.map((_, i) => args[i] as CellValue)] };
  // Sheets passes `D2:D` down to the end of the grid. The result stops at the last row with data in any column
  // given, so a value a user keeps further down the result column does not block it (#REF!, "Array result was
  // not expanded…"; docs/google-fidelity.md). At least one row, as Sheets shows nothing for an empty array.
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  let used = height as number;
  while (
    used > 1 &&
    paramNames.every((_, i) => {
      const arg = args[i];
      if (!Array.isArray(arg)) return true;
      const row = arg[used - 1];
      return blank(Array.isArray(row) ? row[0] : row);
    })
  )
    used--;
  const rows: CellValue[][] = [];
  for (let r = 0; r < used; r++) {
    rows.push(
      paramNames.map((_, i) => {
        const arg = args[i];
        if (!Array.isArray(arg)) return arg;
        const row = arg[r];
        return Array.isArray(row) ? row[0] : (row as CellValue);
      }),
    );
  }
  return { column: true, rows };
}

/** One row's result: a value for the cell, or the error that explains what is wrong with the row. */
export type RowResult = Output | Error;

/**
 * What Sheets gets back. A single-cell call throws, so Sheets marks the cell #ERROR! with our message; a
 * column call returns one cell per row, a bad row's cell holding its message so every other row still computes.
 */
export function callResult(call: CallRows, results: RowResult[]): Output | Output[][] {
  if (!call.column) {
    const only = results[0];
    if (only instanceof Error) throw only;
    return only;
  }
  return results.map((r) => [r instanceof Error ? errorText(r) : r]);
}

export function errorText(error: Error): string {
  return `Error: ${error.message}`;
}

/** A cell that already holds another PartnerPulse function's error, passed on unchanged down a chain. */
export function isErrorText(value: CellValue): boolean {
  return typeof value === 'string' && value.startsWith('Error: ');
}

/** Runs `compute`, turning an input error into the row's result instead of failing the whole call. */
export function perRow<T>(compute: () => T): T | Error {
  try {
    return compute();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The explanation SEGMENT and PARTNER_QUADRANT give for a single cell. */
export function needsColumns(functionName: string, example: string, why: string): Error {
  return new Error(`${functionName} needs whole columns, for example ${example}: ${why}`);
}

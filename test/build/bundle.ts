// Loads dist/Code.js the way Apps Script does: one classic script in a fresh global scope, with no module
// loader (no require, module or process). Values cross into it as Sheets hands them to a custom function:
// blanks as "", numbers, text, and date cells as Date objects of the script's own realm.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { formatDate } from '../../local/services/utilities';

export const ROOT = join(__dirname, '..', '..');
export const CODE_JS = join(ROOT, 'dist', 'Code.js');

export const CUSTOM_FUNCTIONS = [
  'PARTNER_HEALTH',
  'PARTNER_TIER',
  'SEGMENT',
  'PARTNER_QUADRANT',
  'NEXT_TOUCH',
  'HEALTH_BREAKDOWN',
  'HEALTH_CHANGE',
  'PARTNER_STAGE',
  'PARTNER_METRICS',
] as const;
export type CustomFunctionName = (typeof CUSTOM_FUNCTIONS)[number];

/** A calendar day, month 1–12. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** One cell as Sheets passes it to a custom function. */
export type SheetsCell = string | number | boolean | Date;
export type SheetsArg = SheetsCell | SheetsCell[][];

/** dist/Code.js, built first when `npm test` has not built it (e.g. `npx jest test/build` on a fresh clone). */
export function builtCode(): string {
  if (!existsSync(CODE_JS))
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  return readFileSync(CODE_JS, 'utf8');
}

export interface Bundle {
  context: vm.Context;
  /** Calls a top-level function of Code.js by name, as Sheets calls a custom function. */
  call(name: CustomFunctionName, ...args: SheetsArg[]): unknown;
  /** A date cell: local midnight of `day`, a Date of the script's realm (what Sheets passes). */
  date(day: Day): Date;
  /** Evaluates an expression inside the script's global scope. */
  evaluate(expression: string): unknown;
}

/**
 * Runs Code.js in a new context. With `today`, the script's clock reads noon of that day (the custom functions
 * judge last-activity dates against "now"), as if the sheet recalculated on that day.
 */
export function loadBundle(options: { today?: Day; timeZone?: string; locale?: string } = {}): Bundle {
  // What a custom function may call (Google's guide): the spreadsheet's zone and locale, Utilities and the
  // document's properties (no Settings saved: the defaults).
  const spreadsheet = {
    getSpreadsheetTimeZone: () => options.timeZone ?? 'America/New_York',
    getSpreadsheetLocale: () => options.locale ?? 'en_US',
  };
  const context = vm.createContext({
    SpreadsheetApp: { getActiveSpreadsheet: () => spreadsheet },
    Utilities: { formatDate },
    PropertiesService: { getDocumentProperties: () => ({ getProperty: () => null }) },
  });
  if (options.today) {
    const { year, month, day } = options.today;
    vm.runInContext(
      `(function () {
        var RealDate = Date;
        var fixed = new RealDate(${year}, ${month - 1}, ${day}, 12).getTime();
        class FixedDate extends RealDate {
          constructor(...args) { if (args.length === 0) super(fixed); else super(...args); }
          static now() { return fixed; }
        }
        globalThis.Date = FixedDate;
      })();`,
      context,
    );
  }
  vm.runInContext(builtCode(), context, { filename: 'Code.js' });
  const evaluate = (expression: string): unknown => vm.runInContext(expression, context);
  const makeDate = evaluate('(function (y, m, d) { return new Date(y, m - 1, d); })') as (
    y: number,
    m: number,
    d: number,
  ) => Date;
  return {
    context,
    call: (name, ...args) => (context[name] as (...a: SheetsArg[]) => unknown)(...args),
    date: ({ year, month, day }) => makeDate(year, month, day),
    evaluate,
  };
}

/** A value as a user sees it in the cell: dates as YYYY-MM-DD, columns as plain nested arrays. */
export function shown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shown);
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return value;
}

/** The message of what `run` throws (errors of the script's realm are not `instanceof Error` here). */
export function thrownMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  throw new Error('expected the call to throw, but it returned normally');
}

/** A column as Sheets passes a one-column range: one single-cell row per value. */
export function column(...values: SheetsCell[]): SheetsCell[][] {
  return values.map((v) => [v]);
}

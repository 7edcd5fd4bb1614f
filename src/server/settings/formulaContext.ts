import type { DayNumber } from '../../core/reading/calendar';
import { type CellValue, isBlank, readDate } from '../../core/reading/cells';
import type { Settings } from '../../core/settings/settings';
import type { Arg, FormulaContext } from '../../customFunctions/columns';
import { calendarOf, loadSettings } from '../platform/spreadsheetContext';

/** Where PartnerPulse keeps the as-of date and Settings version that formulas take as `as_of`. */
export const AS_OF_SHEET = 'PartnerPulse';
export const AS_OF_RANGE = `${AS_OF_SHEET}!B1:B2`;

/**
 * The settings a custom function works with. Google's custom-function guide lists the Properties service
 * among those a custom function may call, so the formulas read the same stored settings as the menu and the
 * triggers. Settings never saved are the defaults; Settings that cannot be read are an error on the cell, never
 * a silent fall-back to the defaults (a score under other rules than the sheet's would mislead).
 */
export function settingsForFormulas(): Settings {
  try {
    // A script neither bound to a file nor an add-on has no document properties: it has the defaults (the store).
    return loadSettings();
  } catch (error) {
    throw new Error(
      `PartnerPulse could not read its Settings (${(error as Error).message}); reload the sheet, and if it stays, open PartnerPulse > Settings….`,
    );
  }
}

/**
 * Everything a formula computes with (docs/time-zones.md). `asOf` is the formula's optional last argument:
 * PartnerPulse!B1:B2 (the as-of date and Settings version PartnerPulse writes every day and on every Settings
 * save, so Sheets recalculates the formula then: Sheets reruns a custom function only when an argument
 * changes), a date, or blank for today in the spreadsheet's zone.
 */
export function formulaContext(asOf?: Arg): FormulaContext {
  const settings = settingsForFormulas();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const calendar = calendarOf(ss);
  const given = asOfDay(asOf, (value) => readDate(value, 'as_of', calendar));
  return { rules: settings.rules, calendar, today: given ?? calendar.dayOf(new Date()) };
}

/** The day an `as_of` argument names: its first cell (the as-of range's date), null when blank or omitted. */
function asOfDay(asOf: Arg | undefined, read: (value: CellValue) => DayNumber | null): DayNumber | null {
  const first = Array.isArray(asOf) ? asOf[0]?.[0] : asOf;
  if (first === undefined || isBlank(first)) return null;
  try {
    return read(first);
  } catch {
    throw new Error(
      `as_of ${String(first)} is not a date; allowed: ${AS_OF_RANGE} (kept up to date by PartnerPulse), a date, or leave it out for today.`,
    );
  }
}

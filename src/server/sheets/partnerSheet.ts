import type { DayNumber, SheetCalendar } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import {
  type ColumnMap,
  mapPartnerColumns,
  type PartnerRecord,
  readPartnerRows,
} from '../../core/reading/partnerTable';
import { evaluatePartners, type PartnerView } from '../../core/scoring/evaluatePartners';
import { aliasesOf, type Settings } from '../../core/settings/settings';
import { calendarOf } from '../platform/spreadsheetContext';

export interface PartnerTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  header: CellValue[];
  /** Data rows under the header, as read (sheet row = index + 2). */
  rows: CellValue[][];
  width: number;
  columns: ColumnMap;
  records: PartnerRecord[];
  views: PartnerView[];
  /** The spreadsheet's calendar the dates were read with (its zone and locale). */
  calendar: SheetCalendar;
}

/**
 * Reads the partner sheet once (`getDataRange().getValues()`) and evaluates every partner. Throws a message
 * that says what to do when the sheet or its partner column is missing.
 */
export function readPartnerTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  today: DayNumber,
): PartnerTable {
  const name = settings.sheets.partners;
  const sheet = ss.getSheetByName(name);
  if (!sheet) {
    throw new Error(
      `There is no sheet named "${name}". Rename your partner sheet to "${name}", or change the partner sheet's name in PartnerPulse → Settings.`,
    );
  }
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const header = values[0] ?? [];
  // The owner column is chosen by content: the one that holds e-mail addresses (docs/alerts-and-data-problems.md).
  const columns = mapPartnerColumns(header, values.slice(1), aliasesOf(settings));
  if (columns.partner === undefined) {
    throw new Error(
      `The "${name}" sheet has no partner column: its first row needs a header such as "Partner", "Partner name", "Name" or "Company".`,
    );
  }
  const rows = values.slice(1);
  const calendar = calendarOf(ss);
  const records = readPartnerRows(rows, columns, today, settings.rules, calendar);
  return {
    sheet,
    header,
    rows,
    width: header.length,
    columns,
    records,
    views: evaluatePartners(records, today, settings.rules),
    calendar,
  };
}

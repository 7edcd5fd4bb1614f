import { DayNumber } from '../core/calendar';
import { CellValue } from '../core/cells';
import { QuarterSnapshot, SNAPSHOT_HEADERS, snapshotRows, snapshotsFromRows } from '../core/movers';
import { quarterKey } from '../core/qbr';
import { Settings } from '../core/settings';
import { appendRows, asText, ensureLogSheet } from './logSheets';
import { PartnerTable } from './partnerSheet';

/**
 * The quarterly snapshots of spec §11, kept on their own small sheet (one row per partner per quarter) behind
 * this read/write pair, so the store can move (into the Health history design of docs/journey.md) without
 * touching the movers.
 */

/** The latest quarter snapshotted, so the daily run does not read the snapshot sheet every day. */
export const SNAPSHOT_QUARTER_KEY = 'partnerpulse.quarterSnapshot';

/** The stored snapshots by quarter, in one read; empty when there is no snapshot sheet yet. */
export function readQuarterSnapshot(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): Map<string, QuarterSnapshot> {
  const sheet = ss.getSheetByName(settings.sheets.quarterSnapshots);
  return sheet ? snapshotsFromRows(sheet.getDataRange().getValues() as CellValue[][]) : new Map();
}

/** Appends one quarter's snapshot rows in one write (the sheet is created with its headers when missing). */
export function writeQuarterSnapshot(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, rows: string[][]): void {
  // The quarter is written with an apostrophe: "2026-Q4" must stay text in every locale.
  const values = rows.map(([quarter, ...rest]) => [`'${quarter}`, ...rest.map(asText)]);
  const existing = ss.getSheetByName(settings.sheets.quarterSnapshots);
  if (existing) {
    appendRows(ensureLogSheet(ss, settings.sheets.quarterSnapshots, SNAPSHOT_HEADERS), values, SNAPSHOT_HEADERS.length);
    return;
  }
  // A new sheet gets its header and the first snapshot in one write, sized to them (Sheets counts every cell
  // of the grid against its limit, so the unused columns go).
  const sheet = ss.insertSheet(settings.sheets.quarterSnapshots);
  const spareColumns = sheet.getMaxColumns() - SNAPSHOT_HEADERS.length;
  if (spareColumns > 0) sheet.deleteColumns(SNAPSHOT_HEADERS.length + 1, spareColumns);
  const missingRows = values.length + 1 - sheet.getMaxRows();
  if (missingRows > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missingRows);
  sheet.getRange(1, 1, values.length + 1, SNAPSHOT_HEADERS.length).setValues([SNAPSHOT_HEADERS, ...values]);
  sheet.setFrozenRows(1);
}

/**
 * The daily run's step: the first run of a calendar quarter takes that quarter's snapshot, once. Safe to run
 * twice: the sheet is checked for the quarter before writing; other days cost one property read.
 */
export function takeQuarterSnapshot(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, table: PartnerTable, today: DayNumber): boolean {
  const quarter = quarterKey(today);
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(SNAPSHOT_QUARTER_KEY) === quarter) return false;
  const taken = readQuarterSnapshot(ss, settings).has(quarter);
  const rows = snapshotRows(table.views, quarter);
  if (!taken && rows.length === 0) return false; // no partners yet: the next run tries again
  if (!taken) writeQuarterSnapshot(ss, settings, rows);
  props.setProperty(SNAPSHOT_QUARTER_KEY, quarter);
  return !taken;
}

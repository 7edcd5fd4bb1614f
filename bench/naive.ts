// The naive baseline the bench compares PartnerPulse with: the same work (scores, tier colors, health
// history, alert mail) written the way most Apps Script code is — one service call per cell to read
// (`getRange(r, c).getValue()`), one `setBackground` per row, one `appendRow` per history row and one
// `sendEmail` per alert item. The rules themselves come from src/core, so the bench compares only how the
// two talk to Apps Script, not what they decide. Bundled by bench/naiveBundle.ts and run in the local
// Apps Script runtime like dist/Code.js.
import { partnerAlerts } from '../src/core/alerts/alerts';
import type { CellValue } from '../src/core/reading/cells';
import { mapColumns, readPartnerRows } from '../src/core/reading/partnerTable';
import { evaluatePartners, type PartnerView } from '../src/core/scoring/evaluatePartners';
import { DEFAULT_SETTINGS } from '../src/core/settings/settings';
import { dayNumber, NEW_YORK } from '../test/calendars';

const settings = DEFAULT_SETTINGS;

/** Reads the partner sheet one cell at a time and scores every partner. */
function readCellByCell(): { sheet: GoogleAppsScript.Spreadsheet.Sheet; views: PartnerView[]; width: number } {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(settings.sheets.partners)!;
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const header: CellValue[] = [];
  for (let c = 1; c <= lastColumn; c++) header.push(sheet.getRange(1, c).getValue() as CellValue);
  const rows: CellValue[][] = [];
  for (let r = 2; r <= lastRow; r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= lastColumn; c++) row.push(sheet.getRange(r, c).getValue() as CellValue);
    rows.push(row);
  }
  const today = dayNumber(new Date());
  const records = readPartnerRows(rows, mapColumns(header), today, settings.rules, NEW_YORK);
  return { sheet, views: evaluatePartners(records, today, settings.rules), width: lastColumn };
}

function colorRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, views: PartnerView[], width: number): void {
  for (const v of views) {
    sheet
      .getRange(v.record.index + 2, 1, 1, width)
      .setBackground(settings.rules.tierColors[v.health.tier ?? 'Unknown']);
  }
}

/** Menu: recolor — cell-by-cell read, one setBackground per row. */
export function naiveRecolor(): void {
  const { sheet, views, width } = readCellByCell();
  colorRows(sheet, views, width);
}

/** The daily job: recolor, one appendRow per partner to the history, one e-mail per alert item. */
export function naiveDaily(): void {
  const { sheet, views, width } = readCellByCell();
  colorRows(sheet, views, width);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const history = ss.getSheetByName(settings.sheets.healthHistory) ?? ss.insertSheet(settings.sheets.healthHistory);
  const today = new Date();
  for (const v of views)
    history.appendRow([today, v.record.name, v.health.score ?? '', v.health.tier ?? '', v.segment]);
  const items = partnerAlerts(views, new Map(), settings.rules.healthDrop.points, { adminEmail: 'admin@example.com' });
  for (const item of items) {
    if (!item.recipient) continue;
    MailApp.sendEmail(item.recipient, `Partner alert: ${item.partner}`, `${item.partner}: ${item.reason}`);
  }
}

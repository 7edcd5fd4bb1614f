// The estimated Apps Script time grows with the cells a call moves, not only with the number of calls
// (local/latencies.ts: "cells.read" and "cells.written"), so a whole-sheet read is not as cheap as one cell.
import { CallLog } from '../../local/calls';
import { APPS_SCRIPT_LATENCIES } from '../../local/latencies';
import { createSpreadsheetApp } from '../../local/services/spreadsheet/spreadsheetApp';
import { WorkbookModel } from '../../local/workbook';

function sheetOf(rows: number) {
  const model = new WorkbookModel('id-1', 'Cost', 'America/New_York');
  const sheet = model.addSheet('Data');
  sheet.maxRows = rows;
  const calls = new CallLog(APPS_SCRIPT_LATENCIES);
  return { sheet: createSpreadsheetApp({ model, calls }).getActive().getSheetByName('Data')!, calls };
}

test('one getValues of 100,000 cells is estimated at the call plus 10 µs a cell; ten cells cost about the call alone', () => {
  const small = sheetOf(100_000);
  small.sheet.getRange(1, 1, 10, 1).getValues();
  const large = sheetOf(100_000);
  large.sheet.getRange(1, 1, 100_000, 1).getValues();
  expect(small.calls.total()).toBe(large.calls.total());
  expect(large.calls.estimatedAppsScriptMs() - small.calls.estimatedAppsScriptMs()).toBeCloseTo(
    (100_000 - 10) * APPS_SCRIPT_LATENCIES['cells.read'],
    6,
  );
});

test('a cell written costs twice a cell read (the backend also recalculates and records a revision)', () => {
  const cost = (rows: number, write: boolean) => {
    const { sheet, calls } = sheetOf(50_000);
    const range = sheet.getRange(1, 1, rows, 2);
    const before = calls.estimatedAppsScriptMs();
    if (write) range.setValues(Array.from({ length: rows }, () => ['a', 'b']));
    else range.getValues();
    return calls.estimatedAppsScriptMs() - before;
  };
  const perCellRead = (cost(50_000, false) - cost(1, false)) / (2 * 49_999);
  const perCellWritten = (cost(50_000, true) - cost(1, true)) / (2 * 49_999);
  expect(perCellRead).toBeCloseTo(APPS_SCRIPT_LATENCIES['cells.read'], 6);
  expect(perCellWritten).toBeCloseTo(2 * perCellRead, 6);
});

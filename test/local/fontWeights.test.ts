// Range.setFontWeights (developers.google.com/apps-script/reference/spreadsheet/range#setfontweightsfontweights):
// one weight per cell, "bold" or "normal" (null means normal), the array sized like the range.
import { CallLog } from '../../local/calls';
import { APPS_SCRIPT_LATENCIES } from '../../local/latencies';
import { createSpreadsheetApp } from '../../local/services/spreadsheet/spreadsheetApp';
import { WorkbookModel } from '../../local/workbook';

test('setFontWeights sets each cell, counts one call and the cells it sets, and refuses an array of another size', () => {
  const model = new WorkbookModel('id-1', 'Fonts', 'America/New_York');
  const sheet = model.addSheet('Brief');
  sheet.ensure(2, 2).bold = true;
  const calls = new CallLog(APPS_SCRIPT_LATENCIES);
  const app = createSpreadsheetApp({ model, calls });
  const range = app.getActive().getSheetByName('Brief')!.getRange('A1:B2');
  range.setFontWeights([
    ['bold', 'normal'],
    [null, 'normal'],
  ]);
  expect([sheet.cell(1, 1)?.bold, sheet.cell(1, 2)?.bold, sheet.cell(2, 1)?.bold, sheet.cell(2, 2)?.bold]).toEqual([
    true,
    undefined,
    undefined,
    undefined,
  ]);
  expect(calls.byMethod()['Range.setFontWeights']).toBe(1);
  // Formats cost per cell like values, backgrounds and notes (local/latencies.ts, "cells.written").
  expect(calls.cellsWritten()).toBe(4);
  expect(() => range.setFontWeights([['bold']])).toThrow();
});

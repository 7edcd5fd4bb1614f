// Fidelity of the local SpreadsheetApp against Apps Script's documented behaviour.
// References: developers.google.com/apps-script/reference/spreadsheet/range, …/sheet, …/spreadsheet,
// …/spreadsheet-app, …/base/ui.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallLog } from '../../local/calls';
import { APPS_SCRIPT_LATENCIES } from '../../local/latencies';
import { createSpreadsheetApp } from '../../local/services/spreadsheet/spreadsheetApp';
import { WorkbookModel } from '../../local/workbook';
import { loadWorkbook, saveWorkbook } from '../../local/xlsxFile';

function app(setup?: (model: WorkbookModel) => void) {
  const model = new WorkbookModel('id-1', 'Partners test', 'America/New_York');
  const sheet = model.addSheet('Partners');
  [
    ['Partner', 'Revenue', 'Signed'],
    ['Acme', 1200, new Date(2026, 2, 1)],
    ['Bolt', '', new Date(2025, 10, 15)],
  ].forEach((row, r) =>
    row.forEach((v, c) => {
      sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  setup?.(model);
  const calls = new CallLog(APPS_SCRIPT_LATENCIES);
  return { SpreadsheetApp: createSpreadsheetApp({ model, calls }), calls, model };
}

describe('Range (developers.google.com/apps-script/reference/spreadsheet/range)', () => {
  test('getValues gives "" for blanks, Date for dates, numbers as numbers', () => {
    const { SpreadsheetApp } = app();
    const values = SpreadsheetApp.getActive().getSheetByName('Partners')!.getRange('A2:D3').getValues();
    expect(values[0][0]).toBe('Acme');
    expect(values[0][1]).toBe(1200);
    expect(values[0][2]).toEqual(new Date(2026, 2, 1));
    expect(values[1][1]).toBe('');
    expect(values[1][3]).toBe('');
  });

  test("setValues with the wrong number of rows or columns fails with Apps Script's message", () => {
    const range = app().SpreadsheetApp.getActiveSheet().getRange('A1:B2');
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      range.setValues([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  test('a range outside the sheet fails with "The coordinates of the range are outside the dimensions of the sheet."', () => {
    const sheet = app().SpreadsheetApp.getActiveSheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  test('A1 forms: "A1", "A1:C3", open-ended "A2:A", whole column "B:B", and (row, col, rows, cols)', () => {
    const sheet = app().SpreadsheetApp.getActiveSheet();
    expect(sheet.getRange('B2').getA1Notation()).toBe('B2');
    expect(sheet.getRange('A1:C3').getNumColumns()).toBe(3);
    const open = sheet.getRange('A2:A');
    expect([open.getRow(), open.getNumRows(), open.getLastRow()]).toEqual([2, 999, 1000]);
    expect(sheet.getRange('B:B').getA1Notation()).toBe('B1:B1000');
    expect(sheet.getRange(2, 1, 2, 3).getA1Notation()).toBe('A2:C3');
    expect(sheet.getRange('$A$1').getValue()).toBe('Partner');
  });

  test('getDataRange and getLastRow follow the content; appendRow writes below it', () => {
    const { SpreadsheetApp } = app();
    const sheet = SpreadsheetApp.getActiveSheet();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    sheet.appendRow(['Cyan', 10, '', 'note']);
    expect(sheet.getLastRow()).toBe(4);
    expect(sheet.getRange('A4:D4').getValues()).toEqual([['Cyan', 10, '', 'note']]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:D4');
  });

  test('setValue of "=…" makes a formula; getFormula(s), notes, number formats, display values', () => {
    const sheet = app().SpreadsheetApp.getActiveSheet();
    sheet.getRange('D2').setValue('=B2*2');
    expect(sheet.getRange('D2').getFormula()).toBe('=B2*2');
    sheet.getRange('E2').setNote('Check');
    expect(sheet.getRange('E2:E3').getNotes()).toEqual([['Check'], ['']]);
    sheet.getRange('F2').setValue(0.25);
    sheet.getRange('F2').setNumberFormat('0%');
    expect(sheet.getRange('F2').getDisplayValue()).toBe('25%');
    expect(sheet.getRange('C2').getDisplayValues()).toEqual([['3/1/2026']]);
  });

  test('a leading apostrophe keeps a value as text: the script reads it back without the apostrophe, the cell remembers it', () => {
    const { SpreadsheetApp, model } = app();
    const sheet = SpreadsheetApp.getActiveSheet();
    sheet.getRange('D2:D3').setValues([["'=1+1"], ['+1']]);
    // Without the apostrophe Sheets reads "+1" as typed: the number 1 (local/valueParsing.ts).
    expect(sheet.getRange('D2:D3').getValues()).toEqual([['=1+1'], [1]]);
    expect(sheet.getRange('D2').getFormula()).toBe('');
    expect([
      model.sheet('Partners')!.cell(2, 4)?.typedAsText,
      model.sheet('Partners')!.cell(3, 4)?.typedAsText,
    ]).toEqual([true, undefined]);
    sheet.getRange('D2').setValue('plain');
    expect(model.sheet('Partners')!.cell(2, 4)?.typedAsText).toBeUndefined();
  });

  test('data validation from SpreadsheetApp.newDataValidation().requireValueInList(..).build()', () => {
    const { SpreadsheetApp } = app();
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['Strong', 'Moderate', 'Weak'])
      .setAllowInvalid(false)
      .build();
    const range = SpreadsheetApp.getActiveSheet().getRange('D2:D3');
    range.setDataValidation(rule);
    expect(range.getDataValidation()!.getCriteriaValues()[0]).toEqual(['Strong', 'Moderate', 'Weak']);
  });

  test('setBackgrounds round-trips through save and load of the .xlsx, with values, formulas, notes and frozen rows', async () => {
    const { SpreadsheetApp, model } = app();
    const sheet = SpreadsheetApp.getActiveSheet();
    sheet.getRange('A2:B3').setBackgrounds([
      ['#b7e1cd', '#F4CCCC'],
      [null, 'red'],
    ]);
    sheet.getRange('A1').setNote('Header');
    sheet.getRange('D2').setFormula('=B2*2');
    sheet.setFrozenRows(1);
    const file = join(mkdtempSync(join(tmpdir(), 'pp-')), 'round.xlsx');
    await saveWorkbook(model, file);
    const loaded = await loadWorkbook(file);
    const again = createSpreadsheetApp({
      model: loaded,
      calls: new CallLog(APPS_SCRIPT_LATENCIES),
    }).getActiveSheet();
    expect(again.getRange('A2:B3').getBackgrounds()).toEqual([
      ['#b7e1cd', '#f4cccc'],
      ['#ffffff', '#ff0000'],
    ]);
    expect(again.getRange('A1').getNote()).toBe('Header');
    expect(again.getRange('D2').getFormula()).toBe('=B2*2');
    expect(again.getRange('C2').getValue()).toEqual(new Date(2026, 2, 1));
    expect(again.getFrozenRows()).toBe(1);
  });
});

describe('Spreadsheet and SpreadsheetApp (developers.google.com/apps-script/reference/spreadsheet/spreadsheet)', () => {
  test('getSheetByName is null for a missing sheet; insertSheet refuses a taken name', () => {
    const ss = app().SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheetByName('Nope')).toBeNull();
    const settings = ss.insertSheet('Settings');
    expect(settings.getMaxRows()).toBe(1000);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Partners', 'Settings']);
    expect(() => ss.insertSheet('Partners')).toThrow(
      'A sheet with the name "Partners" already exists. Please enter another name.',
    );
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/id-1/edit');
  });

  test('getSheetId is unique in the spreadsheet, also for sheets inserted under the same name and renamed; saving keeps each', async () => {
    // Connected Sheets inserts every data source sheet as "Query 1" and the add-on renames it (docs/warehouse.md §4).
    const { SpreadsheetApp, model } = app();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('Query 1').setName('First');
    ss.insertSheet('Query 1').setName('Second');
    ss.insertSheet('Query 1').getRange('A1').setValue('third');
    const ids = ss.getSheets().map((s) => s.getSheetId());
    expect(new Set(ids).size).toBe(4);
    ss.getSheetByName('First')!.getRange('A1').setValue('first');
    ss.getSheetByName('Second')!.getRange('A1').setValue('second');
    const path = join(mkdtempSync(join(tmpdir(), 'pp-sheet-ids-')), 'ids.xlsx');
    await saveWorkbook(model, path);
    const saved = await loadWorkbook(path);
    expect(saved.sheets.map((s) => [s.name, s.valueAt(1, 1)])).toEqual([
      ['Partners', 'Partner'],
      ['First', 'first'],
      ['Second', 'second'],
      ['Query 1', 'third'],
    ]);
  });

  test('the selection is settable and read by getActiveRange', () => {
    const { SpreadsheetApp } = app();
    expect(SpreadsheetApp.getActiveRange()).toBeNull();
    SpreadsheetApp.select('Partners!A3:C3');
    expect(SpreadsheetApp.getActiveRange()!.getRow()).toBe(3);
    SpreadsheetApp.getActiveSheet().getRange('B2').activate();
    expect(SpreadsheetApp.getActiveSpreadsheet().getActiveRange()!.getA1Notation()).toBe('B2');
  });

  test('every call is counted by service and method', () => {
    const { SpreadsheetApp, calls } = app();
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners')!.getDataRange().getValues();
    expect(calls.byMethod()).toEqual({
      'Range.getValues': 1,
      'Sheet.getDataRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(calls.estimatedAppsScriptMs()).toBeGreaterThan(200);
  });

  test('deleteColumns removes columns and shifts the rest left; refuses out-of-bounds and deleting every column', () => {
    const { SpreadsheetApp } = app();
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners')!;
    expect(sheet.getMaxColumns()).toBe(26);
    sheet.deleteColumns(2, 1);
    expect(sheet.getRange('A2:B2').getValues()[0][0]).toBe('Acme');
    expect(sheet.getRange('B2').getValue()).toEqual(new Date(2026, 2, 1));
    sheet.deleteColumns(3, 23);
    expect(sheet.getMaxColumns()).toBe(2);
    expect(() => sheet.getRange(1, 3)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.deleteColumns(2, 5)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.deleteColumns(1, 2)).toThrow("You can't delete all the columns on the sheet.");
  });

  test('cells read and written are counted per call: a block read counts every cell, a per-cell loop one each', () => {
    const { SpreadsheetApp, calls } = app();
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners')!;
    sheet.getDataRange().getValues(); // A1:C3
    expect([calls.cellsRead(), calls.cellsWritten()]).toEqual([9, 0]);
    for (let r = 2; r <= 3; r++) sheet.getRange(r, 1).getValue();
    sheet.getRange('A2:C3').getBackgrounds();
    expect(calls.cellsRead()).toBe(9 + 2 + 6);
    sheet.getRange(2, 1, 2, 3).setBackgrounds([
      ['#fff2cc', null, null],
      [null, null, null],
    ]);
    sheet.getRange('B2').setValue('x');
    sheet.appendRow(['Cleo', 5]);
    expect(calls.cellsWritten()).toBe(6 + 1 + 2);
    calls.reset();
    expect([calls.cellsRead(), calls.cellsWritten()]).toEqual([0, 0]);
  });
});

// developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object): a leading apostrophe keeps
// text as text (no formula, no number) and is not part of the value read back.
test('a leading apostrophe stores the rest as text', async () => {
  const { createRuntime } = await import('../../local/runtime');
  const { WorkbookModel } = await import('../../local/workbook');
  const model = new WorkbookModel('apos', 'Apostrophe', 'America/New_York');
  model.addSheet('Log');
  const runtime = await createRuntime({
    workbook: model,
    code: 'function w() { SpreadsheetApp.getActive().getSheetByName("Log").appendRow(["\'2026-12-01", "\'=1+1"]); }',
  });
  runtime.call('w');
  expect(model.sheet('Log')?.valueAt(1, 1)).toBe('2026-12-01');
  expect(model.sheet('Log')?.cell(1, 2)).toMatchObject({ value: '=1+1' });
  expect(model.sheet('Log')?.cell(1, 2)?.formula).toBeUndefined();
});

test('a workbook snapshot restores in place: same sheet objects, dates still dates, fills kept', async () => {
  const { WorkbookModel, workbookSnapshot, restoreWorkbookSnapshot } = await import('../../local/workbook');
  const source = new WorkbookModel('snap', 'Snapshot', 'America/New_York');
  const partners = source.addSheet('Partners');
  Object.assign(partners.ensure(2, 1), { value: new Date(2026, 11, 1), background: '#b7e1cd' });
  const log = source.addSheet('Alert log');
  log.ensure(1, 1).value = 'Day';
  const target = new WorkbookModel('snap', 'Snapshot', 'America/New_York');
  const kept = target.addSheet('Partners');
  kept.ensure(5, 5).value = 'stale';
  restoreWorkbookSnapshot(target, workbookSnapshot(source));
  expect(target.sheets[0]).toBe(kept);
  expect(target.sheets.map((s) => s.name)).toEqual(['Partners', 'Alert log']);
  expect(kept.cell(2, 1)).toEqual({ value: new Date(2026, 11, 1), background: '#b7e1cd' });
  expect(kept.valueAt(5, 5)).toBe('');
});

test('a snapshot that repeats a sheet id (a live copy saved before ids were unique) restores every sheet', async () => {
  const { WorkbookModel, workbookSnapshot, restoreWorkbookSnapshot } = await import('../../local/workbook');
  const source = new WorkbookModel('snap', 'Snapshot', 'America/New_York');
  source.addSheet('Partners');
  source.addSheet('Warehouse partners').ensure(1, 1).value = 'partner';
  source.addSheet('Warehouse counts').ensure(1, 1).value = 'segment';
  const repeated = JSON.parse(workbookSnapshot(source));
  repeated.sheets[2].id = repeated.sheets[1].id;
  const target = new WorkbookModel('snap', 'Snapshot', 'America/New_York');
  target.addSheet('Partners');
  restoreWorkbookSnapshot(target, JSON.stringify(repeated));
  expect(target.sheets.map((s) => [s.name, s.valueAt(1, 1)])).toEqual([
    ['Partners', ''],
    ['Warehouse partners', 'partner'],
    ['Warehouse counts', 'segment'],
  ]);
  expect(new Set(target.sheets.map((s) => s.id)).size).toBe(3);
});

test('deleting every row below a frozen header is refused, as Sheets does; leaving one is fine', () => {
  const { SpreadsheetApp, model } = app((m) => {
    const s = m.sheet('Partners')!;
    s.frozenRows = 1;
    s.maxRows = 3;
  });
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners')!;
  expect(() => sheet.deleteRows(2, 2)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  sheet.deleteRows(2, 1);
  expect(model.sheet('Partners')!.valueAt(2, 1)).toBe('Bolt');
});

// Sheets reads a string written by setValue / setValues / appendRow as typed text: "20%" is 0.2 shown as a
// percent, "2026-12-01" a date at midnight in the spreadsheet's zone, "1,234" a number, "TRUE" a boolean —
// unless it starts with an apostrophe or the cell is formatted as plain text (docs/google-fidelity.md).
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

const SCRIPT = `
function write(a1, value) { SpreadsheetApp.getActiveSpreadsheet().getRange(a1).setValue(value); }
function writeRow(values) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].appendRow(values); }
function readIso(a1) { return SpreadsheetApp.getActiveSpreadsheet().getRange(a1).getValue().toISOString(); }
function formatText(a1) { SpreadsheetApp.getActiveSpreadsheet().getRange(a1).setNumberFormat('@'); }
`;

test('strings Sheets would parse become numbers, percents, dates and booleans; the rest stay text', async () => {
  const model = new WorkbookModel('vp', 'Parsing', 'Europe/Berlin');
  const sheet = model.addSheet('Sheet1');
  const runtime = await createRuntime({ workbook: model, code: SCRIPT, timeZone: 'Europe/Berlin' });
  const cases: [string, unknown][] = [
    ['A1', '20%'],
    ['A2', '2026-12-01'],
    ['A3', '1,234'],
    ['A4', 'TRUE'],
    ['A5', '3M Company'],
    ['A6', "'20%"],
    ['A7', '12/1/2026'],
    ['A8', '$1,200.50'],
    ['A9', '0042'],
  ];
  for (const [a1, value] of cases) runtime.call('write', a1, value);
  const values = cases.map((_, i) => sheet.cell(i + 1, 1)?.value);
  expect(values.map((v) => (v instanceof Date ? 'date' : v))).toEqual([
    0.2,
    'date',
    1234,
    true,
    '3M Company',
    '20%',
    'date',
    1200.5,
    42,
  ]);
  // The dates are 1 December at midnight in the spreadsheet's zone (Berlin): 12/1/2026 in en_US, as typed.
  expect([runtime.call('readIso', 'A2'), runtime.call('readIso', 'A7')]).toEqual([
    '2026-11-30T23:00:00.000Z',
    '2026-11-30T23:00:00.000Z',
  ]);
  expect([sheet.cell(1, 1)?.numberFormat, sheet.cell(2, 1)?.numberFormat]).toEqual(['0%', 'yyyy-mm-dd']);
  runtime.call('formatText', 'B1');
  runtime.call('write', 'B1', '20%');
  expect(sheet.cell(1, 2)?.value).toBe('20%');
  runtime.call('writeRow', ['2026-12-01', 'note']);
  expect(sheet.cell(10, 1)?.value).toBeInstanceOf(Date);
});

test('in a de_DE spreadsheet 1.12.2026 and 01/12/2026 are the first of December', async () => {
  const model = new WorkbookModel('vp', 'Parsing', 'Europe/Berlin');
  model.addSheet('Sheet1');
  const runtime = await createRuntime({ workbook: model, code: SCRIPT, timeZone: 'Europe/Berlin', locale: 'de_DE' });
  runtime.call('write', 'A1', '1.12.2026');
  runtime.call('write', 'A2', '01/12/2026');
  expect([runtime.call('readIso', 'A1'), runtime.call('readIso', 'A2')]).toEqual([
    '2026-11-30T23:00:00.000Z',
    '2026-11-30T23:00:00.000Z',
  ]);
});

test('the add-on keeps a user\'s text as text: an action item "2026-12-01" and QBR notes "20%" are not turned into a date or a number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-text-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(join(__dirname, '..', '..', 'examples', 'partners.xlsx'), workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: new Date(2026, 11, 1, 9, 0),
    outboxDir: join(dir, 'outbox'),
  });
  runtime.call('addQbrActionItem', 'TechServices Inc.', '2026-12-01', 'Us', '2026-12-08');
  runtime.call('markQbrHeld', 'TechServices Inc.', '20%');
  const items = runtime.workbook.sheet('Action items')!;
  const itemCells = Array.from({ length: items.lastRow() }, (_, i) => items.valueAt(i + 1, 2));
  expect(itemCells).toContain('2026-12-01');
  const log = runtime.workbook.sheet('QBR log')!;
  const header = Array.from({ length: log.lastColumn() }, (_, i) => log.valueAt(1, i + 1));
  expect(log.valueAt(log.lastRow(), header.indexOf('Notes') + 1)).toBe('20%');
});

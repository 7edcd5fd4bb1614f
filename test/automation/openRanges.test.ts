// Sheets hands `D2:D` to a custom function with every row to the end of the grid, blanks included, and an array
// result that would overwrite a non-empty cell is not expanded: the formula shows #REF! "Array result was not
// expanded because it would overwrite data in X" (docs/google-fidelity.md). The add-on's column formulas size
// their result to the last row with data, so a stray value below the table does not block them.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { at, FIVE_PARTNERS, partnerWorkbook, TIME_ZONE } from './helpers';

jest.setTimeout(60_000);

test('an open-ended range reaches the end of the grid, blank rows included, in getRange and in custom functions', async () => {
  const model = new WorkbookModel('or', 'Open ranges', TIME_ZONE);
  const sheet = model.addSheet('Sheet1');
  sheet.ensure(2, 4).value = 5;
  sheet.ensure(2, 1).formula = '=ROWS_SEEN(D2:D)';
  const code = `
/** @customfunction */
function ROWS_SEEN(column) { return column.length; }
function rangeRows() { return SpreadsheetApp.getActiveSheet().getRange('D2:D').getValues().length; }`;
  const runtime = await createRuntime({ workbook: model, code });
  runtime.evaluateFormulas();
  expect(sheet.cell(2, 1)?.value).toBe(sheet.maxRows - 1);
  expect(runtime.call('rangeRows')).toBe(sheet.maxRows - 1);
});

test("PARTNER_HEALTH over whole columns fills the table's rows; a note far below does not block it, one inside the table does", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(1, 10).value = 'Health';
  sheet.ensure(2, 10).formula = '=PARTNER_HEALTH(D2:D, E2:E, F2:F, G2:G, H2:H)';
  sheet.ensure(60, 10).value = 'note kept by a user';
  const runtime = await createRuntime({ workbook: model, now: at('2026-12-01T09:00'), timeZone: TIME_ZONE });
  runtime.evaluateFormulas();
  const health = Array.from({ length: 5 }, (_, i) => sheet.cell(i + 2, 10)?.value);
  expect(health.every((v) => typeof v === 'number')).toBe(true);
  expect(sheet.cell(2, 10)?.error).toBeUndefined();
  expect(sheet.cell(60, 10)?.value).toBe('note kept by a user');

  // A user types into a cell of the result: it is their value now, no longer part of the spill.
  const typed = sheet.ensure(4, 10);
  delete typed.spilledFrom;
  typed.value = 'typed over';
  runtime.evaluateFormulas();
  expect([sheet.cell(2, 10)?.value, sheet.cell(2, 10)?.error]).toEqual([
    '#REF!',
    'Array result was not expanded because it would overwrite data in J4.',
  ]);
});

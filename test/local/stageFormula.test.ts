// =PARTNER_STAGE(…) in formulas, evaluated by the local runtime with the built bundle, as Sheets would:
// whole columns spill one stage per row; a single cell with a signed date after as_of shows #ERROR!.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

const ROOT = join(__dirname, '..', '..');
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'Code.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
});

function sheet(rows: (string | number | Date)[][]): WorkbookModel {
  const model = new WorkbookModel('stage', 'Stage test', 'America/New_York');
  const s = model.addSheet('Partners');
  ['Signed', 'First deal', 'Deals', 'As of', 'Stage'].forEach((h, c) => {
    s.ensure(1, c + 1).value = h;
  });
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') s.ensure(r + 2, c + 1).value = v;
    }),
  );
  return model;
}

test('whole columns with an as_of date cell: one stage per row, moving with the date', async () => {
  const model = sheet([
    [new Date(2026, 0, 1), '', 0, new Date(2026, 3, 1)],
    [new Date(2026, 0, 1), new Date(2026, 2, 1), 0],
    ['', '', 0],
    ['', '', ''],
  ]);
  const s = model.sheet('Partners')!;
  s.ensure(2, 5).formula = '=PARTNER_STAGE(A2:A5, B2:B5, C2:C5, D2)';
  const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  runtime.evaluateFormulas();
  expect(
    runtime.spreadsheet
      .getSheetByName('Partners')!
      .getRange('E2:E5')
      .getValues()
      .map((r) => r[0]),
  ).toEqual(['Activate', 'Active', 'Recruit', '']);
  s.ensure(2, 4).value = new Date(2026, 3, 2);
  runtime.evaluateFormulas();
  expect(s.cell(2, 5)!.value).toBe('Stalled');
});

test('a single cell with a signed date after as_of shows #ERROR! naming it', async () => {
  const model = sheet([[new Date(2026, 5, 1), '', 0, new Date(2026, 4, 1)]]);
  model.sheet('Partners')!.ensure(2, 5).formula = '=PARTNER_STAGE(A2, B2, C2, D2)';
  const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  runtime.evaluateFormulas();
  const cell = model.sheet('Partners')!.cell(2, 5)!;
  expect(cell.value).toBe('#ERROR!');
  expect(cell.error).toBe(
    'Signed "2026-06-01" is after today (2026-05-01); allowed: the date the partner signed, today or earlier',
  );
});

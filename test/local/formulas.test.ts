// Formulas evaluated through HyperFormula with the real bundle's custom functions, as Sheets evaluates them:
// https://developers.google.com/apps-script/guides/sheets/functions (arguments, return values, errors).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { customFunctionNames } from '../../local/formulas/customFunctions';
import { boundOpenRanges } from '../../local/formulas/openRanges';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

const ROOT = join(__dirname, '..', '..');
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'Code.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT });
});

function partners(rows: (string | number | Date)[][]): WorkbookModel {
  const model = new WorkbookModel('test-id', 'Test', 'America/New_York');
  const sheet = model.addSheet('Partners');
  const header = ['Partner', 'Growth', 'Deals', 'Engagement', 'NPS', 'Fit', 'Health', 'Tier'];
  header.forEach((h, c) => {
    sheet.ensure(1, c + 1).value = h;
  });
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      sheet.ensure(r + 2, c + 1).value = v;
    }),
  );
  return model;
}

describe('custom functions in formulas (developers.google.com/apps-script/guides/sheets/functions)', () => {
  test('detects the custom functions from @customfunction JSDoc, not a hard-coded list', () => {
    const code =
      '/**\n * Doc\n * @customfunction\n */\nfunction DOUBLE(x) { return x * 2; }\n/** Not one */\nfunction onOpen() {}\n';
    expect(customFunctionNames(code)).toEqual(['DOUBLE']);
  });

  test('open-ended ranges are bounded to the last row, strings untouched', () => {
    expect(boundOpenRanges('=F(D2:D, \'My sheet\'!E2:E, "A2:A")', (s) => (s === 'My sheet' ? 9 : 41))).toBe(
      '=F(D2:D41, \'My sheet\'!E2:E9, "A2:A")',
    );
    // A sheet whose last row is the formula's own: still a range (a column), as Sheets passes D2:D.
    expect(boundOpenRanges('=F(D2:D)', () => 2)).toBe('=F(D2:D3)');
  });

  test('PARTNER_HEALTH over whole columns spills one score per row; a bad row shows its error; PARTNER_TIER of one cell', async () => {
    const model = partners([
      ['Acme', 0.25, 6, 'Weekly', 60, 'Strong'],
      ['Bolt', -0.1, 0, 'Inactive', 140, 'Weak'],
      ['Cyan', 0.05, 3, new Date(2026, 10, 28), 30, 'Moderate'],
      ['', '', '', '', '', ''],
    ]);
    const sheet = model.sheet('Partners')!;
    sheet.ensure(2, 7).formula = '=PARTNER_HEALTH(B2:B, C2:C, D2:D, E2:E, F2:F)';
    sheet.ensure(2, 8).formula = '=PARTNER_TIER(G2)';
    sheet.ensure(4, 8).formula = '=PARTNER_TIER(G4)';
    const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 7) });
    expect(runtime.customFunctions).toEqual(expect.arrayContaining(['PARTNER_HEALTH', 'PARTNER_TIER', 'SEGMENT']));
    runtime.evaluateFormulas();
    const values = runtime.spreadsheet.getSheetByName('Partners')!.getRange('G2:H4').getValues();
    expect(values[0]).toEqual([100, 'Champion']);
    expect(values[1][0]).toBe('Error: NPS 140 is outside −100…100');
    // Cyan: growth 5 % (20), deals 3 (20), engagement 3 days ago = Weekly (20), NPS 30 (10), Moderate (5) = 75/100.
    expect(values[2]).toEqual([75, 'Healthy']);
    expect(sheet.cell(2, 7)!.spill).toEqual({ rows: 3, columns: 1 });
    expect(sheet.cell(3, 7)!.spilledFrom).toEqual({ row: 2, column: 7 });
  });

  test('a single-cell call that throws shows #ERROR! with our message', async () => {
    const model = partners([['Acme', 0.25, 6, 'Weekly', 140, 'Strong']]);
    model.sheet('Partners')!.ensure(2, 7).formula = '=PARTNER_HEALTH(B2, C2, D2, E2, F2)';
    const runtime = await createRuntime({ workbook: model });
    const evaluation = runtime.evaluateFormulas();
    const cell = model.sheet('Partners')!.cell(2, 7)!;
    expect(cell.value).toBe('#ERROR!');
    expect(cell.error).toBe('NPS 140 is outside −100…100');
    expect(evaluation.errors).toHaveLength(1);
  });

  test('dates reach custom functions as Date and built-in formulas still work', async () => {
    const model = partners([]);
    const sheet = model.sheet('Partners')!;
    sheet.ensure(2, 1).value = new Date(2026, 0, 5);
    sheet.ensure(2, 2).value = 2;
    sheet.ensure(2, 3).formula = '=B2*21';
    sheet.ensure(2, 4).value = 'Growth';
    sheet.ensure(2, 5).formula = '=NEXT_TOUCH(D2, A2)';
    const runtime = await createRuntime({ workbook: model });
    runtime.evaluateFormulas();
    expect(sheet.cell(2, 3)!.value).toBe(42);
    const due = sheet.cell(2, 5)!.value;
    expect(due).toBeInstanceOf(Date);
    expect((due as Date).getDate()).toBe(19);
  });

  test('a whole-column call spills what it returns; one reading another waits for it; a blocked spill is #REF! naming the cell', async () => {
    const model = partners([
      ['Acme', 0.25, 6, 'Weekly', 60, 'Strong'],
      ['Cyan', 0.05, 3, 'Weekly', 30, 'Moderate'],
    ]);
    const sheet = model.sheet('Partners')!;
    // The tier formula comes first in the sheet but reads the health column: it must see the scores.
    sheet.ensure(2, 8).formula = '=PARTNER_TIER(G2:G)';
    sheet.ensure(2, 7).formula = '=PARTNER_HEALTH(B2:B, C2:C, D2:D, E2:E, F2:F)';
    sheet.ensure(2, 10).formula = '=HEALTH_BREAKDOWN(B2:B, C2:C, D2:D, E2:E, F2:F)';
    sheet.ensure(3, 11).value = 'in the way';
    const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 7) });
    const evaluation = runtime.evaluateFormulas();
    expect([sheet.valueAt(2, 8), sheet.valueAt(3, 8)]).toEqual(['Champion', 'Healthy']);
    expect(sheet.cell(2, 10)!.value).toBe('#REF!');
    expect(sheet.cell(2, 10)!.error).toBe('Array result was not expanded because it would overwrite data in K3.');
    expect(evaluation.customFunctionCalls).toBe(3);
    // Moved out of the way, the breakdown spills its six columns (five dimensions and the next best lift).
    sheet.ensure(3, 11).value = '';
    runtime.evaluateFormulas();
    expect(sheet.cell(2, 10)!.spill).toEqual({ rows: 2, columns: 6 });
  });

  test("a sheet past HyperFormula's default 40,000 rows is evaluated, built-in and custom formulas alike (Sheets allows 10 million cells)", async () => {
    const rows = 41_000;
    const model = partners(Array.from({ length: rows }, (_, i) => [`P${i}`, 0.05, 3, 'Weekly', 30, 'Moderate']));
    const sheet = model.sheet('Partners')!;
    sheet.ensure(2, 7).formula = '=PARTNER_HEALTH(B2:B, C2:C, D2:D, E2:E, F2:F)';
    sheet.ensure(rows + 1, 9).formula = `=C${rows + 1}*2`;
    const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 7) });
    const evaluation = runtime.evaluateFormulas();
    expect(evaluation.errors).toEqual([]);
    expect(sheet.valueAt(rows + 1, 7)).toBe(75);
    expect(sheet.valueAt(rows + 1, 9)).toBe(6);
  });
});

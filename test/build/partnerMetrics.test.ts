// =PARTNER_METRICS(…) in the built bundle: the program metrics table from whole columns, on the fixture of
// test/core/dashboard/dashboard.test.ts (same hand-computed numbers), called directly and through the formula engine.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { EXPECTED_METRICS, HEADER, ROWS } from '../core/dashboard/dashboardFixture';
import { loadBundle, type SheetsCell, thrownMessage } from './bundle';

const SEGMENTS = ['Strategic', 'Growth', 'At-risk', 'At-risk', 'Stable', 'Growth'];
const col = (name: string) => ROWS.map((r) => [r[HEADER.indexOf(name)]] as SheetsCell[]);

const EXPECTED = [['Metric', 'Value', 'Target', 'Status'], ...EXPECTED_METRICS.map((row) => row.slice(0, 4))];

test('called as Sheets calls it, with whole columns (blank rows below the table ignored)', () => {
  const bundle = loadBundle({ today: { year: 2026, month: 12, day: 1 } });
  const withBlank = (c: SheetsCell[][]) => [...c, [''], ['']];
  const args = [
    col('Revenue'),
    col('Revenue last year'),
    col('Deals'),
    col('NPS'),
    col('Signed'),
    col('First deal'),
    SEGMENTS.map((s) => [s]),
    col('Last QBR'),
  ].map(withBlank);
  expect(bundle.call('PARTNER_METRICS', ...args)).toEqual(EXPECTED);
});

test('a bad cell names its row and the problem', () => {
  const bundle = loadBundle({ today: { year: 2026, month: 12, day: 1 } });
  const nps = col('NPS');
  nps[2] = [140];
  const args = [
    col('Revenue'),
    col('Revenue last year'),
    col('Deals'),
    nps,
    col('Signed'),
    col('First deal'),
    SEGMENTS.map((s) => [s]),
    col('Last QBR'),
  ];
  expect(thrownMessage(() => bundle.call('PARTNER_METRICS', ...args))).toBe(
    'PARTNER_METRICS: row 3 of the ranges: NPS 140 is outside −100…100',
  );
});

test('in a sheet, the table spills 7 rows × 4 columns from the formula cell', async () => {
  const model = new WorkbookModel('m', 'Metrics', 'America/New_York');
  const sheet = model.addSheet('Partners');
  const header = [...HEADER, 'Segment'];
  [header, ...ROWS.map((r, i) => [...r, SEGMENTS[i]])].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  // Revenue C, Revenue last year D, Deals E, NPS H, Signed L, First deal M, Segment N, Last QBR K
  sheet.ensure(1, 16).formula = '=PARTNER_METRICS(C2:C, D2:D, E2:E, H2:H, L2:L, M2:M, N2:N, K2:K)';
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  rt.evaluateFormulas();
  expect(rt.spreadsheet.getSheetByName('Partners')!.getRange(1, 16, 7, 4).getValues()).toEqual(EXPECTED);
});

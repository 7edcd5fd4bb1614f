// Build dashboard in the built bundle, run in the local runtime, on the six-partner fixture whose numbers are
// worked out in test/core/dashboard/dashboard.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sheetWithChartsPicture } from '../../../local/chartPicture';
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel, workbookSnapshot } from '../../../local/workbook';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { DUCKDB } from '../../../src/core/warehouse/dialect';
import { rulesSql } from '../../../src/core/warehouse/rulesSql';
import { EXPECTED_METRICS, HEADER, HISTORY, ROWS } from '../../core/dashboard/dashboardFixture';

function fixture(withHistory: boolean): WorkbookModel {
  const model = new WorkbookModel('d', 'Dashboard test', 'America/New_York');
  const partners = model.addSheet('Partners');
  [HEADER, ...ROWS].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') partners.ensure(r + 1, c + 1).value = v;
    }),
  );
  const notes = model.addSheet('Notes');
  notes.ensure(1, 1).value = 'My own notes';
  notes.ensure(2, 2).background = '#ffff00';
  if (withHistory) {
    const history = model.addSheet('Health history');
    [['Date', 'Partner', 'Score', 'Tier', 'Segment'], ...HISTORY].forEach((row, r) =>
      row.forEach((v, c) => {
        history.ensure(r + 1, c + 1).value = v;
      }),
    );
  }
  return model;
}

const sheetJson = (model: WorkbookModel, name: string) =>
  JSON.stringify(JSON.parse(workbookSnapshot(model)).sheets.find((s: { name: string }) => s.name === name));

/** The rows of the Dashboard under a block title, until the blank row after it. */
function blockRows(model: WorkbookModel, title: string): unknown[][] {
  const sheet = model.sheet('Dashboard')!;
  let r = 1;
  while (r <= sheet.lastRow() && sheet.valueAt(r, 1) !== title) r++;
  const rows: unknown[][] = [];
  for (let row = r + 1; sheet.valueAt(row, 1) !== ''; row++) {
    const values: unknown[] = [];
    for (let c = 1; c <= 9; c++) values.push(sheet.valueAt(row, c));
    while (values.length && values[values.length - 1] === '') values.pop();
    rows.push(values);
  }
  return rows;
}

test('the Dashboard sheet: metrics against targets, counts, capacity, trend, drops, four charts; other sheets untouched', async () => {
  const model = fixture(true);
  const before = ['Partners', 'Notes', 'Health history'].map((n) => sheetJson(model, n));
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  const result = rt.call('buildDashboard') as { sheet: string; blocks: string[]; charts: number };
  expect(result.charts).toBe(4);
  expect(blockRows(model, 'Program metrics')).toEqual([
    ['Metric', 'Value', 'Target', 'Status', 'Based on'],
    ...EXPECTED_METRICS,
  ]);
  expect(blockRows(model, 'Partners per tier').slice(1, 3)).toEqual([
    ['Champion', 2],
    ['Healthy', 1],
  ]);
  expect(blockRows(model, 'Partner-manager capacity')[1]).toEqual([
    'ann@example.com',
    0.16,
    1,
    1,
    1,
    0,
    0,
    3,
    'Within capacity',
  ]);
  expect(blockRows(model, 'Biggest 30-day drops').slice(1)).toEqual([
    ['Core', 'bob@example.com', 25, 60, -35],
    ['Beam', 'ann@example.com', 70, 90, -20],
  ]);
  // The fixture has no Last contact column: the dashboard says so next to the numbers.
  expect(blockRows(model, 'Partner sheet headers')).toEqual([
    ['What the header check found'],
    [
      'No Last contact column: add a header `Last contact` (also read: Last touch, Last touchpoint). Without it, every partner counts as never contacted, so each one is "Touch overdue" every day.',
    ],
    [
      'No Next QBR column: add a header `Next QBR`. Without it, no "QBR coming up" reminders, and a Strategic or Growth partner is "QBR overdue" 91 days after its Last QBR even when the next one is booked.',
    ],
  ]);
  const charts = model.sheet('Dashboard')!.charts;
  expect(charts.map((c) => [c.type, c.options.title])).toEqual([
    ['column', 'Tier distribution'],
    ['pie', 'Segment mix'],
    ['bar', 'Owner load (1 = full)'],
    ['line', 'Average health score'],
  ]);
  expect(['Partners', 'Notes', 'Health history'].map((n) => sheetJson(model, n))).toEqual(before);
  // One write per table (and one for the title lines), not one per cell.
  expect(rt.calls.byMethod()['Range.setValues']).toBe(1 + result.blocks.length);
  expect(rt.calls.byMethod()['Sheet.getDataRange']).toBe(2); // the partner sheet and the Health history, read once each

  const picture = sheetWithChartsPicture(model.sheet('Dashboard')!, { columns: [1, 2, 3, 4, 5], maxRows: 200 });
  for (const title of [
    'Tier distribution',
    'Segment mix',
    'Owner load (1 = full)',
    'Average health score',
    'Program metrics',
  ])
    expect(picture).toContain(`>${title}</text>`);
});

test("rebuilding replaces the Dashboard's content and charts, nothing else", async () => {
  const model = fixture(false);
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  rt.call('buildDashboard');
  const first = sheetJson(model, 'Dashboard');
  model.sheet('Dashboard')!.ensure(300, 3).value = 'stale';
  const notes = sheetJson(model, 'Notes');
  const again = rt.call('buildDashboard') as { charts: number };
  expect(again.charts).toBe(3); // no history: no trend chart
  expect(model.sheet('Dashboard')!.charts).toHaveLength(3);
  expect(model.sheet('Dashboard')!.valueAt(300, 3)).toBe('');
  expect(sheetJson(model, 'Dashboard').replace(/"id":\d+/g, '')).toBe(first.replace(/"id":\d+/g, ''));
  expect(sheetJson(model, 'Notes')).toBe(notes);
  expect(model.sheets.map((s) => s.name)).toEqual(['Partners', 'Notes', 'Dashboard']);
});

test('a partner name that looks like a formula is written as text', async () => {
  const model = fixture(true);
  model.sheet('Partners')!.ensure(4, 1).value = '=HYPERLINK("http://x","Core")';
  model.sheet('Health history')!.ensure(4, 2).value = '=HYPERLINK("http://x","Core")';
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  rt.call('buildDashboard');
  const drops = blockRows(model, 'Biggest 30-day drops');
  expect(drops[1][0]).toBe('=HYPERLINK("http://x","Core")');
  const sheet = model.sheet('Dashboard')!;
  const formulas = [...sheet.cells()].filter(([, , c]) => c.formula !== undefined);
  expect(formulas).toEqual([]);
});

test('a sheet named Dashboard that PartnerPulse did not write is left alone, with a message saying what to do', async () => {
  const model = fixture(false);
  const mine = model.addSheet('Dashboard');
  mine.ensure(1, 1).value = 'My own dashboard';
  const before = sheetJson(model, 'Dashboard');
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  expect(() => rt.call('buildDashboard')).toThrow(
    'There is a sheet named "Dashboard" that PartnerPulse did not write, so it was left alone. Rename that sheet, or choose another dashboard sheet name in PartnerPulse → Settings.',
  );
  expect(sheetJson(model, 'Dashboard')).toBe(before);
  // An empty sheet of that name is taken.
  mine.ensure(1, 1).value = '';
  expect((rt.call('buildDashboard') as { charts: number }).charts).toBe(3);
});

describe('a connected BigQuery table (docs/dashboard.md, "A warehouse table")', () => {
  jest.setTimeout(120_000);
  // 300 partners with every tier, segment and quadrant, some blank or invalid: more rows than the script reads.
  const PARTNERS = `SELECT 'W' || i AS partner, 'pm' || (i % 4) || '@example.com' AS owner,
    CASE WHEN i % 23 = 0 THEN NULL ELSE CAST((i * 37) % 1000 AS DOUBLE) END AS revenue, CAST((i * 53) % 900 AS DOUBLE) AS revenue_last_year,
    CAST(NULL AS DOUBLE) AS growth, CASE WHEN i % 41 = 0 THEN -1 ELSE CAST(i % 7 AS BIGINT) END AS deals, CAST(i % 9 AS BIGINT) AS leads,
    ['Weekly', 'Monthly', NULL, 'Inactive', '11/20/2026'][1 + i % 5] AS engagement, CAST(i % 13 AS BIGINT) AS portal_logins,
    ['Strong', 'Moderate', 'Weak', NULL][1 + i % 4] AS fit, ['High', 'Low', '4', NULL][1 + i % 4] AS relevance,
    DATE '2026-11-30' - CAST(i % 100 AS INTEGER) AS last_contact, CAST(NULL AS DATE) AS last_qbr, CAST(NULL AS DATE) AS next_qbr,
    CAST(NULL AS DATE) AS signed, CAST(NULL AS DATE) AS first_deal, CAST(NULL AS DATE) AS last_portal_activity, CAST(i % 200 - 100 AS DOUBLE) AS nps
    FROM range(300) t(i)`;
  let file: string;
  /** Partners per tier, segment and quadrant as the rules query's own rows give them (not the count query). */
  let expected: Record<string, Map<string, number>>;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'pp-dashboard-wh-')), 'partners.parquet');
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    await c.run(`COPY (${PARTNERS}) TO '${file}' (FORMAT parquet)`);
    await c.run(`CREATE VIEW partners AS SELECT * FROM read_parquet('${file}')`);
    const rows = (
      await c.runAndReadAll(
        `SELECT tier, segment, quadrant FROM (${rulesSql(DEFAULT_RULES, DUCKDB, { table: 'partners', asOf: '2026-12-01' })})`,
      )
    ).getRowObjectsJson();
    c.closeSync();
    expected = {};
    for (const dimension of ['tier', 'segment', 'quadrant']) {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(String(r[dimension]), (counts.get(String(r[dimension])) ?? 0) + 1);
      expected[dimension] = counts;
    }
  });

  async function connected(model: WorkbookModel) {
    const rt = await createRuntime({ workbook: model, warehouse: file, now: new Date(2026, 11, 1, 9) });
    rt.ui.responses.push({ button: 'OK', text: 'my-project' }, { button: 'OK', text: 'warehouse.partners' });
    rt.call('connectBigQueryTable');
    return rt;
  }

  const title = (dimension: string) => `Warehouse partners per ${dimension} (my-project.warehouse.partners)`;

  test("beside the sheet's tables, the warehouse's counts from the aggregate query; the table is not read", async () => {
    const model = fixture(false);
    const rt = await connected(model);
    const cellsBefore = rt.calls.cellsRead();
    rt.call('buildDashboard');
    // The sheet's own tables stay as they were.
    expect(blockRows(model, 'Partners per tier').slice(1, 3)).toEqual([
      ['Champion', 2],
      ['Healthy', 1],
    ]);
    const tiers = blockRows(model, title('tier'));
    expect(tiers[0]).toEqual(['Tier', 'Partners']);
    expect(tiers.slice(1)).toEqual([
      ...['Champion', 'Healthy', 'At-risk', 'Critical', 'Churning', 'Unknown'].map((t) => [
        t,
        expected.tier.get(t) ?? 0,
      ]),
      ['No score (blank or invalid input)', expected.tier.get('null')],
    ]);
    expect(blockRows(model, title('segment')).slice(1, 6)).toEqual(
      ['Strategic', 'Growth', 'Stable', 'At-risk', 'Long-tail'].map((s) => [s, expected.segment.get(s) ?? 0]),
    );
    expect(blockRows(model, title('quadrant'))[1]).toEqual(['Key partner', expected.quadrant.get('Key partner') ?? 0]);
    expect(new Set(expected.tier.keys()).size).toBeGreaterThan(3);
    const intro = model.sheet('Dashboard')!.valueAt(2, 1);
    expect(intro).toContain(
      'from 6 partners on "Partners" and 300 partners in BigQuery table my-project.warehouse.partners',
    );
    // The sheet's partner table is read (6 rows); of the warehouse, only the count rows (3 columns, ≤ 25 rows).
    expect(rt.calls.cellsRead() - cellsBefore).toBeLessThan(200);
  });

  test('a spreadsheet with only the warehouse gets a dashboard of its counts', async () => {
    const model = new WorkbookModel('w', 'Warehouse only', 'America/New_York');
    model.addSheet('Notes');
    const rt = await connected(model);
    const result = rt.call('buildDashboard') as { blocks: string[]; charts: number };
    expect(result.blocks).toEqual([title('tier'), title('segment'), title('quadrant')]);
    expect(result.charts).toBe(2);
    expect(model.sheet('Dashboard')!.valueAt(2, 1)).toMatch(
      /^As of 2026-12-01, from 300 partners in BigQuery table my-project\.warehouse\.partners/,
    );
  });
});

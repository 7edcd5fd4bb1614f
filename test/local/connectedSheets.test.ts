// Connected Sheets in the local runtime (local/services/bigquery.ts): a BigQuery data source sheet over a
// warehouse file, run on DuckDB, as the add-on sees it through SpreadsheetApp.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { loadWorkbook } from '../../local/xlsxFile';
import { DEFAULT_RULES } from '../../src/core/rules';
import { BIGQUERY, DUCKDB } from '../../src/core/warehouse/dialect';
import { rulesSql } from '../../src/core/warehouse/rulesSql';
import { cli, partnerWorkbook, writeWorkbook } from '../automation/helpers';

jest.setTimeout(60_000);

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-warehouse-'));
  file = join(dir, 'partners.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT 'Partner ' || lpad(CAST(i AS VARCHAR), 3, '0') AS partner, 'pm' || (i % 3) || '@example.com' AS owner,
    CAST(i * 10 AS DOUBLE) AS revenue, CAST(i * 9 AS DOUBLE) AS revenue_last_year, CAST(NULL AS DOUBLE) AS growth, CAST(i % 7 AS BIGINT) AS deals,
    CAST(i % 5 AS BIGINT) AS leads, ['Weekly', 'Monthly', NULL, 'often'][1 + i % 4] AS engagement, CAST(i % 13 AS BIGINT) AS portal_logins,
    ['Strong', 'Weak', NULL][1 + i % 3] AS fit, ['High', 'Low', '4'][1 + i % 3] AS relevance, DATE '2026-11-01' + CAST(i AS INTEGER) AS last_contact,
    CAST(NULL AS DATE) AS last_qbr, CAST(NULL AS DATE) AS next_qbr, CAST(NULL AS DATE) AS signed, CAST(NULL AS DATE) AS first_deal,
    CAST(NULL AS DATE) AS last_portal_activity, CAST(i * 3 - 50 AS DOUBLE) AS nps FROM range(600) t(i)) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
});

function workbook(): WorkbookModel {
  const model = new WorkbookModel('cs', 'Connected Sheets test', 'America/New_York');
  model.addSheet('Partners');
  return model;
}

const SCRIPT = `
function connect(query, wait, dateColumn) {
  SpreadsheetApp.enableBigQueryExecution();
  var spec = SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId('my-project').setRawQuery(query).build();
  var sheet = SpreadsheetApp.getActive().insertDataSourceSheet(spec);
  var before = sheet.getSheetValues('partner').length;
  var status = wait ? sheet.waitForCompletion(60) : null;
  return { before: before, state: status && String(status.getExecutionState()), error: status && status.getErrorMessage(), truncated: status && status.isTruncated(),
    name: sheet.asSheet().getName(), partners: wait ? sheet.getSheetValues('partner', 1, 3) : null, count: wait ? sheet.getSheetValues('partner').length : null,
    lastContact: dateColumn ? sheet.getSheetValues(dateColumn, 1, 1)[0] instanceof Date : null };
}
function withoutEnabling() {
  var spec = SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId('p').setRawQuery('SELECT 1').build();
  return SpreadsheetApp.getActive().insertDataSourceSheet(spec);
}
function refreshFirst() {
  SpreadsheetApp.enableBigQueryExecution();
  var sheet = SpreadsheetApp.getActive().getDataSourceSheets()[0];
  sheet.refreshData();
  return String(sheet.waitForCompletion(60).getExecutionState());
}
`;

test('a data source sheet runs its BigQuery query on the warehouse file; values come after waiting, at most 500 rows', async () => {
  const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, warehouse: file });
  const result = runtime.call(
    'connect',
    'SELECT * FROM `my-project.warehouse.partners` ORDER BY partner',
    true,
    'last_contact',
  ) as Record<string, unknown>;
  expect(result).toEqual({
    before: 0,
    state: 'SUCCEEDED',
    error: '',
    truncated: true,
    name: 'Query 1',
    partners: ['Partner 000', 'Partner 001', 'Partner 002'],
    count: 500,
    lastContact: true,
  });
  // The preview is in the workbook, as a user sees it.
  expect(runtime.workbook.sheet('Query 1')?.valueAt(2, 1)).toBe('Partner 000');
  expect(runtime.calls.cellsRead()).toBe(3 + 500 + 1);
});

test('an unknown table and a syntax error come back as the execution status, as BigQuery words them', async () => {
  const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, warehouse: file });
  expect(runtime.call('connect', 'SELECT * FROM `my-project.warehouse.other`', true)).toMatchObject({
    state: 'ERROR',
    lastContact: null,
    error: 'Not found: Table my-project:warehouse.other was not found in location US',
  });
  expect((runtime.call('connect', 'SELECT * FROM WHERE', true) as { error: string }).error).toMatch(/^Syntax error/);
});

test('without SpreadsheetApp.enableBigQueryExecution() in the execution, no data executes', async () => {
  const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, warehouse: file });
  expect(() => runtime.call('withoutEnabling')).toThrow('BigQuery data execution is not enabled');
  runtime.call('connect', 'SELECT 1 AS partner', true);
  // Enabling lasts one execution.
  expect(() => runtime.call('withoutEnabling')).toThrow('BigQuery data execution is not enabled');
  expect(runtime.call('refreshFirst')).toBe('SUCCEEDED');
});

test('the bigquery dialect of the rules gives the same rows on the stand-in as the duckdb dialect on DuckDB', async () => {
  const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, warehouse: file });
  const bigquery = rulesSql(DEFAULT_RULES, BIGQUERY, { table: 'my-project.warehouse.partners', asOf: '2026-12-01' });
  runtime.call(
    'connect',
    `SELECT partner, health, tier, segment, quadrant, next_touch, problems FROM (${bigquery}) ORDER BY partner LIMIT 400`,
    true,
  );
  const viaBigQuery = runtime.workbook.sheet('Query 1')!;
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`CREATE VIEW partners AS SELECT * FROM read_parquet('${file}')`);
  const duck = (
    await c.runAndReadAll(
      `SELECT partner, health, tier, segment, quadrant, CAST(next_touch AS VARCHAR) AS next_touch, problems FROM (${rulesSql(DEFAULT_RULES, DUCKDB, { table: 'partners', asOf: '2026-12-01' })}) ORDER BY partner LIMIT 400`,
    )
  ).getRowsJson();
  c.closeSync();
  const iso = (v: unknown) =>
    v instanceof Date
      ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
      : v;
  const shown = duck.map((_, r) => [1, 2, 3, 4, 5, 6, 7].map((col) => iso(viaBigQuery.valueAt(r + 2, col))));
  expect(shown).toEqual(
    duck.map((row) => row.map((v) => (v === null ? '' : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v))),
  );
  expect(new Set(duck.map((r) => r[3])).size).toBeGreaterThan(2);
});

/** The CLI's change report for a sheet: its "N values changed" count, or 0 when it names no values for it. */
function valuesChanged(out: string, sheet: string): number {
  const line = out.split('\n').find((l) => l.startsWith(`  wrote: ${sheet}: `));
  return Number(/ (\d+) values/.exec(line ?? '')?.[1] ?? 0);
}

/** The values a sheet of a saved .xlsx holds: what a new sheet's change report counts. */
function valueCount(model: WorkbookModel, sheet: string): number {
  return [...model.sheet(sheet)!.cells()].filter(([, , cell]) => cell.value !== '').length;
}

test('the documented demo: `connectBigQueryTable` in one command, `runHourly` in the next, refreshes the same sheets and saves every one', async () => {
  // Each command is its own process: the second opens the saved workbook (and its live copy) and the saved
  // data sources, which must find their sheets again (docs/warehouse.md, "Demo").
  const out = join(mkdtempSync(join(tmpdir(), 'pp-warehouse-cli-')), 'demo.xlsx');
  const workbookPath = await writeWorkbook(partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com' }]));
  const common = ['--workbook', workbookPath, '--out', out, '--warehouse', file];
  const connect = await cli([
    'connectBigQueryTable',
    ...common,
    '--answer',
    'my-project',
    '--answer',
    'warehouse.partners',
  ]);
  expect(connect.out).toContain('Connected my-project.warehouse.partners.');
  // Both data source sheets are created as "Query 1" and then renamed; each must stay its own sheet in the
  // saved file, with its own rows, and the change report must count each one's own values.
  const connected = await loadWorkbook(out);
  expect(connected.sheets.map((s) => s.name)).toEqual(['Partners', 'Warehouse partners', 'Warehouse counts']);
  expect(connected.sheet('Warehouse partners')!.valueAt(1, 1)).toBe('partner');
  expect(connected.sheet('Warehouse partners')!.lastRow()).toBe(501);
  expect(connected.sheet('Warehouse counts')!.lastRow()).toBeLessThan(501);
  for (const sheet of ['Warehouse partners', 'Warehouse counts'])
    expect(valuesChanged(connect.out, sheet)).toBe(valueCount(connected, sheet));
  const hourly = await cli(['runHourly', ...common, '--now', '2026-12-01T09:00']);
  expect(hourly.out).toMatch(/Run log: hourly ok/);
  expect(hourly.out).not.toContain('already exists');
  const ran = await loadWorkbook(out);
  const names = ran.sheets.map((s) => s.name);
  for (const sheet of ['Partners', 'Warehouse partners', 'Warehouse counts', 'Warehouse alerts'])
    expect(names).toContain(sheet);
  expect(ran.sheet('Warehouse partners')!.lastRow()).toBe(501);
  expect(valueCount(ran, 'Warehouse alerts')).toBeGreaterThan(0);
  expect(valuesChanged(hourly.out, 'Warehouse alerts')).toBe(valueCount(ran, 'Warehouse alerts'));
});

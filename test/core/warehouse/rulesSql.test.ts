import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'sql-parser-cst';
import { sqlCommand } from '../../../local/cli/sql';
import { DEFAULT_RULES, type Rules } from '../../../src/core/rules';
import { checkWarehouseSchema, WAREHOUSE_COLUMNS } from '../../../src/core/warehouse/columns';
import { BIGQUERY, DUCKDB } from '../../../src/core/warehouse/dialect';
import { rulesSql } from '../../../src/core/warehouse/rulesSql';
import { loadPartners, openDuckDb, queryRows, type WarehouseRow } from './duckdb';
import { formulaResults } from './formulas';

const AS_OF = '2026-12-01';

// Functions of BigQuery's GoogleSQL reference (cloud.google.com/bigquery/docs/reference/standard-sql/functions-all)
// that the generated query may call; a function outside this list fails the test.
const BIGQUERY_FUNCTIONS = new Set([
  'REGEXP_REPLACE',
  'REGEXP_CONTAINS',
  'NULLIF',
  'COALESCE',
  'IS_NAN',
  'IS_INF',
  'FLOOR',
  'CEIL',
  'REPLACE',
  'LOWER',
  'SUBSTR',
  'UNIX_DATE',
  'DATE_FROM_UNIX_DATE',
  'MOD',
  'LENGTH',
  'GREATEST',
  'SUM',
  'AVG',
  'COUNT',
  'RANK',
  'MAX',
  'ROW_NUMBER',
]);

function functionsCalled(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => functionsCalled(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (n.type === 'func_call') {
      const name = n.name as { type: string; name?: string; object?: { name: string }; property?: { name: string } };
      out.add(
        (name.type === 'member_expr' ? `${name.object?.name}.${name.property?.name}` : String(name.name)).toUpperCase(),
      );
    }
    for (const value of Object.values(n)) functionsCalled(value, out);
  }
  return out;
}

test('the bigquery dialect parses as BigQuery and calls only functions BigQuery documents', () => {
  for (const rules of [
    DEFAULT_RULES,
    { ...DEFAULT_RULES, weights: { revenue: 20, activity: 20, engagement: 20, satisfaction: 20, fit: 20 } },
  ]) {
    const sql = rulesSql(rules, BIGQUERY, { table: 'my-project.partners_ds.partners', asOf: AS_OF });
    const cst = parse(sql, { dialect: 'bigquery' });
    const called = functionsCalled(cst);
    expect([...called].filter((f) => !BIGQUERY_FUNCTIONS.has(f))).toEqual([]);
    expect(called.has('REGEXP_CONTAINS')).toBe(true);
  }
});

test('the duckdb dialect is not BigQuery (the check above can fail)', () => {
  // Table quoting and a doubled quote (in "spreadsheet's") are made BigQuery's, so the parse reaches the functions.
  const sql = rulesSql(DEFAULT_RULES, DUCKDB, { table: 'partners', asOf: AS_OF })
    .replace('"partners"', 'partners')
    .replaceAll("spreadsheet''s", "spreadsheet\\'s");
  expect(() =>
    functionsCalled(parse(sql, { dialect: 'bigquery' })).forEach((f) => {
      if (!BIGQUERY_FUNCTIONS.has(f)) throw new Error(f);
    }),
  ).toThrow(/REGEXP_MATCHES|ISNAN/i);
});

describe('on DuckDB', () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await openDuckDb();
  });
  afterAll(() => connection.closeSync());

  async function both(rows: WarehouseRow[], rules: Rules) {
    await loadPartners(connection, 'partners', rows);
    const sql = await queryRows(
      connection,
      `SELECT * FROM (${rulesSql(rules, DUCKDB, { table: 'partners', asOf: AS_OF })}) AS r ORDER BY pp_order`,
    );
    return {
      sql: sql.map((r) => ({
        health: r.health,
        tier: r.tier,
        segment: r.segment,
        quadrant: r.quadrant,
        next_touch: r.next_touch,
        problems: r.problems,
      })),
      formulas: formulaResults(rows, AS_OF, rules),
    };
  }

  const partners: WarehouseRow[] = [
    {
      partner: 'Acme',
      revenue: 500,
      growth: 0.1,
      deals: 4,
      engagement: 'Monthly',
      nps: 30,
      fit: 'Moderate',
      leads: 4,
      relevance: 'High',
      last_contact: '2026-11-01',
    },
    {
      partner: 'Globex',
      revenue: 100,
      growth: 0.01,
      deals: 1,
      engagement: 'Inactive',
      nps: 10,
      fit: 'Weak',
      leads: 1,
      relevance: '2',
      last_contact: '2026-11-20',
    },
    {
      partner: 'Initech',
      revenue: 50,
      growth: 0.03,
      deals: 2,
      engagement: '\u00a0weekly\u00a0',
      nps: 55,
      fit: 'Strong',
      leads: 2,
      relevance: 'low',
    },
  ];

  test('a change to a weight, a band and a cadence in Settings changes the formulas and the SQL alike', async () => {
    const before = await both(partners, DEFAULT_RULES);
    const changed: Rules = {
      ...DEFAULT_RULES,
      weights: { ...DEFAULT_RULES.weights, revenue: 40, fit: 0 },
      activity: { ...DEFAULT_RULES.activity, dealsMid: 5 },
      segmentPolicies: {
        ...DEFAULT_RULES.segmentPolicies,
        Strategic: { ...DEFAULT_RULES.segmentPolicies.Strategic, touchEveryDays: 21 },
      },
    };
    const after = await both(partners, changed);
    expect(before.sql).toEqual(before.formulas);
    expect(after.sql).toEqual(after.formulas);
    // What a partner manager sees move: Acme's score (20 + 20 + 15 + 10 + 5 = 70; then 4 deals fall to the
    // 10-point band, growth earns 2/3 of 40 and fit nothing: 26.67 + 10 + 15 + 10 = 61.67 → 62) and its next
    // touch (Strategic every 21 days instead of 7).
    expect(before.sql[0]).toMatchObject({ health: 70, segment: 'Strategic', next_touch: '2026-11-08' });
    expect(after.sql[0]).toMatchObject({ health: 62, segment: 'Strategic', next_touch: '2026-11-22' });
  });

  test('no-break spaces around a label are blank space, as in the sheet', async () => {
    const { sql, formulas } = await both(partners, DEFAULT_RULES);
    expect(sql[2]).toEqual(formulas[2]);
    expect(sql[2].health).toBe(formulas[2].health);
  });
});

test('a bad table name or as-of date is refused with the value and what is allowed', () => {
  expect(() => rulesSql(DEFAULT_RULES, BIGQUERY, { table: 'ds.t; DROP TABLE x', asOf: AS_OF })).toThrow(
    'Table "ds.t; DROP TABLE x" is not a table name; allowed: dataset.table',
  );
  // A bare table has no dataset in BigQuery (DuckDB takes one).
  expect(() => rulesSql(DEFAULT_RULES, BIGQUERY, { table: 'partners', asOf: AS_OF })).toThrow(
    'Table "partners" is not a table name; allowed: dataset.table or project.dataset.table',
  );
  expect(() => rulesSql(DEFAULT_RULES, DUCKDB, { table: 'partners', asOf: '2026-02-30' })).toThrow(
    'As-of date "2026-02-30" is not a date; allowed: YYYY-MM-DD',
  );
});

test('the schema check names each missing column and each wrong type', () => {
  const found = WAREHOUSE_COLUMNS.filter((c) => c.name !== 'nps').map((c) => ({
    name: c.name,
    type: c.name === 'deals' ? 'STRING' : c.type,
  }));
  expect(checkWarehouseSchema(found).map((p) => p.message)).toEqual([
    'Column deals has type STRING; expected INT64',
    'Column nps is missing; expected type FLOAT64',
  ]);
  expect(checkWarehouseSchema(WAREHOUSE_COLUMNS.map((c) => ({ ...c })))).toEqual([]);
});

describe('npm run sql', () => {
  test('prints the query for the dialect, with today in the manifest zone when --as-of is left out', () => {
    expect(
      sqlCommand(['--dialect', 'bigquery', '--table', 'ds.partners', '--as-of', AS_OF], 'America/New_York'),
    ).toContain('FROM `ds.partners` AS t');
    expect(sqlCommand(['--dialect', 'duckdb', '--table', 'partners'], 'Pacific/Kiritimati')).toMatch(
      /as of \d{4}-\d{2}-\d{2}/,
    );
  });

  test('--locale: text dates read in that spreadsheet locale (default en_US); a malformed locale is refused', async () => {
    const args = ['--dialect', 'duckdb', '--table', 'partners', '--as-of', AS_OF];
    const connection = await openDuckDb();
    await loadPartners(connection, 'partners', [{ partner: 'Acme', engagement: '11/20/2026' }]);
    const read = async (extra: string[]) =>
      (await queryRows(connection, `SELECT problems, segment FROM (${sqlCommand([...args, ...extra], 'UTC')})`))[0];
    // 11/20/2026 is 20 November in en_US (11 days ago: Monthly engagement), no day in de_DE (month 20).
    expect(await read([])).toEqual({ problems: null, segment: 'Stable' });
    expect((await read(['--locale', 'de_DE'])).problems).toBe(
      `Engagement "11/20/2026" is not a date it can read (in this spreadsheet's locale (de_DE) dates read day/month/year); allowed: Weekly, Monthly, Quarterly, Inactive, the date of last portal activity, or portal logins in the last 90 days`,
    );
    connection.closeSync();
    expect(() => sqlCommand([...args, '--locale', "en'US"], 'UTC')).toThrow(`--locale "en'US" is not a locale`);
  });

  test('refuses a missing or unknown dialect and invalid Settings, naming the field', () => {
    expect(() => sqlCommand(['--table', 'x'], 'UTC')).toThrow(
      '--dialect (missing) is not a dialect; allowed: bigquery, duckdb',
    );
    const dir = mkdtempSync(join(tmpdir(), 'pp-sql-'));
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 2, rules: { ...DEFAULT_RULES, weights: { ...DEFAULT_RULES.weights, revenue: 50 } } }),
    );
    expect(() => sqlCommand(['--dialect', 'duckdb', '--table', 'p', '--settings', file], 'UTC')).toThrow(
      /rules.weights/,
    );
    writeFileSync(
      file,
      JSON.stringify({ version: 2, rules: { ...DEFAULT_RULES, activity: { dealsHigh: 9, dealsMid: 3, dealsLow: 1 } } }),
    );
    expect(sqlCommand(['--dialect', 'duckdb', '--table', 'p', '--settings', file, '--as-of', AS_OF], 'UTC')).toContain(
      '>= 9 THEN',
    );
  });
});

test('data in the alert query is quoted for each dialect: an address with a quote and a backslash stays one literal', async () => {
  const { alertsSql, decodeAlertItems } = await import('../../../src/core/warehouse/queries');
  const admin = "o'brien\\x@example.com";
  const bq = alertsSql(DEFAULT_RULES, BIGQUERY, { table: 'p.d.t', asOf: AS_OF, adminEmail: admin, after: "a'b" });
  expect(() => parse(bq, { dialect: 'bigquery' })).not.toThrow();
  expect(bq).toContain("'o\\'brien\\\\x@example.com'");
  const connection = await openDuckDb();
  await loadPartners(connection, 'partners', [{ partner: 'Acme', owner: null, revenue: 1 }]);
  const rows = await queryRows(
    connection,
    alertsSql(DEFAULT_RULES, DUCKDB, { table: 'partners', asOf: AS_OF, adminEmail: admin, after: '' }),
  );
  connection.closeSync();
  // One row per recipient: the admin's, holding the no-owner item.
  expect(rows.map((r) => r.recipient)).toEqual([admin]);
  expect(decodeAlertItems(admin, String(rows[0].items)).map((i) => i.kind)).toContain('noOwner');
});

// Runs one BigQuery query for the local runtime's Connected Sheets (local/services/bigquery.ts) on DuckDB,
// over a warehouse file standing for the connected table. A child process because @duckdb/node-api is
// asynchronous and the add-on's vm context is not: the parent waits with spawnSync (docs/warehouse.md).
//
// stdin: { sql, warehouse: { file, dataset, table } | null, previewRows }
// stdout: { ok: true, columns: [{ name, type }], rows: [[…]] (first previewRows), totalRows } | { ok: false, error }

import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'sql-parser-cst';

// BigQuery's functions that DuckDB spells differently, as DuckDB macros: the query runs as written.
const PRELUDE = [
  'CREATE TYPE FLOAT64 AS DOUBLE',
  'CREATE MACRO regexp_contains(s, p) AS regexp_matches(s, p)',
  'CREATE MACRO is_nan(x) AS isnan(x)',
  'CREATE MACRO is_inf(x) AS isinf(x)',
  "CREATE MACRO unix_date(d) AS (d - DATE '1970-01-01')",
  "CREATE MACRO date_from_unix_date(n) AS (DATE '1970-01-01' + CAST(n AS INTEGER))",
  'CREATE MACRO code_points_to_string(a) AS chr(a[1])',
];

const BIGQUERY_TYPES = {
  DOUBLE: 'FLOAT64',
  FLOAT: 'FLOAT64',
  BIGINT: 'INT64',
  INTEGER: 'INT64',
  HUGEINT: 'INT64',
  SMALLINT: 'INT64',
  TINYINT: 'INT64',
  VARCHAR: 'STRING',
  DATE: 'DATE',
  BOOLEAN: 'BOOL',
  TIMESTAMP: 'TIMESTAMP',
};
const bigQueryType = (duck) => BIGQUERY_TYPES[String(duck).replace(/\(.*$/, '')] ?? String(duck);

/** BigQuery text with its table paths pointed at DuckDB views and raw strings made plain. */
function translate(sql, warehouse) {
  let cst;
  try {
    cst = parse(sql, { dialect: 'bigquery', includeRange: true });
  } catch (error) {
    throw new Error(`Syntax error: ${String(error.message).split('\n')[0]}`);
  }
  const edits = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const quotedPath =
      node.type === 'bigquery_quoted_member_expr' || (node.type === 'identifier' && String(node.text).startsWith('`'));
    if (quotedPath) {
      edits.push({
        range: node.range,
        text: `"${viewFor(sql.slice(node.range[0] + 1, node.range[1] - 1), warehouse)}"`,
      });
      return;
    }
    // BigQuery's string literals (raw r'…' and ones with backslash escapes) as DuckDB reads them: the value, quotes doubled.
    if (node.type === 'string_literal' && typeof node.value === 'string')
      edits.push({ range: node.range, text: `'${node.value.replace(/'/g, "''")}'` });
    for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
  };
  walk(cst);
  let out = sql;
  for (const e of edits.sort((a, b) => b.range[0] - a.range[0]))
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

/** The view for a backtick path: the warehouse table (any project) or its dataset's INFORMATION_SCHEMA.COLUMNS. */
function viewFor(path, warehouse) {
  const parts = path.split('.');
  if (!warehouse)
    throw new Error(
      'Access Denied: no warehouse is connected to the local runtime; start it with --warehouse FILE (.parquet or .csv)',
    );
  if (parts.slice(-2).join('.').toUpperCase() === 'INFORMATION_SCHEMA.COLUMNS') {
    const dataset = parts[parts.length - 3];
    if (dataset !== warehouse.dataset)
      throw new Error(`Not found: Dataset ${parts.slice(0, -2).join(':')} was not found in location US`);
    return 'pp_information_schema_columns';
  }
  const [dataset, table] = parts.slice(-2);
  if (parts.length < 2 || dataset !== warehouse.dataset || table !== warehouse.table) {
    throw new Error(
      `Not found: Table ${parts.length === 3 ? `${parts[0]}:${parts[1]}.${parts[2]}` : path} was not found in location US`,
    );
  }
  return 'pp_warehouse';
}

function source(file) {
  const quoted = `'${file.replace(/'/g, "''")}'`;
  if (/\.parquet$/i.test(file)) return `read_parquet(${quoted})`;
  if (/\.csv$/i.test(file))
    return `read_csv(${quoted}, header = true, types = {'partner': 'VARCHAR', 'owner': 'VARCHAR', 'revenue': 'DOUBLE', 'revenue_last_year': 'DOUBLE', 'growth': 'DOUBLE', 'deals': 'BIGINT', 'leads': 'BIGINT', 'engagement': 'VARCHAR', 'portal_logins': 'BIGINT', 'fit': 'VARCHAR', 'relevance': 'VARCHAR', 'last_contact': 'DATE', 'last_qbr': 'DATE', 'next_qbr': 'DATE', 'signed': 'DATE', 'first_deal': 'DATE', 'last_portal_activity': 'DATE', 'nps': 'DOUBLE'})`;
  throw new Error(`Warehouse file ${file} is neither .parquet nor .csv`);
}

/** A DuckDB value as JSON: BIGINT as a number, DATE as YYYY-MM-DD, NULL as null. */
function cell(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

async function run(request) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(request.threads ?? 2) });
  const connection = await instance.connect();
  try {
    for (const statement of PRELUDE) await connection.run(statement);
    if (request.warehouse) {
      await connection.run(`CREATE VIEW pp_warehouse AS SELECT * FROM ${source(request.warehouse.file)}`);
      await connection.run(
        `CREATE VIEW pp_information_schema_columns AS SELECT '${request.warehouse.table}' AS table_name, column_name, ` +
          `CASE regexp_replace(column_type, '\\(.*$', '') ${Object.entries(BIGQUERY_TYPES)
            .map(([d, b]) => `WHEN '${d}' THEN '${b}'`)
            .join(' ')} ELSE column_type END AS data_type, ` +
          'row_number() OVER () AS ordinal_position FROM (DESCRIBE pp_warehouse)',
      );
    }
    const result = await connection.stream(translate(request.sql, request.warehouse));
    const columns = result
      .columnNames()
      .map((name, i) => ({ name, type: bigQueryType(result.columnType(i).toString()) }));
    const rows = [];
    let totalRows = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      if (rows.length < request.previewRows) {
        for (const row of chunk.getRows()) {
          if (rows.length >= request.previewRows) break;
          rows.push(row.map(cell));
        }
      }
      totalRows += chunk.rowCount;
    }
    return { ok: true, columns, rows, totalRows };
  } finally {
    connection.closeSync();
  }
}

const request = JSON.parse(readFileSync(0, 'utf8'));
run(request).then(
  (answer) => process.stdout.write(JSON.stringify(answer)),
  (error) => process.stdout.write(JSON.stringify({ ok: false, error: String(error.message ?? error).split('\n')[0] })),
);

// DuckDB for the warehouse tests: an in-memory database holding a partner table with the §13 columns.
import { type DuckDBConnection, DuckDBInstance, dateValue } from '@duckdb/node-api';
import { dayOfIso } from '../../../src/core/reading/calendar';
import { WAREHOUSE_COLUMNS } from '../../../src/core/warehouse/columns';

export type WarehouseValue = string | number | null;
/** One warehouse row: numbers, text, and dates as `YYYY-MM-DD`; null = NULL. */
export type WarehouseRow = Record<string, WarehouseValue>;

const DUCKDB_TYPES: Record<string, string> = { STRING: 'VARCHAR', FLOAT64: 'DOUBLE', INT64: 'BIGINT', DATE: 'DATE' };

export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return instance.connect();
}

/** Creates (or replaces) `table` with the §13 columns and the given rows, through bound parameters. */
export async function loadPartners(connection: DuckDBConnection, table: string, rows: WarehouseRow[]): Promise<void> {
  const columns = WAREHOUSE_COLUMNS.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${table} (pp_order BIGINT, ${columns})`);
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table);
  rows.forEach((row, i) => {
    appender.appendBigInt(BigInt(i));
    for (const c of WAREHOUSE_COLUMNS) {
      const v = row[c.name] ?? null;
      if (v === null) appender.appendNull();
      else if (c.type === 'STRING') appender.appendVarchar(String(v));
      else if (c.type === 'FLOAT64') appender.appendDouble(Number(v));
      else if (c.type === 'INT64') appender.appendBigInt(BigInt(v as number));
      else appender.appendDate(dateValue(dayOfIso(String(v)) as number));
    }
    appender.endRow();
  });
  appender.closeSync();
}

/** Rows of a query as plain objects: BIGINT as number, DATE as `YYYY-MM-DD`. */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row))
      out[k] = typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'partner' ? Number(v) : v;
    return out;
  });
}

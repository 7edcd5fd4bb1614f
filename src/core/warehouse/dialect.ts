/**
 * Every difference between the two SQL dialects the rules are generated in, in one place
 * (docs/warehouse.md, "Dialects"). Everything else in the generated query is SQL both BigQuery and DuckDB
 * read the same way: CASE, COALESCE, NULLIF, GREATEST, FLOOR, CEIL, SUBSTR, LOWER, REGEXP_REPLACE, `||`, RANK,
 * ROW_NUMBER, COUNT/SUM/AVG, MOD, LENGTH, CAST and DATE literals.
 */
export type DialectName = 'bigquery' | 'duckdb';

export interface Dialect {
  name: DialectName;
  floatType: string;
  intType: string;
  stringType: string;
  /** A table reference, quoted. */
  table(name: string): string;
  /** Any text as a string literal (data such as an e-mail address, which may hold a quote). */
  quote(text: string): string;
  /** An RE2 pattern as a string literal: backslashes reach RE2 unchanged. */
  regex(pattern: string): string;
  /** Whether `text` matches the RE2 `pattern` (anchors in the pattern make it a full match). */
  regexContains(text: string, pattern: string): string;
  isNan(x: string): string;
  isInf(x: string): string;
  /** Days since 1970-01-01 of a DATE: "days since" becomes subtraction, like DayNumber in core/reading/calendar.ts. */
  unixDate(date: string): string;
  dateFromUnixDate(days: string): string;
  /** A one-character string of a Unicode code point (the alert query's separators). */
  codePoint(n: number): string;
}

// BigQuery names a table by its dataset at least (a bare `t` has no dataset): two or three parts.
const BIGQUERY_TABLE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_$-]+){1,2}$/;
const DUCKDB_TABLE = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}$/;

function checkTable(name: string, pattern: RegExp, allowed: string): string {
  if (!pattern.test(name)) throw new Error(`Table "${name}" is not a table name; allowed: ${allowed}`);
  return name;
}

export const BIGQUERY: Dialect = {
  name: 'bigquery',
  floatType: 'FLOAT64',
  intType: 'INT64',
  stringType: 'STRING',
  table: (name) =>
    `\`${checkTable(name, BIGQUERY_TABLE, 'dataset.table or project.dataset.table (letters, digits, _ and -)')}\``,
  quote: (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`,
  regex: (pattern) => `r${sqlString(pattern, true)}`,
  regexContains: (text, pattern) => `REGEXP_CONTAINS(${text}, ${pattern})`,
  isNan: (x) => `IS_NAN(${x})`,
  isInf: (x) => `IS_INF(${x})`,
  unixDate: (date) => `UNIX_DATE(${date})`,
  dateFromUnixDate: (days) => `DATE_FROM_UNIX_DATE(${days})`,
  codePoint: (n) => `CODE_POINTS_TO_STRING([${n}])`,
};

export const DUCKDB: Dialect = {
  name: 'duckdb',
  floatType: 'DOUBLE',
  intType: 'BIGINT',
  stringType: 'VARCHAR',
  table: (name) =>
    checkTable(name, DUCKDB_TABLE, 'table, schema.table or catalog.schema.table (letters, digits and _)')
      .split('.')
      .map((p) => `"${p}"`)
      .join('.'),
  quote: (text) => `'${text.replace(/'/g, "''")}'`,
  regex: (pattern) => sqlString(pattern, true),
  regexContains: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
  isNan: (x) => `isnan(${x})`,
  isInf: (x) => `isinf(${x})`,
  unixDate: (date) => `(${date} - DATE '1970-01-01')`,
  dateFromUnixDate: (days) => `(DATE '1970-01-01' + CAST(${days} AS INTEGER))`,
  codePoint: (n) => `chr(${n})`,
};

export const DIALECTS: Record<DialectName, Dialect> = { bigquery: BIGQUERY, duckdb: DUCKDB };

/**
 * A string literal. The literals the rules need (labels, messages) hold neither quotes nor backslashes,
 * which both dialects read alike; anything else is refused rather than escaped two ways. Regular expressions
 * may hold backslashes: BigQuery reads them raw in r'…', DuckDB never treats them as escapes in '…'.
 */
export function sqlString(text: string, backslashes = false): string {
  if ((!backslashes && text.includes('\\')) || /['\n\r]/.test(text))
    throw new Error(
      `Text ${JSON.stringify(text)} cannot be put in the generated SQL: it holds a quote, a backslash or a line break`,
    );
  return `'${text}'`;
}

/** A number as the same IEEE double in both dialects (DuckDB would read 0.1 as DECIMAL, not DOUBLE). */
export function sqlNumber(n: number, dialect: Dialect): string {
  if (!Number.isFinite(n)) throw new Error(`Number ${n} cannot be put in the generated SQL`);
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return n < 0 ? `(${n})` : String(n);
  return `CAST('${String(n)}' AS ${dialect.floatType})`;
}

// `npm run sql -- --dialect bigquery|duckdb --table NAME [--as-of YYYY-MM-DD] [--settings FILE] [--locale en_GB]`: prints the
// partner rules as one SELECT over a warehouse table (docs/warehouse.md). The rules come from the same
// Settings the add-on stores (a JSON file as the Settings dialog saves it), so the SQL and the formulas agree.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readStoredSettings } from '../src/core/settings/settings';
import { DIALECTS, type DialectName } from '../src/core/warehouse/dialect';
import { rulesSql } from '../src/core/warehouse/rulesSql';

/** Today's calendar date in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function sqlCommand(argv: string[], manifestTimeZone: string): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      dialect: { type: 'string' },
      table: { type: 'string' },
      'as-of': { type: 'string' },
      settings: { type: 'string' },
      locale: { type: 'string' },
    },
    strict: true,
  });
  const dialect = values.dialect;
  if (dialect !== 'bigquery' && dialect !== 'duckdb')
    throw new Error(
      `--dialect ${dialect === undefined ? '(missing)' : `"${dialect}"`} is not a dialect; allowed: bigquery, duckdb`,
    );
  if (!values.table)
    throw new Error('--table (missing) is required: the warehouse table, such as partners_ds.partners');
  let rules = readStoredSettings(null).settings.rules;
  if (values.settings) {
    const loaded = readStoredSettings(readFileSync(values.settings, 'utf8'));
    if (loaded.problems.length)
      throw new Error(
        `--settings ${values.settings}: ${loaded.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      );
    rules = loaded.settings.rules;
  }
  const asOf = values['as-of'] ?? todayIn(manifestTimeZone);
  // The spreadsheet's locale decides how an engagement typed as a text date reads (11/12/2026).
  const locale = values.locale ?? 'en_US';
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale))
    throw new Error(
      `--locale "${locale}" is not a locale; allowed: a spreadsheet locale such as en_US, en_GB or de_DE`,
    );
  return rulesSql(rules, DIALECTS[dialect as DialectName], { table: values.table, asOf, locale });
}

export function runSql(argv: string[], manifestTimeZone: string): number {
  process.stdout.write(`${sqlCommand(argv, manifestTimeZone)}\n`);
  return 0;
}

// `npm run sql -- --dialect bigquery|duckdb --table NAME [--as-of YYYY-MM-DD] [--settings FILE] [--locale en_GB]`: prints the
// partner rules as one SELECT over a warehouse table (docs/warehouse.md). The rules come from the same
// Settings the add-on stores (a JSON file as the Settings dialog saves it), so the SQL and the formulas agree.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MONTH_FIRST_LOCALES } from '../../src/core/reading/calendar';
import { readStoredSettings } from '../../src/core/settings/settings';
import { DIALECTS, type DialectName } from '../../src/core/warehouse/dialect';
import { asOfDay, rulesSql } from '../../src/core/warehouse/rulesSql';
import { UserError } from '../workingCopy';

/** The options of `npm run sql`, in the order `--help` lists them; the parser reads the same table. */
const SQL_OPTIONS: { name: string; value?: string; help: string }[] = [
  { name: 'dialect', value: 'bigquery|duckdb', help: 'the SQL dialect (required)' },
  {
    name: 'table',
    value: 'NAME',
    help: 'the warehouse table (required): dataset.table or project.dataset.table for bigquery; table, schema.table or catalog.schema.table for duckdb',
  },
  {
    name: 'as-of',
    value: 'YYYY-MM-DD',
    help: "the day the rules run on (default today in appsscript.json's time zone)",
  },
  {
    name: 'settings',
    value: 'FILE',
    help: 'Settings JSON as the Settings dialog stores it (default: the default Settings)',
  },
  {
    name: 'locale',
    value: 'LOCALE',
    help: "the spreadsheet's locale as Sheets writes it, e.g. en_GB: how text dates read (default en_US)",
  },
  { name: 'help', help: 'this help' },
];

export function sqlUsage(): string {
  const label = (o: (typeof SQL_OPTIONS)[number]) => `--${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...SQL_OPTIONS.map((o) => label(o).length));
  return [
    'npm run -s sql -- --dialect bigquery|duckdb --table NAME [--as-of YYYY-MM-DD] [--settings FILE] [--locale LOCALE]',
    '',
    'Prints the partner rules as one SELECT over a warehouse table (docs/warehouse.md).',
    '',
    'Options:',
    ...SQL_OPTIONS.map((o) => `  ${label(o).padEnd(width)}  ${o.help}`),
    '',
    'Exit status: 0 when the SQL was printed; 2 for a usage error or a file that cannot be read.',
  ].join('\n');
}

/**
 * Whether the rules can read dates in `locale`, a spreadsheet locale as Sheets writes it. The rules read
 * month/day in MONTH_FIRST_LOCALES and day/month in every other locale (src/core/reading/calendar.ts), so a
 * made-up locale (`zz_ZZ`) would silently read day first: accept the month-first ones by name, and others
 * when their language and region are ones the JavaScript runtime knows.
 */
export function isReadableLocale(locale: string): boolean {
  if (MONTH_FIRST_LOCALES.includes(locale)) return true;
  const parts = /^([a-z]{2,3})(?:_([A-Z]{2}))?$/.exec(locale);
  if (!parts) return false;
  const [, language, region] = parts;
  if (Intl.DateTimeFormat.supportedLocalesOf(language, { localeMatcher: 'lookup' }).length === 0) return false;
  // ZZ is CLDR's "Unknown Region", which has a display name.
  if (region === undefined) return true;
  return region !== 'ZZ' && new Intl.DisplayNames('en', { type: 'region', fallback: 'none' }).of(region) !== undefined;
}

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

function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: Object.fromEntries(
        SQL_OPTIONS.map((o) => [o.name, { type: o.value ? ('string' as const) : ('boolean' as const) }]),
      ),
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    // node:util's messages suggest `--` and positionals; say instead what this command takes.
    const what = /'([^' ]*)/.exec(error instanceof Error ? error.message : '')?.[1] ?? String(error);
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `${what} needs a value`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? `Unexpected "${what}"`
          : `Unknown option ${what}`;
    const allowed = SQL_OPTIONS.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ''}`).join(', ');
    throw new UserError(`${problem}; allowed: ${allowed} (npm run -s sql -- --help)`);
  }
}

/** The text of the --settings file; one line naming the path when it cannot be read. */
function readSettingsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new UserError(`Cannot read --settings ${path}: ${why}`);
  }
}

/** The SQL for `argv`. Every mistake in the command line is a UserError (exit status 2, one line). */
export function sqlCommand(argv: string[], manifestTimeZone: string): string {
  const values = readOptions(argv);
  const dialect = values.dialect;
  if (dialect !== 'bigquery' && dialect !== 'duckdb')
    throw new UserError(
      `--dialect ${dialect === undefined ? '(missing)' : `"${dialect}"`} is not a dialect; allowed: bigquery, duckdb`,
    );
  if (!values.table)
    throw new UserError('--table (missing) is required: the warehouse table, such as partners_ds.partners');
  try {
    DIALECTS[dialect as DialectName].table(values.table);
  } catch (error) {
    throw new UserError(`--table: ${error instanceof Error ? error.message : String(error)}`);
  }
  let rules = readStoredSettings(null).settings.rules;
  if (values.settings) {
    const loaded = readStoredSettings(readSettingsFile(values.settings));
    if (loaded.problems.length)
      throw new UserError(
        `--settings ${values.settings}: ${loaded.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      );
    rules = loaded.settings.rules;
  }
  const asOf = values['as-of'] ?? todayIn(manifestTimeZone);
  try {
    asOfDay(asOf);
  } catch (error) {
    throw new UserError(`--as-of: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The spreadsheet's locale decides how an engagement typed as a text date reads (11/12/2026).
  const locale = values.locale ?? 'en_US';
  if (!isReadableLocale(locale))
    throw new UserError(
      `--locale "${locale}" is not a locale; allowed: a spreadsheet locale as Sheets writes it, language_REGION such as en_US, en_GB or de_DE`,
    );
  return rulesSql(rules, DIALECTS[dialect as DialectName], { table: values.table, asOf, locale });
}

export function runSql(argv: string[], manifestTimeZone: string): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${sqlUsage()}\n`);
    return 0;
  }
  process.stdout.write(`${sqlCommand(argv, manifestTimeZone)}\n`);
  return 0;
}

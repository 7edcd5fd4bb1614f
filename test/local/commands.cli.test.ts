// `npm run sql`, `npm run sidebar` and `npm run local` as a user types them: --help, what a usage error prints
// and its exit status (docs/local-runtime.md, docs/warehouse.md). Each is its own process through scripts/start.mjs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const start = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const sql = (...args: string[]) => start('--sql', ...args);
const SQL_OPTIONS = ['--dialect', '--table', '--as-of', '--settings', '--locale', '--help'];

describe('npm run sql', () => {
  test('--help prints the usage, every option with what it takes, and exits 0', () => {
    const run = sql('--help');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const option of SQL_OPTIONS) expect(run.stdout).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
    expect(run.stdout).toContain('--dialect bigquery|duckdb');
    expect(run.stdout).toContain('--as-of YYYY-MM-DD');
    expect(run.stdout).toContain('2 for a usage error');
  });

  test('a usage error exits 2 with one line: bad dialect, unknown option (listing the allowed ones), missing file', () => {
    const dialect = sql('--dialect', 'oracle', '--table', 'partners');
    expect(dialect.status).toBe(2);
    expect(dialect.stderr.trim()).toBe('--dialect "oracle" is not a dialect; allowed: bigquery, duckdb');

    const unknown = sql('--dialect', 'duckdb', '--table', 'partners', '--tabel', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^Unknown option --tabel; allowed: /);
    for (const option of SQL_OPTIONS) expect(unknown.stderr).toContain(option);

    const missing = join(mkdtempSync(join(tmpdir(), 'pp-sql-')), 'nope.json');
    const file = sql('--dialect', 'duckdb', '--table', 'partners', '--settings', missing);
    expect(file.status).toBe(2);
    expect(file.stderr.trim()).toBe(`Cannot read --settings ${missing}: there is no such file`);
    expect(file.stdout).toBe('');

    const asOf = sql('--dialect', 'duckdb', '--table', 'partners', '--as-of', '2026-13-01');
    expect(asOf.status).toBe(2);
    expect(asOf.stderr.trim()).toBe(
      '--as-of: As-of date "2026-13-01" is not a date; allowed: YYYY-MM-DD, such as 2026-12-01',
    );
  });

  test('a locale the rules cannot read, and a one-part bigquery table, are refused naming the value and what is allowed', () => {
    const locale = sql('--dialect', 'duckdb', '--table', 'partners', '--locale', 'zz_ZZ');
    expect(locale.status).toBe(2);
    expect(locale.stderr.trim()).toBe(
      '--locale "zz_ZZ" is not a locale; allowed: a spreadsheet locale as Sheets writes it, language_REGION such as en_US, en_GB or de_DE',
    );
    // The locales calendar.ts reads month first are all accepted, en_CA_US too.
    for (const ok of ['en_GB', 'de_DE', 'fil_PH', 'en_CA_US', 'ja'])
      expect(sql('--dialect', 'duckdb', '--table', 'partners', '--locale', ok).status).toBe(0);

    const table = sql('--dialect', 'bigquery', '--table', 't');
    expect(table.status).toBe(2);
    expect(table.stderr.trim()).toBe(
      '--table: Table "t" is not a table name; allowed: dataset.table or project.dataset.table (letters, digits, _ and -)',
    );
    expect(sql('--dialect', 'bigquery', '--table', 'ds.t').status).toBe(0);
    expect(sql('--dialect', 'duckdb', '--table', 't').status).toBe(0);
  });
});

test('npm start refuses a locale the rules cannot read, as npm run sql does', () => {
  const run = start('--locale', 'zz_ZZ');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--locale zz_ZZ: not a locale; write it as Sheets does, like en_US or de_DE');
});

test('npm run sidebar -- --help prints its options before any build and exits 0', () => {
  const run = start('--sidebar', '--help');
  expect(run.status).toBe(0);
  expect(run.stdout).not.toMatch(/dist\/Code\.js: .* top-level functions/); // the build's line
  expect(run.stdout).toMatch(/^Usage: npm run sidebar -- /);
  for (const option of ['--workbook', '--port', '--now', '--select', '--fresh'])
    expect(run.stdout).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
});

test('npm start -- --help names npm run sql and npm run sidebar, each with a pointer to its own --help', () => {
  const run = start('--help');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^ {2}npm run sidebar .*`npm run sidebar -- --help`/m);
  expect(run.stdout).toMatch(/^ {2}npm run -s sql .*`npm run -s sql -- --help`/m);
});

test('npm run local with no function is a usage error: the help on stderr, exit 2; `help` still asks for it', () => {
  const none = start('--local');
  expect(none.status).toBe(2);
  expect(none.stdout).toBe('');
  expect(none.stderr).toMatch(/^Which function\? npm run local -- <functionName>/);
  expect(none.stderr).toContain('Functions (npm run local -- FUNCTION):');
  const flagsOnly = start('--local', '--workbook', 'x.xlsx');
  expect(flagsOnly.status).toBe(2);
  expect(flagsOnly.stderr).toMatch(/^Which function\?/);
  const help = start('--local', 'help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Functions (npm run local -- FUNCTION):');
});

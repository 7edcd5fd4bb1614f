// The house rules of CONTRIBUTING.md that a reader of the tree relies on, checked so they stay true.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function filesUnder(dir: string, ending: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ending));
    else if (ending.test(entry)) out.push(path);
  }
  return out;
}

const withoutComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

test('the rules in src/core read no Apps Script global', () => {
  const globals =
    /\b(SpreadsheetApp|PropertiesService|CacheService|LockService|MailApp|GmailApp|ScriptApp|HtmlService|UrlFetchApp|Utilities|Session|Logger|BigQuery|DriveApp)\s*\./;
  const offenders = filesUnder(join(ROOT, 'src', 'core'), /\.ts$/)
    .filter((file) => globals.test(withoutComments(readFileSync(file, 'utf8'))))
    .map((file) => relative(ROOT, file));
  expect(offenders).toEqual([]);
});

test('no source file is longer than 500 lines', () => {
  const tooLong = ['src', 'ui', 'local', 'scripts']
    .flatMap((dir) => filesUnder(join(ROOT, dir), /\.(ts|mjs|cjs)$/))
    .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > 500);
  expect(tooLong).toEqual([]);
});

test('tests mirror the feature folders of src/: every test of core and server sits in a folder src/ has', () => {
  const folders = (dir: string) =>
    readdirSync(join(ROOT, dir)).filter((entry) => statSync(join(ROOT, dir, entry)).isDirectory());
  for (const layer of ['core', 'server']) {
    const loose = readdirSync(join(ROOT, 'test', layer)).filter((entry) => entry.endsWith('.ts'));
    expect(`test/${layer}: ${loose.join(', ')}`).toBe(`test/${layer}: `);
    for (const folder of folders(join('test', layer))) {
      expect(`${layer}/${folder}: ${folders(join('src', layer)).includes(folder)}`).toBe(`${layer}/${folder}: true`);
    }
  }
});

// The CLI (`npm start`, `npm run local -- <functionName> | settings`), as a user runs it: its own process,
// what it prints and its exit status (docs/local-runtime.md).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addOnFunctions, FLAGS, parseArgs, parseNow, runLocal, runStart } from '../../local/cli';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { loadWorkbook } from '../../local/xlsxFile';
import { cli, partnerWorkbook, writeWorkbook } from '../automation/helpers';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const tmp = () => mkdtempSync(join(tmpdir(), 'pp-cli-'));

test('parses the function name and options', () => {
  const o = parseArgs([
    'runHourly',
    '--workbook',
    'my.xlsx',
    '--now',
    '2026-12-01T07:00',
    '--quota',
    '5',
    '--time-limit',
    '30',
    '--calls',
  ]);
  expect(o.functionName).toBe('runHourly');
  expect(o.workbook).toBe('my.xlsx');
  expect(o.now).toEqual(new Date(2026, 11, 1, 7, 0));
  expect(o.quota).toBe(5);
  expect(o.timeLimitMs).toBe(30_000);
  expect(o.calls).toBe(true);
  expect(() => parseArgs(['--now', 'soon'])).toThrow(
    '--now soon: not a date; write it like 2026-12-01T07:00, or 2026-12-01 for midnight',
  );
  expect(() => parseArgs(['--bogus'])).toThrow('Unknown option --bogus');
  expect(() => parseArgs(['--set', 'a=b'], 'local')).toThrow('--set is not an option of `npm run local -- <function>`');
});

test("--now with a date alone is midnight in the spreadsheet's time zone, not the evening before", () => {
  expect(parseNow('2026-12-01', 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
  expect(parseNow('2026-12-01', 'Asia/Tokyo').toISOString()).toBe('2026-11-30T15:00:00.000Z');
  expect(parseNow('2026-07-01T07:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T05:00:00.000Z');
  expect(parseNow('2026-12-01T07:00Z', 'Asia/Tokyo').toISOString()).toBe('2026-12-01T07:00:00.000Z');
  // The script's zone (appsscript.json, America/New_York) when none is given.
  expect(parseArgs(['--now', '2026-12-01']).now).toEqual(new Date(2026, 11, 1));
  expect(() => parseNow('2026-02-30', 'UTC')).toThrow('--now 2026-02-30: not a date');
});

test('--help answers before any build and lists every flag and every function of the add-on', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(run.stdout).not.toMatch(/dist\/Code\.js: .* top-level functions/); // the build's line
  for (const flag of FLAGS) expect(run.stdout).toContain(flag.name);
  const functions = addOnFunctions();
  expect(functions.map((f) => f.name)).toEqual(
    expect.arrayContaining(['onOpen', 'runHourly', 'saveSettings', 'PARTNER_HEALTH']),
  );
  for (const f of functions) expect(run.stdout).toMatch(new RegExp(`^  ${f.name} `, 'm'));
  // A mistyped option is refused before the build too, with exit status 2.
  const wrong = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--wrokbook', 'x.xlsx'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(wrong.status).toBe(2);
  expect(wrong.stderr.trim()).toBe('Unknown option --wrokbook; `npm start -- --help` lists the options');
});

test("the user's file is never written; the results go to the --out copy; exit 0 and what happened is printed", async () => {
  const dir = tmp();
  const mine = await writeWorkbook(partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com', nps: 60 }]), dir);
  const bytes = readFileSync(mine);
  const out = join(dir, 'results.xlsx');
  const run = await cli(['recolorNow', '--workbook', mine, '--out', out, '--now', '2026-12-01T07:00']);
  expect(run.code).toBe(0);
  expect(run.out).toContain(`Working on a copy: ${mine} stays as it is; results go to ${out}.`);
  expect(run.out).toMatch(/Run log: recolor ok — 1 partners read, 1 rows recolored/);
  // The service calls in one line; per method only with --calls.
  expect(run.out).toMatch(
    /^Calls: \d+ service calls, estimated Apps Script time [\d.]+ s \(--calls lists them per method\)$/m,
  );
  expect(run.out).not.toMatch(/^ {2}\S+\.\S+ +\d+$/m);
  expect(readFileSync(mine).equals(bytes)).toBe(true);
  expect((await loadWorkbook(out)).sheet('Partners')!.cell(2, 1)!.background).toBeDefined();
});

test('exit status: 2 for an unknown function, 1 when the Run log logs the run failed, with the reason', async () => {
  const dir = tmp();
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Other').addRow(['x']);
  const path = join(dir, 'nopartners.xlsx');
  await book.xlsx.writeFile(path);
  const unknown = await cli(['noSuchFunction', '--workbook', path, '--out', path]);
  expect(unknown.code).toBe(2);
  expect(unknown.out).toContain('dist/Code.js has no top-level function noSuchFunction.');
  const failed = await cli(['runHourly', '--workbook', path, '--out', path, '--now', '2026-12-01T07:00']);
  expect(failed.code).toBe(1);
  expect(failed.out).toContain('Failed: the Run log logged hourly: There is no sheet named "Partners".');
});

test('a damaged or non-.xlsx file gives one line naming it, exit status 2, no stack', async () => {
  const dir = tmp();
  const bad = join(dir, 'export.xlsx');
  writeFileSync(bad, 'Partner,Owner\nAcme,ann@example.com\n');
  const run = await cli(['recolorNow', '--workbook', bad, '--out', join(dir, 'out.xlsx')]);
  expect(run.code).toBe(2);
  const lines = run.out.trim().split('\n');
  expect(lines[lines.length - 1]).toBe(
    `Cannot read ${bad}: it is not an .xlsx workbook, or it is damaged. In Sheets use File → Download → Microsoft Excel (.xlsx), or give a .csv.`,
  );
  expect(run.out).not.toMatch(/jszip| {4}at /);
});

test('a CSV is converted into the partner sheet Settings names, values typed as Sheets imports them', async () => {
  const dir = tmp();
  const csv = join(dir, 'export.csv');
  writeFileSync(
    csv,
    'Partner,Owner,Revenue,Growth,Deals,Engagement,NPS,Strategic fit,Last contact\nAcme,ann@example.com,"$120,000",25%,6,Weekly,60,Strong,2026-11-20\n',
  );
  const out = join(dir, 'export.xlsx');
  const run = await cli(['recolorNow', '--workbook', csv, '--out', out, '--now', '2026-12-01T07:00']);
  expect(run.code).toBe(0);
  expect(run.out).toContain('Converted the CSV into sheet "Partners" (the partner sheet Settings names).');
  const sheet = (await loadWorkbook(out)).sheet('Partners')!;
  expect([sheet.valueAt(2, 3), sheet.valueAt(2, 4), sheet.valueAt(2, 9)]).toEqual([
    120000,
    0.25,
    new Date(2026, 10, 20),
  ]);
  expect(sheet.cell(2, 1)!.background).toBeDefined(); // recolored: the run read it as a partner table
});

test("settings from the CLI: listed, changed with the dialog's validation, nothing saved when one value is refused", async () => {
  const dir = tmp();
  const path = await writeWorkbook(partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com' }]), dir);
  const base = ['settings', '--workbook', path, '--out', path];
  const refused = await cli([...base, '--set', 'rules.weights.revenue=abc', '--set', 'adminEmail=ops@example.com']);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('Not saved: Weight of Revenue "abc" is not a number; allowed: a whole number 0…100');
  const unknown = await cli([...base, '--set', 'rules.bogus=1']);
  expect(unknown.code).toBe(2);
  const saved = await cli([...base, '--set', 'adminEmail=ops@example.com']);
  expect(saved.code).toBe(0);
  expect(saved.out).toContain('Saved adminEmail = ops@example.com');
  const listed = await cli(base);
  expect(listed.out).toMatch(/^ {2}adminEmail +ops@example\.com +Admin address$/m);
  expect(listed.out).toMatch(/^ {2}rules\.weights\.revenue +30 +Weight of Revenue$/m);
});

test('the tour on your own workbook: menu, automation turned on, the trigger fired, digests, pictures; hints name your file', async () => {
  const dir = tmp();
  const mine = await writeWorkbook(
    partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com', lastContactDaysAgo: null }]),
    dir,
  );
  const bytes = readFileSync(mine);
  const out = join(dir, 'tour.xlsx');
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  let code: number;
  try {
    code = await runStart(['--workbook', mine, '--out', out, '--now', '2026-12-01T07:00']);
  } finally {
    log.mockRestore();
  }
  const text = printed.join('\n');
  expect(code).toBe(0);
  expect(text).toContain('onOpen() — the menu Sheets shows:');
  expect(text).toContain('Menu: "Turn daily automation on" → turnAutomationOn()');
  expect(text).toMatch(/Triggers: fired 1 once\n {2}runHourly\(\) \(trigger \w+\) ran/);
  expect(text).toMatch(/mail sent to ann@example\.com — "PartnerPulse 2026-12-01: 1 partner needs you/);
  expect(text).toContain(`picture of the colored sheet: ${join(dir, 'tour.svg')}`);
  expect(text).toContain(`npm run local -- recolorNow --workbook ${mine} --out ${out}`);
  expect(text).not.toContain('out/partners.xlsx');
  expect(readFileSync(mine).equals(bytes)).toBe(true);
});

test('dialogs print as the text a user reads (no markup or CSS), alerts in full', async () => {
  const dir = tmp();
  const path = await writeWorkbook(partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com' }]), dir);
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  try {
    expect(await runLocal(['openSettings', '--workbook', path, '--out', path])).toBe(0);
    expect(await runLocal(['turnAutomationOn', '--workbook', path, '--out', path])).toBe(0);
  } finally {
    log.mockRestore();
  }
  const text = printed.join('\n');
  expect(text).toContain(
    '  modal "PartnerPulse settings":\n      Health weights (must add up to 100)\n      Weight of Revenue: [30]',
  );
  expect(text).toMatch(/^ {6}Admin address: \[\]$/m);
  expect(text).not.toMatch(/<[a-z]|\{[^}]*:[^}]*;/i); // no tags, no CSS rules
  // The whole alert, not a preview cut at 160 characters: its title, the message and every header-check line.
  expect(text).toContain(
    '  alert "PartnerPulse: automation is on — check the partner sheet":\n      Daily automation is on: rows are recolored',
  );
  expect(text).toContain('so items for the admin go to you (pm@example.com).');
  expect(text).toMatch(/^ {6}• No Leads column: add a header `Leads` \(also read: Leads submitted\)\.$/m);
});

test('--time-zone and --locale set the spreadsheet zone and locale, apart from the script zone', async () => {
  const o = parseArgs(['previewAlerts', '--time-zone', 'Europe/Berlin', '--locale', 'de_DE']);
  expect([o.timeZone, o.locale]).toEqual(['Europe/Berlin', 'de_DE']);
  expect(() => parseArgs(['--locale', 'German'])).toThrow(
    '--locale German: not a locale; write it as Sheets does, like en_US or de_DE',
  );
  const model = new WorkbookModel('cli', 'CLI', 'America/New_York');
  model.addSheet('Partners');
  const runtime = await createRuntime({ workbook: model, code: '', timeZone: o.timeZone, locale: o.locale });
  expect([runtime.spreadsheet.getSpreadsheetTimeZone(), runtime.spreadsheet.getSpreadsheetLocale()]).toEqual([
    'Europe/Berlin',
    'de_DE',
  ]);
  expect(runtime.services.Session.getScriptTimeZone()).toBe('America/New_York');
  await expect(createRuntime({ workbook: model, code: '', timeZone: 'Mars/Olympus' })).rejects.toThrow(
    'Time zone Mars/Olympus is not one Sheets knows; give an IANA name like Europe/Berlin.',
  );
  // --now is read in the spreadsheet's zone given with --time-zone, in either order.
  expect(parseArgs(['--now', '2026-12-01', '--time-zone', 'Asia/Tokyo']).now!.toISOString()).toBe(
    '2026-11-30T15:00:00.000Z',
  );
});

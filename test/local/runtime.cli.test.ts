// The CLI's argument parsing (`npm run local -- <functionName> [options]`).
import { parseArgs } from '../../local/cli';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

test('parses the function name and options', () => {
  const o = parseArgs(['runHourly', '--workbook', 'my.xlsx', '--now', '2026-12-01T07:00', '--quota', '5', '--time-limit', '30']);
  expect(o.functionName).toBe('runHourly');
  expect(o.workbook).toBe('my.xlsx');
  expect(o.now).toEqual(new Date(2026, 11, 1, 7, 0));
  expect(o.quota).toBe(5);
  expect(o.timeLimitMs).toBe(30_000);
  expect(() => parseArgs(['--now', 'soon'])).toThrow('--now soon: not a date; write it like 2026-12-01T07:00');
  expect(() => parseArgs(['--bogus'])).toThrow('Unknown option --bogus');
});

test('--time-zone and --locale set the spreadsheet zone and locale, apart from the script zone', async () => {
  const o = parseArgs(['previewAlerts', '--time-zone', 'Europe/Berlin', '--locale', 'de_DE']);
  expect([o.timeZone, o.locale]).toEqual(['Europe/Berlin', 'de_DE']);
  expect(() => parseArgs(['--locale', 'German'])).toThrow('--locale German: not a locale; write it as Sheets does, like en_US or de_DE');
  const model = new WorkbookModel('cli', 'CLI', 'America/New_York');
  model.addSheet('Partners');
  const runtime = await createRuntime({ workbook: model, code: '', timeZone: o.timeZone, locale: o.locale });
  expect([runtime.spreadsheet.getSpreadsheetTimeZone(), runtime.spreadsheet.getSpreadsheetLocale()]).toEqual(['Europe/Berlin', 'de_DE']);
  expect(runtime.services.Session.getScriptTimeZone()).toBe('America/New_York');
  await expect(createRuntime({ workbook: model, code: '', timeZone: 'Mars/Olympus' })).rejects.toThrow(
    'Time zone Mars/Olympus is not one Sheets knows; give an IANA name like Europe/Berlin.',
  );
});

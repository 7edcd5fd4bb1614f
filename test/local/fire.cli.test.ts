// `npm run local -- fire [--now T]` fires the installed time-driven triggers due at T as Google does (its event,
// FULL mode), and the Google-context flags (`--mode`, `--auth-mode`, `--no-trigger-document`) reach the runtime.
import { parseArgs } from '../../local/cli';
import { loadWorkbook } from '../../local/xlsxFile';
import { cli, FIVE_PARTNERS, partnerWorkbook, workbookRows, writeWorkbook } from '../automation/helpers';

jest.setTimeout(120_000);

test('the Google-context flags are parsed, with a clear message for a wrong value', () => {
  expect(parseArgs(['onOpen', '--mode', 'bound', '--auth-mode', 'none', '--no-trigger-document']).google).toEqual({
    mode: 'bound',
    authMode: 'NONE',
    triggerDocument: false,
  });
  expect(() => parseArgs(['onOpen', '--mode', 'web'])).toThrow(
    '--mode web: allowed addon (installed from the Marketplace) or bound (a copy of the code in the sheet)',
  );
  expect(() => parseArgs(['onOpen', '--auth-mode', 'ALL'])).toThrow('--auth-mode ALL: allowed NONE, LIMITED or FULL');
});

test('fire runs the hourly trigger that is due, with its event, and nothing when none is due', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  // --out to the same file: each run continues from the last (the CLI never writes a user's file otherwise).
  const on = await cli(['turnAutomationOn', '--workbook', path, '--out', path, '--now', '2026-12-01T06:10']);
  expect(on.code).toBe(0);
  const early = await cli(['fire', '--workbook', path, '--out', path, '--now', '2026-12-01T06:30']);
  expect(early.out).toContain('nothing due');
  const fired = await cli(['fire', '--workbook', path, '--out', path, '--now', '2026-12-01T09:30']);
  expect(fired.code).toBe(0);
  expect(fired.out).toMatch(
    /runHourly\(\) — due 2026-12-01T14:10:00.000Z, event \{"authMode":"FULL","triggerUid":"\w+",.*"hour":14,"minute":10.*"timezone":"UTC"\}: ran/,
  );
  const model = await loadWorkbook(path, { timeZone: 'America/New_York' });
  expect(
    workbookRows(model, 'Run log')
      .slice(1)
      .map((r) => [r[1], r[2]]),
  ).toEqual([['hourly', 'ok']]);
});

// Apps Script sends no failure e-mail for an add-on's triggers, so PartnerPulse records each run, shows the last
// failure in the menu, and tells the admin once a day.
import {
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  setSettings,
  sheetRows,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test('a failing run is logged, the admin is told once a day, and the menu says so', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  model.sheet('Partners')!.name = 'Partner list'; // the daily run will not find "Partners"
  const path = await writeWorkbook(model);
  const outbox = `${path}-outbox`;
  await setSettings(path, { adminEmail: 'ops@example.com' });

  const first = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox }, 'runHourly');
  const second = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'runHourly');
  const runLog = sheetRows(second.runtime, 'Run log');
  expect(runLog.slice(1).map((r) => [r[1], r[2]])).toEqual([
    ['hourly', 'failed'],
    ['hourly', 'failed'],
  ]);
  expect(String(runLog[1][9])).toBe(
    'There is no sheet named "Partners". Rename your partner sheet to "Partners", or change the partner sheet\'s name in PartnerPulse → Settings.',
  );
  expect(first.error).toBeNull(); // the run ends normally after logging, so the trigger is not disabled

  const mails = await parseAll(emlFiles(outbox));
  // A spreadsheet loaded from partners.xlsx is named "partners", as Sheets names an imported file.
  expect(mails.map((m) => [recipientsOf(m)[0], m.subject])).toEqual([
    ['ops@example.com', 'PartnerPulse: the hourly run failed on "partners"'],
  ]);

  const opened = await runOnce({ workbookPath: path, now: at('2026-12-01T11:00'), outboxDir: outbox }, 'onOpen', {
    authMode: 'FULL',
  });
  const firstItem = opened.runtime.ui.menus[0].entries[0];
  expect('item' in firstItem && firstItem.item).toBe(
    '⚠ Automation: last run failed 2 h ago — There is no sheet named "Partners". Rename your partner sheet to "Partners", or change the partner sheet\'s name in PartnerPulse → Settings.',
  );
});

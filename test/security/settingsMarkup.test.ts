// Settings values reach HTML too: the Settings dialog shows every stored field (and echoes a stored value it
// could not use), and the admin's failure e-mail quotes the run's error, which can quote a setting (a partner
// sheet name that does not exist). Markup in every settings field must arrive escaped in both.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import type { SettingsDialogData } from '../../src/contracts/settingsDialog';
import { at, emlFiles, parseAll, sheetRows, TIME_ZONE, tmp } from '../automation/helpers';
import { markup, markupLeaks, markupSettings, markupWorkbook } from './markup';

jest.setTimeout(60_000);

const KEY = 'partnerpulse.settings';

test('markup stored in every settings field reaches the Settings dialog only as data, never in its page', async () => {
  const model = new WorkbookModel('sec', 'Settings markup', TIME_ZONE);
  model.addSheet('Partners').ensure(1, 1).value = 'Partner';
  const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9), timeZone: TIME_ZONE });
  const { stored, tags } = markupSettings();
  runtime.services.PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(stored));
  runtime.call('openSettings');
  // The page is dist/Settings.html as built: no stored value is written into it (ui/settings/ puts each on
  // the page as text; in a browser: test/security/sidebarMarkup.test.ts).
  const dialog = runtime.ui.dialogs.find((d) => d.kind === 'modal')!;
  expect(markupLeaks(dialog.content, tags)).toEqual({ leaked: [], reached: [] });
  // Sheet names and column headers may hold any text, so they are kept and sent as they are; every other field
  // refuses markup, falls back to its default and is echoed in the list of stored problems.
  const data = runtime.call('getSettingsDialog') as SettingsDialogData;
  const sent = JSON.stringify(data);
  expect(tags.filter((t) => !sent.includes(`alert(\\"${t}\\")`))).toEqual([]);
  const field = data.groups.flatMap((g) => g.fields).find((f) => f.path === 'sheets.partners')!;
  expect(field.value).toBe(markup('sheets.partners'));
});

test('the failure e-mail to the admin quotes an error that echoes a setting, escaped', async () => {
  const { model, tags } = markupWorkbook();
  const outbox = tmp('pp-sec-fail-');
  const runtime = await createRuntime({
    workbook: model,
    now: at('2026-12-01T09:00'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
  });
  const sheetTag = 'Partner sheet setting';
  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    KEY,
    JSON.stringify({ adminEmail: 'admin@example.com', sheets: { partners: markup(sheetTag) } }),
  );
  runtime.call('runHourly');
  // The run failed for the reason a user would fix, and the Run log says so.
  const log = sheetRows(runtime, 'Run log');
  expect(log[log.length - 1][2]).toBe('failed');
  expect(String(log[log.length - 1][9])).toContain(`There is no sheet named "${markup(sheetTag)}"`);
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => m.subject)).toEqual([`PartnerPulse: the hourly run failed on "${model.name}"`]);
  const report = markupLeaks(String(mails[0].html), [sheetTag, ...tags]);
  expect(report.leaked).toEqual([]);
  // Not vacuous: the error quoting the setting, and the spreadsheet's own name (the user's text too), reached it.
  expect(report.reached.sort()).toEqual([sheetTag, 'Spreadsheet name'].sort());
});

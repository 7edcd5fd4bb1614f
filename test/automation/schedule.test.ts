// The menu's automation switch (one hourly trigger), the daily hour, the Health history once a day, and
// what a partner name with markup looks like in the digest and in the preview dialog.
import { join } from 'node:path';
import {
  alertLog,
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  runOnce,
  sheetRows,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

const HOSTILE = '<img src=x onerror=alert(1)>';

test('turnAutomationOn twice keeps one runHourly trigger; Off removes it; the menu says which', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const opts = { workbookPath: path, now: at('2026-12-01T10:00') };
  const triggersAfter = async (fn: string) => {
    const r = await runOnce(opts, fn);
    expect(r.error).toBeNull();
    return (r.runtime.services.ScriptApp.getProjectTriggers() as GoogleAppsScript.Script.Trigger[]).map((t) =>
      t.getHandlerFunction(),
    );
  };
  expect(await triggersAfter('turnAutomationOn')).toEqual(['runHourly']);
  expect(await triggersAfter('turnAutomationOn')).toEqual(['runHourly']);

  const open = await runOnce(opts, 'onOpen', { authMode: 'FULL' });
  expect(open.error).toBeNull();
  const items = JSON.stringify(open.runtime.ui.menus);
  expect(items).toContain('Turn daily automation off (it is on)');
  expect(items).not.toContain('Turn daily automation on');

  expect(await triggersAfter('turnAutomationOff')).toEqual([]);
  const reopened = await runOnce(opts, 'onOpen', { authMode: 'FULL' });
  expect(JSON.stringify(reopened.runtime.ui.menus)).toContain('Turn daily automation on (it is off)');
});

test('runHourly at 06:00 does no daily work; at 07:00 it does; Health history gets one score per partner once a day', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(path, '..', 'outbox');
  const run = (iso: string) => runOnce({ workbookPath: path, now: at(iso), outboxDir: outbox }, 'runHourly');

  const six = await run('2026-12-01T06:00');
  expect(six.error).toBeNull();
  expect(emlFiles(outbox)).toHaveLength(0);
  expect(sheetRows(six.runtime, 'Health history').length).toBeLessThanOrEqual(1); // at most the header
  expect(six.runtime.workbook.sheet('Partners')!.cell(2, 1)?.background).toBeUndefined(); // not recolored

  const seven = await run('2026-12-01T07:00');
  expect(seven.error).toBeNull();
  expect(emlFiles(outbox)).toHaveLength(5);
  const history = () => sheetRows(seven.runtime, 'Health history').slice(1);
  expect(history().map((r) => r[0])).toEqual(FIVE_PARTNERS.map((p) => p.name));
  expect(history().map((r) => String(r[2]).length)).toEqual([1, 1, 1, 1, 1]);

  for (const iso of ['2026-12-01T08:00', '2026-12-01T23:00']) {
    const later = await run(iso);
    expect(later.error).toBeNull();
    expect(
      sheetRows(later.runtime, 'Health history')
        .slice(1)
        .map((r) => String(r[2]).length),
    ).toEqual([1, 1, 1, 1, 1]);
  }
  const nextDay = await run('2026-12-02T07:00');
  const rows = sheetRows(nextDay.runtime, 'Health history').slice(1);
  // One row per partner; December's column holds one character per day, the 1st and the 2nd.
  expect(rows).toHaveLength(5);
  expect(rows.map((r) => String(r[2]).length)).toEqual([2, 2, 2, 2, 2]);
});

test('a partner named like markup is escaped in the e-mail and in the preview dialog', async () => {
  const partners = [{ ...FIVE_PARTNERS[0], name: HOSTILE }];
  const path = await writeWorkbook(partnerWorkbook(partners));
  const outbox = join(path, '..', 'outbox');

  const preview = await runOnce(
    { workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox },
    'previewAlerts',
  );
  expect(preview.error).toBeNull();
  const dialog = preview.runtime.ui.dialogs.find((d) => d.kind === 'modal')!;
  expect(dialog.title).toBe("Today's alerts (2026-12-01)");
  expect(dialog.content).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(dialog.content).not.toContain('<img');
  expect(emlFiles(outbox)).toHaveLength(0); // a preview sends nothing

  const sent = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'sendAlertsNow');
  expect(sent.error).toBeNull();
  const [mail] = await parseAll(emlFiles(outbox));
  expect(String(mail.html)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(String(mail.html)).not.toContain('<img');
  expect(mail.text).toContain(HOSTILE); // plain text shows the name as written
  expect(alertLog(sent.runtime).map((r) => r.status)).toEqual(['sent']);
});

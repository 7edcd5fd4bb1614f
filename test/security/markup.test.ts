// No cell value reaches HTML unescaped: markup planted in every text column of the partner sheet and of
// Escalations, then the alert preview dialog and every e-mail the hourly run sends (parsed from the .eml
// files) are searched for it.
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { at, emlFiles, parseAll, runOnce, setSettings, writeWorkbook } from '../automation/helpers';
import { markup, markupLeaks, markupWorkbook } from './markup';

jest.setTimeout(60_000);

const ADMIN = 'admin@example.com';

test('markup in every text column of Partners and Escalations is escaped in the preview dialog and in every e-mail', async () => {
  const { model, tags } = markupWorkbook();
  const path = await writeWorkbook(model);
  await setSettings(path, { adminEmail: ADMIN });
  const outbox = join(path, '..', 'outbox');

  const preview = await runOnce(
    { workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox },
    'previewAlerts',
  );
  expect(preview.error).toBeNull();
  const dialog = preview.runtime.ui.dialogs.find((d) => d.kind === 'modal')!;
  const inDialog = markupLeaks(dialog.content + dialog.title, tags);
  expect(inDialog.leaked).toEqual([]);

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'runHourly');
  expect(run.error).toBeNull();
  const mails: ParsedMail[] = await parseAll(emlFiles(outbox));
  expect(mails.length).toBeGreaterThanOrEqual(2);
  const reachedMail = new Set<string>();
  for (const mail of mails) {
    const html = String(mail.html);
    // The subject is plain text (an escalation alert names its partner there); the HTML body is what renders.
    const report = markupLeaks(html, tags);
    expect({ subject: mail.subject, leaked: report.leaked }).toEqual({ subject: mail.subject, leaked: [] });
    report.reached.forEach((t) => reachedMail.add(t));
  }
  // The check is not vacuous: the values a user sees in an alert did reach the HTML, escaped.
  const expected = ['Partner', 'Owner', 'Escalations Partner', 'Escalations Severity', 'Escalations Opened'];
  expect(inDialog.reached).toEqual(expect.arrayContaining(expected));
  expect([...reachedMail]).toEqual(expect.arrayContaining(expected));
});

test('markupLeaks finds raw markup and quotes left unescaped, and tells escaped values apart', () => {
  const tag = 'Partner';
  expect(markupLeaks(`<td>${markup(tag)}</td>`, [tag])).toEqual({ leaked: [tag], reached: [] });
  expect(markupLeaks(`<a title="${markup(tag).replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`, [tag]).leaked).toEqual([
    tag,
  ]);
  const escaped = markup(tag)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  expect(markupLeaks(`<td>${escaped}</td>`, [tag])).toEqual({ leaked: [], reached: [tag] });
});

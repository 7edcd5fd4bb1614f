// No cell value reaches HTML unescaped: markup planted in every text column of the partner sheet and of
// Escalations, then the alert preview dialog and every e-mail the hourly run sends (parsed from the .eml
// files) are searched for it.
import { join } from 'node:path';
import { ParsedMail } from 'mailparser';
import { WorkbookModel } from '../../local/workbook';
import { TIME_ZONE, at, emlFiles, parseAll, runOnce, setSettings, writeWorkbook } from '../automation/helpers';
import { markup, markupLeaks } from './markup';

jest.setTimeout(60_000);

const DAY = (d: number) => new Date(2026, 11, 1 - d);
const ADMIN = 'admin@example.com';

/** Every partner-sheet column of spec §1, with a valid value: markup goes into one column per row. */
const COLUMNS: [string, unknown][] = [
  ['Partner', 'Base'], ['Owner', 'ann@example.com'], ['Revenue', 100_000], ['Revenue last year', 90_000],
  ['Growth', 0.05], ['Deals', 2], ['Leads', 3], ['Engagement', 'Monthly'], ['NPS', 20], ['Strategic fit', 'Moderate'],
  ['Market relevance', 'High'], ['Last contact', DAY(200)], ['Last QBR', DAY(300)], ['Next QBR', DAY(10)],
  ['Signed', DAY(900)], ['First deal', DAY(800)], ['Partner contact', 'pat@partner.example'],
];
const ESCALATION_COLUMNS = ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'];

function hostileWorkbook(): { model: WorkbookModel; tags: string[] } {
  const model = new WorkbookModel('sec', 'Security <b>test</b>', TIME_ZONE);
  const partners = model.addSheet('Partners');
  const tags: string[] = [];
  COLUMNS.forEach(([header], c) => { partners.ensure(1, c + 1).value = header; });
  COLUMNS.forEach(([header], k) => {
    const row = k + 2;
    COLUMNS.forEach(([, value], c) => { partners.ensure(row, c + 1).value = value as string | number | Date; });
    partners.ensure(row, 1).value = header === 'Partner' ? markup('Partner') : `Partner with markup in ${header}`;
    if (header !== 'Partner') partners.ensure(row, k + 1).value = markup(header);
    tags.push(header);
  });
  const escalations = model.addSheet('Escalations');
  ESCALATION_COLUMNS.forEach((h, c) => { escalations.ensure(1, c + 1).value = h; });
  ESCALATION_COLUMNS.forEach((header, k) => {
    const values = [markup('Partner'), 'Critical', new Date(2026, 10, 29, 9), '', ''];
    values[k] = markup(`Escalations ${header}`);
    values.forEach((v, c) => { if (v !== '') escalations.ensure(k + 2, c + 1).value = v; });
    tags.push(`Escalations ${header}`);
  });
  return { model, tags };
}

test('markup in every text column of Partners and Escalations is escaped in the preview dialog and in every e-mail', async () => {
  const { model, tags } = hostileWorkbook();
  const path = await writeWorkbook(model);
  await setSettings(path, { adminEmail: ADMIN });
  const outbox = join(path, '..', 'outbox');

  const preview = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'previewAlerts');
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
    const report = markupLeaks(html + String(mail.subject), tags);
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
  expect(markupLeaks(`<a title="${markup(tag).replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`, [tag]).leaked).toEqual([tag]);
  const escaped = markup(tag).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  expect(markupLeaks(`<td>${escaped}</td>`, [tag])).toEqual({ leaked: [], reached: [tag] });
});

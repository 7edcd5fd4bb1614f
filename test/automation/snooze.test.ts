// Issue #10.5 end to end: a partner snoozed in the sheet is left out of its owner's digest; its escalation
// is not; the preview lists it as snoozed.
import { join } from 'node:path';
import {
  alertLog,
  at,
  emlFiles,
  FIVE_PARTNERS,
  HEADERS,
  OWNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test('snoozed: no touch alert in the digest, the escalation still goes, the preview says "snoozed"', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const partners = model.sheet('Partners')!;
  partners.ensure(1, HEADERS.length + 1).value = 'Snooze until';
  partners.ensure(2, HEADERS.length + 1).value = new Date(2026, 11, 10); // Alpha Cloud (ann), never contacted
  partners.ensure(3, HEADERS.length + 1).value = new Date(2026, 11, 10); // Beta Systems (bob), never contacted
  partners.ensure(6, HEADERS.length + 1).value = new Date(2027, 5, 1); // Epsilon Labs (eve): six months, counts as 90 days
  const escalations = model.addSheet('Escalations');
  [
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    ['Alpha Cloud', 'Medium', new Date(2026, 10, 27, 9), '', ''],
  ].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') escalations.ensure(r + 1, c + 1).value = v;
    }),
  );
  const path = await writeWorkbook(model);
  const outbox = join(path, '..', 'outbox');

  const preview = await runOnce(
    { workbookPath: path, now: at('2026-12-01T06:00'), outboxDir: outbox },
    'previewAlerts',
  );
  const html = preview.runtime.ui.dialogs.find((d) => d.kind === 'modal')!.content;
  expect(html).toContain('<h3>Snoozed — not sent</h3>');
  expect(html).toContain('<li><b>Alpha Cloud</b>: Never contacted — snoozed until 2026-12-10</li>');
  expect(html).toContain('<li><b>Beta Systems</b>: Never contacted — snoozed until 2026-12-10</li>');

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox }, 'runHourly');
  expect(run.error).toBeNull();
  const mails = await parseAll(emlFiles(outbox));
  const to = (who: string) => mails.filter((m) => recipientsOf(m)[0] === who);
  // Bob's only item is snoozed: no digest at all. Ann's escalation goes, alone and in her digest.
  expect(to(OWNERS[1])).toHaveLength(0);
  const ann = to(OWNERS[0]);
  expect(ann.length).toBeGreaterThan(0);
  for (const mail of ann) {
    expect(mail.text).toContain('Medium escalation unanswered');
    expect(mail.text).not.toContain('Never contacted');
  }
  // The other owners' digests are unchanged; Eve's one partner is snoozed (capped at 90 days, still holding).
  for (const owner of OWNERS.slice(2, 4)) expect(to(owner)).toHaveLength(1);
  expect(to(OWNERS[4])).toHaveLength(0);
  expect(alertLog(run.runtime).filter((r) => r.recipient === OWNERS[1])).toEqual([]);
  // The day a long snooze was first seen is remembered, so it ends 90 days after it (core tests); short ones
  // can never be capped and are not stored (a property holds 9 KB).
  const seen = run.runtime.services.PropertiesService.getDocumentProperties().getProperty('partnerpulse.snoozesSeen');
  expect(JSON.parse(seen!)).toEqual({ 'epsilon labs|2027-06-01': '2026-12-01' });

  // On the snooze date the touch alert is back.
  const later = await runOnce({ workbookPath: path, now: at('2026-12-10T07:00'), outboxDir: outbox }, 'runHourly');
  expect(later.error).toBeNull();
  const bobLater = (await parseAll(emlFiles(outbox))).filter((m) => recipientsOf(m)[0] === OWNERS[1]);
  expect(bobLater).toHaveLength(1);
  expect(bobLater[0].text).toContain('Never contacted');
});

// Spec §5 escalation SLA: each breach is mailed to its escalation path as soon as the hourly check finds it —
// a second breach later the same day is not held back by the first one's alert — and never twice a day.
import { join } from 'node:path';
import {
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  setSettings,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test('a Critical breach at 09:00 and another at 14:00 each reach the VP at once, and neither again that day', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const escalations = model.addSheet('Escalations');
  [
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    ['Alpha Cloud', 'Critical', new Date(2026, 11, 1, 5, 0), '', ''], // window ends 09:00
    ['Gamma Data', 'Critical', new Date(2026, 11, 1, 9, 30), '', ''], // window ends 13:30
  ].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') escalations.ensure(r + 1, c + 1).value = v;
    }),
  );
  const path = await writeWorkbook(model);
  await setSettings(path, { adminEmail: 'ops@example.com', escalation: { vpPartnerships: 'vp@example.com' } });
  const outbox = join(path, '..', 'outbox');
  const vpSubjects = async () =>
    (await parseAll(emlFiles(outbox)))
      .filter((m) => recipientsOf(m)[0] === 'vp@example.com')
      .map((m) => m.subject ?? '');
  const alerts = async () => (await vpSubjects()).filter((s) => s.startsWith('PartnerPulse escalation:'));

  for (const hour of ['09:30', '10:30'])
    expect(
      (await runOnce({ workbookPath: path, now: at(`2026-12-01T${hour}`), outboxDir: outbox }, 'runHourly')).error,
    ).toBeNull();
  expect(await alerts()).toEqual([
    'PartnerPulse escalation: Alpha Cloud — Critical escalation unanswered for 4 h (respond within 4 h; path: VP Partnerships)',
  ]);

  for (const hour of ['14:00', '15:00'])
    expect(
      (await runOnce({ workbookPath: path, now: at(`2026-12-01T${hour}`), outboxDir: outbox }, 'runHourly')).error,
    ).toBeNull();
  expect(await alerts()).toEqual([
    'PartnerPulse escalation: Alpha Cloud — Critical escalation unanswered for 4 h (respond within 4 h; path: VP Partnerships)',
    'PartnerPulse escalation: Gamma Data — Critical escalation unanswered for 4 h (respond within 4 h; path: VP Partnerships)',
  ]);
  // The day's digest to the VP went once, with the first breach in it.
  expect((await vpSubjects()).filter((s) => !s.startsWith('PartnerPulse escalation:'))).toHaveLength(1);

  // The next day both are still open: no new alert mail (each breach is alerted once); the digest lists them.
  expect(
    (await runOnce({ workbookPath: path, now: at('2026-12-02T09:00'), outboxDir: outbox }, 'runHourly')).error,
  ).toBeNull();
  expect(await alerts()).toHaveLength(2);
  const digests = (await parseAll(emlFiles(outbox))).filter(
    (m) => recipientsOf(m)[0] === 'vp@example.com' && !(m.subject ?? '').startsWith('PartnerPulse escalation:'),
  );
  expect(digests).toHaveLength(2);
  expect(digests[1].text).toContain('Alpha Cloud');
  expect(digests[1].text).toContain('Gamma Data');
});

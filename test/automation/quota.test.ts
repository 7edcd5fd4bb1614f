// Spec §5: "When the daily mail quota runs out, what did not go is logged as deferred, not lost."
// MailApp's quota is recipients per 24 hours from the first send in the window (local/services/mail.ts).
import { join } from 'node:path';
import {
  alertLog,
  at,
  emlFiles,
  FIVE_PARTNERS,
  OWNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test('quota 2 for 5 owners: 2 sent and 3 deferred; same-day rerun adds nothing; next day the held-back owners go first', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(path, '..', 'outbox');
  const run = (iso: string, quota: number) =>
    runOnce({ workbookPath: path, now: at(iso), dailyMailQuota: quota, outboxDir: outbox }, 'runHourly');
  const mailTo = async (files: string[]) => (await parseAll(files)).map((m) => recipientsOf(m)[0]);

  // Day 1, 07:00: two digests go, three are deferred.
  const first = await run('2026-12-01T07:00', 2);
  expect(first.error).toBeNull();
  const sentDay1 = await mailTo(emlFiles(outbox));
  expect(sentDay1).toHaveLength(2);
  const log1 = alertLog(first.runtime);
  expect(log1.map((r) => r.status).sort()).toEqual(['deferred', 'deferred', 'deferred', 'sent', 'sent']);
  const deferredDay1 = log1.filter((r) => r.status === 'deferred').map((r) => r.recipient);
  expect([...sentDay1, ...deferredDay1].sort()).toEqual([...OWNERS].sort());
  for (const r of log1.filter((x) => x.status === 'deferred')) expect(r.detail).toMatch(/quota/i);
  const runLog = first.runtime.workbook.sheet('Run log')!;
  expect([runLog.valueAt(2, 6), runLog.valueAt(2, 7)]).toEqual([2, 3]); // Sent, Deferred

  // 08:00 and 12:00 the same day, quota still used up: nothing sent, no new Alert log rows.
  for (const iso of ['2026-12-01T08:00', '2026-12-01T12:00']) {
    const again = await run(iso, 2);
    expect(again.error).toBeNull();
    expect(emlFiles(outbox)).toHaveLength(2);
    expect(alertLog(again.runtime)).toEqual(log1);
  }

  // Day 2, 08:00 (the window renewed at about 07:00): still 2 a day. The day's digest replaces yesterday's —
  // one digest per recipient per day, with the items still open — and the three held back yesterday go first.
  const day2 = await run('2026-12-02T08:00', 2);
  expect(day2.error).toBeNull();
  const files2 = emlFiles(outbox).slice(2);
  const sentDay2 = await mailTo(files2);
  expect(sentDay2).toHaveLength(2);
  for (const r of sentDay2) expect(deferredDay1).toContain(r);
  for (const mail of await parseAll(files2)) expect(mail.subject).toMatch(/^PartnerPulse 2026-12-02: /);
  const log2 = alertLog(day2.runtime).slice(log1.length);
  expect(log2.every((r) => r.day === '2026-12-02')).toBe(true);
  // Yesterday's rows stay as they were: no digest is ever sent for 2026-12-01 after the day is over.
  expect(alertLog(day2.runtime).slice(0, log1.length)).toEqual(log1);

  // Day 3 with the quota raised to 5: everyone gets the 2026-12-03 digest, once.
  const day3 = await run('2026-12-03T09:00', 5); // an hour after the window that began at day 2's first send
  expect(day3.error).toBeNull();
  const sentDay3 = await mailTo(emlFiles(outbox).slice(4));
  expect(sentDay3.sort()).toEqual([...OWNERS].sort());
  // Over three days, each owner got at least one digest, and no owner two on one day.
  const all = await parseAll(emlFiles(outbox));
  const perDay = all.map((m) => `${m.subject?.slice(13, 23)}|${recipientsOf(m)[0]}`);
  expect(new Set(perDay).size).toBe(perDay.length);
  // Those held back on day 2 went first on day 3 (emails are sent in order; outbox names sort by send time).
  const deferredDay2 = log2
    .filter((r) => r.status === 'deferred')
    .map((r) => r.recipient)
    .sort();
  expect(deferredDay2).toHaveLength(3);
  expect((await mailTo(emlFiles(outbox).slice(4, 7))).sort()).toEqual(deferredDay2);
});

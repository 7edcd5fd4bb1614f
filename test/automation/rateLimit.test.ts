// Issue #6.8: "quota errors are not retried, 'invoked too many times' errors back off". MailApp's short-time
// limit ("Service invoked too many times in a short time") passes after a pause; the local runtime can
// impose one (local/services/mail.ts rateLimit), and Utilities.sleep moves its clock like Apps Script's.
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

test('a rate-limited relay is waited out: all 5 digests go in one run, each once, and the run takes the pauses', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(path, '..', 'outbox');
  const run = await runOnce(
    { workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox, mailRateLimit: { sends: 2, perMs: 5_000 } },
    'runHourly',
  );
  expect(run.error).toBeNull();
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => recipientsOf(m)[0]).sort()).toEqual([...OWNERS].sort());
  expect(alertLog(run.runtime).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  const runLog = run.runtime.workbook.sheet('Run log')!;
  expect([runLog.valueAt(2, 3), runLog.valueAt(2, 6), runLog.valueAt(2, 8)]).toEqual(['ok', 5, 0]); // Status, Sent, Failed
  // Two pauses of 1 + 2 + 4 s before each of the 3rd and 5th mails: the logged duration includes them.
  expect(runLog.valueAt(2, 9) as number).toBeGreaterThanOrEqual(14);
});

test('a rate limit that outlasts the pauses fails that digest (retryable), not the day: the next run sends it', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS.slice(0, 2)));
  const outbox = join(path, '..', 'outbox');
  const strict = { sends: 1, perMs: 60_000 };
  const first = await runOnce(
    { workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox, mailRateLimit: strict },
    'runHourly',
  );
  expect(first.error).toBeNull();
  const log1 = alertLog(first.runtime);
  expect(log1.map((r) => r.status)).toEqual(['sent', 'failed']);
  expect(log1[1].detail).toBe(
    'Service invoked too many times in a short time: email. Try Utilities.sleep(1000) between calls.',
  );
  expect(emlFiles(outbox)).toHaveLength(1);

  const second = await runOnce(
    { workbookPath: path, now: at('2026-12-01T08:00'), outboxDir: outbox, mailRateLimit: strict },
    'runHourly',
  );
  expect(second.error).toBeNull();
  expect(alertLog(second.runtime).map((r) => r.status)).toEqual(['sent', 'failed', 'sent']);
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => recipientsOf(m)[0]).sort()).toEqual(OWNERS.slice(0, 2).sort());
});

// A run cut off by Apps Script's execution time limit ("Exceeded maximum execution time") leaves the day's
// digests half sent; the next hourly run finishes the rest, sending none twice. The cut-off run is a CLI
// process (npm run local -- --time-limit), because Apps Script ends such an execution and its document
// lock with it — as the process exit does here.
import { join } from 'node:path';
import {
  alertLog,
  at,
  cli,
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

test("runHourly cut off by a 7.9 s time limit after the first digest; the 08:00 run finishes the day's digests, none twice", async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(path, '..', 'outbox');
  // Virtual time of this fixture: ~5.7 s of reads and writes before the first send (the as-of cells included),
  // then ~1.5 s per digest (the "sending" row, MailApp.sendEmail 1 s, its confirmation), so 7.9 s ends the run
  // inside the second send. A cut right after a send is test/automation/cutAfterSend.test.ts.
  const cut = await cli([
    'runHourly',
    '--workbook',
    path,
    '--out',
    path,
    '--now',
    '2026-12-01T07:00',
    '--outbox',
    outbox,
    '--time-limit',
    '7.9',
  ]);
  expect(cut.out).toContain('Exceeded maximum execution time');
  const firstFiles = emlFiles(outbox);
  expect(firstFiles.length).toBeGreaterThanOrEqual(1);
  expect(firstFiles.length).toBeLessThan(5);

  const resumed = await runOnce({ workbookPath: path, now: at('2026-12-01T08:00'), outboxDir: outbox }, 'runHourly');
  expect(resumed.error).toBeNull();
  const sentBefore = (await parseAll(firstFiles)).map((m) => recipientsOf(m)[0]);
  const log = alertLog(resumed.runtime);
  // What the cut-off run sent, it had logged as sent, or as "sending" when the cut fell between the send and its
  // confirmation; such a digest is reported unconfirmed by the next run, never sent twice.
  const unconfirmed = log.filter((r) => r.status === 'unconfirmed').map((r) => r.recipient);
  expect(unconfirmed.length).toBeLessThanOrEqual(1);
  expect(log.slice(0, sentBefore.length).map((r) => [r.recipient, r.status])).toEqual(
    sentBefore.map((o) => [o, unconfirmed.includes(o) ? 'sending' : 'sent']),
  );
  const all = (await parseAll(emlFiles(outbox))).map((m) => recipientsOf(m)[0]);
  expect(new Set(all).size).toBe(all.length);
  expect([...all, ...unconfirmed.filter((o) => !all.includes(o))].sort()).toEqual([...OWNERS].sort());
  expect(log.filter((r) => r.status === 'sent')).toHaveLength(5 - unconfirmed.length);
  // The Health history was written once, by the cut-off run.
  expect(resumed.runtime.workbook.sheet('Health history')!.lastRow()).toBe(6);

  const later = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'runHourly');
  expect(later.error).toBeNull();
  expect(emlFiles(outbox)).toHaveLength(all.length);
});

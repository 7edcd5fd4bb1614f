// Apps Script can end an execution at any call: between MailApp.sendEmail and the Alert log row that records it
// too. The next run must not send that digest again (spec §5: never two digests to the same recipient a day);
// it reports it as unconfirmed instead, once.
import { join } from 'node:path';
import { createRuntime, EXCEEDED_MESSAGE } from '../../local/runtime';
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
  TIME_ZONE,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test('a run cut off right after the first send: the next run sends the other four and not the first again', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(path, '..', 'outbox');
  const runtime = await createRuntime({
    workbookPath: path,
    timeZone: TIME_ZONE,
    now: at('2026-12-01T07:00'),
    outboxDir: outbox,
  });
  // After the first digest has gone, the very next service call is where Apps Script ends the run.
  const mail = runtime.context.MailApp as { sendEmail: (m: unknown) => void };
  const send = mail.sendEmail;
  let cut = false;
  mail.sendEmail = (m) => {
    send(m);
    cut = true;
  };
  const onCall = (runtime.calls as unknown as { onCall: (() => void) | null }).onCall;
  (runtime.calls as unknown as { onCall: () => void }).onCall = () => {
    if (cut) throw new Error(EXCEEDED_MESSAGE);
    onCall?.();
  };
  expect(() => runtime.call('runHourly')).toThrow(EXCEEDED_MESSAGE);
  await runtime.save();
  const first = (await parseAll(emlFiles(outbox))).map((m) => recipientsOf(m)[0]);
  expect(first).toHaveLength(1);

  const next = await runOnce({ workbookPath: path, now: at('2026-12-01T08:00'), outboxDir: outbox }, 'runHourly');
  expect(next.error).toBeNull();
  const all = (await parseAll(emlFiles(outbox))).map((m) => recipientsOf(m)[0]);
  expect(all.sort()).toEqual([...OWNERS].sort());
  const log = alertLog(next.runtime).filter((r) => r.recipient === first[0]);
  expect(log.map((r) => r.status)).toEqual(['sending', 'unconfirmed']);
  expect(log[1].detail).toBe(
    'A run ended while sending this digest; it may not have gone. Check your Sent mail; PartnerPulse will not send it twice.',
  );

  // A third run neither sends nor reports it again.
  const third = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'runHourly');
  expect(third.error).toBeNull();
  expect(emlFiles(outbox)).toHaveLength(5);
  expect(alertLog(third.runtime).filter((r) => r.recipient === first[0])).toHaveLength(2);
});

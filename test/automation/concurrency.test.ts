// Spec §5: never two digests to the same recipient for the same day, "even when the job runs twice, fails
// half-way or runs in two places at once". Runs here are separate OS processes through the CLI
// (npm run local), as a time-driven trigger and a menu click would be two Apps Script executions.
import { join } from 'node:path';
import {
  alertLog,
  at,
  cli,
  FIVE_PARTNERS,
  OWNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  type Sink,
  startSink,
  writeWorkbook,
} from './helpers';

jest.setTimeout(90_000);

describe('runs in two places at once', () => {
  let sink: Sink | null = null;
  afterEach(async () => {
    await sink?.stop();
    sink = null;
  });

  test('two runHourly processes at 07:00 on one workbook: each owner gets one digest', async () => {
    sink = await startSink();
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
    const args = (fn: string) => [
      fn,
      '--workbook',
      path,
      '--out',
      path,
      '--now',
      '2026-12-01T07:00',
      '--outbox',
      join(path, '..', 'outbox'),
      '--smtp',
      `127.0.0.1:${sink!.port}`,
    ];
    const [a, b] = await Promise.all([cli(args('runHourly')), cli(args('runHourly'))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const received = (await parseAll(sink.files())).map((m) => recipientsOf(m)[0]);
    expect(received.sort()).toEqual([...OWNERS].sort());
  });

  // sendAlertsNow relies on the Alert log alone: the second process to get the document lock must see the rows
  // the first one wrote, as it would read the live sheet in Google (the local runtime publishes its copy of the
  // workbook when an execution releases the document lock, and the next one takes it over).
  test('two sendAlertsNow processes on one workbook: each owner gets one digest, and the Alert log keeps both runs', async () => {
    sink = await startSink();
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
    const args = (fn: string) => [
      fn,
      '--workbook',
      path,
      '--out',
      path,
      '--now',
      '2026-12-01T07:00',
      '--outbox',
      join(path, '..', 'outbox'),
      '--smtp',
      `127.0.0.1:${sink!.port}`,
    ];
    const [a, b] = await Promise.all([cli(args('sendAlertsNow')), cli(args('sendAlertsNow'))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const received = (await parseAll(sink.files())).map((m) => recipientsOf(m)[0]);
    expect(received.sort()).toEqual([...OWNERS].sort());
    const after = await runOnce({ workbookPath: path, now: at('2026-12-01T08:00'), code: '' }, 'noop').catch(
      () => null,
    );
    expect(after && alertLog(after.runtime).filter((r) => r.status === 'sent')).toHaveLength(5);
  });
});

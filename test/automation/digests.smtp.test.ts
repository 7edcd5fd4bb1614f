// Spec §5: one digest per recipient per day, over real SMTP on loopback, never twice — not when the job
// runs twice, nor when the mail server fails half-way and the job runs again.
import { createRuntime } from '../../local/runtime';
import {
  alertLog,
  at,
  FIVE_PARTNERS,
  OWNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  type Sink,
  sheetRows,
  startSink,
  TIME_ZONE,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

const SEVEN = at('2026-12-01T07:00');

describe('daily digests over SMTP', () => {
  let sink: Sink | null = null;
  afterEach(async () => {
    await sink?.stop();
    sink = null;
  });

  test('runHourly at 07:00 delivers one digest per owner; mailparser reads subject, partners, reasons and row links', async () => {
    sink = await startSink();
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
    const smtp = { host: '127.0.0.1', port: sink.port };
    const first = await runOnce({ workbookPath: path, now: SEVEN, smtp }, 'runHourly');
    expect(first.error).toBeNull();

    const mails = await parseAll(sink.files());
    expect(mails.flatMap(recipientsOf).sort()).toEqual([...OWNERS].sort());
    const url = first.runtime.spreadsheet.getUrl();
    FIVE_PARTNERS.forEach((partner, k) => {
      const mail = mails.find((m) => recipientsOf(m)[0] === partner.owner)!;
      expect(mail.subject).toBe('PartnerPulse 2026-12-01: 1 partner needs you (2 items)');
      expect(mail.from?.text).toContain('PartnerPulse');
      for (const body of [mail.text ?? '', String(mail.html)]) {
        expect(body).toContain(partner.name);
        expect(body).toContain('Never contacted');
        expect(body).toContain('QBR overdue: no QBR held or scheduled');
      }
      // The link opens the partner sheet (gid 0) at the partner's row: row k + 2 under the header.
      expect(mail.text).toContain(`${url}#gid=0&range=A${k + 2}`);
      expect(String(mail.html)).toContain(`href="${url}#gid=0&amp;range=A${k + 2}"`);
      // No other partner's name leaks into this owner's digest.
      for (const other of FIVE_PARTNERS.filter((p) => p !== partner)) expect(mail.text).not.toContain(other.name);
    });
    expect(alertLog(first.runtime).map((r) => [r.recipient, r.status])).toEqual(OWNERS.map((o) => [o, 'sent']));

    // The same job again the same day (the next hourly trigger, and the menu's "Send today's alerts now").
    const again = await runOnce({ workbookPath: path, now: at('2026-12-01T08:00'), smtp }, 'runHourly');
    const now = await runOnce({ workbookPath: path, now: at('2026-12-01T09:30'), smtp }, 'sendAlertsNow');
    expect(again.error).toBeNull();
    expect(now.error).toBeNull();
    expect(sink.files()).toHaveLength(5);
    expect(alertLog(now.runtime)).toHaveLength(5);
  });

  test('the mail server fails after the 2nd of 5 digests: the failures are logged, and the rerun sends exactly the 3 missing', async () => {
    sink = await startSink(2); // accepts two messages, then answers 421 to every other
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
    const broken = await runOnce(
      { workbookPath: path, now: SEVEN, smtp: { host: '127.0.0.1', port: sink.port } },
      'runHourly',
    );
    expect(broken.error).toBeNull();
    const firstTwo = (await parseAll(sink.files())).flatMap(recipientsOf);
    expect(firstTwo).toHaveLength(2);
    const log = alertLog(broken.runtime);
    expect(
      log
        .filter((r) => r.status === 'sent')
        .map((r) => r.recipient)
        .sort(),
    ).toEqual([...firstTwo].sort());
    const failed = log.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(3);
    for (const row of failed) expect(row.detail).toMatch(/Failed to send email/);
    const runLog = broken.runtime.workbook.sheet('Run log')!;
    expect([runLog.valueAt(2, 6), runLog.valueAt(2, 8)]).toEqual([2, 3]); // Sent, Failed

    // The relay is back; the next hourly run sends the three that failed, and nothing twice.
    await sink.stop();
    sink = await startSink();
    const rerun = await runOnce(
      { workbookPath: path, now: at('2026-12-01T08:00'), smtp: { host: '127.0.0.1', port: sink.port } },
      'runHourly',
    );
    expect(rerun.error).toBeNull();
    const lastThree = (await parseAll(sink.files())).flatMap(recipientsOf);
    expect(lastThree.sort()).toEqual(OWNERS.filter((o) => !firstTwo.includes(o)).sort());
    const sent = alertLog(rerun.runtime)
      .filter((r) => r.status === 'sent')
      .map((r) => r.recipient);
    expect(sent.sort()).toEqual([...OWNERS].sort());

    // And a third run that day sends nothing more.
    const third = await runOnce(
      { workbookPath: path, now: at('2026-12-01T09:00'), smtp: { host: '127.0.0.1', port: sink.port } },
      'runHourly',
    );
    expect(third.error).toBeNull();
    expect(sink.files()).toHaveLength(3);
  });

  test('a relay that keeps refusing: each digest is tried 3 times that day, then the run is logged failed and the menu says so', async () => {
    sink = await startSink(0); // refuses every message
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS.slice(0, 2)));
    const smtp = { host: '127.0.0.1', port: sink.port };
    const runAt = (hour: string) => runOnce({ workbookPath: path, now: at(`2026-12-01T${hour}`), smtp }, 'runHourly');
    for (const hour of ['07:00', '08:00']) expect((await runAt(hour)).error).toBeNull();
    const third = await runAt('09:00');
    expect(third.error).toBeNull(); // the run ends normally after logging, so the trigger keeps running
    const runLog = third.runtime.workbook.sheet('Run log')!;
    expect(runLog.valueAt(2, 3)).toBe('ok');
    expect(runLog.valueAt(4, 3)).toBe('failed');
    expect(String(runLog.valueAt(4, 10))).toMatch(
      /^2 digests could not be sent after 3 tries today: ann@example\.com: Failed to send email/,
    );

    // A fourth run that day tries nothing more (and is logged failed too, so the warning stays all day); each
    // recipient has exactly three failed rows.
    const fourth = await runAt('10:00');
    expect(fourth.error).toBeNull();
    const failed = alertLog(fourth.runtime)
      .filter((r) => r.status === 'failed')
      .map((r) => r.recipient);
    expect(failed.sort()).toEqual([OWNERS[0], OWNERS[0], OWNERS[0], OWNERS[1], OWNERS[1], OWNERS[1]]);
    const opened = await runOnce({ workbookPath: path, now: at('2026-12-01T11:00'), smtp }, 'onOpen', {
      authMode: 'FULL',
    });
    const first = opened.runtime.ui.menus[0].entries[0];
    expect('item' in first && first.item).toMatch(
      /^⚠ Automation: last run failed 1 h ago — 2 digests could not be sent/,
    ); // the 10:00 run still says so
  });

  test('digests given up past the 9 KB the day state holds: the run still records its day, and says so', async () => {
    sink = await startSink(0); // refuses every message
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS.slice(0, 1)));
    // Earlier runs today gave up on some 320 other recipients (as a day with a broken relay leaves it): the
    // state holds their summary, as many as keep it inside one property's 9 KB.
    const summary = (n: number) => {
      const lines = Array.from({ length: n }, (_, i) => `pm${String(i).padStart(3, '0')}@example.com: refused`);
      return `${n} digests could not be sent after 3 tries today: ${lines.join('; ')}`;
    };
    const stateWith = (gaveUp: string) => ({
      day: '2026-12-01',
      recolored: true,
      history: true,
      asOf: true,
      digestsDone: false,
      gaveUp,
    });
    let count = 1;
    while (Buffer.byteLength(JSON.stringify(stateWith(summary(count + 1)))) <= 9 * 1024) count++;
    const gaveUpBefore = summary(count);
    const seed = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE, code: '' });
    const seeded = stateWith(gaveUpBefore);
    seed.services.PropertiesService.getDocumentProperties().setProperty('partnerpulse.daily', JSON.stringify(seeded));
    seed.services.save();
    const smtp = { host: '127.0.0.1', port: sink.port };
    const runAt = (hour: string) => runOnce({ workbookPath: path, now: at(`2026-12-01T${hour}`), smtp }, 'runHourly');
    for (const hour of ['07:00', '08:00']) expect((await runAt(hour)).error).toBeNull();
    // The third refusal gives Ann's digest up too: the summary passes 9 KB.
    const third = await runAt('09:00');
    expect(third.error).toBeNull();
    const row = sheetRows(third.runtime, 'Run log').at(-1)!;
    expect([row[1], row[2]]).toEqual(['hourly', 'failed']);
    // This run's Run log row has the whole text; the stored state (one property) its first lines and a count.
    expect(String(row[9])).toMatch(/; 1 digest could not be sent after 3 tries today: ann@example\.com: /);
    const state = third.runtime.services.PropertiesService.getDocumentProperties().getProperty('partnerpulse.daily')!;
    expect(Buffer.byteLength(state)).toBeLessThanOrEqual(9 * 1024);
    const stored = JSON.parse(state) as { day: string; history: boolean; gaveUp: string };
    expect([stored.day, stored.history, count > 300]).toEqual(['2026-12-01', true, true]);
    expect(
      stored.gaveUp.startsWith(`${count} digests could not be sent after 3 tries today: pm000@example.com: `),
    ).toBe(true);
    expect(stored.gaveUp).toMatch(/; … and \d+ more: see the Alert log$/);

    // A later run that day tries nothing more and keeps saying so, from the stored state.
    const fourth = await runAt('10:00');
    expect(fourth.error).toBeNull();
    const later = sheetRows(fourth.runtime, 'Run log').at(-1)!;
    expect([later[2], later[9]]).toEqual(['failed', stored.gaveUp]);
    expect(alertLog(fourth.runtime).filter((r) => r.status === 'failed')).toHaveLength(3);
  });
});

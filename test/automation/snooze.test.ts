// Issue #10.5 end to end: a partner snoozed in the sheet is left out of its owner's digest; its escalation
// is not; the preview lists it as snoozed.
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
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
  sheetRows,
  TIME_ZONE,
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

test('more long snoozes than 9 KB holds: the first seen are kept, the rest are named in the Run log, none silently', async () => {
  // 200 partners snoozed six months out: their first days take ~14 KB, past the 9 KB of one property.
  const partners = Array.from({ length: 200 }, (_, i) => ({
    name: `Partner with a long trading name ${String(i).padStart(3, '0')}`,
    owner: OWNERS[0],
  }));
  const model = partnerWorkbook(partners);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(1, HEADERS.length + 1).value = 'Snooze until';
  partners.forEach((_, i) => {
    sheet.ensure(i + 2, HEADERS.length + 1).value = new Date(2027, 5, 1);
  });
  const path = await writeWorkbook(model);
  const outbox = join(path, '..', 'outbox');
  const stored = (runtime: Awaited<ReturnType<typeof runOnce>>['runtime']) =>
    runtime.services.PropertiesService.getDocumentProperties().getProperty('partnerpulse.snoozesSeen');
  const lastRun = (runtime: Awaited<ReturnType<typeof runOnce>>['runtime']) => sheetRows(runtime, 'Run log').at(-1)!;

  const first = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox }, 'runHourly');
  expect(first.error).toBeNull();
  const kept = JSON.parse(stored(first.runtime)!) as Record<string, string>;
  const count = Object.keys(kept).length;
  expect(Buffer.byteLength(stored(first.runtime)!)).toBeLessThanOrEqual(9 * 1024);
  expect(count).toBeGreaterThan(100);
  expect(count).toBeLessThan(200);
  // The sheet's first partners, each first seen today.
  expect(Object.keys(kept)).toEqual(partners.slice(0, count).map((p) => `${p.name.toLowerCase()}|2027-06-01`));
  expect(new Set(Object.values(kept))).toEqual(new Set(['2026-12-01']));
  const [, job, status] = lastRun(first.runtime);
  expect([job, status]).toEqual(['hourly', 'warning']);
  expect(String(lastRun(first.runtime)[9])).toBe(
    `${200 - count} long snoozes could not be remembered (Google keeps 9 KB in one document property): their 90 days count from today until there is room, so their alerts wait longer; shorten or clear some snoozes (${partners
      .slice(count, count + 3)
      .map((p) => `${p.name.toLowerCase()} until 2027-06-01`)
      .join(', ')}, …)`,
  );

  // The next day the same ones are kept with their first day: a stored day is never pushed out by a new one.
  const next = await runOnce({ workbookPath: path, now: at('2026-12-02T07:00'), outboxDir: outbox }, 'runHourly');
  expect(next.error).toBeNull();
  expect(JSON.parse(stored(next.runtime)!)).toEqual(kept);
  expect(lastRun(next.runtime)[2]).toBe('warning');
});

test("a document store already full: the day's work still goes and the Run log says the long snoozes were not remembered", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(1, HEADERS.length + 1).value = 'Snooze until';
  sheet.ensure(6, HEADERS.length + 1).value = new Date(2027, 5, 1); // Epsilon Labs: six months
  const path = await writeWorkbook(model);
  const outbox = join(path, '..', 'outbox');
  // Fill the document's 500 KB (as years of other properties could) to 30 bytes short: yesterday's daily state
  // is larger than today's, so the run can record its progress, but a new property does not fit.
  const filling = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE, code: '' });
  const props = filling.services.PropertiesService.getDocumentProperties();
  props.setProperty(
    'partnerpulse.daily',
    JSON.stringify({ day: '2026-11-30', recolored: true, history: true, digestsDone: true, gaveUp: 'x'.repeat(2000) }),
  );
  for (let i = 0; i < 62; i++) props.setProperty(`other.${i}`, 'x'.repeat(8 * 1024));
  const used = Object.entries(props.getProperties()).reduce((n, [k, v]) => n + k.length + v.length, 0);
  props.setProperty('other.last', 'x'.repeat(500 * 1024 - used - 'other.last'.length - 30));
  filling.services.save();

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00'), outboxDir: outbox }, 'runHourly');
  expect(run.error).toBeNull();
  const last = sheetRows(run.runtime, 'Run log').at(-1)!;
  expect([last[1], last[2]]).toEqual(['hourly', 'warning']);
  expect(String(last[9])).toContain(
    'PartnerPulse could not save the days the long snoozes were first seen (document property "partnerpulse.snoozesSeen", 40 bytes): the document\'s properties are full (Google keeps at most 500 KB in all). Nothing was changed. The long snoozes\' 90 days count from today until there is room, so their alerts wait longer; shorten or clear some snoozes',
  );
  // The owners' digests went all the same (Eve's one partner is snoozed).
  expect((await parseAll(emlFiles(outbox))).map((m) => recipientsOf(m)[0]).sort()).toEqual(OWNERS.slice(0, 4));
});

// An hourly run with nothing to do (the day's work done, no new escalation breach) decides so from stored state
// — the day's done-state in the document properties and the Escalations sheet against the alerts already
// handled — before it reads the partner table: its calls, cells and estimate are the same at any size.

import { benchPartners } from '../../bench/workbook';
import { at, OWNERS, partnerWorkbook, runOnce, sheetRows, writeWorkbook } from './helpers';

jest.setTimeout(120_000);

async function idleHourAt(partners: number, escalation?: { opened: Date }) {
  const model = partnerWorkbook(benchPartners(partners).map((p, i) => ({ ...p, owner: OWNERS[i % OWNERS.length] })));
  model.sheet('Partners')!.maxRows = partners + 1;
  if (escalation) {
    const sheet = model.addSheet('Escalations');
    [
      ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
      ['Partner 1', 'Critical', escalation.opened, '', ''],
    ].forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
      }),
    );
  }
  const path = await writeWorkbook(model);
  const daily = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(daily.error).toBeNull();
  return { path, idle: await runOnce({ workbookPath: path, now: at('2026-12-01T08:00') }, 'runHourly') };
}

test('an idle hour makes the same calls and reads the same cells with 200 partners as with 3,000, and reads no partner row', async () => {
  const small = (await idleHourAt(200)).idle;
  const large = (await idleHourAt(3_000)).idle;
  for (const run of [small, large]) {
    expect(run.error).toBeNull();
    expect(sheetRows(run.runtime, 'Run log').slice(-1)[0].slice(1, 4)).toEqual(['hourly', 'ok', 0]);
  }
  expect(large.runtime.calls.byMethod()).toEqual(small.runtime.calls.byMethod());
  expect(large.runtime.calls.total()).toBe(small.runtime.calls.total());
  expect(large.runtime.calls.cellsRead()).toBe(small.runtime.calls.cellsRead());
  // Fewer cells than one partner row per partner: the table was not read.
  expect(small.runtime.calls.cellsRead()).toBeLessThan(200);
  expect(large.runtime.calls.estimatedAppsScriptMs()).toBe(small.runtime.calls.estimatedAppsScriptMs());
});

test('a breach already alerted keeps the next hours idle; a new one is alerted in the hour it happens', async () => {
  // Opened 02:00: Critical window (4 h) ends 06:00, so the 07:00 run alerts it and 08:00 has nothing new.
  const { path, idle } = await idleHourAt(300, { opened: new Date(2026, 11, 1, 2, 0) });
  expect(idle.error).toBeNull();
  expect(idle.runtime.calls.cellsRead()).toBeLessThan(300);
  const alerted = sheetRows(idle.runtime, 'Alert log').filter((r) =>
    String(r[2]).startsWith('Escalation alert'),
  ).length;
  expect(alerted).toBeGreaterThan(0);
  // A new breach appears in the sheet: the next hour reads the table and alerts it.
  const { createRuntime } = await import('../../local/runtime');
  const rt = await createRuntime({ workbookPath: path, code: '' });
  const sheet = rt.workbook.sheet('Escalations')!;
  [['Partner 2', 'Critical', new Date(2026, 11, 1, 4, 0), '', '']].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(3 + r, c + 1).value = v;
    }),
  );
  await rt.save();
  const next = await runOnce({ workbookPath: path, now: at('2026-12-01T09:00') }, 'runHourly');
  expect(next.error).toBeNull();
  expect(next.runtime.calls.cellsRead()).toBeGreaterThan(300 * 9);
  const alerts = sheetRows(next.runtime, 'Alert log').filter((r) => String(r[2]).startsWith('Escalation alert'));
  expect(alerts.some((r) => String(r[2]).includes('Partner 2'))).toBe(true);
  // And the hour after is idle again.
  const after = await runOnce({ workbookPath: path, now: at('2026-12-01T10:00') }, 'runHourly');
  expect(after.runtime.calls.cellsRead()).toBeLessThan(300);
});

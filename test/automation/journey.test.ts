// Issue 20 end to end: the lifecycle alerts (spec §9) in the owners' digests of the built bundle, in the local
// runtime, each on its own days only: stalled on the day the 90 days are crossed, first deal due on Mondays,
// recruiting overdue from day 31 once a week.
import { join } from 'node:path';
import {
  at,
  emlFiles,
  HEADERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  sheetRows,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

const ANN = 'ann@example.com';
// 2026-12-07 is a Monday.
const before = (days: number) => new Date(2026, 11, 7 - days);

async function workbook(): Promise<string> {
  const model = partnerWorkbook([
    { name: 'Slowpoke Ltd', owner: ANN, deals: 0, lastContactDaysAgo: 0 },
    { name: 'Nearly There', owner: ANN, deals: 0, lastContactDaysAgo: 0 },
    { name: 'Prospect Co', owner: ANN, deals: 0, lastContactDaysAgo: 0 },
    { name: 'Selling Inc', owner: ANN, deals: 0, lastContactDaysAgo: 0 },
  ]);
  const sheet = model.sheet('Partners')!;
  const extra = ['Signed', 'First deal', 'Recruiting since'];
  extra.forEach((h, i) => {
    sheet.ensure(1, HEADERS.length + 1 + i).value = h;
  });
  const rows: (Date | '')[][] = [
    [before(91), '', ''], // crosses the 90 days on Monday 2026-12-07
    [before(80), '', ''], // Activate, 10 days left on that Monday
    ['', '', before(31)], // recruiting for 31 days on that Monday
    [before(200), before(100), ''], // Active: no lifecycle alert ever
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 2, HEADERS.length + 1 + c).value = v;
    }),
  );
  return writeWorkbook(model);
}

test("Monday: stalled, recruiting overdue and first deal due in the owner's digest, in order; Tuesday: none of them", async () => {
  const path = await workbook();
  const outbox = join(path, '..', 'outbox');
  const monday = await runOnce({ workbookPath: path, now: at('2026-12-07T07:00'), outboxDir: outbox }, 'runHourly');
  expect(monday.error).toBeNull();
  const mails = await parseAll(emlFiles(outbox));
  expect(mails).toHaveLength(1);
  expect(recipientsOf(mails[0])).toEqual([ANN]);
  const text = mails[0].text!;
  const lines = text.split('\n').filter((l) => /^\d+\. \[/.test(l));
  // Ordered with the other kinds, worst first: stalled before the touch and QBR items, the reminder last.
  const kinds = lines.map((l) => /\[(.*?)\]/.exec(l)![1]);
  const rank = ['Stalled', 'QBR overdue', 'Touch overdue', 'Recruiting overdue', 'First deal due'];
  expect(kinds).toEqual([...kinds].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)));
  expect(kinds[0]).toBe('Stalled');
  expect(kinds.at(-1)).toBe('First deal due');
  expect(
    lines.filter((l) => /Stalled|Recruiting overdue|First deal due/.test(l)).map((l) => l.replace(/^\d+\. /, '')),
  ).toEqual([
    '[Stalled] Slowpoke Ltd — Stalled: signed 91 days ago and no first deal (target: first deal within 90 days)',
    '[Recruiting overdue] Prospect Co — Recruiting overdue: recruiting since 2026-11-06 (31 days, more than 30) and not signed',
    '[First deal due] Nearly There — First deal due: 10 days left of the 90-day target (signed 80 days ago)',
  ]);
  expect(text).not.toMatch(/Selling Inc — (Stalled|First deal|Recruiting)/);
  // The HTML part names the kinds too, escaped like every other cell.
  expect(mails[0].html).toContain('<td style="padding:4px 8px">Stalled</td>');

  // Running again the same day sends nothing more (one digest per recipient per day).
  await runOnce({ workbookPath: path, now: at('2026-12-07T08:00'), outboxDir: outbox }, 'runHourly');
  expect(emlFiles(outbox)).toHaveLength(1);

  // Tuesday: the partner stays Stalled but is not alerted again; no Monday reminder; recruiting again next week.
  const tuesday = await runOnce({ workbookPath: path, now: at('2026-12-08T07:00'), outboxDir: outbox }, 'runHourly');
  expect(tuesday.error).toBeNull();
  const after = await parseAll(emlFiles(outbox));
  const tuesdayText = after.map((m) => m.text!).find((t) => t.includes('digest for 2026-12-08'));
  expect(tuesdayText).toContain('QBR overdue'); // the day's other items still go
  expect(tuesdayText).not.toMatch(/Stalled|Recruiting overdue|First deal due/);
});

test('the first daily run of a quarter takes its snapshot in the Health history, once; the next quarter adds its own and the movers compare them', async () => {
  const path = await workbook();
  const outbox = join(path, '..', 'outbox');
  const first = await runOnce({ workbookPath: path, now: at('2026-12-07T07:00'), outboxDir: outbox }, 'runHourly');
  expect(first.error).toBeNull();
  // One place: the Health history's Quarter snapshots column (docs/limits.md), no sheet of its own.
  expect(sheetRows(first.runtime, 'Quarter snapshots')).toEqual([]);
  const quarters = (runtime: typeof first.runtime) => {
    const history = sheetRows(runtime, 'Health history');
    return {
      header: history[0][4],
      rows: history.slice(1).map((r): [unknown, string] => [r[0], String(r[4]).replace(/^'/, '')]),
    };
  };
  const december = quarters(first.runtime);
  expect(december.header).toBe('Quarter snapshots (latest 2026-Q4)');
  expect(december.rows.map(([p, q]) => [p, q.split('=')[0]])).toEqual([
    ['Slowpoke Ltd', '2026-Q4'],
    ['Nearly There', '2026-Q4'],
    ['Prospect Co', '2026-Q4'],
    ['Selling Inc', '2026-Q4'],
  ]);
  // The dashboard says when the movers will show.
  first.runtime.call('buildDashboard');
  await first.runtime.save();
  expect(sheetRows(first.runtime, 'Dashboard').map((r) => r[0])).toContain(
    'No snapshot for 2026-Q3: the movers show from the quarter after the first snapshot (2026-Q4 is the first).',
  );

  // The next days: no second snapshot of the quarter.
  const second = await runOnce({ workbookPath: path, now: at('2026-12-08T07:00'), outboxDir: outbox }, 'runHourly');
  expect(quarters(second.runtime)).toEqual(december);
  const third = await runOnce({ workbookPath: path, now: at('2026-12-09T07:00'), outboxDir: outbox }, 'runHourly');
  expect(quarters(third.runtime)).toEqual(december);

  const january = await runOnce({ workbookPath: path, now: at('2027-01-02T07:00'), outboxDir: outbox }, 'runHourly');
  expect(january.error).toBeNull();
  const next = quarters(january.runtime);
  expect(next.header).toBe('Quarter snapshots (latest 2027-Q1)');
  for (const [, q] of next.rows) expect(q.split(';').map((part) => part.split('=')[0])).toEqual(['2027-Q1', '2026-Q4']);
  january.runtime.call('buildDashboard');
  const dash = sheetRows(january.runtime, 'Dashboard');
  const start = dash.findIndex((r) => r[0] === 'Movers 2026-Q4 → 2027-Q1');
  expect(start).toBeGreaterThan(-1);
  // Nobody's tier or quadrant changed between the two snapshots (the example's journey shows three movers).
  expect(dash.slice(start + 1, start + 3).map((r) => r.slice(0, 5))).toEqual([
    ['Partner', 'Tier 2026-Q4 → 2027-Q1', 'Tier move', 'Quadrant', 'Quadrant move'],
    ['No partner changed tier or quadrant since 2026-Q4.', '', '', '', ''],
  ]);
});

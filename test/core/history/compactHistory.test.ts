import { baselineScores } from '../../../src/core/alerts/alerts';
import {
  addMonths,
  baselinesFromHistories,
  changeOverDays,
  charScore,
  dailyAverages,
  historiesFromOldRows,
  historiesFromRows,
  layoutHistory,
  type PartnerHistory,
  parseHistoryHeader,
  recordScore,
  scoreChar,
  scoreOn,
  snapshotsOf,
} from '../../../src/core/history/compactHistory';
import { historyFromRows } from '../../../src/core/history/scoreChange';
import { dayOfIso } from '../../../src/core/reading/calendar';
import { NEW_YORK } from '../../calendars';

const day = (iso: string) => dayOfIso(iso) as number;
const blank = (name: string): PartnerHistory => ({ name, months: new Map(), quarters: new Map() });

test('one character per day: every score 0–100, Unknown and no run round-trip, and none starts a formula', () => {
  for (let s = 0; s <= 100; s++) expect(charScore(scoreChar(s))).toBe(s);
  expect(charScore(scoreChar('Unknown'))).toBe('Unknown');
  expect(charScore(scoreChar(null))).toBeNull();
  const all = `${Array.from({ length: 101 }, (_, s) => scoreChar(s)).join('')}?.`;
  expect(new Set(all).size).toBe(103);
  expect(/[=+\-@\s']/.test(all)).toBe(false);
});

test('a day is set in its month, the days before it marked as no run; the 30-day baseline reaches into January on 1 March', () => {
  const h = blank('Acme');
  recordScore(h, day('2026-01-30'), 70);
  recordScore(h, day('2026-02-03'), 60);
  recordScore(h, day('2026-03-01'), 40);
  expect(h.months.get('2026-02')).toBe(`..${scoreChar(60)}`);
  expect(scoreOn(h, day('2026-02-02'))).toBeNull();
  // 1 March − 30 days = 30 January.
  expect(baselinesFromHistories([h], day('2026-03-01'), 30).get('acme')).toBe(70);
  expect(changeOverDays(h, 30)).toEqual({ day: day('2026-03-01'), score: 40, baseline: 70, change: -30 });
});

test('months past a year go on the first run of a month; the layout names the two months it shows', () => {
  const h = blank('Acme');
  for (const iso of ['2025-10-15', '2025-11-15', '2026-10-15', '2026-11-15', '2026-12-01'])
    recordScore(h, day(iso), 50);
  const gone = blank('Gone Ltd');
  recordScore(gone, day('2025-06-01'), 10);
  const { header, rows } = layoutHistory([h, gone], '2026-12', '2026-Q4');
  expect(header).toEqual([
    'Partner',
    'Scores 2026-11',
    'Scores 2026-12',
    'Earlier scores',
    'Quarter snapshots (latest 2026-Q4)',
  ]);
  // 13 months kept: 2025-12 … 2026-12, so 2025-11 and 2025-10 are dropped, and so is a partner with nothing left.
  expect(rows).toHaveLength(1);
  expect(rows[0][3]).toBe(`2026-10:${'.'.repeat(14)}${scoreChar(50)}`);
  const back = historiesFromRows(parseHistoryHeader(header)!, rows);
  expect(snapshotsOf(back[0], 0, day('2026-12-31')).map((s) => s.day)).toEqual([
    day('2026-10-15'),
    day('2026-11-15'),
    day('2026-12-01'),
  ]);
  expect(addMonths('2026-01', -1)).toBe('2025-12');
});

test('old rows (Date, Partner, Score, Tier, Segment) convert without losing a score; the first day of a quarter becomes its snapshot', () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00`);
  const rows = [
    [d('2026-09-30'), 'Acme', 81, 'Champion', 'Strategic'],
    [d('2026-10-02'), 'Acme', 70, 'Healthy', 'Growth'],
    [d('2026-10-03'), 'Acme', 'Unknown', 'Unknown', 'Growth'],
    [d('2026-10-02'), 'Beta', 12, 'Churning', 'At-risk'],
  ];
  const histories = historiesFromOldRows(rows, NEW_YORK);
  const snaps = histories.flatMap((h) => snapshotsOf(h, 0, day('2030-01-01')));
  expect(snaps.sort((a, b) => a.partner.localeCompare(b.partner) || a.day - b.day)).toEqual(
    historyFromRows(rows, NEW_YORK).sort((a, b) => a.partner.localeCompare(b.partner) || a.day - b.day),
  );
  expect(histories[0].quarters.get('2026-Q3')).toEqual({ tier: 'Champion', segment: 'Strategic', quadrant: '' });
  expect(histories[0].quarters.get('2026-Q4')).toEqual({ tier: 'Healthy', segment: 'Growth', quadrant: '' });
  // The same baselines as the snapshot rule the alerts used before.
  const today = day('2026-11-02');
  expect(baselinesFromHistories(histories, today, 30)).toEqual(
    baselineScores(historyFromRows(rows, NEW_YORK), today, 30),
  );
});

test('the dashboard trend averages the numeric scores of each day', () => {
  const a = blank('A');
  const b = blank('B');
  recordScore(a, day('2026-12-01'), 40);
  recordScore(b, day('2026-12-01'), 61);
  recordScore(b, day('2026-12-02'), 'Unknown');
  expect(dailyAverages([a, b], 12)).toEqual([{ day: day('2026-12-01'), average: 50.5, partners: 2 }]);
});

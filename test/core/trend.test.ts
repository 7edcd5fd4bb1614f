import { HISTORY_CELL_BUDGET, expiredHistoryRows, historyFromRows, historyRetentionDays, scoreChangeFinder } from '../../src/core/trend';
import { dayNumber, NEW_YORK } from '../calendars';

const d = (iso: string) => new Date(`${iso}T00:00:00`);
const rows = [
  ['Date', 'Partner', 'Score', 'Tier', 'Segment'], // a header row is skipped
  [d('2026-10-01'), 'Acme', 80, 'Champion', 'Growth'],
  [d('2026-10-31'), 'Acme', 78, 'Healthy', 'Growth'],
  [d('2026-11-15'), 'acme ', 70, 'Healthy', 'Growth'],
  [d('2026-11-30'), 'Acme', 63, 'Healthy', 'Growth'],
  [d('2026-11-30'), 'Beta', 'Unknown', 'Unknown', 'Stable'],
  [d('2026-11-20'), 'Gamma', 50, 'At-risk', 'Stable'],
  ['', '', '', '', ''],
];

test('history rows become snapshots; header, blanks and non-scores are skipped', () => {
  const h = historyFromRows(rows, NEW_YORK);
  expect(h).toHaveLength(6);
  expect(h[0]).toEqual({ day: dayNumber(d('2026-10-01')), partner: 'Acme', score: 80 });
});

test('the change is measured back from the partner\'s latest snapshot to the one on or before 30 days earlier', () => {
  const scoreChange = scoreChangeFinder(historyFromRows(rows, NEW_YORK), 30);
  // Latest 2026-11-30 (63); 30 days before is 2026-10-31 (78): −15. Names match whatever the case and spaces.
  expect(scoreChange('ACME')).toEqual({ day: dayNumber(d('2026-11-30')), score: 63, baseline: 78, change: -15 });
  expect(scoreChange('Beta')).toBeNull(); // no numeric score now
  expect(scoreChange('Gamma')).toBeNull(); // history does not reach back 30 days
  expect(scoreChange('Nobody')).toBeNull();
});


test('history is kept about 13 months, less for a large table, never under the 92 days the trend reads', () => {
  expect(historyRetentionDays(40)).toBe(400);
  expect(historyRetentionDays(1_000)).toBe(400);
  expect(historyRetentionDays(2_000)).toBe(200); // 2,000 × 200 days × 5 cells = the 2 million-cell budget
  expect(historyRetentionDays(10_000)).toBe(92);
  expect(historyRetentionDays(2_000) * 2_000 * 5).toBeLessThanOrEqual(HISTORY_CELL_BUDGET);
});

test('the expired rows are the leading rows older than the retention; an unreadable row stops the count', () => {
  const today = dayNumber(d('2026-12-01'));
  const old = [[d('2025-01-01'), 'A', 50], [d('2025-06-01'), 'A', 52], [d('2026-11-30'), 'A', 60]];
  // 2025-01-01 is 699 days back, 2025-06-01 548, 2026-11-30 one.
  expect(expiredHistoryRows(old, today, 600, NEW_YORK)).toBe(1);
  expect(expiredHistoryRows(old, today, 400, NEW_YORK)).toBe(2);
  expect(expiredHistoryRows(old, today, 1, NEW_YORK)).toBe(2);
  expect(expiredHistoryRows([['not a date', 'A', 1], ...old], today, 92, NEW_YORK)).toBe(0);
});


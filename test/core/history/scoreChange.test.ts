import { historyFromRows, scoreChangeFinder } from '../../../src/core/history/scoreChange';
import { dayNumber, NEW_YORK } from '../../calendars';

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

test("the change is measured back from the partner's latest snapshot to the one on or before 30 days earlier", () => {
  const scoreChange = scoreChangeFinder(historyFromRows(rows, NEW_YORK), 30);
  // Latest 2026-11-30 (63); 30 days before is 2026-10-31 (78): −15. Names match whatever the case and spaces.
  expect(scoreChange('ACME')).toEqual({ day: dayNumber(d('2026-11-30')), score: 63, baseline: 78, change: -15 });
  expect(scoreChange('Beta')).toBeNull(); // no numeric score now
  expect(scoreChange('Gamma')).toBeNull(); // history does not reach back 30 days
  expect(scoreChange('Nobody')).toBeNull();
});

// Issue #10.5: a Snooze until column holds a partner's touch and QBR-overdue alerts — never an escalation,
// a health drop or a missing owner — and a snooze more than 90 days out counts as 90 days.
import { baselineScores, effectiveSnooze, partnerAlerts, snoozeKey } from '../../../src/core/alerts/alerts';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const rules = DEFAULT_RULES;
const today = dayNumber(new Date(2026, 11, 1));
const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const header = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Fit',
  'Last contact',
  'Last QBR',
  'Snoozed until',
];
const views = (rows: unknown[][]) =>
  evaluatePartners(readPartnerRows(rows as never, mapColumns(header), today, rules, NEW_YORK), today, rules);

const table = views([
  // Strategic, touch and QBR overdue, snoozed to Dec 15, and its score fell 15 points (100 → 85).
  ['Top Co', 'ann@example.com', 900, 0.3, 6, 'Weekly', 10, 'Moderate', d(2026, 11, 20), d(2026, 6, 1), d(2026, 12, 15)],
  // No owner, never contacted, snoozed: the missing owner still goes to the admin.
  ['Orphan', '', 100, 0, 0, 'Inactive', '', '', '', '', d(2026, 12, 15)],
  // Snoozed until today: the alerts are back.
  ['Back Co', 'bob@example.com', 200, 0.05, 1, 'Quarterly', 10, 'Weak', '', '', d(2026, 12, 1)],
]);
const baseline = baselineScores([{ day: today - 30, partner: 'Top Co', score: 100 }], today, 30);
const alerts = (firstSeen = new Map<string, number>()) =>
  partnerAlerts(table, baseline, 15, { adminEmail: 'ops@example.com' }, { today, firstSeen });

test('the Snoozed until alias is read as the snooze date', () => {
  expect(table[0].record.snoozeUntil).toBe(dayNumber(d(2026, 12, 15)));
});

test('touch and QBR-overdue alerts are held (marked, for the preview); health drop and no owner are not', () => {
  const items = alerts();
  const of = (partner: string) =>
    items.filter((i) => i.partner === partner).map((i) => [i.kind, i.snoozedUntil ?? null]);
  expect(of('Top Co')).toEqual([
    ['healthDrop', null],
    ['qbrOverdue', '2026-12-15'],
    ['touchOverdue', '2026-12-15'],
  ]);
  expect(of('Orphan')).toEqual([
    ['noOwner', null],
    ['touchOverdue', '2026-12-15'],
  ]);
  expect(of('Back Co').every(([, s]) => s === null)).toBe(true);
  expect(items.find((i) => i.partner === 'Top Co' && i.kind === 'touchOverdue')?.reason).toBe(
    'Touch overdue by 4 days (Strategic cadence) — snoozed until 2026-12-15',
  );
});

test('a snooze more than 90 days out counts as 90 days from when it was first seen, and the digest says so', () => {
  expect(effectiveSnooze(today + 200, today)).toEqual({ asked: today + 200, until: today + 90, capped: true });
  expect(effectiveSnooze(today + 90, today)).toEqual({ asked: today + 90, until: today + 90, capped: false });

  const far = views([['Far Co', 'cy@example.com', 100, 0, 0, 'Inactive', '', '', '', '', d(2027, 12, 31)]]);
  const key = snoozeKey('Far Co', dayNumber(d(2027, 12, 31)));
  // First seen 10 days ago: held until 80 days from now, and the preview says why.
  const held = partnerAlerts(
    far,
    new Map(),
    15,
    { adminEmail: null },
    { today, firstSeen: new Map([[key, today - 10]]) },
  );
  const touch = (items: typeof held) => items.find((i) => i.kind === 'touchOverdue')!;
  expect(touch(held).snoozedUntil).toBe('2027-02-19');
  expect(touch(held).reason).toBe(
    'Never contacted — snoozed until 2027-02-19 (asked 2027-12-31; a snooze counts at most 90 days)',
  );
  // First seen 95 days ago: the 90 days are over, the alert is back, and says so.
  const back = partnerAlerts(
    far,
    new Map(),
    15,
    { adminEmail: null },
    { today, firstSeen: new Map([[key, today - 95]]) },
  );
  expect(touch(back).snoozedUntil).toBeUndefined();
  expect(touch(back).reason).toBe(
    'Never contacted — snoozed until 2027-12-31, but a snooze counts at most 90 days: it ended 2026-11-26',
  );
});

test('a row with data but no partner name gets no alerts (it is not a partner anyone can be told about)', () => {
  const unnamed = views([['', '', 500, 0, 0, 'Inactive', '', '', '', '', '']]);
  expect(unnamed[0].record.unnamed).toBe(true);
  expect(
    partnerAlerts(unnamed, new Map(), 15, { adminEmail: 'ops@example.com' }, { today, firstSeen: new Map() }),
  ).toEqual([]);
});

import { isMonday, lifecycleAlert, lifecycleOf } from '../../../src/core/journey/lifecycle';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { validateSettings } from '../../../src/core/settings/validation';
import { dayNumber } from '../../calendars';

const rules = DEFAULT_RULES;
// 2026-12-07 is a Monday.
const monday = dayNumber(new Date(2026, 11, 7));
const signedDaysAgo = (n: number, today = monday) =>
  lifecycleOf({ signed: today - n, firstDeal: null, deals: 0 }, today, rules);

describe('lifecycle stages (spec §9) at every boundary', () => {
  test.each([
    [0, 'Onboard', 90],
    [30, 'Onboard', 60],
    [31, 'Enable', 59],
    [60, 'Enable', 30],
    [61, 'Activate', 29],
    [90, 'Activate', 0],
    [91, 'Stalled', -1],
    [400, 'Stalled', -310],
  ])('signed %i days ago, no first deal: %s with %i days left', (days, stage, left) => {
    expect(signedDaysAgo(days)).toEqual({ stage, daysSinceSigned: days, daysLeft: left });
  });

  test('no signed date and no deals: Recruit; blank deals too', () => {
    expect(lifecycleOf({ signed: null, firstDeal: null, deals: 0 }, monday, rules)).toEqual({
      stage: 'Recruit',
      daysSinceSigned: null,
      daysLeft: null,
    });
    expect(lifecycleOf({ signed: null, firstDeal: null, deals: null }, monday, rules).stage).toBe('Recruit');
  });

  test('a first deal after signing, on or before today: Active, whatever the days since signing', () => {
    expect(lifecycleOf({ signed: monday - 120, firstDeal: monday - 20, deals: 0 }, monday, rules)).toEqual({
      stage: 'Active',
      daysSinceSigned: 120,
      daysLeft: null,
    });
    expect(lifecycleOf({ signed: monday - 10, firstDeal: monday, deals: null }, monday, rules).stage).toBe('Active');
  });

  test('a first deal dated before the signing still counts: Active', () => {
    expect(lifecycleOf({ signed: monday - 40, firstDeal: monday - 50, deals: 0 }, monday, rules).stage).toBe('Active');
  });

  test('a first deal dated after today is not one yet', () => {
    expect(lifecycleOf({ signed: monday - 40, firstDeal: monday + 1, deals: 0 }, monday, rules).stage).toBe('Enable');
  });

  test('deals ≥ 1 is Active without a first-deal date, also unsigned', () => {
    expect(lifecycleOf({ signed: monday - 100, firstDeal: null, deals: 1 }, monday, rules).stage).toBe('Active');
    expect(lifecycleOf({ signed: null, firstDeal: null, deals: 2 }, monday, rules).stage).toBe('Active');
  });

  test('a signed date in the future is an error naming it', () => {
    expect(() => lifecycleOf({ signed: monday + 1, firstDeal: null, deals: 0 }, monday, rules)).toThrow(
      'Signed "2026-12-08" is after today (2026-12-07); allowed: the date the partner signed, today or earlier',
    );
  });

  test('Settings move the boundaries: 20-day stages and a 60-day target', () => {
    const short = {
      ...rules,
      lifecycle: { ...rules.lifecycle, stageDays: 20 },
      targets: { ...rules.targets, daysToFirstDeal: 60 },
    };
    const at = (n: number) => lifecycleOf({ signed: monday - n, firstDeal: null, deals: 0 }, monday, short).stage;
    expect([20, 21, 40, 41, 60, 61].map(at)).toEqual([
      'Onboard',
      'Enable',
      'Enable',
      'Activate',
      'Activate',
      'Stalled',
    ]);
  });
});

describe('lifecycle alerts and their once-only rules', () => {
  test('Monday is Monday', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => isMonday(monday + k))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isMonday(dayNumber(new Date(1969, 11, 29)))).toBe(true);
  });

  test('stalled: only on the day the partner crosses 90 days', () => {
    const days = [89, 90, 91, 92, 98, 120];
    const kinds = days.map((n) => {
      const today = monday + 2; // a Wednesday: the stalled alert does not wait for Monday
      return lifecycleAlert(signedDaysAgo(n, today), null, today, rules)?.kind ?? null;
    });
    expect(kinds).toEqual([null, null, 'stalled', null, null, null]);
    const crossing = lifecycleAlert(signedDaysAgo(91), null, monday, rules);
    expect(crossing).toEqual({
      kind: 'stalled',
      daysOverdue: 1,
      reason: 'Stalled: signed 91 days ago and no first deal (target: first deal within 90 days)',
    });
  });

  test('first deal due: in Activate with 14 days or fewer left, on Mondays only', () => {
    const onMonday = (n: number) => lifecycleAlert(signedDaysAgo(n), null, monday, rules)?.kind ?? null;
    expect([75, 76, 80, 90, 91].map(onMonday)).toEqual([
      null,
      'firstDealDue',
      'firstDealDue',
      'firstDealDue',
      'stalled',
    ]);
    // 76 days on Monday = 14 left; the rest of that week no reminder; next Monday (83 days, 7 left) again.
    const week = [0, 1, 2, 3, 4, 5, 6, 7].map(
      (k) =>
        lifecycleAlert(
          lifecycleOf({ signed: monday - 76, firstDeal: null, deals: 0 }, monday + k, rules),
          null,
          monday + k,
          rules,
        )?.kind ?? null,
    );
    expect(week).toEqual(['firstDealDue', null, null, null, null, null, null, 'firstDealDue']);
    expect(lifecycleAlert(signedDaysAgo(80), null, monday, rules)?.reason).toBe(
      'First deal due: 10 days left of the 90-day target (signed 80 days ago)',
    );
    expect(lifecycleAlert(signedDaysAgo(90), null, monday, rules)?.reason).toContain('0 days left');
  });

  test('an Active partner never gets a lifecycle alert', () => {
    const active = lifecycleOf({ signed: monday - 91, firstDeal: monday - 5, deals: 0 }, monday, rules);
    expect(lifecycleAlert(active, monday - 60, monday, rules)).toBeNull();
  });

  test('recruiting overdue: more than 30 days since Recruiting since, on day 31 and once a week after', () => {
    const recruit = lifecycleOf({ signed: null, firstDeal: null, deals: 0 }, monday, rules);
    const at = (since: number) => lifecycleAlert(recruit, monday - since, monday, rules)?.kind ?? null;
    const shown = [29, 30, 31, 32, 37, 38, 39, 45, 52].map(at);
    expect(shown).toEqual([
      null,
      null,
      'recruitingOverdue',
      null,
      null,
      'recruitingOverdue',
      null,
      'recruitingOverdue',
      'recruitingOverdue',
    ]);
    expect(lifecycleAlert(recruit, monday - 38, monday, rules)).toEqual({
      kind: 'recruitingOverdue',
      daysOverdue: 8,
      reason: 'Recruiting overdue: recruiting since 2026-10-30 (38 days, more than 30) and not signed',
    });
    // No Recruiting since date, or a signed partner: nothing.
    expect(lifecycleAlert(recruit, null, monday, rules)).toBeNull();
    expect(lifecycleAlert(signedDaysAgo(5), monday - 31, monday, rules)).toBeNull();
  });
});

describe('lifecycle settings', () => {
  const withLifecycle = (lifecycle: object) =>
    validateSettings({
      ...DEFAULT_SETTINGS,
      rules: { ...DEFAULT_SETTINGS.rules, lifecycle: { ...DEFAULT_SETTINGS.rules.lifecycle, ...lifecycle } },
    });

  test('the defaults are 30-day stages, a 14-day warning, 30 days of recruiting', () => {
    expect(DEFAULT_SETTINGS.rules.lifecycle).toEqual({
      stageDays: 30,
      firstDealDueWithinDays: 14,
      recruitingOverdueDays: 30,
    });
    expect(withLifecycle({}).errors).toEqual([]);
  });

  test('a bad value is refused with a message naming the field', () => {
    expect(withLifecycle({ stageDays: 0 }).errors.map((e) => e.field)).toEqual(['rules.lifecycle.stageDays']);
    expect(withLifecycle({ recruitingOverdueDays: 'soon' }).errors[0].message).toContain(
      'Recruiting overdue after (days)',
    );
    expect(withLifecycle({ firstDealDueWithinDays: 0 }).errors).toEqual([]);
  });
});

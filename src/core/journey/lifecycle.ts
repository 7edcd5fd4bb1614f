import { type DayNumber, isoOfDay, weekdayOfDay } from '../reading/calendar';
import { InputError } from '../reading/inputError';
import type { Rules } from '../rules';

/**
 * The partner lifecycle of seed 000 (Recruit → Onboard → Enable → Activate, 30 days each) with seed 001's
 * time-to-first-deal target of 90 days (docs/journey.md, docs/rules.md §9, docs/journey.md).
 */
export type Stage = 'Recruit' | 'Onboard' | 'Enable' | 'Activate' | 'Stalled' | 'Active';
export const STAGES: readonly Stage[] = ['Recruit', 'Onboard', 'Enable', 'Activate', 'Stalled', 'Active'];

export interface LifecycleInputs {
  signed: DayNumber | null;
  firstDeal: DayNumber | null;
  deals: number | null;
}

export interface Lifecycle {
  stage: Stage;
  /** Days from `signed` to today; null when there is no signed date. */
  daysSinceSigned: number | null;
  /**
   * Days left of the time-to-first-deal target (90), while a signed partner has no first deal yet; negative
   * once the target is missed (Stalled). null for Recruit and Active.
   */
  daysLeft: number | null;
}

/**
 * The stage of one partner on `today`. Active wins over everything: a first deal on or before today, or
 * deals ≥ 1, means the partner is selling, whatever the dates say (a first deal dated before the signing
 * is still a first deal). A first deal dated after today is not one yet. A signed date after today is an
 * error: stages count days since signing, and nobody has signed in the future.
 */
export function lifecycleOf(inputs: LifecycleInputs, today: DayNumber, rules: Rules): Lifecycle {
  const { signed, firstDeal, deals } = inputs;
  if (signed !== null && signed > today) {
    throw new InputError(
      'Signed',
      isoOfDay(signed),
      `is after today (${isoOfDay(today)}); allowed: the date the partner signed, today or earlier`,
    );
  }
  const daysSinceSigned = signed === null ? null : today - signed;
  if ((firstDeal !== null && firstDeal <= today) || (deals !== null && deals >= 1)) {
    return { stage: 'Active', daysSinceSigned, daysLeft: null };
  }
  if (daysSinceSigned === null) return { stage: 'Recruit', daysSinceSigned: null, daysLeft: null };
  const { stageDays } = rules.lifecycle;
  const target = rules.targets.daysToFirstDeal;
  const daysLeft = target - daysSinceSigned;
  const stage: Stage =
    daysSinceSigned <= stageDays
      ? 'Onboard'
      : daysSinceSigned <= 2 * stageDays
        ? 'Enable'
        : daysSinceSigned <= target
          ? 'Activate'
          : 'Stalled';
  return { stage, daysSinceSigned, daysLeft };
}

/** Monday (in the spreadsheet's calendar: a day number is a calendar date there). */
export function isMonday(day: DayNumber): boolean {
  return weekdayOfDay(day) === 1;
}

export type LifecycleAlertKind = 'stalled' | 'firstDealDue' | 'recruitingOverdue';

export interface LifecycleAlert {
  kind: LifecycleAlertKind;
  reason: string;
  /** Days past the target (stalled) or past the 30 days of recruiting; null for the first-deal-due reminder. */
  daysOverdue: number | null;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/**
 * The lifecycle alert of one partner on `today`, if today is a day to send it (docs/rules.md §9):
 * - stalled: on the day the partner crosses the target (day 91 of 90), once;
 * - first deal due: in Activate with `firstDealDueWithinDays` (14) or fewer days left, on Mondays;
 * - recruiting overdue: in Recruit with `recruitingSince` more than `recruitingOverdueDays` (30) ago, on the
 *   day it becomes overdue and every 7 days after (once a week, from the day it is due).
 * The digest goes once a day per recipient (docs/journey.md), so "once" is a matter of which days qualify.
 */
export function lifecycleAlert(
  life: Lifecycle,
  recruitingSince: DayNumber | null,
  today: DayNumber,
  rules: Rules,
): LifecycleAlert | null {
  const target = rules.targets.daysToFirstDeal;
  if (life.stage === 'Stalled' && life.daysSinceSigned === target + 1) {
    return {
      kind: 'stalled',
      daysOverdue: 1,
      reason: `Stalled: signed ${life.daysSinceSigned} days ago and no first deal (target: first deal within ${target} days)`,
    };
  }
  if (
    life.stage === 'Activate' &&
    life.daysLeft !== null &&
    life.daysLeft <= rules.lifecycle.firstDealDueWithinDays &&
    isMonday(today)
  ) {
    return {
      kind: 'firstDealDue',
      daysOverdue: null,
      reason: `First deal due: ${days(life.daysLeft)} left of the ${target}-day target (signed ${life.daysSinceSigned} days ago)`,
    };
  }
  if (life.stage === 'Recruit' && recruitingSince !== null) {
    const since = today - recruitingSince;
    const limit = rules.lifecycle.recruitingOverdueDays;
    if (since > limit && (since - limit - 1) % 7 === 0) {
      return {
        kind: 'recruitingOverdue',
        daysOverdue: since - limit,
        reason: `Recruiting overdue: recruiting since ${isoOfDay(recruitingSince)} (${since} days, more than ${limit}) and not signed`,
      };
    }
  }
  return null;
}

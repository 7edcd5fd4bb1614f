import type { DayNumber } from '../reading/calendar';
import { InputError } from '../reading/inputError';
import { type Rules, SEGMENTS, type Segment } from '../rules';

export function readSegment(value: unknown): Segment {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const segment = SEGMENTS.find((s) => s.toLowerCase() === text);
  if (!segment) throw new InputError('Segment', value, `is not one of ${SEGMENTS.join(', ')}`);
  return segment;
}

export interface TouchStatus {
  /** The day the next touch is due; null when the partner was never contacted (due now). */
  dueDay: DayNumber | null;
  overdue: boolean;
  /** Days past due; null when never contacted. */
  daysOverdue: number | null;
}

/** Touch cadence of docs/rules.md §5: overdue when the days since last contact exceed the segment's cadence. */
export function touchStatus(
  segment: Segment,
  lastContact: DayNumber | null,
  today: DayNumber,
  rules: Rules,
): TouchStatus {
  if (lastContact === null) return { dueDay: null, overdue: true, daysOverdue: null };
  const every = rules.segmentPolicies[segment].touchEveryDays;
  const dueDay = lastContact + every;
  const late = today - lastContact - every;
  return { dueDay, overdue: late > 0, daysOverdue: Math.max(late, 0) };
}

export interface QbrStatus {
  /** Whether this segment holds QBRs at all (Strategic and Growth by default). */
  expected: boolean;
  overdue: boolean;
  /** Days past due; null when no QBR was ever held or scheduled. */
  daysOverdue: number | null;
  /** The next QBR is within the reminder window: time to send the agenda. */
  comingUp: boolean;
  daysUntil: number | null;
}

/**
 * QBR rules of docs/rules.md §5: for segments with a QBR cadence, overdue when the scheduled QBR has passed, or when
 * none is scheduled and the last one is missing or older than the cadence. Any scheduled QBR within the
 * reminder window (3 days) is "coming up", whatever the segment.
 */
export function qbrStatus(
  segment: Segment,
  lastQbr: DayNumber | null,
  nextQbr: DayNumber | null,
  today: DayNumber,
  rules: Rules,
): QbrStatus {
  const every = rules.segmentPolicies[segment].qbrEveryDays;
  const daysUntil = nextQbr === null ? null : nextQbr - today;
  const comingUp = daysUntil !== null && daysUntil >= 0 && daysUntil <= rules.qbr.reminderDaysAhead;
  if (every === null) return { expected: false, overdue: false, daysOverdue: null, comingUp, daysUntil };
  if (nextQbr !== null) {
    const late = today - nextQbr;
    return { expected: true, overdue: late > 0, daysOverdue: Math.max(late, 0), comingUp, daysUntil };
  }
  if (lastQbr === null) return { expected: true, overdue: true, daysOverdue: null, comingUp, daysUntil };
  const late = today - lastQbr - every;
  return { expected: true, overdue: late > 0, daysOverdue: Math.max(late, 0), comingUp, daysUntil };
}

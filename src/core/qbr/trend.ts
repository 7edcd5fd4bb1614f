import { baselineScores, type HealthSnapshot } from '../alerts/alerts';
import { type DayNumber, isoOfDay } from '../reading/calendar';

/** Days of Health history the sidebar's trend shows. */
export const TREND_DAYS = 90;

/**
 * The trend is drawn over the scores shown, at least `minSpan` points high and padded by `padPoints`, so a
 * move of a few points is visible.
 */
export const TREND_SCALE = { minSpan: 20, padPoints: 5 };

/** The partner's score over the last days (from `Health history`) and its change against 30 days ago. */
export interface Trend {
  points: { date: string; score: number }[];
  /** Current score minus the baseline; null when either is not a number. */
  change: number | null;
  /** The score the change is measured against: the latest snapshot on or before 30 days ago (as alerts use). */
  baseline: number | null;
  windowDays: number;
  againstDaysAgo: number;
}

export function trendFor(
  history: readonly HealthSnapshot[],
  partner: string,
  today: DayNumber,
  current: number | 'Unknown' | null,
  againstDaysAgo: number,
  windowDays = TREND_DAYS,
): Trend {
  const key = partner.trim().toLowerCase();
  const mine = history.filter((h) => h.partner.trim().toLowerCase() === key);
  const byDay = new Map<DayNumber, number>();
  for (const h of mine)
    if (typeof h.score === 'number' && h.day > today - windowDays && h.day <= today) byDay.set(h.day, h.score);
  const points = [...byDay].sort((a, b) => a[0] - b[0]).map(([day, score]) => ({ date: isoOfDay(day), score }));
  const baseline = baselineScores(mine, today, againstDaysAgo).get(key) ?? null;
  const change = typeof current === 'number' && baseline !== null ? current - baseline : null;
  return { points, change, baseline, windowDays, againstDaysAgo };
}

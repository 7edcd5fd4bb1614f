import { baselineScores, type HealthSnapshot } from '../alerts/alerts';
import { type DayNumber, isDate, type SheetCalendar } from '../reading/calendar';
import type { CellValue } from '../reading/cells';

/**
 * Health history rows (Date, Partner, Score, …) as snapshots. Rows that cannot be read — the header, a
 * blank line, a score that is not one — are skipped: the sheet is written by PartnerPulse, not typed by hand.
 */
export function historyFromRows(rows: readonly CellValue[][], calendar: SheetCalendar): HealthSnapshot[] {
  const out: HealthSnapshot[] = [];
  for (const [date, partner, score] of rows) {
    if (!isDate(date) || partner === '' || partner === null || partner === undefined) continue;
    if (typeof score === 'number' || score === 'Unknown')
      out.push({ day: calendar.dayOf(date as Date), partner: String(partner), score });
  }
  return out;
}

const keyOf = (partner: string) => partner.trim().toLowerCase();

export interface ScoreChange {
  /** The partner's latest scored day and score. */
  day: DayNumber;
  score: number;
  /** The score on the latest snapshot at least `daysAgo` days before, and the change since. */
  baseline: number;
  change: number;
}

/**
 * Each partner's change in score over `daysAgo` days, measured back from the partner's own latest snapshot (so
 * a formula over the history gives the same answer whatever day it recalculates); null without a numeric score
 * now or that long ago. The history is grouped by partner once, so a whole column costs one pass over it.
 */
export function scoreChangeFinder(
  history: readonly HealthSnapshot[],
  daysAgo: number,
): (partner: string) => ScoreChange | null {
  const byPartner = new Map<string, HealthSnapshot[]>();
  for (const h of history) {
    const key = keyOf(h.partner);
    const list = byPartner.get(key);
    if (list) list.push(h);
    else byPartner.set(key, [h]);
  }
  return (partner) => changeOf(byPartner.get(keyOf(partner)) ?? [], daysAgo);
}

/** The change over one partner's own snapshots. */
function changeOf(own: readonly HealthSnapshot[], daysAgo: number): ScoreChange | null {
  let latest: HealthSnapshot | null = null;
  for (const h of own) if (latest === null || h.day > latest.day) latest = h;
  if (latest === null || typeof latest.score !== 'number') return null;
  const baseline = baselineScores(own, latest.day, daysAgo).get(keyOf(latest.partner));
  if (baseline === undefined) return null;
  return { day: latest.day, score: latest.score, baseline, change: latest.score - baseline };
}

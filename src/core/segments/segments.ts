import type { EngagementLevel, Rules, Segment } from '../rules';

/** What the segment rule reads of one partner; null = blank. */
export interface SegmentInputs {
  revenue: number | null;
  growth: number | null;
  deals: number | null;
  engagement: EngagementLevel | null;
}

/** How many of `sorted` (ascending) are strictly below / at most `value`. */
function countBelow(sorted: number[], value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value || (orEqual && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Segments of docs/rules.md §3 for a whole column of partners: a partner's segment depends on the others through the
 * revenue ranking. Ranks share the best place on ties, so a tie at the top-10 % cut takes every tied partner.
 * A row that is null (blank) gets null.
 *
 * Missing data, as a partner manager would read it: a partner with no revenue is in neither the top 10 % nor
 * the bottom quartile; missing growth is neither growing nor declining; blank deals count as no deals.
 */
export function assignSegments(rows: ReadonlyArray<SegmentInputs | null>, rules: Rules): Array<Segment | null> {
  const revenues = rows
    .map((r) => (r === null ? null : r.revenue))
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const n = revenues.length;
  const topCut = Math.ceil(rules.segments.topShare * n);
  const bottomCut = Math.ceil(rules.segments.bottomShare * n);
  const flat = rules.revenue.flatBand;
  return rows.map((row) => {
    if (row === null) return null;
    const { revenue, growth, deals, engagement } = row;
    const rankDescending = revenue === null ? Infinity : 1 + (n - countBelow(revenues, revenue, true));
    const rankAscending = revenue === null ? Infinity : 1 + countBelow(revenues, revenue, false);
    const declining = growth !== null && growth < -flat;
    if (rankDescending <= topCut && !declining) return 'Strategic';
    if (declining && (engagement === 'Quarterly' || engagement === 'Inactive')) return 'At-risk';
    if (growth !== null && growth > flat) return 'Growth';
    if (rankAscending <= bottomCut && (deals ?? 0) <= rules.segments.longTailMaxDeals) return 'Long-tail';
    return 'Stable';
  });
}

import type { Quadrant, Rules } from '../rules';

export interface QuadrantInputs {
  leads: number | null;
  /** true = high market relevance. */
  relevance: boolean | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The lead count from which a partner has "high leads": max(1, median of the column) (docs/rules.md §4). */
export function highLeadsThreshold(leads: number[], rules: Rules): number {
  return Math.max(rules.quadrant.minHighLeads, median(leads) ?? 0);
}

/**
 * Leads × market relevance (docs/rules.md §4, seed 002) for a whole column. A row with both inputs blank gets null;
 * a row with one of them blank cannot be placed and gets 'Unknown'.
 */
export function assignQuadrants(
  rows: ReadonlyArray<QuadrantInputs | null>,
  rules: Rules,
): Array<Quadrant | 'Unknown' | null> {
  const leads = rows.map((r) => (r === null ? null : r.leads)).filter((v): v is number => v !== null);
  const threshold = highLeadsThreshold(leads, rules);
  return rows.map((row) => {
    if (row === null || (row.leads === null && row.relevance === null)) return null;
    if (row.leads === null || row.relevance === null) return 'Unknown';
    return quadrantOf(row.leads >= threshold, row.relevance);
  });
}

export function quadrantOf(highLeads: boolean, highRelevance: boolean): Quadrant {
  if (highRelevance) return highLeads ? 'Key partner' : 'Unpolished diamond';
  return highLeads ? 'Growth hacker' : 'Dementor';
}

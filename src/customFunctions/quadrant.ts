import { isBlank, readLeads, readRelevance } from '../core/reading/cells';
import type { Rules } from '../core/rules';
import { assignQuadrants, type QuadrantInputs } from '../core/segments/quadrants';
import { type Arg, callResult, callRows, needsColumns, type Output, perRow, type RowResult } from './columns';

export function quadrantColumn(args: Arg[], rules: Rules): Output | Output[][] {
  const call = callRows('PARTNER_QUADRANT', ['leads', 'relevance'], args);
  if (!call.column) {
    throw needsColumns(
      'PARTNER_QUADRANT',
      '=PARTNER_QUADRANT(G2:G, K2:K)',
      '"high leads" means at least the median of all partners\' leads, so it needs the whole leads column.',
    );
  }
  const read = call.rows.map(([leads, relevance]) =>
    perRow((): QuadrantInputs | null =>
      isBlank(leads) && isBlank(relevance)
        ? null
        : { leads: readLeads(leads), relevance: readRelevance(relevance, rules) },
    ),
  );
  const quadrants = assignQuadrants(
    read.map((r) => (r instanceof Error ? null : r)),
    rules,
  );
  const results: RowResult[] = read.map((r, i) => (r instanceof Error ? r : (quadrants[i] ?? '')));
  return callResult(call, results);
}

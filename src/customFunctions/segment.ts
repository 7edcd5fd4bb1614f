import { type CellValue, isBlank, readDeals, readEngagement, readGrowth, readRevenue } from '../core/reading/cells';
import { assignSegments, type SegmentInputs } from '../core/segments/segments';
import {
  type Arg,
  callResult,
  callRows,
  type FormulaContext,
  needsColumns,
  type Output,
  perRow,
  type RowResult,
} from './columns';

export function segmentColumn(args: Arg[], { rules, today, calendar }: FormulaContext): Output | Output[][] {
  const call = callRows('SEGMENT', ['revenue', 'growth', 'deals', 'engagement'], args);
  if (!call.column) {
    throw needsColumns(
      'SEGMENT',
      '=SEGMENT(C2:C, E2:E, F2:F, H2:H)',
      "a partner's segment depends on where its revenue ranks among all partners (top 10 %, bottom quartile).",
    );
  }
  // Read every row first: a bad row shows its error and stays out of the ranking of the others.
  const read = call.rows.map((row) =>
    perRow((): SegmentInputs | null => {
      if (row.every((cell: CellValue) => isBlank(cell))) return null;
      const [revenue, growth, deals, engagement] = row;
      return {
        revenue: readRevenue(revenue),
        growth: readGrowth(growth),
        deals: readDeals(deals),
        engagement: readEngagement(engagement, today, rules, calendar),
      };
    }),
  );
  const segments = assignSegments(
    read.map((r) => (r instanceof Error ? null : r)),
    rules,
  );
  const results: RowResult[] = read.map((r, i) => (r instanceof Error ? r : (segments[i] ?? '')));
  return callResult(call, results);
}

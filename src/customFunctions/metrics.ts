import { type MetricPartner, programMetrics } from '../core/dashboard/metrics';
import type { SheetCalendar } from '../core/reading/calendar';
import { type CellValue, isBlank, readDate, readDeals, readNps, readRevenue } from '../core/reading/cells';
import { readSegment } from '../core/segments/cadence';
import { type Arg, callRows, type FormulaContext, isErrorText } from './columns';

export const METRICS_PARAMS = [
  'revenue',
  'revenue_last_year',
  'deals',
  'nps',
  'signed',
  'first_deal',
  'segment',
  'last_qbr',
] as const;

function partnerOfRow(row: CellValue[], calendar: SheetCalendar): MetricPartner {
  const [revenue, lastYear, deals, nps, signed, firstDeal, segment, lastQbr] = row;
  return {
    revenue: readRevenue(revenue),
    revenueLastYear: readRevenue(lastYear, 'Revenue last year'),
    growth: null,
    deals: readDeals(deals),
    nps: readNps(nps),
    signed: readDate(signed, 'Signed', calendar),
    firstDeal: readDate(firstDeal, 'First deal', calendar),
    // The Segment column is usually =SEGMENT(…): its blanks and passed-on errors mean "no segment".
    segment: isBlank(segment) || isErrorText(segment) ? null : readSegment(segment),
    lastQbr: readDate(lastQbr, 'Last QBR', calendar),
  };
}

/**
 * PARTNER_METRICS: the program metrics of docs/rules.md §7 as a table (Metric, Value, Target, Status). Blank rows are
 * not partners; a bad cell stops the table with a message naming its row, since a metric silently computed
 * without a partner would mislead.
 */
export function partnerMetrics(args: Arg[], { rules, today, calendar }: FormulaContext): string[][] {
  const call = callRows('PARTNER_METRICS', METRICS_PARAMS, args);
  const partners: MetricPartner[] = [];
  call.rows.forEach((row, i) => {
    if (row.every((cell) => isBlank(cell))) return;
    try {
      partners.push(partnerOfRow(row, calendar));
    } catch (error) {
      throw new Error(`PARTNER_METRICS: row ${i + 1} of the ranges: ${(error as Error).message}`);
    }
  });
  const metrics = programMetrics(partners, today, rules);
  return [['Metric', 'Value', 'Target', 'Status'], ...metrics.map((m) => [m.metric, m.shown, m.target, m.status])];
}

import { type CellValue, readDeals, readEngagement, readFit, readGrowth, readNps } from '../core/reading/cells';
import { breakdownHealth } from '../core/scoring/breakdown';
import { type Arg, callRows, errorText, type FormulaContext, type Output } from './columns';
import { HEALTH_PARAMS } from './health';

const WIDTH = 6;

/** One row of the breakdown: five dimensions' points (blank where the input is) and the next best lift. */
export function breakdownOfRow(
  [growth, deals, engagement, nps, fit]: CellValue[],
  { today, rules, calendar }: FormulaContext,
): Output[] {
  const inputs = {
    growth: readGrowth(growth),
    deals: readDeals(deals),
    engagement: readEngagement(engagement, today, rules, calendar),
    nps: readNps(nps),
    fit: readFit(fit),
  };
  const b = breakdownHealth(inputs, rules);
  if (b.health.score === null) return Array<Output>(WIDTH).fill('');
  return [...b.points.map((p) => (p === null ? '' : p)), b.lift];
}

/**
 * HEALTH_BREAKDOWN: one block of six columns per call. A bad row holds its message in its first cell so the
 * other rows still show; a single-cell call throws, so Sheets shows the message on the cell.
 */
export function healthBreakdown(args: Arg[], context: FormulaContext): Output[][] {
  const call = callRows('HEALTH_BREAKDOWN', HEALTH_PARAMS, args);
  return call.rows.map((row) => {
    try {
      return breakdownOfRow(row, context);
    } catch (error) {
      if (!call.column) throw error;
      return [errorText(error as Error), ...Array<Output>(WIDTH - 1).fill('')];
    }
  });
}

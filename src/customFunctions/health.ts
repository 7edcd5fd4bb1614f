import {
  type CellValue,
  isBlank,
  readDeals,
  readEngagement,
  readFit,
  readGrowth,
  readNps,
} from '../core/reading/cells';
import { InputError } from '../core/reading/inputError';
import type { Rules } from '../core/rules';
import { scoreHealth, tierOf } from '../core/scoring/health';
import {
  type Arg,
  callResult,
  callRows,
  type FormulaContext,
  isErrorText,
  type Output,
  perRow,
  type RowResult,
} from './columns';

export const HEALTH_PARAMS = ['growth', 'deals', 'engagement', 'nps', 'fit'] as const;

/** The score of one row: a number 0–100, 'Unknown', or '' for a blank row. */
export function healthOfRow(
  [growth, deals, engagement, nps, fit]: CellValue[],
  { today, rules, calendar }: FormulaContext,
): Output {
  const score = scoreHealth(
    {
      growth: readGrowth(growth),
      deals: readDeals(deals),
      engagement: readEngagement(engagement, today, rules, calendar),
      nps: readNps(nps),
      fit: readFit(fit),
    },
    rules,
  ).score;
  return score === null ? '' : score;
}

export function partnerHealth(args: Arg[], context: FormulaContext): Output | Output[][] {
  const call = callRows('PARTNER_HEALTH', HEALTH_PARAMS, args);
  const results: RowResult[] = call.rows.map((row) => perRow(() => healthOfRow(row, context)));
  return callResult(call, results);
}

/** The tier of one score cell: blank stays blank, an upstream error is passed on. */
export function tierOfCell(score: CellValue, rules: Rules): Output {
  if (isBlank(score)) return '';
  if (isErrorText(score)) return score as string;
  if (typeof score === 'string' && score.trim().toLowerCase() === 'unknown') return 'Unknown';
  const n = typeof score === 'number' ? score : typeof score === 'string' && score.trim() !== '' ? Number(score) : NaN;
  if (!Number.isFinite(n)) throw new InputError('Score', score, 'is not a score; allowed: a number 0…100 or Unknown');
  return tierOf(n, rules);
}

export function partnerTier(args: Arg[], rules: Rules): Output | Output[][] {
  const call = callRows('PARTNER_TIER', ['score'], args);
  return callResult(
    call,
    call.rows.map(([score]) => perRow(() => tierOfCell(score, rules))),
  );
}

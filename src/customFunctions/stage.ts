import { lifecycleOf } from '../core/journey/lifecycle';
import { type CellValue, isBlank, readDate, readDeals } from '../core/reading/cells';
import { type Arg, callResult, callRows, type FormulaContext, type Output, perRow } from './columns';

export const STAGE_PARAMS = ['signed', 'first_deal', 'deals'] as const;

/** The stage of one row: Recruit … Active, or '' for a row with signed, first deal and deals all blank. */
export function stageOfRow(
  [signed, firstDeal, deals]: CellValue[],
  { today, rules, calendar }: FormulaContext,
): Output {
  if (isBlank(signed) && isBlank(firstDeal) && isBlank(deals)) return '';
  return lifecycleOf(
    {
      signed: readDate(signed, 'Signed', calendar),
      firstDeal: readDate(firstDeal, 'First deal', calendar),
      deals: readDeals(deals),
    },
    today,
    rules,
  ).stage;
}

/** PARTNER_STAGE: the lifecycle stage per row (docs/rules.md §9), as of the context's day (the `as_of` argument or today). */
export function partnerStage(args: Arg[], context: FormulaContext): Output | Output[][] {
  const call = callRows('PARTNER_STAGE', STAGE_PARAMS, args);
  return callResult(
    call,
    call.rows.map((row) => perRow(() => stageOfRow(row, context))),
  );
}

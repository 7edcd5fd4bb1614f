import { DayNumber, dayNumber } from '../core/calendar';
import { CellValue, isBlank, readDate, readDeals } from '../core/cells';
import { lifecycleOf } from '../core/lifecycle';
import { Rules } from '../core/rules';
import { Arg, Output, callResult, callRows, perRow } from './columns';

export const STAGE_PARAMS = ['signed', 'first_deal', 'deals', 'as_of'] as const;

/** The stage of one row: Recruit … Active, or '' for a row with signed, first deal and deals all blank. */
export function stageOfRow([signed, firstDeal, deals, asOf]: CellValue[], today: DayNumber, rules: Rules): Output {
  if (isBlank(signed) && isBlank(firstDeal) && isBlank(deals)) return '';
  const day = isBlank(asOf) ? today : (readDate(asOf, 'As of') as DayNumber);
  return lifecycleOf({ signed: readDate(signed, 'Signed'), firstDeal: readDate(firstDeal, 'First deal'), deals: readDeals(deals) }, day, rules).stage;
}

/**
 * PARTNER_STAGE: the lifecycle stage per row (spec §9). `as_of` left out or blank is today; given, it is
 * one date for every row (or a column of dates), so the column moves on when it is =TODAY().
 */
export function partnerStage(args: Arg[], rules: Rules, now: Date): Output | Output[][] {
  const call = callRows('PARTNER_STAGE', STAGE_PARAMS, args);
  const today = dayNumber(now);
  return callResult(call, call.rows.map((row) => perRow(() => stageOfRow(row, today, rules))));
}

import { type CellValue, isBlank, readDate } from '../core/reading/cells';
import { readSegment } from '../core/segments/cadence';
import { type Arg, callResult, callRows, type FormulaContext, isErrorText, type Output, perRow } from './columns';

/** What NEXT_TOUCH shows for a partner nobody has contacted yet: the touch is due now. */
export const NEVER_CONTACTED = 'Now (never contacted)';

export function nextTouchOfRow(
  segment: CellValue,
  lastContact: CellValue,
  { rules, calendar }: FormulaContext,
): Output {
  // No segment yet (SEGMENT leaves rows without revenue, growth, deals and engagement blank): no cadence.
  if (isBlank(segment)) return '';
  if (isErrorText(segment)) return segment as string;
  const last = readDate(lastContact, 'Last contact', calendar);
  if (last === null) return NEVER_CONTACTED;
  return calendar.dateOf(last + rules.segmentPolicies[readSegment(segment)].touchEveryDays);
}

export function nextTouch(args: Arg[], context: FormulaContext): Output | Output[][] {
  const call = callRows('NEXT_TOUCH', ['segment', 'last_contact'], args);
  return callResult(
    call,
    call.rows.map(([segment, last]) => perRow(() => nextTouchOfRow(segment, last, context))),
  );
}

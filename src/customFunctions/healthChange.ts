import { CellValue, isBlank } from '../core/cells';
import { historyFromRows, scoreChangeFinder } from '../core/trend';
import { Arg, FormulaContext, Output, callResult, callRows, perRow } from './columns';

/**
 * HEALTH_CHANGE: each partner's score change over `days` (the health-drop alert's window from Settings, 30 by
 * default) from the Health history table. Blank when the history has no score for the partner that long ago
 * (the daily run writes one row per partner per day).
 */
export function healthChange(partner: Arg, history: Arg, { rules, calendar }: FormulaContext): Output | Output[][] {
  const days = rules.healthDrop.againstDaysAgo;
  if (!Array.isArray(history) || history.length === 0) {
    throw new Error('HEALTH_CHANGE: history must be the Health history table\'s range, for example \'Health history\'!A:C (Date, Partner, Score).');
  }
  const width = history.reduce((w, row) => Math.max(w, row.length), 0);
  if (width < 3) {
    throw new Error(`HEALTH_CHANGE: history must have the Date, Partner and Score columns of the Health history table, but the range given has ${width} column${width === 1 ? '' : 's'}.`);
  }
  const changeOf = scoreChangeFinder(historyFromRows(history as CellValue[][], calendar), days);
  const call = callRows('HEALTH_CHANGE', ['partner'], [partner]);
  return callResult(call, call.rows.map(([name]) => perRow(() => {
    if (isBlank(name)) return '';
    return changeOf(String(name))?.change ?? '';
  })));
}

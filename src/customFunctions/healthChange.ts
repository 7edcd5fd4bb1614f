import {
  changeOverDays,
  historiesFromRows,
  historyKey,
  isOldHistoryHeader,
  parseHistoryHeader,
} from '../core/history/compactHistory';
import { historyFromRows, scoreChangeFinder } from '../core/history/scoreChange';
import { type CellValue, isBlank } from '../core/reading/cells';
import { type Arg, callResult, callRows, type FormulaContext, type Output, perRow } from './columns';

/**
 * HEALTH_CHANGE: each partner's score change over `days` (the health-drop alert's window from Settings, 30 by
 * default) from the Health history table. Blank when the history has no score for the partner that long ago
 * (the daily run writes one row per partner per day).
 */
export function healthChange(partner: Arg, history: Arg, { rules, calendar }: FormulaContext): Output | Output[][] {
  const days = rules.healthDrop.againstDaysAgo;
  if (!Array.isArray(history) || history.length === 0) {
    throw new Error(
      "HEALTH_CHANGE: history must be the Health history table's range with its header row, for example 'Health history'!A:E.",
    );
  }
  const width = history.reduce((w, row) => Math.max(w, row.length), 0);
  const compact = parseHistoryHeader((history[0] ?? []) as CellValue[]);
  let changeOf: (partner: string) => number | undefined;
  if (compact) {
    // The compact layout (docs/limits.md): one row per partner, its scores one character per day.
    const byKey = new Map(
      historiesFromRows(compact, (history as CellValue[][]).slice(1)).map((h) => [historyKey(h.name), h]),
    );
    changeOf = (name) => {
      const h = byKey.get(historyKey(name));
      return h ? changeOverDays(h, days)?.change : undefined;
    };
  } else {
    if (width < 3) {
      throw new Error(
        `HEALTH_CHANGE: history must have the Date, Partner and Score columns of the Health history table, but the range given has ${width} column${width === 1 ? '' : 's'}.`,
      );
    }
    const snapshots = historyFromRows(history as CellValue[][], calendar);
    if (snapshots.length === 0 && !isOldHistoryHeader((history[0] ?? []) as CellValue[])) {
      throw new Error(
        "HEALTH_CHANGE: history must be the Health history sheet's columns with their header row, for example 'Health history'!A:E.",
      );
    }
    const finder = scoreChangeFinder(snapshots, days);
    changeOf = (name) => finder(name)?.change;
  }
  const call = callRows('HEALTH_CHANGE', ['partner'], [partner]);
  return callResult(
    call,
    call.rows.map(([name]) => perRow(() => (isBlank(name) ? '' : (changeOf(String(name)) ?? '')))),
  );
}

import {
  addMonths,
  EARLIER_HEADER,
  firstDayOfMonth,
  HISTORY_COLUMNS,
  HISTORY_PARTNER_HEADER,
  type HistoryHeader,
  historiesFromOldRows,
  historiesFromRows,
  historyKey,
  isOldHistoryHeader,
  layoutHistory,
  type MonthKey,
  monthHeader,
  monthOfDay,
  type PartnerHistory,
  parseHistoryHeader,
  type QuarterSnapshot,
  quartersHeader,
  recordScore,
} from '../../core/history/compactHistory';
import { quarterKey } from '../../core/qbr/meeting';
import { type DayNumber, isoOfDay, type SheetCalendar } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import type { Settings } from '../../core/settings/settings';
import { calendarOf } from '../platform/spreadsheetContext';
import { asText } from './logSheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * What a job read of the Health history (compact layout, docs/limits.md): the partners' histories for the
 * months it needed, in sheet order (history row r + 2), and whether the next write must lay the sheet out again
 * (a new month, a new sheet, or the old one-row-per-day layout to migrate).
 */
export interface HistoryWindow {
  sheet: Sheet | null;
  header: HistoryHeader | null;
  histories: PartnerHistory[];
  byKey: Map<string, PartnerHistory>;
  month: MonthKey;
  /** The sheet holds another month's layout, is missing, or is in the old layout: the write rewrites it whole. */
  relayout: boolean;
  /** The sheet is in the old layout (Date, Partner, Score, Tier, Segment per day). */
  oldLayout: boolean;
  /** Rows under the header when read. */
  rows: number;
}

const window0 = (sheet: Sheet | null, month: MonthKey): HistoryWindow => ({
  sheet,
  header: null,
  histories: [],
  byKey: new Map(),
  month,
  relayout: true,
  oldLayout: false,
  rows: 0,
});

function indexed(w: HistoryWindow): HistoryWindow {
  for (const h of w.histories) if (h.name) w.byKey.set(historyKey(h.name), h);
  return w;
}

/**
 * Reads the Health history a job needs as of `today`, looking back `reachBackDays`: the partner column and the
 * last two months' columns (one read), plus "Earlier scores" when the look-back starts before last month, and
 * every column on the first run of a month (which rewrites the sheet). The old layout is read whole, once: the
 * run that writes next migrates it.
 */
export function readHealthHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  today: DayNumber,
  reachBackDays: number,
  calendar: SheetCalendar,
): HistoryWindow {
  const month = monthOfDay(today);
  const sheet = ss.getSheetByName(settings.sheets.healthHistory);
  if (!sheet) return window0(null, month);
  const last = sheet.getLastRow();
  if (last < 1) return window0(sheet, month);
  const first = sheet.getRange(1, 1, last, 3).getValues() as CellValue[][];
  if (isOldHistoryHeader(first[0])) {
    const rows = sheet.getDataRange().getValues() as CellValue[][];
    return indexed({
      ...window0(sheet, month),
      histories: historiesFromOldRows(rows.slice(1), calendar),
      oldLayout: true,
      rows: last - 1,
    });
  }
  const head = parseHistoryHeader(first[0]);
  if (head?.partner !== 0) {
    throw new Error(
      `The "${settings.sheets.healthHistory}" sheet is not PartnerPulse's Health history (its first column must be "${HISTORY_PARTNER_HEADER}"). Rename that sheet, or choose another name in PartnerPulse → Settings.`,
    );
  }
  const relayout = !head.monthColumns.has(month) || !head.monthColumns.has(addMonths(month, -1));
  const needEarlier = today - reachBackDays < firstDayOfMonth(addMonths(month, -1));
  let rows = first;
  if (relayout || needEarlier) {
    const width = relayout ? HISTORY_COLUMNS - 3 : 1;
    const more = sheet.getRange(1, 4, last, width).getValues() as CellValue[][];
    rows = first.map((r, i) => [...r, ...more[i]]);
  }
  const header = parseHistoryHeader(rows[0]) as HistoryHeader;
  return indexed({
    sheet,
    header,
    histories: historiesFromRows(header, rows.slice(1), true),
    byKey: new Map(),
    month,
    relayout,
    oldLayout: false,
    rows: last - 1,
  });
}

/** Text that Sheets must keep as text (it starts with digits, as "2026-11:…" does). */
const keepText = (text: string) => (text === '' ? '' : `'${text}`);

function newHistorySheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Sheet {
  const sheet = ss.insertSheet(name);
  // Sheets counts every cell of the grid against its 10-million-cell limit: five columns, not 26.
  const unused = sheet.getMaxColumns() - HISTORY_COLUMNS;
  if (unused > 0) sheet.deleteColumns(HISTORY_COLUMNS + 1, unused);
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Records today's score of every named partner in one write: the current month's column on an ordinary day
 * (with the partner column too when a partner is new), the whole sheet on the first run of a month, when the
 * quarter's snapshot (tier, segment, quadrant; docs/rules.md §11) is also taken if the quarter has none yet.
 */
export function writeHealthHistoryDay(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  w: HistoryWindow,
  views: readonly PartnerView[],
  today: DayNumber,
): void {
  const named = views.filter((v) => !v.record.unnamed);
  if (named.length === 0) return;
  const before = w.histories.length;
  for (const v of named) {
    const key = historyKey(v.record.name);
    let h = w.byKey.get(key);
    if (!h) {
      h = { name: v.record.name.trim(), months: new Map(), quarters: new Map() };
      w.byKey.set(key, h);
      w.histories.push(h);
    }
    recordScore(h, today, v.health.score ?? null);
  }
  let sheet = w.sheet;
  const name = settings.sheets.healthHistory;
  if (w.oldLayout && sheet) {
    // Nothing is deleted: the old rows stay on their own sheet (the daily job no longer reads it; docs/limits.md).
    const kept = `${name} (old layout)`;
    sheet.setName(ss.getSheetByName(kept) ? `${kept} ${isoOfDay(today)}` : kept);
    sheet = null;
  }
  if (!sheet) sheet = newHistorySheet(ss, name);
  if (w.relayout || w.oldLayout || !w.header) {
    const quarter = quarterKey(today);
    const latest = w.header?.latestQuarter ?? null;
    if (latest !== quarter) {
      for (const v of named) {
        const snap: QuarterSnapshot = { tier: v.health.tier ?? '', segment: v.segment, quadrant: v.quadrant ?? '' };
        w.byKey.get(historyKey(v.record.name))?.quarters.set(quarter, snap);
      }
    }
    const laid = layoutHistory(w.histories, w.month, quarter);
    const values = [
      laid.header,
      ...laid.rows.map(([p, prev, now, earlier, quarters]) => [
        asText(p),
        prev,
        now,
        keepText(earlier),
        keepText(quarters),
      ]),
    ];
    growTo(sheet, values.length);
    // Same partners in the same rows and the same quarter: only the three score columns changed.
    const sameRows =
      sheet === w.sheet &&
      !w.oldLayout &&
      latest === quarter &&
      w.histories.length === before &&
      laid.rows.length === before &&
      w.histories.every((h, i) => h.name === laid.rows[i][0]);
    if (sameRows) sheet.getRange(1, 2, values.length, 3).setValues(values.map((row) => row.slice(1, 4)));
    else sheet.getRange(1, 1, values.length, HISTORY_COLUMNS).setValues(values);
    const stale = (w.oldLayout ? 0 : w.rows + 1) - values.length;
    if (stale > 0) sheet.deleteRows(values.length + 1, stale);
    return;
  }
  const current = w.month;
  const rows = w.histories.length;
  growTo(sheet, rows + 1);
  if (rows > before) {
    const previous = addMonths(current, -1);
    sheet
      .getRange(2, 1, rows, 3)
      .setValues(w.histories.map((h) => [asText(h.name), h.months.get(previous) ?? '', h.months.get(current) ?? '']));
  } else {
    sheet.getRange(2, 3, rows, 1).setValues(w.histories.map((h) => [h.months.get(current) ?? '']));
  }
}

/** Grows the sheet to `rows` rows in one call when it is shorter (getRange may not reach past the last row). */
function growTo(sheet: Sheet, rows: number): void {
  const missing = rows - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
}

/** Whether the window already holds a score (or Unknown) for every partner today: the write can be skipped. */
export function historyHasDay(w: HistoryWindow, views: readonly PartnerView[], today: DayNumber): boolean {
  const month = monthOfDay(today);
  const i = today - firstDayOfMonth(month);
  return (
    !w.relayout &&
    views
      .filter((v) => !v.record.unnamed)
      .every((v) => {
        const ch = w.byKey.get(historyKey(v.record.name))?.months.get(month)?.[i];
        return ch !== undefined && ch !== '.';
      })
  );
}

/**
 * The quarter snapshots (docs/rules.md §11: each partner's tier, segment and quadrant at the first daily run of a
 * quarter), by partner key (trimmed, lower case), newest quarter first in `quarters`. Reads the Partner and
 * Quarter snapshots columns of the Health history (two column reads, whatever the months hold); empty when
 * there is no history yet. An old-layout history
 * (before the first run of this version) gives the tier and segment of each partner's first day of a quarter.
 */
export function readQuarterSnapshots(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
): Map<string, { name: string; quarters: Map<string, QuarterSnapshot> }> {
  const sheet = ss.getSheetByName(settings.sheets.healthHistory);
  const out = new Map<string, { name: string; quarters: Map<string, QuarterSnapshot> }>();
  if (!sheet) return out;
  const last = sheet.getLastRow();
  if (last < 2) return out;
  const head = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] as CellValue[];
  let histories: PartnerHistory[];
  if (isOldHistoryHeader(head)) {
    histories = historiesFromOldRows((sheet.getDataRange().getValues() as CellValue[][]).slice(1), calendarOf(ss));
  } else {
    const header = parseHistoryHeader(head);
    if (!header || header.quarters < 0) return out;
    // Only the Partner and Quarter snapshots columns: 2 cells a partner, not the whole sheet.
    const names = sheet.getRange(2, header.partner + 1, last - 1, 1).getValues() as CellValue[][];
    const quarters = sheet.getRange(2, header.quarters + 1, last - 1, 1).getValues() as CellValue[][];
    const narrow: HistoryHeader = {
      partner: 0,
      monthColumns: new Map(),
      earlier: -1,
      quarters: 1,
      latestQuarter: header.latestQuarter,
    };
    histories = historiesFromRows(
      narrow,
      names.map(([n], i) => [n, quarters[i][0]]),
    );
  }
  for (const h of histories) out.set(historyKey(h.name), { name: h.name, quarters: h.quarters });
  return out;
}

/**
 * One partner's history (the QBR sidebar's 90-day trend): the partner column, then that partner's row — two
 * reads of a few cells each, whatever the history's size. Null when the partner has none; 'old layout' when the
 * sheet has not been migrated yet (the first daily run does it).
 */
export function readPartnerHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  partner: string,
): PartnerHistory | null | 'old layout' {
  const sheet = ss.getSheetByName(settings.sheets.healthHistory);
  if (!sheet) return null;
  const last = sheet.getLastRow();
  if (last < 2) return null;
  const head = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] as CellValue[];
  if (isOldHistoryHeader(head)) return 'old layout';
  const header = parseHistoryHeader(head);
  if (!header) return null;
  const names = sheet.getRange(2, header.partner + 1, last - 1, 1).getValues() as CellValue[][];
  const key = historyKey(partner);
  const at = names.findIndex(([n]) => historyKey(String(n ?? '')) === key);
  if (at < 0) return null;
  const row = sheet.getRange(at + 2, 1, 1, head.length).getValues() as CellValue[][];
  return historiesFromRows(header, row)[0] ?? null;
}

export { EARLIER_HEADER, HISTORY_PARTNER_HEADER, monthHeader, quartersHeader };

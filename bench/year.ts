// `npm run bench -- --rows N --days D`: D consecutive days of daily runs on N partners, ending on the bench's
// fixed morning (BENCH_NOW). The built bundle's real hourly job runs on the first day, on the first day of the
// calendar quarters in between (a new month and a new quarter: the heaviest day, when the Health history is laid
// out again and the quarter's snapshot taken; every quarter up to 50,000 partners, the last one above) and on
// the last day, then the idle hour after it. The days in
// between are filled in the stored format exactly as the job fills it (core/history/compactHistory.ts: the partner's score
// character for the day, the same relayout on a new month, the Run log's 24 rows a day), which keeps a year at
// 200,000 partners inside minutes. The figures of the last day's daily job are reported (docs/limits.md).

import { DEFAULT_TIME_LIMIT_MS } from '../local/runtime';
import type { SheetModel, WorkbookModel } from '../local/workbook';
import {
  addMonths,
  firstDayOfMonth,
  HISTORY_COLUMNS,
  historiesFromRows,
  layoutHistory,
  monthOfDay,
  type PartnerHistory,
  parseHistoryHeader,
} from '../src/core/history/compactHistory';
import { quarterKey } from '../src/core/qbr/meeting';
import { type DayNumber, dayOfIso, isoOfDay } from '../src/core/reading/calendar';
import { RUN_LOG_HEADERS } from '../src/server/sheets/logSheets';
import { BENCH_NOW, type BenchResult, benchRuntime, lastRun } from './measure';
import { benchWorkbook } from './workbook';

export interface YearResult extends BenchResult {
  job: 'year';
  days: number;
  /** The largest cell count the spreadsheet reached over the days: every sheet's whole grid. */
  spreadsheetCells: number;
  /** The days the real job ran (ISO dates), the last one being the one reported. */
  realRuns: string[];
  /** The hourly run right after the last day's daily job, with nothing left to do. */
  idleCalls: number;
  idleCellsRead: number;
  idleEstAppsScriptMs: number;
  /** The Health history's grid on the last day (rows × columns). */
  historyCells: number;
}

/** Every sheet's grid: what Sheets counts against its 10-million-cell limit. */
export function spreadsheetCells(model: WorkbookModel): number {
  return model.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

/** The calendar day of a Date made in this process's zone (the bench runs in the manifest's zone). */
export const localDay = (d: Date): DayNumber =>
  dayOfIso(
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
  ) as DayNumber;

const at7 = (day: DayNumber): Date => {
  const iso = isoOfDay(day);
  return new Date(
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)) - 1,
    Number(iso.slice(8, 10)),
    BENCH_NOW.getHours(),
    BENCH_NOW.getMinutes(),
  );
};

/** Above this many partners the real job runs on the last quarter's first day only, not on every quarter's. */
export const EVERY_QUARTER_UP_TO = 50_000;

/**
 * The days the real job runs: the first, each quarter's first day (only the last one begun for a large
 * table, to keep the bench within minutes), the last.
 */
export function realRunDays(first: DayNumber, last: DayNumber, rows: number): DayNumber[] {
  const quarters: DayNumber[] = [];
  for (let d = first + 1; d < last; d++) if (/-(01|04|07|10)-01$/.test(isoOfDay(d))) quarters.push(d);
  const out = new Set<DayNumber>([first, ...(rows > EVERY_QUARTER_UP_TO ? quarters.slice(-1) : quarters), last]);
  return [...out].sort((a, b) => a - b);
}

function readHistories(sheet: SheetModel): { histories: PartnerHistory[]; latestQuarter: string | null } {
  const last = sheet.lastRow();
  const row = (r: number) => Array.from({ length: HISTORY_COLUMNS }, (_, c) => sheet.valueAt(r, c + 1));
  const header = parseHistoryHeader(row(1));
  if (!header) throw new Error('bench: the Health history is not in the compact layout');
  const rows = [];
  for (let r = 2; r <= last; r++) rows.push(row(r));
  return { histories: historiesFromRows(header, rows), latestQuarter: header.latestQuarter };
}

/** Sets `ch` on every day from `from` to `to` (inclusive) of one partner, month by month. */
function fillDays(h: PartnerHistory, from: DayNumber, to: DayNumber, ch: string): void {
  let d = from;
  while (d <= to) {
    const month = monthOfDay(d);
    const start = firstDayOfMonth(month);
    const end = Math.min(to, firstDayOfMonth(addMonths(month, 1)) - 1);
    const text = h.months.get(month) ?? '';
    const i = d - start;
    const j = end - start;
    h.months.set(month, text.slice(0, i).padEnd(i, '.') + ch.repeat(j - i + 1) + text.slice(j + 1));
    d = end + 1;
  }
}

/**
 * Fills days `from`…`to` as the daily job would (each partner's score that of its last run day: the bench's
 * partner table does not change), lays the sheet out as of `to`, and appends the Run log's rows of those days.
 */
function fillGap(model: WorkbookModel, from: DayNumber, to: DayNumber, lastRun: DayNumber): void {
  if (to < from) return;
  const sheet = model.sheet('Health history')!;
  const { histories, latestQuarter } = readHistories(sheet);
  const month = monthOfDay(lastRun);
  const index = lastRun - firstDayOfMonth(month);
  for (const h of histories) {
    const ch = h.months.get(month)?.[index];
    if (ch && ch !== '.') fillDays(h, from, to, ch);
  }
  // A quarter that began inside the gap gets its snapshot from the first run of it; the table is unchanged.
  let quarter = latestQuarter;
  for (let d = from; d <= to; d++) {
    const q = quarterKey(d);
    if (q !== quarter) {
      for (const h of histories) {
        const snap = quarter ? h.quarters.get(quarter) : undefined;
        if (snap) h.quarters.set(q, snap);
      }
      quarter = q;
    }
  }
  const laid = layoutHistory(histories, monthOfDay(to), quarter);
  const rows = [laid.header, ...laid.rows];
  const before = sheet.lastRow();
  rows.forEach((values, r) =>
    values.forEach((v, c) => {
      sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  for (let r = rows.length + 1; r <= before; r++)
    for (let c = 1; c <= HISTORY_COLUMNS; c++) sheet.ensure(r, c).value = '';
  sheet.maxRows = Math.max(sheet.maxRows, rows.length);
  // The Run log: one row per hourly run, 24 a day.
  const log = model.sheet('Run log');
  if (log) {
    let r = log.lastRow();
    for (let d = from; d <= to; d++) {
      for (let hour = 0; hour < 24; hour++) {
        r++;
        const row = [
          at7(d),
          hour === 7 ? 'hourly' : 'hourly',
          'ok',
          hour === 7 ? histories.length : 0,
          hour === 7 ? histories.length : 0,
          0,
          0,
          0,
          1,
          '',
          20,
        ];
        row.forEach((v, c) => {
          log.ensure(r, c + 1).value = v;
        });
      }
    }
    log.maxRows = Math.max(log.maxRows, r);
    log.maxColumns = Math.max(log.maxColumns, RUN_LOG_HEADERS.length);
  }
}

/** Simulates `days` days on `rows` partners; `step` hears each real run start. */
export async function simulateYear(
  rows: number,
  days: number,
  step: (label: string) => void = () => undefined,
): Promise<YearResult> {
  const model = benchWorkbook(rows);
  const last = localDay(BENCH_NOW);
  const first = last - days + 1;
  const runs = realRunDays(first, last, rows);
  let maxCells = spreadsheetCells(model);
  let properties: Record<string, string> = {};
  let previous: DayNumber | null = null;
  let result: YearResult | null = null;
  const cpuS = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  for (const day of runs) {
    if (previous !== null && day > previous + 1) {
      const [w0, c0] = [performance.now(), cpuS()];
      fillGap(model, previous + 1, day - 1, previous);
      maxCells = Math.max(maxCells, spreadsheetCells(model));
      step(
        `${rows.toLocaleString('en-US')} partners, days ${previous + 1 - first + 1}–${day - first} filled in the stored format (${((performance.now() - w0) / 1000).toFixed(1)} s wall, ${(cpuS() - c0).toFixed(1)} s CPU)`,
      );
    }
    step(
      `${rows.toLocaleString('en-US')} partners, day ${day - first + 1} of ${days} (${isoOfDay(day)}): the real daily job`,
    );
    const [w1, c1] = [performance.now(), cpuS()];
    const { runtime } = await benchRuntime('partnerpulse', model, { now: at7(day) });
    const props = runtime.services.PropertiesService.getDocumentProperties();
    props.setProperties({ ...properties, 'partnerpulse.settings': props.getProperty('partnerpulse.settings') ?? '' });
    runtime.calls.reset();
    const virtualStart = runtime.now().getTime();
    const start = performance.now();
    runtime.call('runHourly');
    const wallMs = performance.now() - start;
    const estAppsScriptMs = runtime.now().getTime() - virtualStart;
    const run = lastRun(runtime);
    if (run?.status !== 'ok')
      throw new Error(`the daily job of ${isoOfDay(day)} on ${rows} rows did not finish: ${run?.status} ${run?.error}`);
    const daily = {
      calls: runtime.calls.total(),
      cellsRead: runtime.calls.cellsRead(),
      cellsWritten: runtime.calls.cellsWritten(),
      wallMs,
      estAppsScriptMs,
    };
    maxCells = Math.max(maxCells, spreadsheetCells(model));
    properties = props.getProperties();
    previous = day;
    step(
      `  … done (${((performance.now() - w1) / 1000).toFixed(1)} s wall, ${(cpuS() - c1).toFixed(1)} s CPU; estimated ${(estAppsScriptMs / 1000).toFixed(1)} s in Apps Script)`,
    );
    if (day === last) {
      runtime.calls.reset();
      const idleStart = runtime.now().getTime();
      runtime.call('runHourly');
      const idleMs = runtime.now().getTime() - idleStart;
      const history = model.sheet('Health history')!;
      result = {
        job: 'year',
        impl: 'partnerpulse',
        rows,
        days,
        spreadsheetCells: maxCells,
        cellsRead: daily.cellsRead,
        calls: daily.calls,
        estAppsScriptMs: Math.round(daily.estAppsScriptMs),
        cellsWritten: daily.cellsWritten,
        wallMs: Math.round(daily.wallMs),
        limitMs: DEFAULT_TIME_LIMIT_MS,
        extrapolated: false,
        measuredRows: rows,
        realRuns: runs.map(isoOfDay),
        idleCalls: runtime.calls.total(),
        idleCellsRead: runtime.calls.cellsRead(),
        idleEstAppsScriptMs: Math.round(idleMs),
        historyCells: history.maxRows * history.maxColumns,
      };
    }
  }
  return result as YearResult;
}

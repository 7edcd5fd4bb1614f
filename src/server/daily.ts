import { keepFormulasCurrent } from './asOf';
import { baselineScores, HealthSnapshot, partnerAlerts } from '../core/alerts';
import { expiredHistoryRows, historyFromRows, historyRetentionDays } from '../core/trend';
import { DayNumber } from '../core/calendar';
import { CellValue } from '../core/cells';
import { escalationBreaches } from '../core/escalations';
import { Settings } from '../core/settings';
import { AlertItem } from '../core/alerts';
import { SETTINGS_KEY, isoDayIn, todayIn } from './context';
import { ALERT_LOG_KEEP_DAYS, MAX_TRIES, PlannedDigest, planDigests, sendDigests } from './digests';
import { HISTORY_HEADERS, appendRows, asText, ensureLogSheet, readLogRows } from './logSheets';
import { PartnerTable, readPartnerTable } from './partnerSheet';
import { writeTierColors } from './recolor';
import { RunRecord } from './runLog';
import { loadSnoozesSeen, rememberSnoozes } from './snoozes';

export const DAILY_STATE_KEY = 'partnerpulse.daily';

/** How far today's daily work got, so an unfinished run is continued, not repeated. */
interface DailyState {
  day: string;
  recolored: boolean;
  history: boolean;
  /** The as-of cells formulas take were brought to today (server/asOf.ts). */
  asOf?: boolean;
  digestsDone: boolean;
  /** Digests given up today (see MAX_TRIES): every later run that day reports it, so the warning stays. */
  gaveUp?: string;
}

function readDailyState(day: string): DailyState {
  const raw = PropertiesService.getDocumentProperties().getProperty(DAILY_STATE_KEY);
  const state = raw ? (JSON.parse(raw) as DailyState) : null;
  return state && state.day === day ? state : { day, recolored: false, history: false, digestsDone: false };
}

function saveDailyState(state: DailyState): void {
  PropertiesService.getDocumentProperties().setProperty(DAILY_STATE_KEY, JSON.stringify(state));
}

/**
 * Marks the run failed with `error`, so the menu, the sidebar and the admin hear of it (once a day); an error
 * the run already had is kept in front.
 */
export function failRun(run: RunRecord, error: string): void {
  if (run.status === 'failed' && run.error.includes(error)) return;
  run.error = run.status === 'failed' && run.error ? `${run.error}; ${error}` : error;
  run.status = 'failed';
}

/** How far today's daily work got: done, and the digests given up today (every later run reports them). */
export function todaysDailyWork(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): { done: boolean; gaveUp: string | null } {
  const state = readDailyState(isoDayIn(ss, now));
  return { done: state.digestsDone, gaveUp: state.gaveUp ?? null };
}

/** Appends today's scores to the Health history in one write, once per day. */
function appendHistory(sheet: GoogleAppsScript.Spreadsheet.Sheet, table: PartnerTable, today: DayNumber, history: HealthSnapshot[]): void {
  if (history.some((h) => h.day === today) || table.views.length === 0) return;
  const date = table.calendar.dateOf(today);
  const rows = table.views.filter((v) => !v.record.unnamed).map((v) => [date, asText(v.record.name), v.health.score ?? '', v.health.tier ?? '', v.segment]);
  appendRows(sheet, rows, HISTORY_HEADERS.length);
}

export interface DayAlerts {
  table: PartnerTable;
  items: AlertItem[];
  planned: PlannedDigest[];
  history: HealthSnapshot[];
  snoozesSeen: Map<string, DayNumber>;
  historySheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Rows at the top of the Health history older than its retention (historyRetentionDays). */
  expiredHistory: number;
  day: string;
  today: DayNumber;
}

/** The partner table and the escalations, each read once per run and shared by everything the run does. */
export interface RunInputs {
  table: PartnerTable;
  escalationRows: CellValue[][];
}

export function readRunInputs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, now: Date): RunInputs {
  const escalations = ss.getSheetByName(settings.sheets.escalations);
  return {
    table: readPartnerTable(ss, settings, todayIn(ss, now)),
    escalationRows: escalations ? (escalations.getDataRange().getValues() as CellValue[][]) : [],
  };
}

/** Escalations past their response window (spec §5), to their escalation path. */
export function escalationAlerts(inputs: RunInputs, settings: Settings, now: Date): AlertItem[] {
  return escalationBreaches(inputs.escalationRows, now, inputs.table.views, { ...settings.escalation, admin: settings.adminEmail }, settings.rules.escalationHours);
}

/** Everything the day's digests hold, computed from one read of each sheet, sending nothing. */
export function computeDayAlerts(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
  inputs: RunInputs = readRunInputs(ss, settings, now),
): DayAlerts {
  const today = todayIn(ss, now);
  const day = isoDayIn(ss, now);
  const table = inputs.table;
  const historySheet = ensureLogSheet(ss, settings.sheets.healthHistory, HISTORY_HEADERS);
  const historyRows = readLogRows(historySheet);
  const history = historyFromRows(historyRows, table.calendar);
  const expiredHistory = expiredHistoryRows(historyRows, today, historyRetentionDays(table.views.length), table.calendar);
  const baseline = baselineScores(history, today, settings.rules.healthDrop.againstDaysAgo);
  const snoozesSeen = loadSnoozesSeen();
  const items = partnerAlerts(table.views, baseline, settings.rules.healthDrop.points, { adminEmail: settings.adminEmail }, { today, firstSeen: snoozesSeen });
  items.push(...escalationAlerts(inputs, settings, now));
  // Snoozed items stay in `items` for the preview's "Snoozed" list; only the rest go into digests.
  const planned = planDigests(items.filter((i) => i.snoozedUntil === undefined), {
    day,
    spreadsheetName: ss.getName(),
    spreadsheetUrl: ss.getUrl(),
    sheetId: table.sheet.getSheetId(),
    rules: settings.rules,
  });
  return { table, items, planned, history, historySheet, expiredHistory, day, today, snoozesSeen };
}

/**
 * The daily work (spec §2 colors, §5 alerts): recolor, health history, digests. Resumable: each step is
 * recorded in the document properties as it finishes, and the digests skip what the Alert log says was sent.
 */
export function runDailyWork(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
  deadline: number,
  run: RunRecord,
  inputs?: RunInputs,
): void {
  const day = computeDayAlerts(ss, settings, now, inputs);
  rememberSnoozes(day.table.views, day.snoozesSeen, day.today);
  const state = readDailyState(day.day);
  run.partnersRead = day.table.views.length;
  if (!state.asOf) {
    keepFormulasCurrent(ss, day.table.calendar, day.today, PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY));
    state.asOf = true;
    saveDailyState(state);
  }
  if (!state.recolored) {
    run.rowsRecolored = writeTierColors(day.table, settings);
    state.recolored = true;
    saveDailyState(state);
  }
  if (!state.history) {
    appendHistory(day.historySheet, day.table, day.today, day.history);
    // Then the expired rows at the top go, in one call, so the history stays inside Sheets' cell limit however
    // long it runs (after the append: Sheets refuses to delete every non-frozen row of a sheet).
    if (day.expiredHistory > 0 && day.historySheet.getLastRow() > day.expiredHistory + 1) day.historySheet.deleteRows(2, day.expiredHistory);
    state.history = true;
    saveDailyState(state);
  }
  const outcome = sendDigests(ss, settings, day.day, day.planned, deadline, 'Daily digest', ALERT_LOG_KEEP_DAYS);
  run.sent += outcome.sent;
  run.deferred += outcome.deferred;
  run.failed += outcome.failed;
  if (outcome.unfinished) {
    if (run.status !== 'failed') run.status = 'unfinished';
  } else if (outcome.deferred === 0 && outcome.retryable === 0) {
    // Deferred digests and sends the mail service refused go with a later hourly run the same day.
    state.digestsDone = true;
    saveDailyState(state);
  }
  if (outcome.gaveUp.length > 0) {
    // Kept for the day (added to what was given up earlier), so every later run reports it too.
    const now = `${outcome.gaveUp.length} digest${outcome.gaveUp.length === 1 ? '' : 's'} could not be sent after ${MAX_TRIES} tries today: ${outcome.gaveUp.join('; ')}`;
    state.gaveUp = state.gaveUp ? `${state.gaveUp}; ${now}` : now;
    saveDailyState(state);
  }
  if (state.gaveUp) failRun(run, state.gaveUp);
}

import { type AlertItem, partnerAlerts } from '../../core/alerts/alerts';
import type { DigestProblem } from '../../core/alerts/digest';
import { escalationBreaches } from '../../core/alerts/escalations';
import { baselinesFromHistories } from '../../core/history/compactHistory';
import type { DayNumber } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import { columnLetter } from '../../core/reading/partnerTable';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import type { Settings } from '../../core/settings/settings';
import { firstLinesThatFit, newestThatFit } from '../../core/store/propertyLimits';
import { type DailyState, STORED } from '../../core/store/storedKeys';
import { journeyAlerts } from '../journey/jointPlanSheet';
import { isoDayIn, storedSettings, todayIn } from '../platform/spreadsheetContext';
import { fits, read, remove, write } from '../platform/store';
import { keepFormulasCurrent } from '../sheets/asOfSheet';
import { type HistoryWindow, historyHasDay, readHealthHistory, writeHealthHistoryDay } from '../sheets/healthHistory';
import { type PartnerTable, readPartnerTable } from '../sheets/partnerSheet';
import {
  ALERT_LOG_KEEP_DAYS,
  type DigestAdditions,
  MAX_TRIES,
  type PlannedDigest,
  planDigests,
  sendDigests,
} from './digests';
import { writeTierColors } from './recolor';
import type { RunRecord } from './runLog';
import { loadSnoozesSeen, rememberSnoozes } from './snoozes';

function readDailyState(day: string): DailyState {
  const state = read(STORED.daily);
  return state && state.day === day ? state : { day, recolored: false, history: false, digestsDone: false };
}

/**
 * Records the day's progress. Its warnings (digests given up, items that reached nobody) grow with every
 * recipient: past the 9 KB of one property their first lines are kept and the rest counted — each is a row of
 * the Alert log, and this run's own Run log row keeps the whole text (docs/limits.md#stored-state).
 */
function saveDailyState(state: DailyState): void {
  let stored = state;
  for (const field of ['undeliverable', 'gaveUp'] as const) {
    const text = stored[field];
    if (!text || fits(STORED.daily, stored)) continue;
    const shorter = firstLinesThatFit(
      text,
      (t) => fits(STORED.daily, { ...stored, [field]: t }),
      (left) => `… and ${left} more: see the Alert log`,
    );
    stored = { ...stored, [field]: shorter };
  }
  write(STORED.daily, stored);
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

/**
 * Marks the run as a warning (not `ok`) with what to fix: it did its work, but something it found reached
 * nobody. The menu, the sidebar banner and the admin's next digest say so; a failed run stays failed.
 */
export function warnRun(run: RunRecord, warning: string): void {
  if (run.error.includes(warning)) return;
  run.error = run.error ? `${run.error}; ${warning}` : warning;
  if (run.status === 'ok') run.status = 'warning';
}

/** Items that reached nobody, kept until a digest to the admin carries them (docs/alerts-and-data-problems.md). */
const MAX_NOTICES = 20;

export function pendingNotices(): string[] {
  return read(STORED.undelivered) ?? [];
}

/** Adds the day's lines to the notices kept for the admin: the newest 20, and of those the newest that fit. */
export function addNotices(day: string, lines: string[]): void {
  const all = [...pendingNotices()];
  for (const line of lines) if (!all.includes(`${day}: ${line}`)) all.push(`${day}: ${line}`);
  write(STORED.undelivered, newestThatFit(all.slice(-MAX_NOTICES), STORED.undelivered.codec.encode).kept);
}

/** How far today's daily work got: done, and the digests given up today (every later run reports them). */
export function todaysDailyWork(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: Date,
): { done: boolean; gaveUp: string | null; undeliverable: string | null } {
  const state = readDailyState(isoDayIn(ss, now));
  return { done: state.digestsDone, gaveUp: state.gaveUp ?? null, undeliverable: state.undeliverable ?? null };
}

/** Each recipient's partners' unreadable inputs, with the cell of each (the owner's, else the admin's). */
export function problemsByRecipient(
  views: readonly PartnerView[],
  admin: string | null,
): Map<string, { recipient: string; problems: DigestProblem[] }> {
  const out = new Map<string, { recipient: string; problems: DigestProblem[] }>();
  for (const v of views) {
    const r = v.record;
    const found = r.inputProblems ?? [];
    const to = r.owner ?? admin;
    if (found.length === 0 || r.unnamed || to === null) continue;
    const entry = out.get(to.toLowerCase()) ?? { recipient: to, problems: [] };
    for (const p of found)
      entry.problems.push({ partner: r.name, row: r.index + 2, column: columnLetter(p.column), message: p.message });
    out.set(to.toLowerCase(), entry);
  }
  return out;
}

export interface DayAlerts {
  table: PartnerTable;
  items: AlertItem[];
  planned: PlannedDigest[];
  /** What the day read of the Health history (the months the health-drop window needs; docs/limits.md). */
  history: HistoryWindow;
  snoozesSeen: Map<string, DayNumber>;
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

/** Escalations past their response window (docs/rules.md §5), to their escalation path. */
export function escalationAlerts(inputs: RunInputs, settings: Settings, now: Date): AlertItem[] {
  return escalationBreaches(
    inputs.escalationRows,
    now,
    inputs.table.views,
    { ...settings.escalation, admin: settings.adminEmail },
    settings.rules.escalationHours,
  );
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
  const history = readHealthHistory(ss, settings, today, settings.rules.healthDrop.againstDaysAgo, table.calendar);
  const baseline = baselinesFromHistories(history.histories, today, settings.rules.healthDrop.againstDaysAgo);
  const snoozesSeen = loadSnoozesSeen();
  const items = partnerAlerts(
    table.views,
    baseline,
    settings.rules.healthDrop.points,
    { adminEmail: settings.adminEmail },
    { today, firstSeen: snoozesSeen },
  );
  items.push(...escalationAlerts(inputs, settings, now));
  items.push(...journeyAlerts(ss, settings, table, today));
  // Snoozed items stay in `items` for the preview's "Snoozed" list; only the rest go into digests, which also
  // list each recipient's unreadable inputs and, for the admin, what earlier runs could not deliver.
  const notices = pendingNotices();
  const additions: DigestAdditions = {
    problems: problemsByRecipient(table.views, settings.adminEmail),
    ...(settings.adminEmail && notices.length > 0
      ? { notices: { recipient: settings.adminEmail, lines: notices } }
      : {}),
  };
  const planned = planDigests(
    items.filter((i) => i.snoozedUntil === undefined),
    {
      day,
      spreadsheetName: ss.getName(),
      spreadsheetUrl: ss.getUrl(),
      sheetId: table.sheet.getSheetId(),
      rules: settings.rules,
    },
    additions,
  );
  return { table, items, planned, history, day, today, snoozesSeen };
}

/**
 * The daily work (docs/rules.md §2 colors, §5 alerts): recolor, health history, digests. Resumable: each step is
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
  const snoozesNotRemembered = rememberSnoozes(day.table.views, day.snoozesSeen, day.today);
  if (snoozesNotRemembered) warnRun(run, snoozesNotRemembered);
  const state = readDailyState(day.day);
  run.partnersRead = day.table.views.length;
  if (!state.asOf) {
    keepFormulasCurrent(ss, day.table.calendar, day.today, storedSettings().json);
    state.asOf = true;
    saveDailyState(state);
  }
  if (!state.recolored) {
    run.rowsRecolored = writeTierColors(day.table, settings);
    state.recolored = true;
    saveDailyState(state);
  }
  if (!state.history) {
    // One cell per partner a day; months past a year drop out on the first run of a month, when the quarter's
    // snapshot (docs/rules.md §11: tier, segment, quadrant; the movers read it) is taken too if the quarter has none yet
    // (docs/limits.md).
    if (!historyHasDay(day.history, day.table.views, day.today))
      writeHealthHistoryDay(ss, settings, day.history, day.table.views, day.today);
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
  if (outcome.noticesDelivered) remove(STORED.undelivered);
  if (outcome.undeliverable.length > 0) {
    // A later run the same day (deferred mail) finds the same items again: each is said once.
    const fresh = outcome.undeliverable.filter((line) => !(state.undeliverable ?? '').includes(line));
    if (fresh.length > 0) state.undeliverable = [state.undeliverable, ...fresh].filter(Boolean).join('; ');
    saveDailyState(state);
    addNotices(day.day, outcome.undeliverable);
  }
  if (state.undeliverable) warnRun(run, state.undeliverable);
  if (state.gaveUp) failRun(run, state.gaveUp);
}

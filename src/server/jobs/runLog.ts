import { isDate } from '../../core/reading/calendar';
import type { Settings } from '../../core/settings/settings';
import { asText, ensureLogSheet, RUN_LOG_HEADERS } from '../sheets/logSheets';

export interface RunRecord {
  started: Date;
  job: string;
  /** `warning`: the run did its work, but something it found reached nobody (`error` says what to fix). */
  status: 'ok' | 'warning' | 'unfinished' | 'skipped' | 'failed';
  partnersRead: number;
  rowsRecolored: number;
  sent: number;
  deferred: number;
  failed: number;
  error: string;
  /** Apps Script service calls the run made (src/server/platform/serviceCalls.ts). */
  serviceCalls: number;
}

export function newRun(job: string, started: Date): RunRecord {
  return {
    started,
    job,
    status: 'ok',
    partnersRead: 0,
    rowsRecolored: 0,
    sent: 0,
    deferred: 0,
    failed: 0,
    error: '',
    serviceCalls: 0,
  };
}

/** One row in the Run log: Apps Script sends no failure e-mail for an add-on's triggers, so we keep our own. */
export function recordRun(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  run: RunRecord,
  finished: Date,
): void {
  const sheet = ensureLogSheet(ss, settings.sheets.runLog, RUN_LOG_HEADERS);
  sheet.appendRow([
    run.started,
    run.job,
    run.status,
    run.partnersRead,
    run.rowsRecolored,
    run.sent,
    run.deferred,
    run.failed,
    Math.round((finished.getTime() - run.started.getTime()) / 100) / 10,
    asText(run.error),
    run.serviceCalls,
  ]);
}

/**
 * "Automation: last run failed 2 h ago — <error>", or null when the trigger's last run went well or there is
 * none. A run skipped because another held the lock says nothing about how things went, so it is passed over;
 * manual runs (Recolor now, Send today's alerts now) show their outcome to whoever clicked them.
 */
export function lastRunWarning(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
): string | null {
  const sheet = ss.getSheetByName(settings.sheets.runLog);
  const lastRow = sheet ? sheet.getLastRow() : 0;
  if (!sheet || lastRow < 2) return null;
  const first = Math.max(2, lastRow - 9);
  const rows = sheet.getRange(first, 1, lastRow - first + 1, RUN_LOG_HEADERS.length).getValues();
  // Only the trigger's runs: a manual run shows its own outcome to whoever clicked it.
  const last = [...rows].reverse().find((r) => r[1] === 'hourly' && r[2] !== 'skipped');
  if (!last || (last[2] !== 'failed' && last[2] !== 'warning')) return null;
  const started = isDate(last[0]) ? (last[0] as Date) : null;
  const hours = started ? Math.max(0, Math.round((now.getTime() - started.getTime()) / 3_600_000)) : null;
  if (last[2] === 'warning')
    return `Automation: alerts reached nobody${hours === null ? '' : ` (last run ${hours} h ago)`} — ${String(last[9])}`;
  return `Automation: last run failed${hours === null ? '' : ` ${hours} h ago`} — ${String(last[9])}`;
}

import type { SettingsDialogData } from '../../src/contracts/settingsDialog';
import { STORED } from '../../src/core/store/storedKeys';
import type { Evaluation } from '../formulas/evaluateWorkbook';
import { htmlToText, isSettingsDialog, settingsDialogText } from '../htmlText';
import type { Runtime } from '../runtime';
import type { MenuEntry, RecordedMenu } from '../services/spreadsheet/ui';
import { type CellValue, columnLetters } from '../workbook';
import { settingsBeside, shown } from '../workingCopy';
import { runtimePath } from './opening';

/** Where the add-on keeps its Settings (docs/limits.md#stored-state). */
export const SETTINGS_KEY = STORED.settings.key;

// Printing

export function menuLines(menu: RecordedMenu, indent = '  '): string[] {
  const lines = [`${indent}${menu.caption}`];
  for (const entry of menu.entries as MenuEntry[]) {
    if ('separator' in entry) lines.push(`${indent}  ────────`);
    else if ('subMenu' in entry) lines.push(...menuLines(entry.subMenu, `${indent}  `));
    else lines.push(`${indent}  ${entry.item}  → ${entry.functionName}()`);
  }
  return lines;
}

/** One line of service calls; the count per method only when asked (--calls). */
export function callLines(runtime: Runtime, perMethod: boolean): string[] {
  const calls = runtime.calls;
  const lines = [
    `Calls: ${calls.total()} service calls, estimated Apps Script time ${seconds(calls.estimatedAppsScriptMs())}${perMethod ? '' : ' (--calls lists them per method)'}`,
  ];
  if (perMethod)
    for (const [method, n] of Object.entries(calls.byMethod()))
      lines.push(`  ${method.padEnd(40)} ${String(n).padStart(6)}`);
  return lines;
}

export function seconds(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;
}

export function evaluationLine(e: Evaluation): string {
  const errors = e.errors.length
    ? `; ${e.errors.length} error cells (${e.errors
        .slice(0, 3)
        .map((x) => `${x.sheet}!${columnLetters(x.column)}${x.row}: ${x.message}`)
        .join('; ')}${e.errors.length > 3 ? '; …' : ''})`
    : '';
  return `Formulas: ${e.formulas} evaluated, ${e.customFunctionCalls} custom function calls${errors}`;
}

// What the run showed, sent and logged

export interface Seen {
  dialogs: number;
  toasts: number;
  mails: number;
  logs: number;
  alertRows: number;
  runRows: number;
}

/** The Settings the add-on reads, straight from the state file (no service call counted). */
export function storedSettings(runtime: Runtime) {
  return settingsBeside(runtimePath(runtime));
}

function logRows(runtime: Runtime, sheetName: string): CellValue[][] {
  const sheet = runtime.workbook.sheet(sheetName);
  if (!sheet) return [];
  const rows: CellValue[][] = [];
  const width = sheet.lastColumn();
  for (let r = 2; r <= sheet.lastRow(); r++)
    rows.push(Array.from({ length: width }, (_, c) => sheet.valueAt(r, c + 1)));
  return rows;
}

export function seenNow(runtime: Runtime): Seen {
  const settings = storedSettings(runtime);
  return {
    dialogs: runtime.ui.dialogs.length,
    toasts: runtime.spreadsheet.toasts.length,
    mails: runtime.services.outbox.length,
    logs: runtime.services.runLog.length,
    alertRows: logRows(runtime, settings.sheets.alertLog).length,
    runRows: logRows(runtime, settings.sheets.runLog).length,
  };
}

const indent = (text: string, by = '      ') =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/**
 * Prints, in full, what the user would have seen or received since `seen`: toasts, alerts, prompts, sidebars
 * and dialogs as text, each mail sent, each digest deferred or undelivered (the Alert log's rows), the
 * script's log lines and the Run log rows. Returns the failed Run log rows' errors.
 */
export function printNews(runtime: Runtime, seen: Seen): string[] {
  for (const t of runtime.spreadsheet.toasts.slice(seen.toasts))
    console.log(`  toast${t.title ? ` "${t.title}"` : ''}: ${t.message}`);
  for (const d of runtime.ui.dialogs.slice(seen.dialogs)) {
    const text =
      d.kind === 'alert' || d.kind === 'prompt'
        ? d.content
        : isSettingsDialog(d.content)
          ? settingsDialogText(runtime.call('getSettingsDialog') as SettingsDialogData)
          : htmlToText(d.content);
    console.log(`  ${d.kind}${d.title ? ` "${d.title}"` : ''}:\n${indent(text)}`);
  }
  for (const m of runtime.services.outbox.slice(seen.mails)) {
    const cc = m.cc.length ? ` cc ${m.cc.join(', ')}` : '';
    console.log(
      `  mail sent to ${m.to.join(', ')}${cc} — "${m.subject}" (${shown(m.file)})\n${indent(m.text.trimEnd())}`,
    );
  }
  for (const l of runtime.services.runLog.slice(seen.logs)) console.log(`  log (${l.level}): ${l.message}`);
  const settings = storedSettings(runtime);
  // Alert log: Day, Recipient, What, Items, Status, Logged at, Detail.
  for (const row of logRows(runtime, settings.sheets.alertLog).slice(seen.alertRows)) {
    const status = String(row[4]);
    if (status === 'sent') continue;
    const word = status === 'failed' ? 'undelivered' : status === 'deferred' ? 'deferred' : `not sent (${status})`;
    console.log(
      `  mail ${word}: to ${row[1] || '(nobody)'} — ${row[2]} (${row[3]} items)${row[6] ? `: ${row[6]}` : ''}`,
    );
  }
  // Run log: Started, Job, Status, Partners read, Rows recolored, Sent, Deferred, Failed, Seconds, Error.
  const failed: string[] = [];
  for (const row of logRows(runtime, settings.sheets.runLog).slice(seen.runRows)) {
    const [, job, status, partners, recolored, sent, deferred, undelivered, , error] = row;
    console.log(
      `  Run log: ${job} ${status} — ${partners} partners read, ${recolored} rows recolored, ${sent} mails sent, ${deferred} deferred, ${undelivered} undelivered${error ? `; error: ${error}` : ''}`,
    );
    if (status === 'failed') failed.push(`${job}: ${error || 'failed'}`);
  }
  Object.assign(seen, seenNow(runtime));
  return failed;
}

/** Runs a top-level function, printing its failure as Apps Script's execution log would; its error or null. */
export function runReported(
  runtime: Runtime,
  name: string,
  args: unknown[],
  run = () => runtime.call(name, ...args),
): string | null {
  try {
    const result = run();
    if (result !== undefined) console.log(`  returned: ${JSON.stringify(result)}`);
    return null;
  } catch (error) {
    const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
    console.log(`  ${name} failed: ${message}`);
    return message;
  }
}

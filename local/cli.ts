/**
 * Command line for the local runtime (run through scripts/start.mjs, which compiles TypeScript on the fly):
 *
 *   npm run local -- <functionName> [--workbook FILE] [--now 2026-12-01T07:00] [--outbox DIR] [--quota N]
 *                   [--time-limit SECONDS] [--select Partners!A5] [--smtp HOST:PORT] [--user EMAIL]
 *                   [--mode addon|bound] [--auth-mode NONE|LIMITED|FULL] [--no-trigger-document] [--authorization-required]
 *   npm run local -- fire [--now 2026-12-01T10:00]   (every installed time-driven trigger due then, as Google fires it)
 *   npm start [-- --workbook my.xlsx] [--now …]
 *
 * `local` runs one top-level function of dist/Code.js against the workbook (default out/partners.xlsx) and
 * saves the workbook and the services' state back. `start` is the tour: copy the example (or open the
 * user's workbook), onOpen and its menu, formulas, every installed time-driven trigger once, save, summary.
 */
import { SingleBar, Presets } from 'cli-progress';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { sheetPicture } from './picture';
import { sheetWithChartsPicture } from './chartPicture';
import { basename, dirname, join, resolve } from 'node:path';
import { Evaluation } from './formulas';
import { authModeArg } from './authModes';
import { Runtime, createRuntime } from './runtime';
import { MenuEntry, RecordedMenu, displayValue } from './spreadsheetApp';
import { CellValue, WorkbookModel } from './workbook';

const ROOT = resolve(__dirname, '..');
export const DEFAULT_WORKBOOK = join(ROOT, 'out', 'partners.xlsx');
const EXAMPLE = join(ROOT, 'examples', 'partners.xlsx');

export interface CliOptions {
  functionName?: string;
  workbook?: string;
  now?: Date;
  outbox?: string;
  quota?: number;
  timeLimitMs?: number;
  selection?: string;
  smtp?: { host: string; port: number };
  /** How Google runs the add-on (docs/google-fidelity.md): `--mode`, `--auth-mode`, `--no-trigger-document`. */
  google?: GoogleOptions;
  /** Who runs the function (Session's active and effective user, the owner of triggers it installs). */
  userEmail?: string;
  /** The spreadsheet's time zone and locale (File > Settings in Sheets); the script's zone is the manifest's. */
  timeZone?: string;
  locale?: string;
}

export interface GoogleOptions {
  mode?: 'addon' | 'bound';
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  triggerDocument?: boolean;
  authorizationRequired?: boolean;
}

/** Google's context flags; true when `arg` was one of them (`next` gives its value). */
function googleFlag(arg: string, next: () => string, options: CliOptions): boolean {
  const google = (options.google ??= {});
  if (arg === '--mode') {
    const mode = next();
    if (mode !== 'addon' && mode !== 'bound') throw new Error(`--mode ${mode}: allowed addon (installed from the Marketplace) or bound (a copy of the code in the sheet)`);
    google.mode = mode;
  } else if (arg === '--auth-mode') google.authMode = authModeArg(next());
  else if (arg === '--no-trigger-document') google.triggerDocument = false;
  else if (arg === '--authorization-required') google.authorizationRequired = true;
  else return false;
  return true;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--workbook': options.workbook = value(i, arg); i++; break;
      case '--now': {
        const text = value(i, arg); i++;
        const d = new Date(text);
        if (isNaN(d.getTime())) throw new Error(`--now ${text}: not a date; write it like 2026-12-01T07:00`);
        options.now = d;
        break;
      }
      case '--outbox': options.outbox = value(i, arg); i++; break;
      case '--quota': options.quota = positiveNumber(value(i, arg), arg); i++; break;
      case '--time-limit': options.timeLimitMs = positiveNumber(value(i, arg), arg) * 1000; i++; break;
      case '--select': options.selection = value(i, arg); i++; break;
      case '--user': {
        const email = value(i, arg).trim(); i++;
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`--user ${email}: not an e-mail address; write it like pm@example.com`);
        options.userEmail = email;
        break;
      }
      case '--time-zone': options.timeZone = value(i, arg); i++; break;
      case '--locale': {
        const locale = value(i, arg); i++;
        if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale)) throw new Error(`--locale ${locale}: not a locale; write it as Sheets does, like en_US or de_DE`);
        options.locale = locale;
        break;
      }
      case '--smtp': {
        const [host, port] = value(i, arg).split(':'); i++;
        options.smtp = { host, port: positiveNumber(port ?? '', '--smtp port') };
        break;
      }
      default:
        if (googleFlag(arg, () => { const v = value(i, arg); i++; return v; }, options)) break;
        if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
        if (options.functionName) throw new Error(`One function at a time (got ${options.functionName} and ${arg})`);
        options.functionName = arg;
    }
  }
  return options;
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} ${text}: not a number ≥ 0`);
  return n;
}

async function open(options: CliOptions, workbook: string): Promise<Runtime> {
  return createRuntime({
    workbookPath: workbook,
    now: options.now,
    outboxDir: options.outbox,
    dailyMailQuota: options.quota,
    timeLimitMs: options.timeLimitMs,
    selection: options.selection,
    smtp: options.smtp,
    ...options.google,
    userEmail: options.userEmail,
    timeZone: options.timeZone,
    locale: options.locale,
  });
}

// ---------------------------------------------------------------------------------------------------------
// What changed in the workbook

type Snapshot = Map<string, { value: string; background: string; formula: string }>;

function snapshot(model: WorkbookModel): Snapshot {
  const shot: Snapshot = new Map();
  for (const sheet of model.sheets) {
    for (const [r, c, cell] of sheet.cells()) {
      shot.set(`${sheet.name}\u0000${r}\u0000${c}`, { value: signature(cell.value), background: cell.background ?? '', formula: cell.formula ?? '' });
    }
  }
  return shot;
}

function signature(v: CellValue): string {
  return v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`;
}

function describeChanges(before: Snapshot, after: Snapshot, sheetsBefore: string[], model: WorkbookModel): string[] {
  const perSheet = new Map<string, { values: number; colors: number; formulas: number }>();
  const blank = { value: 'string:', background: '', formula: '' };
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key) ?? blank;
    const b = after.get(key) ?? blank;
    const sheet = key.split('\u0000')[0];
    const s = perSheet.get(sheet) ?? { values: 0, colors: 0, formulas: 0 };
    if (a.value !== b.value) s.values++;
    if (a.background !== b.background) s.colors++;
    if (a.formula !== b.formula) s.formulas++;
    perSheet.set(sheet, s);
  }
  const lines: string[] = [];
  for (const sheet of model.sheets.map((s) => s.name)) {
    if (!sheetsBefore.includes(sheet)) lines.push(`new sheet "${sheet}"`);
    const s = perSheet.get(sheet);
    if (!s || (s.values === 0 && s.colors === 0 && s.formulas === 0)) continue;
    const parts = [s.values && `${s.values} values`, s.colors && `${s.colors} colors`, s.formulas && `${s.formulas} formulas`].filter(Boolean);
    lines.push(`${sheet}: ${parts.join(', ')} changed`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Printing

function menuLines(menu: RecordedMenu, indent = '  '): string[] {
  const lines = [`${indent}${menu.caption}`];
  for (const entry of menu.entries as MenuEntry[]) {
    if ('separator' in entry) lines.push(`${indent}  ────────`);
    else if ('subMenu' in entry) lines.push(...menuLines(entry.subMenu, `${indent}  `));
    else lines.push(`${indent}  ${entry.item}  → ${entry.functionName}()`);
  }
  return lines;
}

function callLines(runtime: Runtime): string[] {
  const calls = runtime.calls;
  const byMethod = Object.entries(calls.byMethod());
  const lines = [`Calls: ${calls.total()} service calls, estimated Apps Script time ${seconds(calls.estimatedAppsScriptMs())}`];
  for (const [method, n] of byMethod) lines.push(`  ${method.padEnd(40)} ${String(n).padStart(6)}`);
  return lines;
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function evaluationLine(e: Evaluation): string {
  const errors = e.errors.length ? `; ${e.errors.length} error cells (${e.errors.slice(0, 3).map((x) => `${x.sheet}!${colLetter(x.column)}${x.row}: ${x.message}`).join('; ')}${e.errors.length > 3 ? '; …' : ''})` : '';
  return `Formulas: ${e.formulas} evaluated, ${e.customFunctionCalls} custom function calls${errors}`;
}

function colLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function printNews(runtime: Runtime, seen: { dialogs: number; mails: number; logs: number }): void {
  for (const d of runtime.ui.dialogs.slice(seen.dialogs)) {
    const text = d.content.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    console.log(`  shown: ${d.kind}${d.title ? ` "${d.title}"` : ''} — ${text.slice(0, 160)}${text.length > 160 ? '…' : ''}`);
  }
  for (const m of runtime.services.outbox.slice(seen.mails)) console.log(`  mail: to ${m.to.join(', ')} — "${m.subject}"`);
  for (const l of runtime.services.runLog.slice(seen.logs)) console.log(`  log (${l.level}): ${l.message}`);
  seen.dialogs = runtime.ui.dialogs.length;
  seen.mails = runtime.services.outbox.length;
  seen.logs = runtime.services.runLog.length;
}

/** Runs a top-level function, printing its failure as Apps Script's execution log would; true if it ran. */
function runReported(runtime: Runtime, name: string, args: unknown[], run = () => runtime.call(name, ...args)): boolean {
  try {
    const result = run();
    if (result !== undefined) console.log(`  returned: ${JSON.stringify(result)}`);
    return true;
  } catch (error) {
    const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
    console.log(`  ${name} failed: ${message}`);
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// npm run local -- <functionName>

export async function runLocal(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (!options.functionName) {
    console.error('Usage: npm run local -- <functionName> [--workbook FILE] [--now 2026-12-01T07:00] [--outbox DIR] [--quota N] [--time-limit SECONDS]');
    return 2;
  }
  const workbook = resolve(options.workbook ?? DEFAULT_WORKBOOK);
  if (!existsSync(workbook)) {
    console.error(`No workbook at ${workbook}. Run \`npm start\` first (it writes out/partners.xlsx) or pass --workbook FILE.`);
    return 2;
  }
  const runtime = await open(options, workbook);
  if (options.functionName === 'fire') return fireDue(runtime, workbook);
  if (!runtime.functionNames.includes(options.functionName)) {
    console.error(`dist/Code.js has no top-level function ${options.functionName}. It has: ${runtime.functionNames.join(', ')}`);
    return 2;
  }
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  console.log(`Running ${options.functionName}() on ${workbook} at ${runtime.now().toString()}`);
  const seen = { dialogs: 0, mails: 0, logs: 0 };
  const started = performance.now();
  // onOpen, onEdit and onInstall run as Google runs them: simple triggers in their authorization mode.
  const ok = options.functionName === 'onOpen' ? runReported(runtime, 'onOpen', [], () => runtime.open())
    : options.functionName === 'onInstall' ? runReported(runtime, 'onInstall', [], () => runtime.install())
    : runReported(runtime, options.functionName, []);
  printNews(runtime, seen);
  for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
  // Sheets recalculates after the script; so do we, so the saved file shows current formula results.
  const evaluation = runtime.evaluateFormulas();
  for (const line of describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook)) console.log(`  wrote: ${line}`);
  await runtime.save();
  console.log(evaluationLine(evaluation));
  console.log(`Saved ${workbook} (real time ${seconds(performance.now() - started)})`);
  console.log(callLines(runtime).join('\n'));
  return ok ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------------------
// npm run local -- fire [--now T]

/** Fires every installed clock trigger due at the runtime's now (`--now`), as Google would, and saves. */
async function fireDue(runtime: Runtime, workbook: string): Promise<number> {
  const at = runtime.now();
  console.log(`Firing the time-driven triggers due at ${at.toString()} on ${workbook}`);
  const seen = { dialogs: 0, mails: 0, logs: 0 };
  const fired = runtime.fire(at);
  for (const f of fired) {
    console.log(`  ${f.handler}() — due ${f.dueAt.toISOString()}, event ${JSON.stringify(f.event)}: ${f.ok ? 'ran' : `failed: ${f.error}`}`);
  }
  if (fired.length === 0) console.log('  nothing due (turn automation on, or pass a later --now)');
  printNews(runtime, seen);
  runtime.evaluateFormulas();
  await runtime.save();
  return fired.every((f) => f.ok) ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------------------
// npm start

/** Counts of each value in the column whose header matches, read the way the add-on finds columns. */
function tally(model: WorkbookModel, sheetName: string, header: RegExp): Map<string, number> | null {
  const sheet = model.sheet(sheetName) ?? model.sheets[0];
  const lastColumn = sheet.lastColumn();
  let column = 0;
  for (let c = 1; c <= lastColumn; c++) {
    const text = String(sheet.valueAt(1, c)).toLowerCase().replace(/[\s_\-()]/g, '');
    if (header.test(text)) { column = c; break; }
  }
  if (!column) return null;
  const counts = new Map<string, number>();
  const lastRow = sheet.lastRow();
  for (let r = 2; r <= lastRow; r++) {
    if (String(sheet.valueAt(r, 1)).trim() === '') continue;
    const cell = sheet.cell(r, column);
    const text = displayValue(cell?.value ?? '', cell?.numberFormat) || '(blank)';
    const key = text.startsWith('Error: ') || text.startsWith('#') ? 'Error' : text;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function tallyLine(label: string, counts: Map<string, number> | null): string {
  if (!counts) return `  ${label}: (no such column)`;
  return `  ${label.padEnd(9)} ${[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(' · ')}`;
}

export async function runStart(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  let workbook: string;
  if (options.workbook) {
    workbook = resolve(options.workbook);
    if (!existsSync(workbook)) { console.error(`No workbook at ${workbook}.`); return 2; }
  } else {
    if (!existsSync(EXAMPLE)) {
      console.error('examples/partners.xlsx is missing. Run `npm run example` to make it, then `npm start` again.');
      return 2;
    }
    mkdirSync(dirname(DEFAULT_WORKBOOK), { recursive: true });
    copyFileSync(EXAMPLE, DEFAULT_WORKBOOK);
    workbook = DEFAULT_WORKBOOK;
    console.log(`Copied examples/partners.xlsx to out/${basename(DEFAULT_WORKBOOK)}`);
    // The example's dates are relative to its fixed day (examples/build-example.mjs): run on that morning.
    options.now ??= new Date(2026, 11, 1, 7, 0);
    options.outbox ??= join(dirname(DEFAULT_WORKBOOK), 'outbox');
    rmSync(options.outbox, { recursive: true, force: true });
    rmSync(DEFAULT_WORKBOOK.replace(/\.xlsx$/, '.state.json'), { force: true });
    rmSync(DEFAULT_WORKBOOK.replace(/\.xlsx$/, '.live.json'), { force: true });
  }
  const runtime = await open(options, workbook);
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  const started = performance.now();
  const seen = { dialogs: 0, mails: 0, logs: 0 };
  console.log(`Apps Script clock: ${runtime.now().toString()}`);

  if (runtime.functionNames.includes('onOpen')) {
    console.log('\nonOpen() — the menu Sheets shows:');
    runReported(runtime, 'onOpen', [], () => runtime.open());
    for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
    printNews(runtime, seen);
  }

  // On the example, do what a partner-ops lead does first: turn daily automation on from the menu.
  if (!options.workbook && runtime.functionNames.includes('turnAutomationOn')) {
    console.log('\nMenu: "Turn daily automation on" → turnAutomationOn()');
    runReported(runtime, 'turnAutomationOn', []);
    printNews(runtime, seen);
  }

  // Time-driven triggers installed earlier (ScriptApp state next to the workbook), each fired once.
  const now = runtime.now();
  const due = runtime.services.dueTimeTriggers(now, new Date(now.getTime() + 7 * 86_400_000));
  const triggers = [...new Map(due.map((t) => [t.triggerId, t])).values()];
  const steps = 1 + triggers.length + 1;
  const bar = process.stdout.isTTY ? new SingleBar({ format: '  {bar} {value}/{total} {step}', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(steps, 0, { step: 'evaluating formulas' });
  const evaluation = runtime.evaluateFormulas();
  bar?.increment(1, { step: 'formulas done' });
  const triggerReports: string[] = [];
  for (const t of triggers) {
    bar?.update({ step: `trigger ${t.handler}()` });
    const at = runtime.now();
    const ok = (() => {
      try {
        runtime.call(t.handler, { triggerUid: t.triggerId, authMode: 'FULL', year: at.getFullYear(), month: at.getMonth() + 1, 'day-of-month': at.getDate(), hour: at.getHours(), minute: at.getMinutes(), second: at.getSeconds(), timezone: runtime.workbook.timeZone });
        return 'ran';
      } catch (error) {
        return `failed: ${typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error)}`;
      }
    })();
    triggerReports.push(`  ${t.handler}() (trigger ${t.triggerId}) ${ok}`);
    bar?.increment(1);
  }
  const afterTriggers = triggers.length ? runtime.evaluateFormulas() : evaluation;
  // Then the menu's "Build dashboard", after the trigger has written today's Health history.
  let dashboardReport = '';
  if (runtime.functionNames.includes('buildDashboard')) {
    bar?.update({ step: 'buildDashboard()' });
    try {
      const built = runtime.call('buildDashboard') as { sheet: string; charts: number };
      dashboardReport = `Menu: "Build dashboard" → buildDashboard(): sheet "${built.sheet}" with ${built.charts} charts`;
    } catch (error) {
      dashboardReport = `Menu: "Build dashboard" → buildDashboard() failed: ${typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error)}`;
    }
  }
  bar?.update({ step: 'saving' });
  await runtime.save();
  bar?.increment(1, { step: 'saved' });
  bar?.stop();

  console.log(`\n${evaluationLine(afterTriggers)}`);
  if (triggers.length === 0) console.log('Triggers: none installed (choose "Turn automation on" in the menu: `npm run local -- turnAutomationOn`).');
  else {
    console.log(`Triggers: fired ${triggers.length} once`);
    for (const line of triggerReports) console.log(line);
  }
  if (dashboardReport) console.log(dashboardReport);
  printNews(runtime, seen);

  const partnersSheet = runtime.workbook.sheet('Partners') ? 'Partners' : runtime.workbook.sheets[0].name;
  console.log(`\nPartners (sheet "${partnersSheet}"):`);
  console.log(tallyLine('Tier', tally(runtime.workbook, partnersSheet, /^(healthtier|tier)$/)));
  console.log(tallyLine('Segment', tally(runtime.workbook, partnersSheet, /^segment$/)));
  console.log(tallyLine('Quadrant', tally(runtime.workbook, partnersSheet, /^(quadrant|partnerquadrant|matrixquadrant)$/)));

  console.log('\nWritten:');
  const changes = describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook);
  for (const line of changes.length ? changes : ['nothing changed']) console.log(`  ${line}`);
  console.log(`  saved ${workbook} (real time ${seconds(performance.now() - started)})`);
  const partners = runtime.workbook.sheet(partnersSheet);
  if (partners) {
    // A picture of the colored sheet: partner, owner and the computed columns, as far as they exist.
    const header = Array.from({ length: partners.lastColumn() }, (_, i) => String(partners.valueAt(1, i + 1)).toLowerCase());
    const wanted = ['partner', 'owner', 'health', 'tier', 'segment', 'quadrant', 'next touch'];
    const columns = wanted.map((h) => header.indexOf(h) + 1).filter((c) => c > 0);
    const picture = workbook.replace(/\.xlsx$/i, '') + '.svg';
    writeFileSync(picture, sheetPicture(partners, { columns: columns.length ? columns : [1, 2, 3, 4, 5] }));
    console.log(`  picture of the colored sheet: ${picture} (open it in a browser)`);
  }
  const dashboard = runtime.workbook.sheet('Dashboard');
  if (dashboard && dashboard.charts.length) {
    // The .xlsx cannot carry the charts (exceljs writes none), so the dashboard is drawn with them as well.
    const picture = workbook.replace(/\.xlsx$/i, '') + '-dashboard.svg';
    writeFileSync(picture, sheetWithChartsPicture(dashboard, { columns: [1, 2, 3, 4, 5, 6, 7, 8, 9], maxRows: 200 }));
    console.log(`  picture of the dashboard with its charts: ${picture}`);
  }
  console.log(`\n${callLines(runtime).join('\n')}`);
  console.log(`\nNext: open ${workbook} in LibreOffice/Excel, or try \`npm run local -- recolorNow\`, \`npm run local -- previewAlerts --now 2026-12-01T07:00\`.`);
  return 0;
}

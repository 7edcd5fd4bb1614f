/**
 * Command line of the local runtime (run through scripts/start.mjs, which compiles TypeScript on the fly).
 * `npm start -- --help` lists the commands, every flag (from FLAGS below) and every function of the add-on.
 *
 *   npm start [-- --workbook my.xlsx|my.csv]        the tour: menu, automation on, the trigger fired, digests, pictures
 *   npm run local -- <functionName> [flags]         one top-level function of dist/Code.js, as Apps Script runs it
 *   npm run local -- settings [--set key=value …]   read and change Settings, checked as the Settings dialog checks them
 *
 * The user's own file is never written: results go to out/<name>.xlsx (or --out FILE), see local/workingCopy.ts
 * and docs/local-runtime.md.
 */

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { SettingsDialogData } from '../src/contracts/settingsDialog';
import { ALIAS_FIELDS, getPath, SETTING_FIELDS } from '../src/core/settings/fields';
import { readStoredSettings, settingsFromJson } from '../src/core/settings/settings';
import { authModeArg } from './authModes';
import { sheetWithChartsPicture } from './chartPicture';
import type { Evaluation } from './formulas';
import { htmlToText, isSettingsDialog, settingsDialogText } from './htmlText';
import { sheetPicture } from './picture';
import { appsScriptTimeZone, createRuntime, type Runtime } from './runtime';
import { displayValue } from './services/spreadsheet/cellDisplay';
import type { MenuEntry, RecordedMenu } from './services/spreadsheet/ui';
import type { CellValue, WorkbookModel } from './workbook';
import { OUT_DIR, ROOT, shown, sideFiles, UserError, unreadable, type WorkingCopy, workingCopy } from './workingCopy';

export const DEFAULT_WORKBOOK = join(OUT_DIR, 'partners.xlsx');
const EXAMPLE = join(ROOT, 'examples', 'partners.xlsx');
const SETTINGS_KEY = 'partnerpulse.settings';

export type Command = 'start' | 'local' | 'settings';

export interface CliOptions {
  functionName?: string;
  /** A .parquet or .csv standing for the BigQuery table of Connected Sheets (docs/warehouse.md). */
  warehouse?: string;
  /** Answers for the add-on's prompts, in order (`--answer my-project --answer warehouse.partners`). */
  answers?: string[];
  workbook?: string;
  out?: string;
  /** --now as typed; `now` is it read in the spreadsheet's time zone (parseNow). */
  nowText?: string;
  now?: Date;
  /** The spreadsheet's time zone and locale (File > Settings in Sheets); the script's zone is the manifest's. */
  timeZone?: string;
  locale?: string;
  /** Who runs the function (Session's active and effective user, the owner of triggers it installs). */
  userEmail?: string;
  /** How Google runs the add-on (docs/google-fidelity.md): `--mode`, `--auth-mode`, `--no-trigger-document`. */
  google?: GoogleOptions;
  outbox?: string;
  quota?: number;
  timeLimitMs?: number;
  selection?: string;
  smtp?: { host: string; port: number };
  /** List service calls per method. */
  calls?: boolean;
  /** settings: key=value pairs to change. */
  sets?: string[];
  help?: boolean;
}

export interface GoogleOptions {
  mode?: 'addon' | 'bound';
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  triggerDocument?: boolean;
  authorizationRequired?: boolean;
}

interface Flag {
  name: string;
  /** The value's placeholder; absent for a switch. */
  value?: string;
  help: string;
  /** The commands it applies to. */
  commands: Command[];
  apply(options: CliOptions, value: string): void;
}

const ALL: Command[] = ['start', 'local', 'settings'];
const RUNS: Command[] = ['start', 'local'];

/** Every flag, in the order --help lists them. Adding one here is all a new flag needs. */
export const FLAGS: Flag[] = [
  {
    name: '--workbook',
    value: 'FILE',
    commands: ALL,
    help: 'your .xlsx or .csv (default out/partners.xlsx). It is never written: results go to out/<name>.xlsx',
    apply: (o, v) => {
      o.workbook = v;
    },
  },
  {
    name: '--out',
    value: 'FILE',
    commands: ALL,
    help: 'where the results go instead of out/<name>.xlsx',
    apply: (o, v) => {
      o.out = v;
    },
  },
  {
    name: '--now',
    value: 'WHEN',
    commands: RUNS,
    help: "the add-on's clock at the start: 2026-12-01T07:00, or 2026-12-01 for midnight, in the spreadsheet's time zone",
    apply: (o, v) => {
      o.nowText = v;
    },
  },
  {
    name: '--time-zone',
    value: 'ZONE',
    commands: ALL,
    help: "the spreadsheet's time zone (File > Settings in Sheets), e.g. Europe/Berlin; default the script's, from appsscript.json",
    apply: (o, v) => {
      o.timeZone = v;
    },
  },
  {
    name: '--locale',
    value: 'LOCALE',
    commands: ALL,
    help: "the spreadsheet's locale as Sheets writes it, e.g. de_DE (how text dates and numbers are read)",
    apply: (o, v) => {
      if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(v))
        throw new Error(`--locale ${v}: not a locale; write it as Sheets does, like en_US or de_DE`);
      o.locale = v;
    },
  },
  {
    name: '--user',
    value: 'EMAIL',
    commands: RUNS,
    help: 'who runs the function (Session user, owner of the triggers it installs); default pm@example.com',
    apply: (o, v) => {
      const email = v.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new Error(`--user ${email}: not an e-mail address; write it like pm@example.com`);
      o.userEmail = email;
    },
  },
  {
    name: '--select',
    value: 'A1',
    commands: RUNS,
    help: "the user's selection, e.g. Partners!A5 (for the QBR sidebar and menu items that read it)",
    apply: (o, v) => {
      o.selection = v;
    },
  },
  {
    name: '--outbox',
    value: 'DIR',
    commands: RUNS,
    help: 'where mail goes as .eml files (default out/outbox)',
    apply: (o, v) => {
      o.outbox = v;
    },
  },
  {
    name: '--smtp',
    value: 'HOST:PORT',
    commands: RUNS,
    help: 'send mail to an SMTP server instead',
    apply: (o, v) => {
      const [host, port] = v.split(':');
      o.smtp = { host, port: positiveNumber(port ?? '', '--smtp port') };
    },
  },
  {
    name: '--quota',
    value: 'N',
    commands: RUNS,
    help: "MailApp's daily recipients quota (default 100, a consumer account's)",
    apply: (o, v) => {
      o.quota = positiveNumber(v, '--quota');
    },
  },
  {
    name: '--time-limit',
    value: 'SECONDS',
    commands: RUNS,
    help: 'execution time limit of a run (default 360, as in Apps Script)',
    apply: (o, v) => {
      o.timeLimitMs = positiveNumber(v, '--time-limit') * 1000;
    },
  },
  {
    name: '--warehouse',
    value: 'FILE',
    commands: RUNS,
    help: 'a .parquet or .csv standing for the BigQuery table of Connected Sheets (docs/warehouse.md)',
    apply: (o, v) => {
      o.warehouse = v;
    },
  },
  {
    name: '--answer',
    value: 'TEXT',
    commands: RUNS,
    help: "answer the add-on's next prompt with TEXT (repeat for more), e.g. for Connect a BigQuery table…",
    apply: (o, v) => {
      (o.answers ??= []).push(v);
    },
  },
  {
    name: '--mode',
    value: 'addon|bound',
    commands: RUNS,
    help: 'installed add-on (default) or a copy of the code bound to the sheet (docs/google-fidelity.md)',
    apply: (o, v) => {
      if (v !== 'addon' && v !== 'bound')
        throw new Error(
          `--mode ${v}: allowed addon (installed from the Marketplace) or bound (a copy of the code in the sheet)`,
        );
      (o.google ??= {}).mode = v;
    },
  },
  {
    name: '--auth-mode',
    value: 'NONE|LIMITED|FULL',
    commands: RUNS,
    help: 'the authorization mode of the simple triggers onOpen and onEdit (default LIMITED)',
    apply: (o, v) => {
      (o.google ??= {}).authMode = authModeArg(v);
    },
  },
  {
    name: '--no-trigger-document',
    commands: RUNS,
    help: 'a time-driven trigger gets no spreadsheet and no document lock (the case Google does not document)',
    apply: (o) => {
      (o.google ??= {}).triggerDocument = false;
    },
  },
  {
    name: '--authorization-required',
    commands: RUNS,
    help: "the user's authorization lapsed after an update (getAuthorizationInfo says REQUIRED)",
    apply: (o) => {
      (o.google ??= {}).authorizationRequired = true;
    },
  },
  {
    name: '--calls',
    commands: RUNS,
    help: 'list the service calls per method',
    apply: (o) => {
      o.calls = true;
    },
  },
  {
    name: '--set',
    value: 'KEY=VALUE',
    commands: ['settings'],
    help: 'settings: change one setting (repeat for more); `settings` alone lists keys and values',
    apply: (o, v) => {
      (o.sets ??= []).push(v);
    },
  },
  {
    name: '--help',
    commands: ALL,
    help: 'this help',
    apply: (o) => {
      o.help = true;
    },
  },
];

export function parseArgs(argv: string[], command: Command = 'local'): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      const flag = FLAGS.find((f) => f.name === name);
      if (!flag) throw new Error(`Unknown option ${name}; \`npm start -- --help\` lists the options`);
      if (!flag.commands.includes(command))
        throw new Error(
          `${name} is not an option of ${command === 'start' ? 'npm start' : command === 'settings' ? '`npm run local -- settings`' : '`npm run local -- <function>`'}`,
        );
      let value = '';
      if (flag.value) {
        if (inline !== undefined) value = inline;
        else {
          const next = argv[i + 1];
          if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value (${flag.value})`);
          value = next;
          i++;
        }
      }
      flag.apply(options, value);
      continue;
    }
    if (command !== 'local') throw new Error(`Unexpected "${arg}"; \`npm start -- --help\` lists the options`);
    if (options.functionName) throw new Error(`One function at a time (got ${options.functionName} and ${arg})`);
    options.functionName = arg;
  }
  if (options.nowText !== undefined) options.now = parseNow(options.nowText, options.timeZone ?? appsScriptTimeZone());
  return options;
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} ${text}: not a number ≥ 0`);
  return n;
}

/** Offset of `zone` from UTC at `instant`, in minutes (positive east of Greenwich). */
function zoneOffsetMinutes(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * --now as the instant it names: "2026-12-01T07:00" is 07:00 on the wall clock of `zone` (the spreadsheet's
 * time zone), "2026-12-01" is midnight there, and a time with Z or an offset is that instant.
 */
export function parseNow(text: string, zone: string): Date {
  const wrong = () =>
    new Error(`--now ${text}: not a date; write it like 2026-12-01T07:00, or 2026-12-01 for midnight`);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) throw wrong();
    const d = new Date(text.trim());
    if (Number.isNaN(d.getTime())) throw wrong();
    return d;
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw wrong();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`Time zone ${zone}: not a time zone; allowed: an IANA name such as America/New_York`);
  }
  // The wall-clock time minus the zone's offset then; asked twice, so a time next to a DST change is right.
  let instant = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  instant = wall - zoneOffsetMinutes(instant, zone) * 60_000;
  return new Date(instant);
}

/** The top-level functions of the add-on with the first line of each one's JSDoc, read from src/index.ts. */
export function addOnFunctions(): { name: string; summary: string; custom: boolean }[] {
  const source = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
  const found: { name: string; summary: string; custom: boolean }[] = [];
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function ([A-Za-z_$][\w$]*)\s*\(/g)) {
    const doc = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, '').trim())
      .filter((l) => l && !l.startsWith('@'));
    found.push({ name: m[2], summary: (doc[0] ?? '').replace(/\.$/, ''), custom: /@customfunction\b/.test(m[1]) });
  }
  return found;
}

export function helpText(): string {
  const lines = [
    'PartnerPulse, locally: the built add-on (dist/Code.js) in a local Apps Script runtime, on an .xlsx or .csv.',
    '',
    'Usage:',
    '  npm start [-- FLAGS]                         the tour: onOpen and its menu, automation turned on, the hourly',
    '                                               trigger fired once (digests to out/outbox), the dashboard, pictures',
    '  npm run local -- FUNCTION [FLAGS]            run one function of the add-on, as a menu item or trigger would',
    '  npm run local -- settings [--set KEY=VALUE]  list Settings, or change them (checked as the Settings dialog checks)',
    '  npm start -- --help                          this help (no build needed)',
    '',
    'Your file is never written: results go to out/<name>.xlsx (or --out FILE). Edit that copy or your file',
    'between runs and the next run takes your edits.',
    '',
    'Flags:',
  ];
  const width = Math.max(...FLAGS.map((f) => `${f.name}${f.value ? ` ${f.value}` : ''}`.length));
  for (const f of FLAGS) {
    const where = f.commands.length === ALL.length ? '' : ` [${f.commands.join(', ')}]`;
    lines.push(`  ${`${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(width)}  ${f.help}${where}`);
  }
  const functions = addOnFunctions();
  const nameWidth = Math.max(...functions.map((f) => f.name.length));
  lines.push('', 'Functions (npm run local -- FUNCTION):');
  for (const f of functions.filter((x) => !x.custom)) lines.push(`  ${f.name.padEnd(nameWidth)}  ${f.summary}`);
  lines.push('', 'Custom functions (formulas in the sheet; evaluated after every run):');
  for (const f of functions.filter((x) => x.custom)) lines.push(`  ${f.name.padEnd(nameWidth)}  ${f.summary}`);
  lines.push('', 'Exit status: 0 when the run went through; 1 when the function failed or the Run log logged the run');
  lines.push('failed; 2 for a usage error or a file that cannot be read. More: docs/local-runtime.md');
  return lines.join('\n');
}

async function open(options: CliOptions, copy: WorkingCopy, code?: string): Promise<Runtime> {
  try {
    return await createRuntime({
      workbookPath: copy.path,
      now: options.now,
      timeZone: options.timeZone,
      locale: options.locale,
      userEmail: options.userEmail,
      outboxDir: options.outbox,
      dailyMailQuota: options.quota,
      timeLimitMs: options.timeLimitMs,
      selection: options.selection,
      smtp: options.smtp,
      warehouse: options.warehouse,
      ...options.google,
      code,
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = (error as Error)?.message ?? '';
    // What exceljs/jszip throw for a file that is not a workbook: said in one line, naming the user's file.
    if (
      (error as NodeJS.ErrnoException)?.code ||
      /zip|central directory|end of data|corrupt|invalid|signature|Unexpected|XML/i.test(message)
    )
      throw unreadable(copy.source ?? copy.path, error);
    throw error;
  }
}

/** The working copy for a run: the user's file copied (or converted) into out/, or out/partners.xlsx. */
async function workbookFor(options: CliOptions, fresh: boolean): Promise<WorkingCopy> {
  if (options.workbook) return workingCopy(options.workbook, { out: options.out, fresh });
  if (!existsSync(DEFAULT_WORKBOOK))
    throw new UserError(
      `No workbook at ${shown(DEFAULT_WORKBOOK)}. Run \`npm start\` first (it writes it) or pass --workbook FILE.`,
    );
  return options.out
    ? workingCopy(DEFAULT_WORKBOOK, { out: options.out, fresh })
    : { path: DEFAULT_WORKBOOK, source: null, messages: [] };
}

/** The flags that name the same workbook again, for the hints printed at the end. */
function workbookFlags(options: CliOptions): string {
  return `${options.workbook ? ` --workbook ${options.workbook}` : ''}${options.out ? ` --out ${options.out}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// What changed in the workbook

/**
 * Each sheet's cells as three 32-bit hashes (value, color, formula) in typed arrays, row by row: a
 * 200,000-row sheet costs a few megabytes, not millions of keyed objects. Sheets are matched by id.
 */
type Snapshot = Map<
  number,
  { name: string; rows: number; columns: number; value: Int32Array; background: Int32Array; formula: Int32Array }
>;

/** FNV-1a: enough to tell a changed cell from an unchanged one in a summary line. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

function snapshot(model: WorkbookModel): Snapshot {
  const shot: Snapshot = new Map();
  for (const sheet of model.sheets) {
    const { rows, columns } = sheet.storedExtent();
    const size = rows * columns;
    const entry = {
      name: sheet.name,
      rows,
      columns,
      value: new Int32Array(size),
      background: new Int32Array(size),
      formula: new Int32Array(size),
    };
    for (const [r, c, cell] of sheet.cells()) {
      const i = (r - 1) * columns + (c - 1);
      entry.value[i] = cell.value === '' ? 0 : hash(signature(cell.value));
      entry.background[i] = cell.background ? hash(cell.background) : 0;
      entry.formula[i] = cell.formula ? hash(cell.formula) : 0;
    }
    shot.set(sheet.id, entry);
  }
  return shot;
}

function signature(v: CellValue): string {
  return v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`;
}

function describeChanges(before: Snapshot, after: Snapshot, sheetsBefore: string[], model: WorkbookModel): string[] {
  const lines: string[] = [];
  for (const sheet of model.sheets) {
    if (!sheetsBefore.includes(sheet.name)) lines.push(`new sheet "${sheet.name}"`);
    const a = before.get(sheet.id);
    const b = after.get(sheet.id);
    if (!b) continue;
    const counts = { values: 0, colors: 0, formulas: 0 };
    const rows = Math.max(a?.rows ?? 0, b.rows);
    const columns = Math.max(a?.columns ?? 0, b.columns);
    const at = (shot: typeof b | undefined, key: 'value' | 'background' | 'formula', r: number, c: number) =>
      shot && r < shot.rows && c < shot.columns ? shot[key][r * shot.columns + c] : 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        if (at(a, 'value', r, c) !== at(b, 'value', r, c)) counts.values++;
        if (at(a, 'background', r, c) !== at(b, 'background', r, c)) counts.colors++;
        if (at(a, 'formula', r, c) !== at(b, 'formula', r, c)) counts.formulas++;
      }
    if (counts.values === 0 && counts.colors === 0 && counts.formulas === 0) continue;
    const parts = [
      counts.values && `${counts.values} values`,
      counts.colors && `${counts.colors} colors`,
      counts.formulas && `${counts.formulas} formulas`,
    ].filter(Boolean);
    lines.push(`${sheet.name}: ${parts.join(', ')} changed`);
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

/** One line of service calls; the count per method only when asked (--calls). */
function callLines(runtime: Runtime, perMethod: boolean): string[] {
  const calls = runtime.calls;
  const lines = [
    `Calls: ${calls.total()} service calls, estimated Apps Script time ${seconds(calls.estimatedAppsScriptMs())}${perMethod ? '' : ' (--calls lists them per method)'}`,
  ];
  if (perMethod)
    for (const [method, n] of Object.entries(calls.byMethod()))
      lines.push(`  ${method.padEnd(40)} ${String(n).padStart(6)}`);
  return lines;
}

function seconds(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;
}

function evaluationLine(e: Evaluation): string {
  const errors = e.errors.length
    ? `; ${e.errors.length} error cells (${e.errors
        .slice(0, 3)
        .map((x) => `${x.sheet}!${colLetter(x.column)}${x.row}: ${x.message}`)
        .join('; ')}${e.errors.length > 3 ? '; …' : ''})`
    : '';
  return `Formulas: ${e.formulas} evaluated, ${e.customFunctionCalls} custom function calls${errors}`;
}

function colLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// What the run showed, sent and logged

interface Seen {
  dialogs: number;
  toasts: number;
  mails: number;
  logs: number;
  alertRows: number;
  runRows: number;
}

/** The Settings the add-on reads, straight from the state file (no service call counted). */
function storedSettings(runtime: Runtime) {
  let json: string | null = null;
  try {
    const state = JSON.parse(readFileSync(sideFiles(runtimePath(runtime)).state, 'utf8')) as {
      properties?: { document?: Record<string, string> };
    };
    json = state.properties?.document?.[SETTINGS_KEY] ?? null;
  } catch {
    // no state yet: the defaults
  }
  return settingsFromJson(json);
}

const paths = new WeakMap<Runtime, string>();
function runtimePath(runtime: Runtime): string {
  return paths.get(runtime) ?? DEFAULT_WORKBOOK;
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

function seenNow(runtime: Runtime): Seen {
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
function printNews(runtime: Runtime, seen: Seen): string[] {
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
function runReported(
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

/** A step bar on a terminal (nothing when output goes to a file or a test). */
function stepBar(total: number): { step(label: string): void; done(): void } {
  const bar = process.stdout.isTTY
    ? new SingleBar(
        { format: '  {bar} {value}/{total} {step}', hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0, { step: '' });
  let n = 0;
  return {
    step: (label) => bar?.update(n++, { step: label }),
    done: () => {
      bar?.update(total, { step: 'done' });
      bar?.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// npm run local -- <functionName>

export async function runLocal(argv: string[]): Promise<number> {
  if (argv[0] === 'settings') return runSettings(argv.slice(1));
  const options = parseArgs(argv, 'local');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  if (!options.functionName) {
    console.error('Which function? npm run local -- <functionName> [flags]; `npm start -- --help` lists them.');
    return 2;
  }
  const bar = stepBar(4);
  bar.step('opening the workbook');
  const copy = await workbookFor(options, false);
  const runtime = await open(options, copy);
  paths.set(runtime, copy.path);
  bar.done();
  for (const line of [...copy.messages, ...runtime.notices]) console.log(line);
  if (options.functionName === 'fire') return fireDue(runtime, copy);
  if (!runtime.functionNames.includes(options.functionName)) {
    console.error(
      `dist/Code.js has no top-level function ${options.functionName}. It has: ${runtime.functionNames.join(', ')}`,
    );
    return 2;
  }
  for (const text of options.answers ?? []) runtime.ui.responses.push({ button: 'OK', text });
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  const seen = seenNow(runtime);
  console.log(`Running ${options.functionName}() on ${shown(copy.path)} at ${runtime.now().toString()}`);
  const started = performance.now();
  // onOpen and onInstall run as Google runs them: onOpen a simple trigger in its authorization mode.
  const error =
    options.functionName === 'onOpen'
      ? runReported(runtime, 'onOpen', [], () => runtime.open())
      : options.functionName === 'onInstall'
        ? runReported(runtime, 'onInstall', [], () => runtime.install())
        : runReported(runtime, options.functionName, []);
  for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
  const after = stepBar(2);
  after.step('evaluating formulas');
  // Sheets recalculates after the script; so do we, so the saved file shows current formula results.
  const evaluation = runtime.evaluateFormulas();
  after.step('saving');
  const calls = callLines(runtime, !!options.calls);
  await runtime.save();
  after.done();
  const failedRuns = printNews(runtime, seen);
  for (const line of describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook))
    console.log(`  wrote: ${line}`);
  console.log(evaluationLine(evaluation));
  console.log(`Saved ${shown(copy.path)} (real time ${seconds(performance.now() - started)})`);
  console.log(calls.join('\n'));
  if (error !== null) {
    console.error(`Failed: ${options.functionName}() — ${error}`);
    return 1;
  }
  if (failedRuns.length) {
    console.error(`Failed: the Run log logged ${failedRuns.join('; ')}`);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// npm run local -- fire [--now T]

/** Fires every installed clock trigger due at the runtime's now (`--now`), as Google would, and saves. */
async function fireDue(runtime: Runtime, copy: WorkingCopy): Promise<number> {
  const at = runtime.now();
  console.log(`Firing the time-driven triggers due at ${at.toString()} on ${shown(copy.path)}`);
  const seen = seenNow(runtime);
  const fired = runtime.fire(at);
  for (const f of fired) {
    console.log(
      `  ${f.handler}() — due ${f.dueAt.toISOString()}, event ${JSON.stringify(f.event)}: ${f.ok ? 'ran' : `failed: ${f.error}`}`,
    );
  }
  if (fired.length === 0) console.log('  nothing due (turn automation on, or pass a later --now)');
  runtime.evaluateFormulas();
  await runtime.save();
  const failedRuns = printNews(runtime, seen);
  if (fired.some((f) => !f.ok)) return 1;
  if (failedRuns.length) {
    console.error(`Failed: the Run log logged ${failedRuns.join('; ')}`);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// npm run local -- settings [--set key=value …]

/** The settings keys and their values as text, as the Settings dialog shows them. */
function settingLines(settings: unknown): string[] {
  const text = (v: unknown) => (v === null || v === undefined ? '(blank)' : String(v));
  const width = Math.max(
    ...SETTING_FIELDS.map((f) => f.path.length),
    ...ALIAS_FIELDS.map((f) => `aliases.${f}`.length),
  );
  const lines: string[] = [];
  let group = '';
  for (const f of SETTING_FIELDS) {
    if (f.group !== group) {
      group = f.group;
      lines.push(`${group}:`);
    }
    lines.push(`  ${f.path.padEnd(width)}  ${text(getPath(settings, f.path)).padEnd(12)}  ${f.label}`);
  }
  lines.push('Column aliases (extra header texts, comma-separated):');
  for (const f of ALIAS_FIELDS) {
    const list = (getPath(settings, `aliases.${f}`) as string[] | undefined) ?? [];
    lines.push(`  ${`aliases.${f}`.padEnd(width)}  ${list.length ? list.join(', ') : '(none)'}`);
  }
  return lines;
}

export async function runSettings(argv: string[]): Promise<number> {
  const options = parseArgs(argv, 'settings');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  const copy = await workbookFor(options, false);
  const runtime = await open(options, copy);
  paths.set(runtime, copy.path);
  for (const line of [...copy.messages, ...runtime.notices]) console.log(line);
  const read = () =>
    readStoredSettings(runtime.services.PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY));
  if (!options.sets?.length) {
    const { settings, problems } = read();
    console.log(`Settings of ${shown(copy.path)} (change with --set KEY=VALUE):`);
    for (const p of problems)
      console.log(`  stored setting refused, default used: ${typeof p === 'string' ? p : JSON.stringify(p)}`);
    console.log(settingLines(settings).join('\n'));
    return 0;
  }
  const change: Record<string, unknown> = {};
  const current = read().settings;
  for (const pair of options.sets) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      console.error(`--set ${pair}: write it as KEY=VALUE, such as --set rules.weights.revenue=30`);
      return 2;
    }
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    if (key.startsWith('aliases.')) {
      const field = key.slice('aliases.'.length);
      if (!(ALIAS_FIELDS as string[]).includes(field)) {
        console.error(`--set ${key}: no such column; allowed: ${ALIAS_FIELDS.map((f) => `aliases.${f}`).join(', ')}`);
        return 2;
      }
      change.aliases ??= { ...current.aliases };
      (change.aliases as Record<string, unknown>)[field] = value;
      continue;
    }
    if (!SETTING_FIELDS.some((f) => f.path === key)) {
      console.error(`--set ${key}: no such setting; \`npm run local -- settings\` lists them`);
      return 2;
    }
    const keys = key.split('.');
    let node = change;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  // The Settings dialog's own server function: the same validation, the same "nothing saved when one is refused".
  const result = runtime.call('saveSettings', JSON.stringify(change)) as {
    saved: boolean;
    errors: { field: string; message: string }[];
  };
  if (!result.saved) {
    for (const e of result.errors) console.error(`Not saved: ${e.message}`);
    return 1;
  }
  runtime.services.save();
  const saved = read().settings;
  for (const pair of options.sets) {
    const key = pair.slice(0, pair.indexOf('=')).trim();
    const value = getPath(saved, key);
    console.log(
      `Saved ${key} = ${Array.isArray(value) ? value.join(', ') : value === null ? '(blank)' : String(value)}`,
    );
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// npm start

/** Counts of each value in the column whose header matches, read the way the add-on finds columns. */
function tally(model: WorkbookModel, sheetName: string, header: RegExp): Map<string, number> | null {
  const sheet = model.sheet(sheetName) ?? model.sheets[0];
  const lastColumn = sheet.lastColumn();
  let column = 0;
  for (let c = 1; c <= lastColumn; c++) {
    const text = String(sheet.valueAt(1, c))
      .toLowerCase()
      .replace(/[\s_\-()]/g, '');
    if (header.test(text)) {
      column = c;
      break;
    }
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
  return `  ${label.padEnd(9)} ${[...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ')}`;
}

export async function runStart(argv: string[]): Promise<number> {
  const options = parseArgs(argv, 'start');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  let copy: WorkingCopy;
  if (options.workbook) {
    // The tour starts from the user's file afresh, as the demo starts from the example.
    copy = await workingCopy(options.workbook, { out: options.out, fresh: true });
  } else {
    if (!existsSync(EXAMPLE))
      throw new UserError(
        'examples/partners.xlsx is missing. Run `npm run example -- --update` to make it, then `npm start` again.',
      );
    const target = options.out ? resolve(options.out) : DEFAULT_WORKBOOK;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(EXAMPLE, target);
    const side = sideFiles(target);
    rmSync(side.state, { force: true });
    rmSync(side.live, { force: true });
    rmSync(options.outbox ?? side.outbox, { recursive: true, force: true });
    copy = { path: target, source: null, messages: [`Copied examples/partners.xlsx to ${shown(target)}`] };
    // The example's dates are relative to its fixed day (examples/build-example.mjs): run on that morning.
    options.now ??= parseNow('2026-12-01T07:00', options.timeZone ?? appsScriptTimeZone());
  }
  const bar = stepBar(1);
  bar.step('opening the workbook');
  const runtime = await open(options, copy);
  paths.set(runtime, copy.path);
  bar.done();
  for (const line of [...copy.messages, ...runtime.notices]) console.log(line);
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  const started = performance.now();
  const seen = seenNow(runtime);
  const failures: string[] = [];
  console.log(`Apps Script clock: ${runtime.now().toString()}`);

  if (runtime.functionNames.includes('onOpen')) {
    console.log('\nonOpen() — the menu Sheets shows:');
    const error = runReported(runtime, 'onOpen', [], () => runtime.open());
    if (error) failures.push(`onOpen: ${error}`);
    for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
    failures.push(...printNews(runtime, seen));
  }

  // What a partner-ops lead does first: turn daily automation on from the menu.
  if (runtime.functionNames.includes('turnAutomationOn')) {
    console.log('\nMenu: "Turn daily automation on" → turnAutomationOn()');
    const error = runReported(runtime, 'turnAutomationOn', []);
    if (error) failures.push(`turnAutomationOn: ${error}`);
    failures.push(...printNews(runtime, seen));
  }

  // Time-driven triggers installed (ScriptApp state next to the workbook), each fired once.
  const now = runtime.now();
  const due = runtime.services.dueTimeTriggers(now, new Date(now.getTime() + 7 * 86_400_000));
  const triggers = [...new Map(due.map((t) => [t.triggerId, t])).values()];
  const steps = stepBar(1 + triggers.length + 2);
  steps.step('evaluating formulas');
  const evaluation = runtime.evaluateFormulas();
  const triggerReports: string[] = [];
  for (const t of triggers) {
    steps.step(`trigger ${t.handler}()`);
    const at = runtime.now();
    let outcome = 'ran';
    try {
      runtime.call(t.handler, {
        triggerUid: t.triggerId,
        authMode: 'FULL',
        year: at.getFullYear(),
        month: at.getMonth() + 1,
        'day-of-month': at.getDate(),
        hour: at.getHours(),
        minute: at.getMinutes(),
        second: at.getSeconds(),
        timezone: runtime.workbook.timeZone,
      });
    } catch (error) {
      outcome = `failed: ${typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error)}`;
      failures.push(`${t.handler} (trigger): ${outcome.slice(8)}`);
    }
    triggerReports.push(`  ${t.handler}() (trigger ${t.triggerId}) ${outcome}`);
  }
  const afterTriggers = triggers.length ? runtime.evaluateFormulas() : evaluation;
  // Then the menu's "Build dashboard", after the trigger has written today's Health history.
  let dashboardReport = '';
  if (runtime.functionNames.includes('buildDashboard')) {
    steps.step('buildDashboard()');
    try {
      const built = runtime.call('buildDashboard') as { sheet: string; charts: number };
      dashboardReport = `Menu: "Build dashboard" → buildDashboard(): sheet "${built.sheet}" with ${built.charts} charts`;
    } catch (error) {
      const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
      dashboardReport = `Menu: "Build dashboard" → buildDashboard() failed: ${message}`;
      failures.push(`buildDashboard: ${message}`);
    }
  }
  steps.step('saving');
  const calls = callLines(runtime, !!options.calls);
  await runtime.save();
  steps.done();

  // Both evaluations' calls: the second reruns only the formulas whose arguments the trigger changed.
  const callsMade =
    evaluation.customFunctionCalls + (afterTriggers === evaluation ? 0 : afterTriggers.customFunctionCalls);
  console.log(`\n${evaluationLine({ ...afterTriggers, customFunctionCalls: callsMade })}`);
  if (triggers.length === 0)
    console.log(
      `Triggers: none installed (choose "Turn automation on" in the menu: \`npm run local -- turnAutomationOn${workbookFlags(options)}\`).`,
    );
  else {
    console.log(`Triggers: fired ${triggers.length} once`);
    for (const line of triggerReports) console.log(line);
  }
  if (dashboardReport) console.log(dashboardReport);
  failures.push(...printNews(runtime, seen));

  const settings = storedSettings(runtime);
  const partnersSheet = runtime.workbook.sheet(settings.sheets.partners)
    ? settings.sheets.partners
    : runtime.workbook.sheets[0].name;
  console.log(`\nPartners (sheet "${partnersSheet}"):`);
  console.log(tallyLine('Tier', tally(runtime.workbook, partnersSheet, /^(healthtier|tier)$/)));
  console.log(tallyLine('Segment', tally(runtime.workbook, partnersSheet, /^segment$/)));
  console.log(
    tallyLine('Quadrant', tally(runtime.workbook, partnersSheet, /^(quadrant|partnerquadrant|matrixquadrant)$/)),
  );

  console.log('\nWritten:');
  const changes = describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook);
  for (const line of changes.length ? changes : ['nothing changed']) console.log(`  ${line}`);
  console.log(`  saved ${shown(copy.path)} (real time ${seconds(performance.now() - started)})`);
  const partners = runtime.workbook.sheet(partnersSheet);
  if (partners) {
    // A picture of the colored sheet: partner, owner and the computed columns, as far as they exist.
    const header = Array.from({ length: partners.lastColumn() }, (_, i) =>
      String(partners.valueAt(1, i + 1)).toLowerCase(),
    );
    const wanted = ['partner', 'owner', 'health', 'tier', 'segment', 'quadrant', 'next touch'];
    const columns = wanted.map((h) => header.indexOf(h) + 1).filter((c) => c > 0);
    const picture = `${copy.path.replace(/\.xlsx$/i, '')}.svg`;
    writeFileSync(picture, sheetPicture(partners, { columns: columns.length ? columns : [1, 2, 3, 4, 5] }));
    console.log(`  picture of the colored sheet: ${shown(picture)} (open it in a browser)`);
  }
  const dashboard = runtime.workbook.sheet(settings.sheets.dashboard);
  if (dashboard?.charts.length) {
    // The .xlsx cannot carry the charts (exceljs writes none), so the dashboard is drawn with them as well.
    const picture = `${copy.path.replace(/\.xlsx$/i, '')}-dashboard.svg`;
    writeFileSync(picture, sheetWithChartsPicture(dashboard, { columns: [1, 2, 3, 4, 5, 6, 7, 8, 9], maxRows: 200 }));
    console.log(`  picture of the dashboard with its charts: ${shown(picture)}`);
  }
  console.log(`\n${calls.join('\n')}`);
  const flags = workbookFlags(options);
  const when = options.workbook ? '' : ' --now 2026-12-01T07:00';
  console.log(
    `\nNext: open ${shown(copy.path)} in LibreOffice/Excel${copy.source ? ` (${shown(copy.source)} is unchanged)` : ''}, or try \`npm run local -- recolorNow${flags}\`, \`npm run local -- previewAlerts${flags}${when}\`, \`npm run local -- settings${flags}\`.`,
  );
  if (failures.length) {
    console.error(`Failed: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}
export { UserError } from './workingCopy';

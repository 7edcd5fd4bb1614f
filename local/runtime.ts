/**
 * The local Apps Script runtime: runs dist/Code.js in a fresh `vm` context that looks like Apps Script's
 * global scope — SpreadsheetApp over a local .xlsx, the other services from local/services when present —
 * and nothing else: no require, module, process or timers, because Apps Script has none and the bundle
 * must not come to depend on them.
 *
 * Time is virtual (local/virtualClock.ts): the add-on sees time pass as it would in Google, and the execution
 * time limit ends a run with Apps Script's "Exceeded maximum execution time" error at about the call where
 * Google would end it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { type AuthModeName, type ExecutionKind, refusal } from './authModes';
import type { CallLog } from './calls';
import { customFunctionNames } from './formulas/customFunctions';
import { type Evaluation, evaluateWorkbook } from './formulas/evaluateWorkbook';
import { APPS_SCRIPT_LATENCIES } from './latencies';
import { liveCopy } from './liveCopy';
import { createServices, type Services } from './services';
import { warehouseFile } from './services/bigquery';
import { FileLock } from './services/fileLock';
import type { Realm } from './services/spreadsheet/session';
import type { LocalSpreadsheet } from './services/spreadsheet/spreadsheet';
import { createSpreadsheetApp, type LocalSpreadsheetApp } from './services/spreadsheet/spreadsheetApp';
import type { LocalUi } from './services/spreadsheet/ui';
import { instantToWallClock, isValidTimeZone, wallClockToInstant } from './services/time';
import { timeDrivenEvent, userObject } from './triggerEvents';
import {
  CUSTOM_FUNCTION_TIME_LIMIT_MS,
  DEFAULT_TIME_LIMIT_MS,
  EXCEEDED_MESSAGE,
  SIMPLE_TRIGGER_TIME_LIMIT_MS,
  TimedCallLog,
  virtualClock,
} from './virtualClock';
import { isDate, type WorkbookModel } from './workbook';
import { loadWorkbook, saveWorkbook } from './xlsxFile';

export {
  CUSTOM_FUNCTION_TIME_LIMIT_MS,
  DEFAULT_TIME_LIMIT_MS,
  EXCEEDED_MESSAGE,
  SIMPLE_TRIGGER_TIME_LIMIT_MS,
} from './virtualClock';

const ROOT = resolve(__dirname, '..');

export interface RuntimeOptions {
  /** The .xlsx to open (or pass `workbook`). */
  workbookPath?: string;
  workbook?: WorkbookModel;
  /** The bundle; default dist/Code.js. `code` runs a script given as text (tests). */
  codePath?: string;
  code?: string;
  /** What the add-on's clock reads at the start; default the real time. */
  now?: Date;
  outboxDir?: string;
  smtp?: { host: string; port: number };
  /** Per run of a top-level function; default 6 minutes. */
  timeLimitMs?: number;
  customFunctionTimeLimitMs?: number;
  dailyMailQuota?: number;
  /** MailApp's short-time rate limit (off by default; Google publishes no figure). */
  mailRateLimit?: { sends: number; perMs: number };
  userEmail?: string;
  /** The user's selection, "Partners!A5" or "A5:K5". */
  selection?: string;
  /** Where script/document/user properties, cache and triggers persist; default next to the workbook. */
  statePath?: string;
  /**
   * The spreadsheet's time zone (File > Settings in Sheets); default the workbook model's, else the script's.
   * Date cells reach the script as 00:00 in this zone, whatever the script's zone (docs/time-zones.md).
   */
  timeZone?: string;
  /** A .parquet or .csv standing for the BigQuery table of Connected Sheets (local/services/bigquery.ts). */
  warehouse?: string;
  /**
   * `addon` (default): PartnerPulse installed as an editor add-on — its add-on menu is captioned PartnerPulse,
   * ScriptApp.getInstallationSource() is WEB_STORE_ADD_ON. `bound`: a copy of the code bound to the
   * spreadsheet — the add-on menu is captioned with the script project's name (`projectName`), the source NONE.
   */
  mode?: 'addon' | 'bound';
  /** The bound script project's name (default "Untitled project"), shown on createAddonMenu's menu in `bound` mode. */
  projectName?: string;
  /**
   * The mode the simple triggers onOpen and onEdit run in (`open()`, `edit()`): default LIMITED, Google's
   * AuthMode reference for onOpen/onEdit; NONE is an add-on installed by the user but not yet used in this
   * document. onInstall always runs in FULL. See docs/google-fidelity.md.
   */
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  /**
   * Whether a time-driven trigger's run has the spreadsheet (getActiveSpreadsheet(), getDocumentLock()).
   * Default true (docs/google-fidelity.md, "Decisions"); false gives null for both, the other case.
   */
  triggerDocument?: boolean;
  /** The user's authorization lapsed after an update: getAuthorizationInfo(FULL) says REQUIRED, and a
   * time-driven run's spreadsheet calls fail with "Authorization is required to perform that action." */
  authorizationRequired?: boolean;
  /**
   * Take over the live copy other executions published before each run (not only when taking the document
   * lock), as every execution in Google reads the one live spreadsheet. For the sidebar bridge, whose calls
   * run in several executions at once (local/sidebarServer.ts).
   */
  catchUpEachRun?: boolean;
  /** The spreadsheet's locale (`en_US`, `de_DE`, …): how dates typed as text read. Default en_US. */
  locale?: string;
  /** The script's zone (the manifest's `timeZone`): triggers' hours, Session.getScriptTimeZone. */
  scriptTimeZone?: string;
  /**
   * What counts as the script's own computing time in the virtual clock: real elapsed time ('wall', the
   * default), or this process's CPU time ('cpu': what the bench uses, so a machine shared with other jobs
   * does not add their time to the estimate).
   */
  clock?: 'wall' | 'cpu';
}

/** The message Apps Script stops a run with when a scope it needs was not granted. */
export const AUTHORIZATION_REQUIRED_MESSAGE = 'Authorization is required to perform that action.';

export interface Runtime {
  /** Runs a top-level function of the bundle as Apps Script would (menu item, google.script.run): FULL mode. */
  call(functionName: string, ...args: unknown[]): unknown;
  /** The spreadsheet opens: onOpen as a simple trigger, in the `authMode` option's mode, with its event. */
  open(): unknown;
  /** The add-on is installed from the Marketplace: onInstall in FULL. */
  install(): unknown;
  /** A user edited `a1` (after changing the cells): onEdit as a simple trigger with Sheets' edit event. */
  edit(a1: string, change?: { value?: unknown; oldValue?: unknown }): unknown;
  /**
   * Fires every installed clock trigger that is due at `at` (default now) since it last fired, as Apps Script
   * would: in FULL, with the time-driven event object. It runs as the runtime's `userEmail` (Google runs a
   * trigger as its owner; locally the owner is that user unless a test installs triggers as another).
   * Reports each run; never throws.
   */
  fire(at?: Date): FiredTrigger[];
  /** Evaluates every formula (custom functions included) and writes the results into the workbook. */
  evaluateFormulas(): Evaluation;
  /** Top-level functions of the bundle, and which of them are custom functions. */
  functionNames: string[];
  customFunctions: string[];
  SpreadsheetApp: LocalSpreadsheetApp;
  spreadsheet: LocalSpreadsheet;
  /** Menus, sidebars and dialogs the add-on showed. */
  ui: LocalUi;
  calls: CallLog;
  workbook: WorkbookModel;
  /** The other services (local/services): outbox, run log, due triggers, state. */
  services: Services;
  /** The add-on's global scope (for tests). */
  context: vm.Context;
  /** The virtual Apps Script time now. */
  now(): Date;
  /**
   * What the runtime noticed on opening that a user should hear, e.g. that the workbook was edited outside
   * PartnerPulse since the last run and those edits were taken.
   */
  notices: string[];
  /** Saves the workbook (to `path` or where it came from) and the services' state. */
  save(path?: string): Promise<void>;
}

export interface FiredTrigger {
  handler: string;
  triggerUid: string;
  /** The scheduled time it was due at. */
  dueAt: Date;
  /** The event object the handler got. */
  event: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

/** One execution in progress: its clock, its authorization mode and whether it has the spreadsheet. */
interface Execution {
  startedAt: number;
  limitMs: number;
  exceeded: boolean;
  mode: AuthModeName;
  kind: ExecutionKind;
  document: boolean;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const scriptTimeZone = options.scriptTimeZone ?? appsScriptTimeZone();
  const workbookPath = options.workbookPath ? resolve(options.workbookPath) : undefined;
  const workbook =
    options.workbook ??
    (workbookPath ? await loadWorkbook(workbookPath, { timeZone: options.timeZone ?? scriptTimeZone }) : undefined);
  if (!workbook) throw new Error('createRuntime: give workbookPath or workbook');
  if (options.timeZone) {
    if (!isValidTimeZone(options.timeZone))
      throw new Error(`Time zone ${options.timeZone} is not one Sheets knows; give an IANA name like Europe/Berlin.`);
    workbook.timeZone = options.timeZone;
  }
  if (options.locale) workbook.locale = options.locale;
  const timeZone = scriptTimeZone;
  const codePath = options.codePath ?? join(ROOT, 'dist', 'Code.js');
  const code = options.code ?? readFileSync(codePath, 'utf8');

  const calls = new TimedCallLog(APPS_SCRIPT_LATENCIES);
  const context = vm.createContext({}, { name: 'Apps Script' });
  const virtualMs = virtualClock(context, calls, options.now, options.clock);

  // Runs in progress (a recalculation inside a run nests a custom-function run), innermost last.
  const runs: Execution[] = [];
  const realm: Realm = {
    date: vm.runInContext('(function (ms) { return new Date(ms); })', context),
    error: vm.runInContext('(function (message) { return new Error(message); })', context),
  };
  calls.onCall = () => {
    const run = runs[runs.length - 1];
    if (!run) return;
    if (run.exceeded || virtualMs() - run.startedAt > run.limitMs) {
      run.exceeded = true;
      throw realm.error(EXCEEDED_MESSAGE);
    }
  };
  const authorizationRequired = options.authorizationRequired ?? false;
  calls.authorize = (service, method) => {
    const run = runs[runs.length - 1];
    if (!run) return;
    const refused = refusal(run.mode, run.kind, service, method);
    if (refused) throw realm.error(refused);
    // A trigger runs without the user: a scope added by an update and not granted yet stops it at first use.
    if (
      authorizationRequired &&
      run.kind === 'clockTrigger' &&
      ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'].includes(service)
    ) {
      throw realm.error(AUTHORIZATION_REQUIRED_MESSAGE);
    }
  };

  const customFunctions = customFunctionNames(code);
  // Sheets hands a custom function its date cells as instants in the spreadsheet's zone and shows a returned
  // Date as its wall clock there; the model keeps wall clocks (local/services/time.ts).
  // When the spreadsheet's zone is this process's own, both conversions are identities: skipped, since a
  // whole column of 200,000 dates through Intl costs seconds.
  const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const callCustomFunction = (name: string, args: unknown[]) => {
    const limitMs = options.customFunctionTimeLimitMs ?? CUSTOM_FUNCTION_TIME_LIMIT_MS;
    const context = { mode: 'CUSTOM_FUNCTION', kind: 'customFunction', document: true } as const;
    if (workbook.timeZone === processZone)
      return guarded(
        name,
        args.map((a) => toRealm(a, realm)),
        limitMs,
        context,
      );
    return mapDates(
      guarded(
        name,
        args.map((a) =>
          toRealm(
            mapDates(a, (d) => wallClockToInstant(d, workbook.timeZone)),
            realm,
          ),
        ),
        limitMs,
        context,
      ),
      (d) => instantToWallClock(d, workbook.timeZone),
    );
  };
  const recalculate = () => evaluateWorkbook(workbook, { names: customFunctions, call: callCustomFunction });
  const mode = options.mode ?? 'addon';
  const addonMenuCaption = mode === 'bound' ? (options.projectName ?? 'Untitled project') : 'PartnerPulse';
  const app = createSpreadsheetApp({
    model: workbook,
    calls,
    realm,
    recalculate,
    selection: options.selection,
    addonMenuCaption,
    warehouse: options.warehouse ? warehouseFile(resolve(options.warehouse)) : null,
    dataSourcesPath: workbookPath ? `${workbookPath.replace(/\.xlsx$/i, '')}.datasources.json` : null,
  });

  // A workbook given in memory (tests) gets a fresh state folder, so runs never share properties by accident.
  const base = workbookPath ?? join(mkdtempSync(join(tmpdir(), 'partnerpulse-')), 'workbook.xlsx');
  const statePath = options.statePath ?? `${base.replace(/\.xlsx$/i, '')}.state.json`;
  const live = workbookPath ? liveCopy(workbook, workbookPath) : null;
  const services = createServices({
    statePath,
    outboxDir: options.outboxDir ?? join(dirname(base), 'outbox'),
    smtp: options.smtp,
    now: () => new Date(virtualMs()),
    calls,
    timeZone,
    userEmail: options.userEmail ?? 'pm@example.com',
    dailyMailQuota: options.dailyMailQuota,
    mailRateLimit: options.mailRateLimit,
    htmlRoot: join(ROOT, 'dist'),
    documentLockHooks: live ? { acquired: live.catchUp, releasing: live.publish } : undefined,
    authorizationRequired: () => authorizationRequired,
    installationSource: mode === 'bound' ? 'NONE' : 'WEB_STORE_ADD_ON',
    hasDocument: () => runs[runs.length - 1]?.document ?? true,
  });

  const globals: Record<string, unknown> = {
    SpreadsheetApp: app,
    PropertiesService: services.PropertiesService,
    CacheService: services.CacheService,
    LockService: services.LockService,
    ScriptApp: services.ScriptApp,
    MailApp: services.MailApp,
    HtmlService: services.HtmlService,
    Session: services.Session,
    Utilities: services.Utilities,
    Logger: services.Logger,
    console: services.console,
  };
  for (const [name, value] of Object.entries(globals)) context[name] = value;
  // HtmlService templates evaluate `<?!= include('x') ?>` against the add-on's globals.
  services.setTemplateGlobals(context);

  vm.runInContext(code, context, { filename: 'Code.js' });
  const functionNames = [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]);
  const invoke = new vm.Script('__run.fn.apply(globalThis, __run.args)', { filename: 'apps-script-run' });

  const FULL: Pick<Execution, 'mode' | 'kind' | 'document'> = { mode: 'FULL', kind: 'user', document: true };

  function guarded(
    name: string,
    args: unknown[],
    limitMs: number,
    how: Pick<Execution, 'mode' | 'kind' | 'document'> = FULL,
  ): unknown {
    const fn = context[name];
    if (typeof fn !== 'function') throw realm.error(`Script function not found: ${name}`);
    if (runs.length === 0 && options.catchUpEachRun) live?.catchUp();
    const run: Execution = { startedAt: virtualMs(), limitMs, exceeded: false, ...how };
    runs.push(run);
    const outer = app.documentAvailable;
    app.documentAvailable = how.document;
    context.__run = { fn, args };
    try {
      // The vm timeout stops a loop that makes no service calls; virtual time is never behind real time.
      const result = invoke.runInContext(context, { timeout: Math.max(1, Math.ceil(limitMs)) });
      if (run.exceeded || virtualMs() - run.startedAt > limitMs) throw realm.error(EXCEEDED_MESSAGE);
      return result;
    } catch (error) {
      if ((error as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw realm.error(EXCEEDED_MESSAGE);
      throw error;
    } finally {
      runs.pop();
      app.documentAvailable = outer;
      delete context.__run;
      if (runs.length === 0) {
        services.endExecution();
        app.endExecution();
      }
    }
  }

  const runLimit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  // Simple triggers have 30 seconds (guides/triggers, Restrictions), like custom functions.
  const simpleLimit = Math.min(runLimit, SIMPLE_TRIGGER_TIME_LIMIT_MS);
  const simpleMode: AuthModeName = options.authMode ?? 'LIMITED';
  const simple = { mode: simpleMode, kind: 'simpleTrigger' as const, document: true };

  function fire(at?: Date): FiredTrigger[] {
    const when = at ?? new Date(virtualMs());
    const fired: FiredTrigger[] = [];
    for (const due of services.takeDueTriggers(when)) {
      const event = timeDrivenEvent(due.triggerId, due.at);
      const report: FiredTrigger = { handler: due.handler, triggerUid: due.triggerId, dueAt: due.at, event, ok: true };
      try {
        guarded(due.handler, [event], runLimit, {
          mode: 'FULL',
          kind: 'clockTrigger',
          document: options.triggerDocument ?? true,
        });
      } catch (error) {
        report.ok = false;
        const message = (error as { message?: unknown } | null)?.message;
        report.error = typeof message === 'string' ? message : String(error);
      }
      fired.push(report);
    }
    return fired;
  }

  return {
    call: (functionName, ...args) =>
      guarded(
        functionName,
        args.map((a) => toRealm(a, realm)),
        runLimit,
      ),
    open: () =>
      guarded(
        'onOpen',
        [
          simpleMode === 'NONE'
            ? { authMode: simpleMode }
            : { authMode: simpleMode, source: app.spreadsheet, user: userObject(options.userEmail) },
        ],
        simpleLimit,
        simple,
      ),
    install: () => guarded('onInstall', [{ authMode: 'FULL' }], runLimit, FULL),
    edit: (a1Notation, change = {}) => {
      const range = app.spreadsheet.getRange(a1Notation);
      const event: Record<string, unknown> = {
        authMode: simpleMode,
        range,
        source: app.spreadsheet,
        user: userObject(options.userEmail),
      };
      if ('value' in change) event.value = toRealm(change.value, realm);
      if ('oldValue' in change) event.oldValue = toRealm(change.oldValue, realm);
      return guarded('onEdit', [event], simpleLimit, simple);
    },
    fire,
    evaluateFormulas: recalculate,
    functionNames,
    customFunctions,
    SpreadsheetApp: app,
    spreadsheet: app.spreadsheet,
    ui: app.ui,
    calls,
    workbook,
    services,
    context,
    now: () => new Date(virtualMs()),
    notices: live?.editedOutside
      ? [`${workbookPath} was changed outside PartnerPulse since the last run: this run starts from your edits.`]
      : [],
    async save(path?: string) {
      const target = path ?? workbookPath;
      if (!target) throw new Error('save: no path (the workbook was not loaded from a file)');
      if (live && target === workbookPath) {
        // Saved under the document lock, from the newest live copy, so a slower process never overwrites
        // what a later execution wrote.
        const lock = new FileLock(`${statePath}.document.lock`, `save-${randomUUID()}`);
        if (!lock.acquire(120_000))
          throw new Error(`save: another run held the document lock of ${target} for two minutes; try again.`);
        try {
          live.catchUp();
          await saveWorkbook(workbook, target);
          live.saved();
        } finally {
          lock.release();
        }
      } else {
        await saveWorkbook(workbook, target);
      }
      services.save();
    },
  };
}

/** A value with every Date in it (arrays walked) replaced. */
function mapDates(value: unknown, map: (d: Date) => Date): unknown {
  if (isDate(value)) return map(value);
  if (Array.isArray(value)) return value.map((v) => mapDates(v, map));
  return value;
}

/** A host value as the add-on's realm sees it: Dates remade with the context's Date, arrays walked. */
function toRealm(value: unknown, realm: Realm): unknown {
  return mapDates(value, (d) => realm.date(d.getTime()));
}

/** The script's time zone from appsscript.json, as Apps Script takes it. */
export function appsScriptTimeZone(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { timeZone?: string }).timeZone ??
      'America/New_York'
    );
  } catch {
    return 'America/New_York';
  }
}

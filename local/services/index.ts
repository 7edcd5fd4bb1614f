/**
 * The Apps Script services other than SpreadsheetApp, for the local runtime's vm context.
 *
 * One `createServices` call is one execution: its locks are its own (another execution, in this process
 * or another, waits for them), while properties, cache, triggers and the mail quota live in the state
 * file at `statePath` and are shared with every other execution as they are in Apps Script.
 */
import { randomUUID } from 'node:crypto';
import type { CallLog } from '../calls';
import { createHtmlService, type HtmlServiceApi } from './html';
import { createLockService, type DocumentLockHooks, type LockServiceApi } from './lock';
import { createMailApp, type MailAppApi, type SentMail } from './mail';
import { createScriptApp, type DueTrigger, type ScriptAppApi } from './scriptApp';
import { StateStore } from './state';
import {
  type CacheServiceApi,
  createCacheService,
  createPropertiesService,
  type PropertiesServiceApi,
} from './storage';
import {
  type ConsoleApi,
  createConsole,
  createLogger,
  createSession,
  createUtilities,
  type LoggerApi,
  type RunLogEntry,
  type SessionApi,
  type UtilitiesApi,
} from './utilities';

export { LOCK_TIMEOUT_MESSAGE } from './lock';
export { QUOTA_MESSAGE, RATE_MESSAGE } from './mail';
export { formatDate } from './utilities';
export type { DueTrigger, RunLogEntry, SentMail };

export interface ServiceOptions {
  /** JSON state file beside the workbook (properties, cache, triggers, mail quota); locks sit next to it. */
  statePath: string;
  /** Where each sent mail is written as an .eml file. */
  outboxDir: string;
  /** When set, mail is also delivered to this SMTP server (plain, no auth). */
  smtp?: { host: string; port: number };
  now: () => Date;
  calls: CallLog;
  timeZone: string;
  userEmail: string;
  /** Recipients per 24 hours; 100 as for a consumer account unless given. */
  dailyMailQuota?: number;
  /** See MailOptions.rateLimit. */
  mailRateLimit?: { sends: number; perMs: number };
  /** Folder holding the add-on's .html files for HtmlService.createHtmlOutputFromFile / createTemplateFromFile. */
  htmlRoot: string;
  /** Apply the editor add-on trigger restrictions (see ScriptAppOptions.editorAddOn); default true. */
  editorAddOn?: boolean;
  /** See ScriptAppOptions.authorizationRequired / installationSource. */
  authorizationRequired?: () => boolean;
  installationSource?: 'NONE' | 'WEB_STORE_ADD_ON';
  /** Called when this execution takes / is about to give up the document lock (see DocumentLockHooks). */
  documentLockHooks?: DocumentLockHooks;
  /** Whether the execution in progress has a containing document (a time-driven run may not); default yes. */
  hasDocument?: () => boolean;
}

export interface Services {
  PropertiesService: PropertiesServiceApi;
  CacheService: CacheServiceApi;
  LockService: LockServiceApi;
  ScriptApp: ScriptAppApi;
  MailApp: MailAppApi;
  HtmlService: HtmlServiceApi;
  Session: SessionApi;
  Utilities: UtilitiesApi;
  Logger: LoggerApi;
  console: ConsoleApi;
  /** Releases the locks this execution still holds, as Apps Script does when an execution ends. */
  endExecution(): void;
  /** Makes sure the state file exists; every change is already written through when it happens. */
  save(): void;
  /** Mail sent by this execution, in order. */
  outbox: SentMail[];
  /** Logger and console lines of this execution, in order, for the runtime to print. */
  runLog: RunLogEntry[];
  /** Time-driven triggers that would have fired in (since, until], in firing order (not counted). */
  dueTimeTriggers(since: Date, until: Date): DueTrigger[];
  /** Clock triggers due at `at` since they last fired, each marked fired (not counted). */
  takeDueTriggers(at: Date): DueTrigger[];
  /** Names templates can see besides their own variables, e.g. the vm context with the add-on's `include`. */
  setTemplateGlobals(globals: object): void;
}

export function createServices(opts: ServiceOptions): Services {
  const { calls, now, timeZone, userEmail } = opts;
  const executionToken = randomUUID();
  const store = new StateStore(opts.statePath, executionToken);
  const runLog: RunLogEntry[] = [];
  const { scriptApp, dueTimeTriggers, takeDueTriggers } = createScriptApp(calls, store, {
    timeZone,
    userEmail,
    now,
    editorAddOn: opts.editorAddOn ?? true,
    authorizationRequired: opts.authorizationRequired,
    installationSource: opts.installationSource,
  });
  const { mailApp, outbox } = createMailApp(calls, store, {
    outboxDir: opts.outboxDir,
    smtp: opts.smtp,
    now,
    userEmail,
    dailyQuota: opts.dailyMailQuota ?? 100,
    rateLimit: opts.mailRateLimit,
  });
  const { htmlService, setTemplateGlobals } = createHtmlService(calls, opts.htmlRoot);
  const locks = createLockService(
    calls,
    opts.statePath,
    userEmail,
    executionToken,
    opts.documentLockHooks,
    opts.hasDocument,
  );
  return {
    PropertiesService: createPropertiesService(calls, store, userEmail),
    CacheService: createCacheService(calls, store, userEmail, now),
    LockService: locks.service,
    ScriptApp: scriptApp,
    MailApp: mailApp,
    HtmlService: htmlService,
    Session: createSession(calls, timeZone, userEmail),
    Utilities: createUtilities(calls),
    Logger: createLogger(calls, runLog, now, timeZone),
    console: createConsole(calls, runLog, now),
    endExecution: locks.endExecution,
    save: () => store.update(() => undefined),
    outbox,
    runLog,
    dueTimeTriggers,
    takeDueTriggers,
    setTemplateGlobals,
  };
}

/**
 * What each authorization mode lets a script call, checked on every service call of the local runtime (the
 * CallLog's `count` is the one place every call passes, see local/calls.ts). Sources (docs/google-fidelity.md):
 *
 *  - ScriptApp.AuthMode (reference/script/auth-mode): NONE — an add-on's onOpen before it is used in the
 *    document; LIMITED — onOpen/onEdit simple triggers; CUSTOM_FUNCTION — custom functions; FULL — the rest
 *    (installable triggers, menu items, google.script.run, onInstall).
 *  - Editor add-on authorization (add-ons/concepts/editor-auth-lifecycle), the table of modes: NONE may create
 *    menu items and use Logger and Utilities only; LIMITED may read and change the open document, use the
 *    user interface and Properties, and any service that does not reach user data (so no MailApp, no trigger
 *    management, no user identity); FULL may use everything the user authorized.
 *  - Custom functions (guides/sheets/functions, "Using Apps Script services"): Cache, HTML (not shown), Lock,
 *    Properties, Spreadsheet read-only (get… methods, no set…), URL Fetch, Utilities, XML. Anything else fails
 *    with "You do not have permission to call …".
 *  - A time-driven trigger has no user interface: SpreadsheetApp.getUi() throws "Cannot call
 *    SpreadsheetApp.getUi() from this context." (the same in a custom function).
 */
export type AuthModeName = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';
export const AUTH_MODES: AuthModeName[] = ['NONE', 'LIMITED', 'CUSTOM_FUNCTION', 'FULL'];

/** What kind of execution a run is: decides the mode's fine print (no UI in a clock trigger). */
export type ExecutionKind = 'user' | 'simpleTrigger' | 'clockTrigger' | 'customFunction';

/** The scope each service needs, as appsscript.json lists them (for the error's "Required permissions"). */
const SCOPE: Record<string, string> = {
  SpreadsheetApp: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Spreadsheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Sheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  Range: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ScriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  TriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  ClockTriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  SpreadsheetTriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  Trigger: 'https://www.googleapis.com/auth/script.scriptapp',
  MailApp: 'https://www.googleapis.com/auth/script.send_mail',
  Ui: 'https://www.googleapis.com/auth/script.container.ui',
  Session: 'https://www.googleapis.com/auth/userinfo.email',
  User: 'https://www.googleapis.com/auth/userinfo.email',
};

const DOCUMENT = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range']);
const TRIGGERS = new Set(['TriggerBuilder', 'ClockTriggerBuilder', 'SpreadsheetTriggerBuilder', 'Trigger']);
/** ScriptApp methods that reach no user data (allowed wherever ScriptApp may be called at all). */
const SCRIPT_APP_HARMLESS = new Set(['getAuthorizationInfo', 'getInstallationSource', 'getScriptId']);
/** Menu building: the one UI NONE allows ("create menu items"). */
const MENU_BUILDING = new Set(['createMenu', 'createAddonMenu', 'addItem', 'addSeparator', 'addSubMenu', 'addToUi']);
/** Session methods that are not the user's identity ("locale only" in NONE and LIMITED). */
const SESSION_HARMLESS = new Set(['getActiveUserLocale', 'getScriptTimeZone', 'getTemporaryActiveUserKey']);
/** Spreadsheet-service methods that read: allowed to custom functions ("most get…() methods, but not set…()"). */
const READ_METHOD = /^(get|is|has)/;

export const UI_CONTEXT_MESSAGE = 'Cannot call SpreadsheetApp.getUi() from this context.';

export function permissionMessage(service: string, method: string): string {
  const scope = SCOPE[service];
  const name =
    DOCUMENT.has(service) && service !== 'SpreadsheetApp'
      ? `SpreadsheetApp.${service}.${method}`
      : `${service}.${method}`;
  return `You do not have permission to call ${name}.${scope ? ` Required permissions: ${scope}` : ''}`;
}

/** The error message Apps Script throws for this call in this mode and kind of execution, or null if allowed. */
export function refusal(mode: AuthModeName, kind: ExecutionKind, service: string, method: string): string | null {
  if ((kind === 'clockTrigger' || kind === 'customFunction') && service === 'SpreadsheetApp' && method === 'getUi')
    return UI_CONTEXT_MESSAGE;
  if (service === 'Logger' || service === 'console' || service === 'Utilities' || service === 'Blob') return null;
  if (mode === 'FULL') return null;
  const refused = permissionMessage(service, method);
  if (mode === 'NONE') {
    if (service === 'SpreadsheetApp' && method === 'getUi') return null;
    if (service === 'Ui' && MENU_BUILDING.has(method)) return null;
    if (service === 'Session' && SESSION_HARMLESS.has(method)) return null;
    return refused;
  }
  if (mode === 'LIMITED') {
    if (service === 'MailApp' || TRIGGERS.has(service)) return refused;
    if (service === 'ScriptApp') return SCRIPT_APP_HARMLESS.has(method) ? null : refused;
    if ((service === 'Session' && !SESSION_HARMLESS.has(method)) || service === 'User') return refused;
    return null;
  }
  // CUSTOM_FUNCTION
  if (DOCUMENT.has(service)) {
    if (service === 'SpreadsheetApp' && (method === 'openById' || method === 'openByUrl' || method === 'getUi'))
      return refused;
    return READ_METHOD.test(method) ? null : refused;
  }
  if (
    [
      'PropertiesService',
      'Properties',
      'CacheService',
      'Cache',
      'LockService',
      'Lock',
      'HtmlService',
      'HtmlOutput',
    ].includes(service)
  )
    return null;
  if (service === 'Session' && SESSION_HARMLESS.has(method)) return null;
  return refused;
}

export function authModeArg(text: string, flag = '--auth-mode'): 'NONE' | 'LIMITED' | 'FULL' {
  const upper = text.toUpperCase();
  if (upper === 'NONE' || upper === 'LIMITED' || upper === 'FULL') return upper;
  throw new Error(`${flag} ${text}: allowed NONE, LIMITED or FULL`);
}

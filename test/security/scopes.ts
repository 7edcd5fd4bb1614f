// Which OAuth scopes a built Apps Script project needs, from the services its code calls. Apps Script
// decides the scopes from the code when the manifest lists none; once `oauthScopes` is set it asks for
// exactly those, so the list must be kept equal to what the code uses — no more (users are asked for
// less), no fewer (the call would fail at run time).
// Scopes: https://developers.google.com/apps-script/concepts/scopes and each service's reference page
// ("Authorization: scripts that use this method require authorization with one or more of …").

const SCOPE = 'https://www.googleapis.com/auth/';

export interface ScopeRule {
  /** A call site in the built code. */
  pattern: RegExp;
  scope: string;
}

export const SCOPE_RULES: ScopeRule[] = [
  // The container spreadsheet only; opening any other spreadsheet needs the full scope.
  {
    pattern:
      /\bSpreadsheetApp\s*\.\s*(getActive|getActiveSpreadsheet|getActiveSheet|getActiveRange|getActiveRangeList|getCurrentCell|getSelection|flush|setActiveSheet|setActiveRange)\b/,
    scope: `${SCOPE}spreadsheets.currentonly`,
  },
  { pattern: /\bSpreadsheetApp\s*\.\s*(openById|openByUrl|open|create)\b/, scope: `${SCOPE}spreadsheets` },
  // Menus, dialogs, sidebars, alerts inside the document.
  { pattern: /\bSpreadsheetApp\s*\.\s*getUi\b/, scope: `${SCOPE}script.container.ui` },
  { pattern: /\.\s*(showSidebar|showModalDialog|showModelessDialog)\s*\(/, scope: `${SCOPE}script.container.ui` },
  {
    pattern: /\bScriptApp\s*\.\s*(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\b/,
    scope: `${SCOPE}script.scriptapp`,
  },
  { pattern: /\bMailApp\s*\.\s*sendEmail\b/, scope: `${SCOPE}script.send_mail` },
  { pattern: /\bSession\s*\.\s*(getActiveUser|getEffectiveUser)\b/, scope: `${SCOPE}userinfo.email` },
  // Connected Sheets: "enableBigQueryExecution() … adds the required bigquery.readonly OAuth scope"
  // (developers.google.com/apps-script/guides/sheets/connected-sheets).
  { pattern: /\bSpreadsheetApp\s*\.\s*enableBigQueryExecution\b/, scope: `${SCOPE}bigquery.readonly` },
  { pattern: /\bUrlFetchApp\s*\./, scope: `${SCOPE}script.external_request` },
  { pattern: /\bDriveApp\s*\./, scope: `${SCOPE}drive` },
  { pattern: /\bGmailApp\s*\./, scope: 'https://mail.google.com/' },
  { pattern: /\bCalendarApp\s*\./, scope: 'https://www.googleapis.com/auth/calendar' },
  { pattern: /\bDocumentApp\s*\./, scope: `${SCOPE}documents` },
  { pattern: /\bFormApp\s*\./, scope: `${SCOPE}forms` },
  { pattern: /\bSlidesApp\s*\./, scope: `${SCOPE}presentations` },
];

/** Services that need no scope of their own (or only through a method covered above). */
const NO_SCOPE_SERVICES = new Set([
  'SpreadsheetApp',
  'ScriptApp',
  'MailApp',
  'Session',
  'HtmlService',
  'LockService',
  'PropertiesService',
  'CacheService',
  'Utilities',
  'Logger',
  'ContentService',
  'XmlService',
  'Charts',
  'CardService',
]);

export interface ScopeScan {
  scopes: string[];
  /** Services the code calls that no rule knows: the map must learn them before the check can pass. */
  unknownServices: string[];
}

export function requiredScopes(code: string): ScopeScan {
  const scopes = new Set<string>();
  for (const rule of SCOPE_RULES) if (rule.pattern.test(code)) scopes.add(rule.scope);
  const ruled = new Set(SCOPE_RULES.map((r) => /\\b(\w+)/.exec(r.pattern.source)?.[1]).filter(Boolean) as string[]);
  const unknown = new Set<string>();
  for (const m of code.matchAll(/\b([A-Z][A-Za-z]*(?:App|Service))\s*\.\s*[A-Za-z_]/g)) {
    if (!NO_SCOPE_SERVICES.has(m[1]) && !ruled.has(m[1])) unknown.add(m[1]);
  }
  return { scopes: [...scopes].sort(), unknownServices: [...unknown].sort() };
}

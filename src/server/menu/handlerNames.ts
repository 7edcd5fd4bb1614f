/**
 * Names of the top-level functions that menus and triggers refer to by string. One map, so a rename is a
 * compile error here instead of a menu item that silently stops working in Sheets.
 */
export const HANDLERS = {
  hourly: 'runHourly',
  recolorNow: 'recolorNow',
  previewAlerts: 'previewAlerts',
  sendAlertsNow: 'sendAlertsNow',
  automationOn: 'turnAutomationOn',
  automationOff: 'turnAutomationOff',
  openRunLog: 'openRunLog',
  qbrSidebar: 'openQbrSidebar',
  openSettings: 'openSettings',
  setUpSheets: 'setUpSheets',
  checkHeaders: 'checkHeaders',
  buildDashboard: 'buildDashboard',
  connectBigQueryTable: 'connectBigQueryTable',
  testTriggerRun: 'runHourlyTriggerSoon',
} as const satisfies Record<string, keyof typeof import('../../index.ts')>;

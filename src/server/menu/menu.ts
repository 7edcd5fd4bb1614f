import { automationIsOn } from '../jobs/automation';
import { healthNotes, tierBackgrounds } from '../jobs/recolor';
import { lastRunWarning } from '../jobs/runLog';
import { rememberAutomation, rememberedAutomation } from '../jobs/triggerContext';
import { activeSpreadsheet, loadSettings, todayIn } from '../platform/spreadsheetContext';
import { readPartnerTable } from '../sheets/partnerSheet';
import { HANDLERS } from './handlerNames';

/**
 * The PartnerPulse menu. Before the add-on is used in this document (AuthMode.NONE) it may not read the sheet
 * or properties, so it shows the items without the automation state; in LIMITED (onOpen) the trigger list is
 * refused, so the state comes from what turning automation on or off recorded (docs/google-fidelity.md).
 */
export function buildMenu(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  const ui = SpreadsheetApp.getUi();
  // An installed add-on's menu goes under Extensions with the add-on's name; a copy not running as an add-on
  // (installation source NONE: bound copy, test deployment) would show the script project's name there, so it
  // makes its own top-level "PartnerPulse" menu. Where even asking is refused (AuthMode.NONE), the add-on menu.
  const notInstalled =
    orNull(() => String(ScriptApp.getInstallationSource())) === String(ScriptApp.InstallationSource.NONE);
  const menu = notInstalled ? ui.createMenu('PartnerPulse') : ui.createAddonMenu();
  const limited = e?.authMode !== undefined && String(e.authMode) === String(ScriptApp.AuthMode.NONE);
  if (!limited) {
    const warning = orNull(() => lastRunWarning(activeSpreadsheet(), loadSettings(), new Date()));
    if (warning) menu.addItem(`⚠ ${warning}`, HANDLERS.openRunLog).addSeparator();
  }
  // The QBR sidebar is what a partner manager opens most, so it comes first.
  menu
    .addItem('Prepare QBR…', HANDLERS.qbrSidebar)
    .addSeparator()
    .addItem('Recolor now', HANDLERS.recolorNow)
    .addItem("Preview today's alerts", HANDLERS.previewAlerts)
    .addItem("Send today's alerts now", HANDLERS.sendAlertsNow)
    .addSeparator();
  const on = limited ? null : orNull(() => automationState());
  if (on === null) {
    menu.addItem('Turn daily automation on', HANDLERS.automationOn);
  } else if (on) {
    menu.addItem('Turn daily automation off (it is on)', HANDLERS.automationOff);
  } else {
    menu.addItem('Turn daily automation on (it is off)', HANDLERS.automationOn);
  }
  menu.addItem('Open the run log', HANDLERS.openRunLog);
  // A copy that is not an installed add-on (test deployment, bound copy) can start the trigger at once, for the
  // checks of docs/test-deployment.md.
  if (!limited && notInstalled) {
    menu.addItem('Test: run the hourly trigger in a minute', HANDLERS.testTriggerRun);
  }
  menu
    .addSeparator()
    .addItem('Build dashboard', HANDLERS.buildDashboard)
    .addItem('Connect a BigQuery table…', HANDLERS.connectBigQueryTable)
    .addItem('Set up example sheets', HANDLERS.setUpSheets)
    .addItem('Check headers', HANDLERS.checkHeaders)
    .addItem('Settings…', HANDLERS.openSettings);
  menu.addToUi();
}

/** On or off: the trigger list where it may be read (and the record kept in step), else the record. */
function automationState(): boolean | null {
  const ss = activeSpreadsheet();
  const listed = orNull(() => automationIsOn());
  if (listed === null) return rememberedAutomation(ss);
  if (rememberedAutomation(ss) !== listed) orNull(() => rememberAutomation(ss, listed, []));
  return listed;
}

/**
 * What the menu shows beyond its items needs authorized services; where Sheets refuses them to a simple
 * trigger, the menu is still built, without the extra line, rather than not at all.
 */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * Simple trigger on edit: recolors just the edited rows of the partner sheet, with one read of the table
 * and one write over the edited rows.
 */
export function recolorEditedRows(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // In NONE (the add-on not yet used in this document) the sheet and settings are off limits: nothing to do;
  // Recolor now and the daily run color the rows.
  if (String(e.authMode) === String(ScriptApp.AuthMode.NONE)) return;
  try {
    recolorRows(e);
  } catch (error) {
    // A simple trigger's error reaches no one: say it where the editor is looking, and in the execution log.
    const message = `PartnerPulse could not recolor the edited rows: ${(error as Error).message} Use Extensions › PartnerPulse › Recolor now.`;
    console.error(message);
    try {
      e.source.toast(message, 'PartnerPulse');
    } catch {
      // The toast is the last resort; the execution log has the message.
    }
  }
}

function recolorRows(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const settings = loadSettings();
  const sheet = e.range.getSheet();
  if (sheet.getName() !== settings.sheets.partners) return;
  const first = Math.max(e.range.getRow(), 2);
  const ss = e.source;
  // Segments rank partners against each other, but the fill depends only on the row's own health score,
  // so the edited rows are enough.
  const table = readPartnerTable(ss, settings, todayIn(ss, new Date()));
  // Rows cleared at the bottom of the table are no longer in it: nothing to color there.
  const last = Math.min(e.range.getLastRow(), table.rows.length + 1);
  if (last < first) return;
  const { column, width, colors } = tierBackgrounds(table, settings);
  sheet.getRange(first, column, last - first + 1, width).setBackgrounds(colors.slice(first - 2, last - 1));
  const notes = healthNotes(table, settings);
  if (notes) sheet.getRange(first, notes.column, last - first + 1, 1).setNotes(notes.notes.slice(first - 2, last - 1));
}

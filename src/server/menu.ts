import { activeSpreadsheet, loadSettings, todayIn } from './context';
import { automationIsOn } from './automation';
import { HANDLERS } from './handlers';
import { readPartnerTable } from './partnerSheet';
import { healthNotes, tierBackgrounds } from './recolor';
import { lastRunWarning } from './runLog';

/**
 * The PartnerPulse menu. Before the add-on is authorized in this document (AuthMode.NONE) it may not read
 * triggers or properties, so it shows the items without the automation state.
 */
export function buildMenu(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
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
  const on = limited ? null : orNull(() => automationIsOn());
  if (on === null) {
    menu.addItem('Turn daily automation on', HANDLERS.automationOn);
  } else if (on) {
    menu.addItem('Turn daily automation off (it is on)', HANDLERS.automationOff);
  } else {
    menu.addItem('Turn daily automation on (it is off)', HANDLERS.automationOn);
  }
  menu.addItem('Open the run log', HANDLERS.openRunLog);
  menu
    .addSeparator()
    .addItem('Build dashboard', HANDLERS.buildDashboard)
    .addItem('Connect a BigQuery table…', HANDLERS.connectBigQueryTable)
    .addItem('Set up example sheets', HANDLERS.setUpSheets)
    .addItem('Check headers', HANDLERS.checkHeaders)
    .addItem('Settings…', HANDLERS.openSettings);
  menu.addToUi();
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

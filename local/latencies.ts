/**
 * Estimated time, in milliseconds, that one call of a service method takes inside Google's Apps Script
 * runtime. The local runtime advances its virtual clock by these amounts (see local/calls.ts), so a run
 * reports roughly how long it would take in Google and hits the 6-minute / 30-second limits where Apps
 * Script would.
 *
 * Where the figures come from: Google's "Best practices" guide
 * (https://developers.google.com/apps-script/guides/support/best-practices, "Minimize calls to other
 * services" and "Use batch operations") says every call to Sheets, Gmail etc. fetches data from Google's
 * servers and is much slower than plain JavaScript, and shows a per-cell loop of 10,000 setBackground
 * calls as the slow pattern to avoid. Google publishes no per-call numbers, so the exact values below are
 * OUR ESTIMATES, in the range commonly measured for container-bound scripts: a round trip to the Sheets
 * backend ~50–400 ms, reads cheaper than writes, anything that only touches the script's own memory ~1 ms,
 * sending an e-mail ~1 s. They are meant to rank designs (one getValues vs. a cell-by-cell loop), not to
 * predict a run to the second.
 *
 * Calls that move cells also cost per cell ("cells.read", "cells.written" below, added to the call's own
 * latency by CallLog.countCells), because a getValues of 200,000 rows is not as quick as one of 10 — Google's
 * guide says batching is faster, not that size is free. The per-cell figures are OUR ASSUMPTION, calibrated on
 * the one public measurement we found: a StackOverflow answer comparing ScriptDB and SpreadsheetApp (mirrored at
 * https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp) timed a
 * single setValues of 4,000 cells at under 50 ms, i.e. about 12 µs a cell call included. We charge 20 µs per
 * cell written (values, backgrounds, notes and formats alike: the backend also recalculates and records a
 * revision) and 10 µs per cell read, so a 1-million-cell read is estimated at ~10 s and a 200,000-cell column
 * write at ~4 s. They are deliberately on the slow side of that measurement; docs/limits.md shows what the
 * estimates become with them and how to re-run the bench if you calibrate them against a real spreadsheet.
 */
import type { CallLatencies } from './calls';

export const APPS_SCRIPT_LATENCIES: CallLatencies = {
  /** Anything not listed: a cheap call that stays in the script's process (getters on cached objects). */
  default: 1,

  // Per cell moved by a range read or write, on top of the call (see above).
  'cells.read': 0.01,
  'cells.written': 0.02,

  // Opening the container spreadsheet and finding sheets: one backend round trip each.
  'SpreadsheetApp.getActive': 50,
  'SpreadsheetApp.getActiveSpreadsheet': 50,
  'SpreadsheetApp.openById': 300,
  'SpreadsheetApp.flush': 200,
  'Spreadsheet.getSheetByName': 20,
  'Spreadsheet.getSheets': 20,
  'Spreadsheet.insertSheet': 300,
  'Spreadsheet.getActiveRange': 50,

  // Sheet shape and whole-sheet reads.
  'Sheet.getDataRange': 50,
  'Sheet.getLastRow': 50,
  'Sheet.getLastColumn': 50,
  'Sheet.getMaxRows': 20,
  'Sheet.getMaxColumns': 20,
  'Sheet.appendRow': 200,
  'Sheet.insertRowsAfter': 200,
  'Sheet.deleteRow': 200,
  'Sheet.deleteRows': 200,
  'Sheet.deleteColumns': 200,
  'Sheet.setFrozenRows': 100,
  'Sheet.getCharts': 100,
  'Sheet.insertChart': 400,
  'Sheet.removeChart': 200,

  // Range reads: one call reads the whole block, which is why batching pays.
  'Range.getValue': 100,
  'Range.getValues': 150,
  'Range.getDisplayValues': 150,
  'Range.getFormula': 100,
  'Range.getFormulas': 150,
  'Range.getBackground': 100,
  'Range.getBackgrounds': 150,
  'Range.getNote': 100,
  'Range.getNotes': 150,

  // Range writes: slower than reads (the backend recalculates and records a revision).
  'Range.setValue': 200,
  'Range.setValues': 300,
  'Range.setFormula': 200,
  'Range.setFormulas': 300,
  'Range.setBackground': 200,
  'Range.setBackgrounds': 300,
  'Range.setNote': 200,
  'Range.setNotes': 300,
  'Range.setDataValidation': 250,
  'Range.setNumberFormat': 150,
  'Range.setNumberFormats': 250,
  'Range.setFontWeight': 150,
  'Range.setFontWeights': 250,
  'Range.clearContent': 200,

  // User interface: the browser has to draw it.
  'Ui.showSidebar': 400,
  'Ui.showModalDialog': 400,
  'Ui.alert': 400,
  'Ui.prompt': 400,
  'Ui.addToUi': 100,

  // Other services (local/services): storage round trips and mail.
  'PropertiesService.getScriptProperties': 10,
  'PropertiesService.getDocumentProperties': 10,
  'PropertiesService.getUserProperties': 10,
  'Properties.getProperty': 30,
  'Properties.getProperties': 40,
  'Properties.setProperty': 50,
  'Properties.setProperties': 60,
  'Properties.deleteProperty': 50,
  'Cache.get': 20,
  'Cache.put': 30,
  'Lock.waitLock': 50,
  'Lock.tryLock': 50,
  'Lock.releaseLock': 20,
  'ScriptApp.newTrigger': 50,
  'ScriptApp.getProjectTriggers': 100,
  'TriggerBuilder.create': 500,
  'ScriptApp.deleteTrigger': 300,
  'MailApp.sendEmail': 1000,
  'MailApp.getRemainingDailyQuota': 50,
  'HtmlService.createHtmlOutput': 10,
  'HtmlService.createHtmlOutputFromFile': 50,
  'HtmlService.createTemplateFromFile': 50,
};

import { DayNumber, dayOfIso } from '../core/calendar';
import { Settings, settingsFromJson } from '../core/settings';

export const SETTINGS_KEY = 'partnerpulse.settings';

/** The settings every part of the add-on reads (document properties, shared by all collaborators). */
export function loadSettings(): Settings {
  return settingsFromJson(PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY));
}

/** Today's calendar day in the spreadsheet's time zone (spec §5), whatever the script's zone is. */
export function todayIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): DayNumber {
  return dayOfIso(Utilities.formatDate(now, ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd')) as DayNumber;
}

export function isoDayIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): string {
  return Utilities.formatDate(now, ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
}

export function hourIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): number {
  return Number(Utilities.formatDate(now, ss.getSpreadsheetTimeZone(), 'H'));
}

/** The spreadsheet this run works on; a time-driven run without one cannot do anything useful. */
export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('PartnerPulse found no spreadsheet for this run. Open the partner sheet and turn daily automation on again.');
  return ss;
}

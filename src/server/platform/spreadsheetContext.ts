import {
  type DayNumber,
  dayOfIso,
  intlZoneRules,
  type SheetCalendar,
  sheetCalendar,
  type ZoneRules,
} from '../../core/reading/calendar';
import { type LoadedSettings, readStoredSettings, type Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import { readText } from './store';

/**
 * The stored Settings, read one way by every part of the add-on (document properties, shared by all
 * collaborators; docs/settings.md): the settings in force, the problems found in the stored copy (the dialog
 * shows them), and the stored text itself (its fingerprint is the Settings version formulas take).
 */
export function storedSettings(): LoadedSettings & { json: string | null } {
  const json = readText(STORED.settings);
  return { ...readStoredSettings(json), json };
}

/** The settings in force (see storedSettings). */
export function loadSettings(): Settings {
  return storedSettings().settings;
}

/** Today's calendar day in the spreadsheet's time zone (docs/rules.md §5), whatever the script's zone is. */
export function todayIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): DayNumber {
  return dayOfIso(Utilities.formatDate(now, ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd')) as DayNumber;
}

/**
 * How this spreadsheet turns instants into calendar dates and back (docs/time-zones.md): its own zone and
 * locale, never the script's. Utilities.formatDate answers the zone questions, so no Intl support is assumed.
 */
export function calendarOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetCalendar {
  const zone = ss.getSpreadsheetTimeZone();
  return sheetCalendar(zone, ss.getSpreadsheetLocale(), appsScriptZoneRules(zone));
}

/**
 * A time zone's rules. Utilities.formatDate is the documented answer, but one call per distinct date would
 * make a 200,000-row run's service calls grow with its size; V8's Intl knows the same tz database, so it is
 * used when it agrees with Utilities on the current instant, and Utilities answers everything otherwise.
 */
export function appsScriptZoneRules(zone: string): ZoneRules {
  const viaUtilities: ZoneRules = {
    isoDay: (instant) => Utilities.formatDate(instant, zone, 'yyyy-MM-dd'),
    offsetMinutes(instant) {
      // "Z" gives RFC 822 offsets: +0100, -0800, +0530.
      const z = Utilities.formatDate(instant, zone, 'Z');
      const minutes = Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5));
      return z.startsWith('-') ? -minutes : minutes;
    },
  };
  try {
    const viaIntl = intlZoneRules(zone);
    const probe = new Date();
    if (
      viaIntl.isoDay(probe) === viaUtilities.isoDay(probe) &&
      viaIntl.offsetMinutes(probe) === viaUtilities.offsetMinutes(probe)
    )
      return viaIntl;
  } catch {
    // No Intl time zones in this runtime: Utilities answers.
  }
  return viaUtilities;
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
  if (!ss)
    throw new Error(
      'PartnerPulse found no spreadsheet for this run. Open the partner sheet and turn daily automation on again.',
    );
  return ss;
}

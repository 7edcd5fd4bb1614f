import { type DayNumber, isDate, type SheetCalendar } from '../../core/reading/calendar';
import { AS_OF_SHEET } from '../settings/formulaContext';

/**
 * The as-of cells the formulas take as their last argument, PartnerPulse!B1:B2 (docs/time-zones.md,
 * "Formulas that move on"). Sheets reruns a custom function only when one of its arguments changes, so a
 * formula that judges dates against today would keep yesterday's answer for ever, and one that reads Settings
 * would keep the old rules. B1 holds today's date (written by the first daily run of each day) and B2 a
 * fingerprint of the Settings (written when they are saved); every formula that takes them is recalculated then.
 */
export function keepFormulasCurrent(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  calendar: SheetCalendar,
  today: DayNumber,
  settingsJson: string | null,
): void {
  let sheet = ss.getSheetByName(AS_OF_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(AS_OF_SHEET);
    sheet
      .getRange(1, 1, 3, 1)
      .setValues([
        ['As of'],
        ['Settings version'],
        [
          'PartnerPulse keeps B1:B2 current; formulas that end with PartnerPulse!B1:B2 recalculate when they change. Do not edit.',
        ],
      ]);
  }
  const wanted = [[calendar.dateOf(today)], [settingsFingerprint(settingsJson)]];
  const cells = sheet.getRange(1, 2, 2, 1);
  const [[day], [version]] = cells.getValues();
  const sameDay = isDate(day) && calendar.dayOf(day) === today;
  if (sameDay && version === wanted[1][0]) return;
  cells.setValues(wanted);
}

/** A number that changes whenever the stored Settings do (FNV-1a of their JSON); 0 for never-saved Settings. */
export function settingsFingerprint(json: string | null): number {
  if (json === null) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    hash ^= json.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

import { effectiveSnooze, snoozeKey } from '../../core/alerts/alerts';
import { escalationBreaches } from '../../core/alerts/escalations';
import type { DayNumber, SheetCalendar } from '../../core/reading/calendar';
import { type CellValue, isBlank, readDate } from '../../core/reading/cells';
import { normalizeHeader } from '../../core/reading/partnerTable';
import type { Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import type { WarehouseEscalation } from '../../core/warehouse/queries';
import { loadSnoozesSeen, rememberSnoozeDays } from '../jobs/snoozes';

/**
 * What the warehouse digests take from the spreadsheet besides the table (docs/warehouse.md, "Alerts"): the
 * snoozes kept in the "Warehouse snoozes" sheet and the Escalations sheet's breaches. Both sheets are a few
 * rows; they go into the alert query, so each recipient's worst 20 and the count of all are taken after them.
 */
export const WAREHOUSE_SNOOZES = 'Warehouse snoozes';

/**
 * The partners (trimmed, lower case) whose snooze holds today: "Warehouse snoozes" rows of Partner and Snooze
 * until, under the same 90-day cap as the partner sheet's Snooze until column. A row whose date cannot be
 * read holds nothing (its partner's alerts go out).
 */
export function heldSnoozes(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, today: DayNumber, calendar: SheetCalendar) {
  const sheet = ss.getSheetByName(WAREHOUSE_SNOOZES);
  if (!sheet) return [];
  const [header = [], ...rows] = sheet.getDataRange().getValues() as CellValue[][];
  const names = header.map((h) => normalizeHeader(String(h)));
  const partnerAt = names.indexOf(normalizeHeader('Partner'));
  const untilAt = names.indexOf(normalizeHeader('Snooze until'));
  if (partnerAt < 0 || untilAt < 0) return [];
  const snoozes: { partner: string; asked: DayNumber }[] = [];
  for (const row of rows) {
    if (isBlank(row[partnerAt])) continue;
    try {
      const asked = readDate(row[untilAt], 'Snooze until', calendar);
      if (asked !== null) snoozes.push({ partner: String(row[partnerAt]), asked });
    } catch {
      // An unreadable date holds nothing: the partner's alerts are not silenced by a typo.
    }
  }
  const seen = loadSnoozesSeen(STORED.warehouseSnoozesSeen);
  // First-seen days apart from the partner sheet's (STORED.warehouseSnoozesSeen); what did not fit is only held longer.
  rememberSnoozeDays(snoozes, seen, today, STORED.warehouseSnoozesSeen);
  return snoozes
    .filter((s) => today < effectiveSnooze(s.asked, seen.get(snoozeKey(s.partner, s.asked)) ?? today).until)
    .map((s) => s.partner.trim().toLowerCase());
}

/** The Escalations sheet's breaches (docs/rules.md §5) for the warehouse digest; a Medium one goes to the partner's owner. */
export function warehouseEscalations(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
): WarehouseEscalation[] {
  const sheet = ss.getSheetByName(settings.sheets.escalations);
  if (!sheet) return [];
  const breaches = escalationBreaches(
    sheet.getDataRange().getValues() as CellValue[][],
    now,
    [],
    { ...settings.escalation, admin: settings.adminEmail },
    settings.rules.escalationHours,
  );
  return breaches.map((b) => ({
    partner: b.partner,
    reason: b.reason,
    recipient: b.severity === 'Medium' ? null : b.recipient,
    toOwner: b.severity === 'Medium',
  }));
}

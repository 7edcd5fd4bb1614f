import { AlertItem } from '../core/alerts';
import { DayNumber } from '../core/calendar';
import { CellValue } from '../core/cells';
import { DashboardBlock } from '../core/dashboard';
import { PartnerView } from '../core/evaluate';
import { lifecycleAlerts } from '../core/journeyAlerts';
import { JourneyDetails, journeyBlocks, lifecycleView, risksView } from '../core/journeyView';
import { openEscalationCounts } from '../core/risks';
import { Settings } from '../core/settings';
import { PartnerTable } from './partnerSheet';

/** The partner-journey items of the day's digests (spec §9, §10; docs/journey.md). */
export function journeyAlerts(settings: Settings, table: PartnerTable, today: DayNumber): AlertItem[] {
  return lifecycleAlerts(table.views, today, settings.rules, { adminEmail: settings.adminEmail });
}

/** Open escalations per partner, from one read of the Escalations sheet (none when it does not exist). */
function openEscalations(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): Map<string, number> {
  const sheet = ss.getSheetByName(settings.sheets.escalations);
  return openEscalationCounts(sheet ? (sheet.getDataRange().getValues() as CellValue[][]) : []);
}

/** The dashboard's lifecycle, stalled and risk tables. */
export function journeyDashboardBlocks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, table: PartnerTable, today: DayNumber): DashboardBlock[] {
  return journeyBlocks(table.views, openEscalations(ss, settings), today, settings.rules);
}

export function journeyDetails(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, view: PartnerView, today: DayNumber): JourneyDetails {
  return {
    lifecycle: lifecycleView(view, today, settings.rules),
    risks: risksView(view, openEscalations(ss, settings), today, settings.rules),
  };
}

import type { AlertItem } from '../../core/alerts/alerts';
import type { DashboardBlock } from '../../core/dashboard/dashboard';
import type { PartnerHistory } from '../../core/history/compactHistory';
import { type JointPlanRead, milestoneAlerts, planFor, readJointPlan } from '../../core/journey/jointPlan';
import { lifecycleAlerts } from '../../core/journey/journeyAlerts';
import { moversBlock, partnerMoves } from '../../core/journey/movers';
import { openEscalationCounts } from '../../core/journey/risks';
import { type JourneyDetails, journeyBlocks, lifecycleView, risksView } from '../../core/journey/view';
import { quarterKey } from '../../core/qbr/meeting';
import { howToAdd } from '../../core/qbr/optionalSheets';
import type { DayNumber, SheetCalendar } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import type { Settings } from '../../core/settings/settings';
import type { PartnerTable } from '../sheets/partnerSheet';
import { readQuarterSnapshot, snapshotsByQuarter } from '../sheets/quarterSnapshots';

/** The Joint plan sheet, read once; null when the spreadsheet has none (it is optional). */
export function readJointPlanSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  today: DayNumber,
  calendar: SheetCalendar,
): JointPlanRead | null {
  const sheet = ss.getSheetByName(settings.sheets.jointPlan);
  return sheet
    ? readJointPlan(sheet.getDataRange().getValues() as CellValue[][], today, calendar, settings.sheets.jointPlan)
    : null;
}

/** The partner-journey items of the day's digests: lifecycle (docs/rules.md §9) and overdue milestones (docs/rules.md §10). */
export function journeyAlerts(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  table: PartnerTable,
  today: DayNumber,
): AlertItem[] {
  const alertSettings = { adminEmail: settings.adminEmail };
  const plan = readJointPlanSheet(ss, settings, today, table.calendar);
  return [
    ...lifecycleAlerts(table.views, today, settings.rules, alertSettings),
    ...(plan ? milestoneAlerts(plan.milestones, table.views, alertSettings) : []),
  ];
}

/** Open escalations per partner, from one read of the Escalations sheet (none when it does not exist). */
function openEscalations(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): Map<string, number> {
  const sheet = ss.getSheetByName(settings.sheets.escalations);
  return openEscalationCounts(sheet ? (sheet.getDataRange().getValues() as CellValue[][]) : []);
}

/**
 * The dashboard's lifecycle, stalled, risk and movers tables. The movers' snapshots come from the Health
 * history: `oldLayoutHistory` when the caller already read a whole old-layout history (it is not read twice),
 * else the history's Partner and Quarter snapshots columns.
 */
export function journeyDashboardBlocks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  table: PartnerTable,
  today: DayNumber,
  oldLayoutHistory?: readonly PartnerHistory[],
): DashboardBlock[] {
  const snapshots = oldLayoutHistory ? snapshotsByQuarter(oldLayoutHistory) : readQuarterSnapshot(ss, settings);
  return [
    ...journeyBlocks(table.views, openEscalations(ss, settings), today, settings.rules, table.calendar),
    moversBlock(snapshots, quarterKey(today)),
  ];
}

/** What the QBR sidebar shows of the partner's journey: stage, risks, last moves, joint plan (docs/journey.md). */
export function journeyDetails(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  view: PartnerView,
  today: DayNumber,
  calendar: SheetCalendar,
): JourneyDetails {
  const plan = readJointPlanSheet(ss, settings, today, calendar);
  return {
    lifecycle: lifecycleView(view, today, settings.rules),
    risks: risksView(view, openEscalations(ss, settings), today, settings.rules),
    moves: partnerMoves(readQuarterSnapshot(ss, settings), view.record.name),
    plan: plan
      ? { present: true, value: planFor(plan.milestones, view.record.name), problems: plan.problems }
      : { present: false, how: howToAdd('jointPlan', settings.sheets.jointPlan) },
  };
}

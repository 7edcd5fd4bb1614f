// The globals Apps Script sees: every function exported here becomes a top-level function of dist/Code.js
// (scripts/build.mjs), with the JSDoc written here. Nothing else is reachable from Sheets or the sidebar.

import type { PartnerRef, QbrActionResult, QbrData, WhatIfChanges } from './contracts/qbrSidebar';
import type { SaveResult, SettingsDialogData } from './contracts/settingsDialog';
import { healthBreakdown } from './customFunctions/breakdown';
import type { Arg, Output } from './customFunctions/columns';
import { partnerHealth, partnerTier } from './customFunctions/health';
import { healthChange } from './customFunctions/healthChange';
import { partnerMetrics } from './customFunctions/metrics';
import { nextTouch as nextTouchColumn } from './customFunctions/nextTouch';
import { quadrantColumn } from './customFunctions/quadrant';
import { segmentColumn } from './customFunctions/segment';
import { partnerStage } from './customFunctions/stage';
import { withTierFloors } from './customFunctions/tierFloors';
import * as automation from './server/jobs/automation';
import { addMilestone, completeMilestone } from './server/journey/jointPlanActions';
import { buildMenu, recolorEditedRows } from './server/menu/menu';
import {
  addActionItem,
  completeActionItem,
  createBrief,
  emailAgenda,
  markHeld,
  setChecklistItem,
} from './server/qbr/actions';
import {
  booleanArg,
  checklistItemArg,
  isoDateArg,
  partnerArg,
  quarterArg,
  rowArg,
  sideArg,
  TEXT_LIMITS,
  textArg,
} from './server/qbr/args';
import { qbrContext, qbrData } from './server/qbr/qbrContext';
import { showQbrSidebar } from './server/qbr/sidebar';
import { applyWhatIf } from './server/qbr/whatIf';
import * as settingsDialog from './server/settings/dialog';
import { formulaContext } from './server/settings/formulaContext';
import * as dashboard from './server/sheets/dashboardSheet';
import * as setUp from './server/sheets/setUp';
import * as warehouse from './server/warehouse/jobs';

type Result = Output | Output[][];

/**
 * Partner health score 0–100 from revenue growth, deals, portal engagement, NPS and strategic fit
 * (Revenue 30, Activity 25, Engagement 20, Satisfaction 15, Strategic fit 10). Blank inputs are left out
 * and the score is rescaled; with fewer than 3 of the 5 present it is "Unknown"; a blank row stays blank.
 * Give whole columns to score every partner in one call: =PARTNER_HEALTH(E2:E, F2:F, H2:H, I2:I, J2:J)
 *
 * @param {number} growth Year-on-year revenue growth as a fraction or percent (0.2 or 20%).
 * @param {number} deals Deals registered this quarter (whole number ≥ 0).
 * @param {string} engagement Weekly, Monthly, Quarterly or Inactive; or the date of last portal activity; or portal logins in the last 90 days.
 * @param {number} nps Partner NPS, −100 to 100.
 * @param {string} fit Strategic fit: Strong, Moderate or Weak.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return The health score 0–100, "Unknown", or blank; one per row for columns.
 * @customfunction
 */
export function PARTNER_HEALTH(growth: Arg, deals: Arg, engagement: Arg, nps: Arg, fit: Arg, as_of?: Arg): Result {
  return partnerHealth([growth, deals, engagement, nps, fit], formulaContext(as_of));
}

/**
 * Health tier of a score: Champion (80–100), Healthy (60–79), At-risk (40–59), Critical (20–39),
 * Churning (0–19) or Unknown, with the floors from PartnerPulse Settings unless given here.
 * Example: =PARTNER_TIER(R2:R) or =PARTNER_TIER(R2:R, 85, 65, 45, 25)
 *
 * @param {number} score A health score 0–100 or "Unknown", or a column of them (the PARTNER_HEALTH column).
 * @param {number} champion_from Optional: lowest Champion score (Settings: 80).
 * @param {number} healthy_from Optional: lowest Healthy score (Settings: 60).
 * @param {number} at_risk_from Optional: lowest At-risk score (Settings: 40).
 * @param {number} critical_from Optional: lowest Critical score (Settings: 20); below it is Churning.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return The tier name; one per row for a column.
 * @customfunction
 */
export function PARTNER_TIER(
  score: Arg,
  champion_from?: Arg,
  healthy_from?: Arg,
  at_risk_from?: Arg,
  critical_from?: Arg,
  as_of?: Arg,
): Result {
  return partnerTier(
    [score],
    withTierFloors(formulaContext(as_of).rules, [champion_from, healthy_from, at_risk_from, critical_from]),
  );
}

/**
 * Partner segment: Strategic (top 10 % revenue, not declining), At-risk (declining and disengaged), Growth
 * (growing), Long-tail (bottom-quartile revenue, 2 deals or fewer) or Stable. Needs whole columns, because
 * a partner's segment depends on how its revenue ranks: =SEGMENT(C2:C, E2:E, F2:F, H2:H)
 *
 * @param {number[]} revenue Revenue this quarter, the whole column.
 * @param {number[]} growth Year-on-year growth as fractions or percents, the whole column.
 * @param {number[]} deals Deals registered this quarter, the whole column.
 * @param {string[]} engagement Portal engagement (label, last-activity date or logins), the whole column.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return One segment per row.
 * @customfunction
 */
export function SEGMENT(revenue: Arg, growth: Arg, deals: Arg, engagement: Arg, as_of?: Arg): Result {
  return segmentColumn([revenue, growth, deals, engagement], formulaContext(as_of));
}

/**
 * Partner matrix quadrant from leads and market relevance: Key partner (high leads, high relevance),
 * Unpolished diamond (low leads, high relevance), Growth hacker (high leads, low relevance) or Dementor.
 * High leads = at least the median of the column (and at least 1). Needs whole columns:
 * =PARTNER_QUADRANT(G2:G, K2:K)
 *
 * @param {number[]} leads Leads submitted, the whole column.
 * @param {string[]} relevance Market relevance: High/Low, Yes/No, or 1–5 (4 and 5 are high), the whole column.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return One quadrant per row.
 * @customfunction
 */
export function PARTNER_QUADRANT(leads: Arg, relevance: Arg, as_of?: Arg): Result {
  return quadrantColumn([leads, relevance], formulaContext(as_of).rules);
}

/**
 * The date the next touch is due: last contact plus the segment's cadence (Strategic 7 days, Growth 14,
 * Stable 30, At-risk 7, Long-tail 90). "Now (never contacted)" when there was no contact yet.
 * Example: =NEXT_TOUCH(T2:T, L2:L)
 *
 * @param {string} segment The partner's segment (the SEGMENT column).
 * @param {Date} last_contact Date of the last contact.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return The due date; one per row for columns.
 * @customfunction
 */
export function NEXT_TOUCH(segment: Arg, last_contact: Arg, as_of?: Arg): Result {
  return nextTouchColumn([segment, last_contact], formulaContext(as_of));
}

/**
 * Why a partner has its health score, and what would raise it: six cells per row — the points earned for
 * Revenue (of 30), Activity (of 25), Engagement (of 20), Satisfaction (of 15) and Strategic fit (of 10), blank
 * where that input is blank, and the next best lift ("5+ deals this quarter: +15"; "—" at 100).
 * Give whole columns for one block: =HEALTH_BREAKDOWN(E2:E, F2:F, H2:H, I2:I, J2:J)
 *
 * @param {number} growth Year-on-year revenue growth as a fraction or percent (0.2 or 20%).
 * @param {number} deals Deals registered this quarter (whole number ≥ 0).
 * @param {string} engagement Weekly, Monthly, Quarterly or Inactive; or the date of last portal activity; or portal logins in the last 90 days.
 * @param {number} nps Partner NPS, −100 to 100.
 * @param {string} fit Strategic fit: Strong, Moderate or Weak.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return Six columns per row: Revenue, Activity, Engagement, Satisfaction and Fit points, and the next best lift.
 * @customfunction
 */
export function HEALTH_BREAKDOWN(
  growth: Arg,
  deals: Arg,
  engagement: Arg,
  nps: Arg,
  fit: Arg,
  as_of?: Arg,
): Output[][] {
  return healthBreakdown([growth, deals, engagement, nps, fit], formulaContext(as_of));
}

/**
 * How much a partner's health score changed over 30 days (the health-drop window in Settings), from the
 * Health history sheet that the daily run keeps (one row per partner): the latest score minus the score 30 days
 * before it. Blank until the history reaches back that far. Example: =HEALTH_CHANGE(A2:A, 'Health history'!A:E)
 *
 * @param {string} partner The partner's name, or the whole Partner column.
 * @param {Array} history The Health history sheet's columns, header row included.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return The change in points (negative for a drop); one per row for a column.
 * @customfunction
 */
export function HEALTH_CHANGE(partner: Arg, history: Arg, as_of?: Arg): Result {
  return healthChange(partner, history, formulaContext(as_of));
}

/**
 * Partner lifecycle stage: Recruit (not signed), Onboard (signed 0–30 days ago), Enable
 * (31–60), Activate (61–90), Stalled (more than 90 days without a first deal) or Active (a first deal on or
 * before the day, or deals ≥ 1). A row with all three blank stays blank; a signed date after the day is an
 * error. Give whole columns: =PARTNER_STAGE(O2:O, P2:P, F2:F, PartnerPulse!B1:B2)
 *
 * @param {Date} signed The date the partner signed; blank for a prospect.
 * @param {Date} first_deal The date of the partner's first deal; blank when there is none yet.
 * @param {number} deals Deals registered this quarter (whole number ≥ 0).
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return The stage; one per row for columns.
 * @customfunction
 */
export function PARTNER_STAGE(signed: Arg, first_deal: Arg, deals: Arg, as_of?: Arg): Result {
  return partnerStage([signed, first_deal, deals], formulaContext(as_of));
}

/**
 * Adds the PartnerPulse menu when the spreadsheet opens.
 * @param {Object} e The open event.
 */
export function onOpen(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  buildMenu(e);
}

/**
 * Adds the menu right after the add-on is installed, without waiting for the sheet to be reopened.
 * @param {Object} e The install event.
 */
export function onInstall(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  buildMenu(e);
}

/**
 * Recolors the edited partner rows by health tier.
 * @param {Object} e The edit event.
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  recolorEditedRows(e);
}

/**
 * The hourly time-driven trigger: escalation checks every hour, the daily work once a day.
 * @param {Object} e The time-driven event (triggerUid, authMode, time fields).
 */
export function runHourly(e?: { triggerUid?: string }): void {
  automation.runHourly(e);
}

/** Menu: Recolor now. */
export function recolorNow(): void {
  automation.recolorNow();
}

/** Menu: Preview today's alerts without sending them. */
export function previewAlerts(): void {
  automation.previewAlerts();
}

/** Menu: Send today's alerts now (still one digest per recipient per day). */
export function sendAlertsNow(): void {
  automation.sendAlertsNow();
}

/** Menu: Turn daily automation on (one hourly trigger). */
export function turnAutomationOn(): void {
  automation.turnAutomationOn();
  buildMenu();
}

/** Menu: Turn daily automation off (removes our trigger). */
export function turnAutomationOff(): void {
  automation.turnAutomationOff();
  buildMenu();
}

/** Menu: Open the run log sheet. */
export function openRunLog(): void {
  automation.openRunLog();
}

/** Menu: Prepare QBR… — opens the QBR prep sidebar for the partner in the selected row. */
export function openQbrSidebar(): void {
  showQbrSidebar();
}

/**
 * Sidebar: everything to prepare a QBR with one partner (docs/rules.md §6). An empty or null name means the partner
 * of the selected row on the partner sheet.
 * @param {(string|Object)} partnerName The partner's name as on the partner sheet (the first row of that name), {row, fingerprint} of its row, or null for the selected row.
 */
export function getQbrData(partnerName: string | PartnerRef | null): QbrData {
  const target =
    partnerName === null || partnerName === undefined || partnerName === '' ? null : partnerArg(partnerName);
  return qbrData(qbrContext(), target);
}

/**
 * Sidebar: ticks or unticks one checklist item for a partner and quarter.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {string} quarter The quarter, like 2026-Q4.
 * @param {string} itemId The checklist item.
 * @param {boolean} done Ticked or not.
 */
export function setQbrChecklistItem(
  partnerName: string | PartnerRef,
  quarter: string,
  itemId: string,
  done: boolean,
): QbrActionResult {
  return setChecklistItem(
    partnerArg(partnerName),
    quarterArg(quarter),
    checklistItemArg(itemId),
    booleanArg(done, 'done'),
  );
}

/**
 * Sidebar: adds an action item to the Action items sheet.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {string} item What is to be done.
 * @param {string} side Us, Partner or Both.
 * @param {string} due Due date as YYYY-MM-DD.
 */
export function addQbrActionItem(
  partnerName: string | PartnerRef,
  item: string,
  side: string,
  due: string,
): QbrActionResult {
  return addActionItem(partnerArg(partnerName), textArg(item, 'item'), sideArg(side), isoDateArg(due, 'due'));
}

/**
 * Sidebar: marks an action item done.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {number} row The item's row on the Action items sheet.
 * @param {string} item The item's text, as the sidebar showed it.
 */
export function completeQbrActionItem(partnerName: string | PartnerRef, row: number, item: string): QbrActionResult {
  return completeActionItem(partnerArg(partnerName), rowArg(row, 'row'), textArg(item, 'item'));
}

/**
 * Sidebar: adds a milestone to the partner's joint business plan (the Joint plan sheet, created if missing).
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {string} milestone The measurable milestone.
 * @param {string} side Us, Partner or Both.
 * @param {string} due Due date as YYYY-MM-DD.
 * @param {string} target The target, such as 2 or "3 webinars" (may be empty).
 */
export function addJointPlanMilestone(
  partnerName: string | PartnerRef,
  milestone: string,
  side: string,
  due: string,
  target: string,
): QbrActionResult {
  return addMilestone(
    partnerArg(partnerName),
    textArg(milestone, 'milestone'),
    sideArg(side),
    isoDateArg(due, 'due'),
    textArg(target, 'target', { optional: true, max: TEXT_LIMITS.target }),
  );
}

/**
 * Sidebar: marks a joint plan milestone Done.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {number} row The milestone's row on the Joint plan sheet.
 * @param {string} milestone The milestone's text, as the sidebar showed it.
 */
export function completeJointPlanMilestone(
  partnerName: string | PartnerRef,
  row: number,
  milestone: string,
): QbrActionResult {
  return completeMilestone(partnerArg(partnerName), rowArg(row, 'row'), textArg(milestone, 'milestone'));
}

/**
 * Sidebar: writes the QBR brief into a new sheet tab "QBR <partner> <quarter>" (never over an existing one).
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 */
export function createQbrBrief(partnerName: string | PartnerRef): QbrActionResult {
  return createBrief(partnerArg(partnerName));
}

/**
 * Sidebar: e-mails the QBR agenda to the person using the sidebar, ready to forward.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 */
export function emailQbrAgenda(partnerName: string | PartnerRef): QbrActionResult {
  return emailAgenda(partnerArg(partnerName));
}

/**
 * Sidebar: records a QBR held today: Last QBR, Next QBR (today + the segment's QBR cadence), a QBR log row, and
 * follow-up action items (docs/qbr-sidebar.md).
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {string} notes Meeting notes for the QBR log (may be empty).
 */
export function markQbrHeld(partnerName: string | PartnerRef, notes: string): QbrActionResult {
  return markHeld(partnerArg(partnerName), textArg(notes, 'notes', { optional: true, max: TEXT_LIMITS.notes }));
}

/**
 * Sidebar: writes the what-if panel's changed inputs (growth, deals, engagement, NPS, fit, leads, relevance)
 * to the partner's row, one cell per changed field, after the user confirmed.
 * @param {(string|Object)} partnerName The partner: {row, fingerprint, name} as the sidebar read its row (refused when the row changed since), or its name.
 * @param {Object} changes The new values by field, e.g. {"nps": 60}; null blanks a cell.
 */
export function applyQbrWhatIf(partnerName: string | PartnerRef, changes: WhatIfChanges): QbrActionResult {
  return applyWhatIf(partnerArg(partnerName), changes);
}

/**
 * Program metrics of the partner program (Partner NPS, Time to first deal, Activation rate, Retention,
 * Revenue per partner, QBR completion) against their targets, as a table: Metric, Value, Target, Status.
 * Give whole columns: =PARTNER_METRICS(C2:C, D2:D, F2:F, I2:I, O2:O, P2:P, T2:T, M2:M)
 *
 * @param {number[]} revenue Revenue this quarter, the whole column.
 * @param {number[]} revenue_last_year Revenue in the same quarter last year, the whole column.
 * @param {number[]} deals Deals registered this quarter, the whole column.
 * @param {number[]} nps Partner NPS, the whole column.
 * @param {Date[]} signed Date each partner signed, the whole column.
 * @param {Date[]} first_deal Date of each partner's first deal, the whole column.
 * @param {string[]} segment The partner's segment (the SEGMENT column).
 * @param {Date[]} last_qbr Date of the last QBR, the whole column.
 * @param {Date} as_of Optional: PartnerPulse!B1:B2 — the as-of date and Settings version PartnerPulse keeps, so the formula moves on every day and after Settings are saved; or a date; left out, today.
 * @return A 7-row table: a header row, then one row per metric.
 * @customfunction
 */
export function PARTNER_METRICS(
  revenue: Arg,
  revenue_last_year: Arg,
  deals: Arg,
  nps: Arg,
  signed: Arg,
  first_deal: Arg,
  segment: Arg,
  last_qbr: Arg,
  as_of?: Arg,
): Result {
  return partnerMetrics(
    [revenue, revenue_last_year, deals, nps, signed, first_deal, segment, last_qbr],
    formulaContext(as_of),
  );
}

/** Menu: Settings… (a dialog over every setting of this spreadsheet). */
export function openSettings(): void {
  settingsDialog.openSettings();
}

/** Settings dialog: every setting with its stored value, and the problems with the stored copy, to show. */
export function getSettingsDialog(): SettingsDialogData {
  return settingsDialog.getSettingsDialog();
}

/**
 * Saves the settings sent by the Settings dialog, as JSON. Nothing is saved when any field is refused.
 * @param {string} json The settings (a whole or partial Settings object).
 * @return {Object} { saved, errors: [{ field, message }] }
 */
export function saveSettings(json: string): SaveResult {
  return settingsDialog.saveSettings(json);
}

/** Menu: Set up example sheets (creates the missing ones, never touches an existing sheet). */
export function setUpSheets(): setUp.SetUpResult {
  return setUp.setUpSheets();
}

/** Menu: Check headers of the partner sheet (missing and misspelled columns). */
export function checkHeaders(): string[] {
  return setUp.checkPartnerHeaders();
}

/** Menu: Build dashboard (rewrites the Dashboard sheet only). */
export function buildDashboard(): dashboard.DashboardResult {
  return dashboard.buildDashboard();
}

/** Menu: Connect a BigQuery table… — the partner rules run in BigQuery through Connected Sheets (docs/warehouse.md). */
export function connectBigQueryTable(): void {
  warehouse.connectBigQueryTable();
}

/**
 * Menu of a copy not running as an installed add-on (test deployment, bound copy): replaces this user's hourly
 * trigger here with one that fires once in about a minute, so the trigger's context can be checked in real
 * Google (docs/test-deployment.md). Turn daily automation on again afterwards.
 */
export function runHourlyTriggerSoon(): string {
  const message = automation.runHourlySoon();
  buildMenu();
  return message;
}

import type { PartnerRef, QbrData } from '../../contracts/qbrSidebar';
import type { HealthSnapshot } from '../../core/alerts/alerts';
import { snapshotsOf } from '../../core/history/compactHistory';
import { historyFromRows } from '../../core/history/scoreChange';
import { withPlanPoints } from '../../core/journey/view';
import { quarterKey } from '../../core/qbr/meeting';
import {
  actionItemsFor,
  feedbackFor,
  howToAdd,
  type OptionalSheet,
  pipelineFor,
  samePartner,
} from '../../core/qbr/optionalSheets';
import { TREND_DAYS, trendFor } from '../../core/qbr/trend';
import {
  type Optional,
  type QbrDetails,
  qbrAgenda,
  qbrChecklists,
  qbrNextSteps,
  qbrPartner,
} from '../../core/qbr/view';
import { type DayNumber, isoOfDay } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import { rowFingerprint } from '../../core/reading/partnerTable';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import { WHAT_IF_FIELDS, type WhatIfModel, whatIfInputsOf } from '../../core/scoring/whatIf';
import type { Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import { lastRunWarning } from '../jobs/runLog';
import { journeyDetails } from '../journey/jointPlanSheet';
import { activeSpreadsheet, loadSettings, todayIn } from '../platform/spreadsheetContext';
import { read } from '../platform/store';
import { readPartnerHistory } from '../sheets/healthHistory';
import { type PartnerTable, readPartnerTable } from '../sheets/partnerSheet';
import { sidebarFacts } from './sidebarFacts';

/** What a sidebar call works on: the spreadsheet, the settings, today and the partner table, read once. */
export interface QbrContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  settings: Settings;
  today: DayNumber;
  table: PartnerTable;
}

export function qbrContext(): QbrContext {
  const ss = activeSpreadsheet();
  const settings = loadSettings();
  const today = todayIn(ss, new Date());
  return { ss, settings, today, table: readPartnerTable(ss, settings, today) };
}

/** `{ row }` alone is the server's own re-read right after a write; a bare name is the search box (and older callers). */
export type PartnerTarget = string | PartnerRef | { row: number };

/** Rows (1-based) of the partners named `name`. */
function rowsNamed(ctx: QbrContext, name: string): PartnerView[] {
  return ctx.table.views.filter((v) => !v.record.unnamed && samePartner(v.record.name, name));
}

/** Columns PartnerPulse's own formulas fill: they recalculate by themselves, so they are no change of the row. */
const FORMULA_FIELDS = ['health', 'tier', 'segment', 'quadrant', 'nextTouch'] as const;

/** The fingerprint of a partner's row as read now (every cell but the formula columns). */
export function fingerprintOf(ctx: QbrContext, view: PartnerView): string {
  const skip = new Set(FORMULA_FIELDS.map((f) => ctx.table.columns[f]).filter((c): c is number => c !== undefined));
  return rowFingerprint((ctx.table.rows[view.record.index] ?? []).filter((_, c) => !skip.has(c)));
}

/**
 * The partner's evaluated row, or an error naming the partner and the sheet. By name, a name on two rows is
 * refused (`first` picks the first, for opening the sidebar from the search box); by row, the row must still
 * hold what the sidebar read.
 */
export function findPartner(ctx: QbrContext, target: PartnerTarget, options: { first?: boolean } = {}): PartnerView {
  const sheet = ctx.settings.sheets.partners;
  if (typeof target === 'string') {
    const found = rowsNamed(ctx, target);
    if (found.length === 0) throw new Error(`There is no partner named "${target}" on the "${sheet}" sheet.`);
    if (found.length > 1 && !options.first) {
      throw new Error(
        `"${found[0].record.name}" is on rows ${found.map((v) => v.record.index + 2).join(', ')} of "${sheet}": select the row you mean on the sheet and reopen the sidebar. Nothing was changed.`,
      );
    }
    return found[0];
  }
  const view = ctx.table.views.find((v) => v.record.index + 2 === target.row && !v.record.unnamed);
  if ('fingerprint' in target) {
    const now = view ? fingerprintOf(ctx, view) : null;
    if (!view || now !== target.fingerprint) {
      const was = target.name ? `"${target.name}"` : 'the partner you opened';
      const holds = view
        ? `it now holds "${view.record.name}"${target.name && samePartner(view.record.name, target.name) ? ' with changed values' : ''}`
        : 'it is no longer a partner row';
      throw new Error(
        `Row ${target.row} of "${sheet}" changed since the sidebar read ${was} (${holds}). Nothing was changed: reopen the sidebar or pick the partner again, then retry.`,
      );
    }
  }
  if (!view) throw new Error(`Row ${target.row} of "${sheet}" holds no partner.`);
  return view;
}

/** The partner of the selected row on the partner sheet, or why there is none. */
export function selectedPartner(ctx: QbrContext): { name: string | null; note: string | null; view?: PartnerView } {
  const pick = 'Select a partner’s row on the Partners sheet and reopen, or search for a partner above.';
  const sheet = SpreadsheetApp.getActiveSheet();
  if (!sheet || sheet.getName() !== ctx.settings.sheets.partners)
    return { name: null, note: pick.replace('Partners', ctx.settings.sheets.partners) };
  const range = sheet.getActiveRange();
  const row = range ? range.getRow() : 0;
  const view = ctx.table.views.find((v) => v.record.index + 2 === row);
  return view
    ? { name: view.record.name, note: null, view }
    : { name: null, note: pick.replace('Partners', ctx.settings.sheets.partners) };
}

/** The values of an optional sheet in one read; null when the sheet does not exist. */
export function readOptionalSheet(ctx: QbrContext, sheet: OptionalSheet): CellValue[][] | null {
  const found = ctx.ss.getSheetByName(ctx.settings.sheets[sheet]);
  return found ? (found.getDataRange().getValues() as CellValue[][]) : null;
}

/** The name of one partner's ticks in one quarter in the STORED.checklist family: `2026-Q4.acme`. */
export function checklistName(partner: string, quarter: string): string {
  return `${quarter}.${partner.trim().toLowerCase()}`;
}

export function readTicks(partner: string, quarter: string): Set<string> {
  return new Set(read(STORED.checklist, checklistName(partner, quarter)) ?? []);
}

/** An optional sheet's section: its content, or how to add the sheet (under the name Settings gives it). */
function optional<T>(ctx: QbrContext, sheet: OptionalSheet, read: (v: CellValue[][]) => T): Optional<T> {
  const values = readOptionalSheet(ctx, sheet);
  return values === null
    ? { present: false, how: howToAdd(sheet, ctx.settings.sheets[sheet]) }
    : { present: true, value: read(values) };
}

/** Everything the sidebar shows for one partner. */
export function qbrDetails(ctx: QbrContext, view: PartnerView): QbrDetails {
  const name = view.record.name;
  const problems: string[] = [];
  const pipeline = optional(ctx, 'pipeline', (v) => pipelineFor(v, name, ctx.today, ctx.table.calendar));
  const feedback = optional(ctx, 'feedback', (v) => {
    const read = feedbackFor(v, name, ctx.table.calendar);
    problems.push(...read.problems);
    return read.entries;
  });
  const actionItems = optional(ctx, 'actionItems', (v) => {
    const read = actionItemsFor(v, name, ctx.today, ctx.table.calendar);
    problems.push(...read.problems);
    return read.items;
  });
  if (pipeline.present) problems.unshift(...pipeline.value.problems);
  const partner = {
    ...qbrPartner(view, ctx.settings.rules),
    fingerprint: fingerprintOf(ctx, view),
    // Other rows with this name: the sidebar says so, since alerts, history and search cannot tell them apart.
    duplicates: rowsNamed(ctx, name)
      .filter((v) => v !== view)
      .map((v) => v.record.index + 2),
  };
  const quarter = quarterKey(ctx.today);
  const journey = journeyDetails(ctx.ss, ctx.settings, view, ctx.today, ctx.table.calendar);
  return {
    partner,
    quarter,
    pipeline,
    feedback,
    actionItems,
    sheetProblems: problems,
    agenda: withPlanPoints(qbrAgenda(partner, pipeline, feedback, actionItems), journey),
    checklists: qbrChecklists(readTicks(name, quarter)),
    trend: readTrend(ctx, view),
    whatIf: whatIfModel(ctx, view),
    journey,
    nextSteps: qbrNextSteps(ctx.settings.rules, view.segment, ctx.today),
  };
}

/** The partner's scores from the Health history sheet that the daily run appends to. */
function readTrend(ctx: QbrContext, view: PartnerView): QbrDetails['trend'] {
  const name = ctx.settings.sheets.healthHistory;
  const sheet = ctx.ss.getSheetByName(name);
  if (!sheet) {
    return {
      present: false,
      how: `No "${name}" sheet yet: turn daily automation on (PartnerPulse menu) and it appends every partner's score once a day.`,
    };
  }
  const compact = readPartnerHistory(ctx.ss, ctx.settings, view.record.name);
  let history: HealthSnapshot[] = [];
  if (compact !== null && compact !== 'old layout') {
    history = snapshotsOf(compact, ctx.today - TREND_DAYS - ctx.settings.rules.healthDrop.againstDaysAgo, ctx.today);
  } else if (compact === 'old layout') {
    // The old layout (before the first daily run of this version migrates it): one row per partner per day, in
    // date order, so the last partners × 92 rows hold the 90 days shown and the 30-day baseline.
    const last = sheet.getLastRow();
    const wanted = Math.max(1, ctx.table.records.length) * (TREND_DAYS + 2);
    const first = Math.max(2, last - wanted + 1);
    const rows = last < 2 ? [] : (sheet.getRange(first, 1, last - first + 1, 3).getValues() as CellValue[][]);
    history = historyFromRows(rows, ctx.table.calendar);
  }
  return {
    present: true,
    value: trendFor(
      history,
      view.record.name,
      ctx.today,
      view.health.score,
      ctx.settings.rules.healthDrop.againstDaysAgo,
      TREND_DAYS,
    ),
  };
}

/**
 * Growth derived from revenue is +Infinity for a first year of revenue (cells.ts), which JSON cannot carry;
 * the largest finite number is read the same by every rule (growing 20 %+).
 */
const finite = (growth: number | null): number | null => (growth === Infinity ? Number.MAX_VALUE : growth);

function whatIfModel(ctx: QbrContext, view: PartnerView): WhatIfModel {
  const r = view.record;
  const index = ctx.table.records.indexOf(r);
  return {
    rules: ctx.settings.rules,
    index,
    population: ctx.table.records.map((p) => ({
      revenue: p.revenue,
      growth: finite(p.growth),
      deals: p.deals,
      engagement: p.engagement,
      leads: p.leads,
      relevance: p.relevance,
    })),
    inputs: { ...whatIfInputsOf(r), growth: finite(r.growth) },
    columns: WHAT_IF_FIELDS.filter((f) => ctx.table.columns[f] !== undefined),
  };
}

/**
 * The sidebar's data: the selected row's partner when `target` is empty, else the named partner (the first
 * row of that name, with the others flagged) or the partner of the given row.
 */
export function qbrData(ctx: QbrContext, target: PartnerTarget | null): QbrData {
  const partners = [...new Set(ctx.table.views.filter((v) => !v.record.unnamed).map((v) => v.record.name))];
  const today = isoOfDay(ctx.today);
  const automation = lastRunWarning(ctx.ss, ctx.settings, new Date());
  const facts = sidebarFacts(ctx.settings.rules);
  if (!target) {
    const selected = selectedPartner(ctx);
    if (!selected.view) return { today, partners, details: null, note: selected.note, automation, facts };
    return { today, partners, details: qbrDetails(ctx, selected.view), note: null, automation, facts };
  }
  return {
    today,
    partners,
    details: qbrDetails(ctx, findPartner(ctx, target, { first: true })),
    note: null,
    automation,
    facts,
  };
}

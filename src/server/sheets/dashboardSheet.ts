import { type DashboardBlock, dashboardBlocks } from '../../core/dashboard/dashboard';
import { warehouseCountBlocks, warehousePartners } from '../../core/dashboard/warehouseCounts';
import { baselinesFromHistories, dailyAverages } from '../../core/history/compactHistory';
import { type DayNumber, isoOfDay } from '../../core/reading/calendar';
import { checkHeaders } from '../../core/reading/headerCheck';
import { aliasesOf, type Settings } from '../../core/settings/settings';
import { journeyDashboardBlocks } from '../journey/jointPlanSheet';
import { activeSpreadsheet, loadSettings, todayIn } from '../platform/spreadsheetContext';
import { loadConnection, readWarehouseCounts, tablePath } from '../warehouse/connection';
import { readHealthHistory } from './healthHistory';
import { asText } from './logSheets';
import { readPartnerTable } from './partnerSheet';

/** The dashboard's first cell; a sheet of that name without it (and not empty) is someone else's. */
const TITLE = 'PartnerPulse dashboard';

function isOurs(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  return sheet.getLastRow() === 0 || sheet.getRange(1, 1).getValue() === TITLE;
}

/** Charts sit right of the tables, from this column on. */
const CHART_COLUMN = 11;

function chartBuilder(sheet: GoogleAppsScript.Spreadsheet.Sheet, type: NonNullable<DashboardBlock['chart']>['type']) {
  const b = sheet.newChart();
  switch (type) {
    case 'column':
      return b.asColumnChart();
    case 'pie':
      return b.asPieChart();
    case 'bar':
      return b.asBarChart();
    case 'line':
      return b.asLineChart();
  }
}

export interface DashboardResult {
  sheet: string;
  blocks: string[];
  charts: number;
}

/**
 * Menu: Build dashboard. Writes the Dashboard sheet (ours: rebuilding clears it and its charts first; no
 * other sheet is written), one setValues per table, with a chart beside the tier, segment, owner-load and
 * trend tables.
 */
export function buildDashboard(): DashboardResult {
  const ss = activeSpreadsheet();
  const settings = loadSettings();
  const today = todayIn(ss, new Date());
  // A connected warehouse table has its own count tables from the aggregate query (docs/dashboard.md); a
  // spreadsheet with only the warehouse has no partner sheet to read.
  const warehouse = loadConnection();
  const sheetBlocks =
    warehouse === null || ss.getSheetByName(settings.sheets.partners) !== null
      ? partnerSheetBlocks(ss, settings, today)
      : null;
  const blocks = sheetBlocks?.blocks ?? [];
  const sources = sheetBlocks ? [`${sheetBlocks.partners} partners on "${settings.sheets.partners}"`] : [];
  if (warehouse) {
    const counts = readWarehouseCounts(ss, warehouse, settings, isoOfDay(today));
    blocks.push(...warehouseCountBlocks(counts, tablePath(warehouse)));
    sources.push(
      `${warehousePartners(counts)} partners in BigQuery table ${tablePath(warehouse)} (counted by an aggregate query; shown apart from the sheet's, never added to them)`,
    );
  }
  return writeDashboard(ss, settings, blocks, `As of ${isoOfDay(today)}, from ${sources.join(' and ')}.`);
}

/** The tables of the partner sheet: metrics, counts, capacity, trend, journey, header findings. */
function partnerSheetBlocks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  today: DayNumber,
): { blocks: DashboardBlock[]; partners: number } {
  const table = readPartnerTable(ss, settings, today);
  // The months the trend and the drops need, not the whole history (docs/limits.md).
  const againstDaysAgo = settings.rules.healthDrop.againstDaysAgo;
  const window = readHealthHistory(ss, settings, today, againstDaysAgo, table.calendar);
  const history = window.sheet
    ? {
        baseline: baselinesFromHistories(window.histories, today, againstDaysAgo),
        trend: dailyAverages(window.histories, 12),
      }
    : null;
  const blocks = dashboardBlocks(table.views, history, today, settings.rules, table.calendar);
  // An old-layout history was read whole just now: its quarter snapshots serve the movers too (no second read).
  blocks.push(...journeyDashboardBlocks(ss, settings, table, today, window.oldLayout ? window.histories : undefined));
  // Numbers built on a misspelled column are quietly smaller, so the header check is shown with them.
  const findings = checkHeaders(table.header, aliasesOf(settings), table.rows, table.calendar);
  if (findings.length)
    blocks.push({
      title: 'Partner sheet headers',
      header: ['What the header check found'],
      rows: findings.map((f) => [f.message]),
    });
  return { blocks, partners: table.views.length };
}

/** Writes the Dashboard sheet (ours only), one setValues per table, a chart beside the tables that ask for one. */
function writeDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  blocks: DashboardBlock[],
  asOf: string,
): DashboardResult {
  let sheet = ss.getSheetByName(settings.sheets.dashboard);
  if (sheet && !isOurs(sheet)) {
    throw new Error(
      `There is a sheet named "${settings.sheets.dashboard}" that PartnerPulse did not write, so it was left alone. ` +
        'Rename that sheet, or choose another dashboard sheet name in PartnerPulse → Settings.',
    );
  }
  if (sheet) {
    sheet.getCharts().forEach((c) => (sheet as GoogleAppsScript.Spreadsheet.Sheet).removeChart(c));
    sheet.clear();
  } else {
    sheet = ss.insertSheet(settings.sheets.dashboard);
  }
  const width = Math.max(...blocks.map((b) => b.header.length));
  const pad = (row: (string | number | Date)[]) => [
    ...row.map((c) => (typeof c === 'string' ? asText(c) : c)),
    ...Array(width - row.length).fill(''),
  ];
  const intro = [[TITLE], [`${asOf} Build dashboard again to refresh; it rewrites this sheet only.`]];
  sheet.getRange(1, 1, 2, width).setValues(intro.map(pad));
  sheet.getRange(1, 1).setFontWeight('bold');
  let row = 4;
  let charts = 0;
  for (const block of blocks) {
    const values = [[block.title], block.header, ...block.rows].map(pad);
    sheet.getRange(row, 1, values.length, width).setValues(values);
    sheet.getRange(row, 1, 2, width).setFontWeight('bold');
    for (const c of block.percentColumns ?? [])
      sheet.getRange(row + 2, c + 1, Math.max(1, block.rows.length), 1).setNumberFormat('0%');
    if (block.chart && block.rows.length > 0) {
      const data = sheet.getRange(row + 1, 1, block.rows.length + 1, block.chart.columns);
      const chart = chartBuilder(sheet, block.chart.type)
        .addRange(data)
        .setNumHeaders(1)
        .setOption('title', block.chart.title)
        .setOption('legend', { position: block.chart.type === 'pie' ? 'right' : 'none' })
        .setPosition(row, CHART_COLUMN, 0, 0)
        .build();
      sheet.insertChart(chart);
      charts++;
    }
    // Charts are about 20 rows tall; leave room so the next one does not overlap.
    row += Math.max(values.length + 1, block.chart ? 21 : 0);
  }
  return { sheet: settings.sheets.dashboard, blocks: blocks.map((b) => b.title), charts };
}

import type { WarehouseCount } from '../../core/dashboard/warehouseCounts';
import type { Settings } from '../../core/settings/settings';
import { STORED, type WarehouseConnection } from '../../core/store/storedKeys';
import { checkWarehouseSchema } from '../../core/warehouse/columns';
import { BIGQUERY } from '../../core/warehouse/dialect';
import { countsSql } from '../../core/warehouse/queries';
import { type RulesSqlOptions, rulesSql } from '../../core/warehouse/rulesSql';
import { read, write } from '../platform/store';

export type { WarehouseConnection };

// A partner table in BigQuery, connected through Connected Sheets (docs/warehouse.md): the add-on keeps the
// rules' query in a data source sheet, so BigQuery computes every partner's health, tier, segment, quadrant
// and next touch, and the script reads only a page of alerts and a handful of counts. The connection is
// stored as STORED.warehouse.

/** The data source sheets PartnerPulse owns, by the name it gives them. */
export const WAREHOUSE_SHEETS = {
  partners: 'Warehouse partners',
  alerts: 'Warehouse alerts',
  counts: 'Warehouse counts',
} as const;

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const TABLE = /^([A-Za-z0-9_-]+\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_$-]+$/;

/** The connection as typed into the dialog, or an error naming the field, the value and what is allowed. */
export function readConnection(projectId: string, table: string): WarehouseConnection {
  const project = projectId.trim();
  const name = table.trim();
  if (!PROJECT.test(project))
    throw new Error(
      `Project "${projectId}" is not a Google Cloud project ID; allowed: 6–30 lowercase letters, digits and hyphens, starting with a letter (my-project-123)`,
    );
  if (!TABLE.test(name))
    throw new Error(`Table "${table}" is not a BigQuery table; allowed: dataset.table, such as partners_ds.partners`);
  return { projectId: project, table: name };
}

/** The table as the queries name it: `project.dataset.table`. */
export function tablePath(c: WarehouseConnection): string {
  return c.table.split('.').length === 3 ? c.table : `${c.projectId}.${c.table}`;
}

export function loadConnection(): WarehouseConnection | null {
  return read(STORED.warehouse);
}

export function saveConnection(c: WarehouseConnection): void {
  write(STORED.warehouse, c);
}

/**
 * What every query over the table is generated for: the table, the day (YYYY-MM-DD, in the spreadsheet's zone)
 * and the spreadsheet's locale, which decides how an engagement typed as a text date reads (docs/warehouse.md).
 */
export function queryOptions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, c: WarehouseConnection, day: string) {
  return { table: tablePath(c), asOf: day, locale: ss.getSpreadsheetLocale() };
}

/** The rules' query for `day` under the current Settings. */
export function partnersQuery(options: RulesSqlOptions, settings: Settings): string {
  return rulesSql(settings.rules, BIGQUERY, options);
}

export function countsQuery(options: RulesSqlOptions, settings: Settings): string {
  return countsSql(settings.rules, BIGQUERY, options);
}

/** The columns of the table with their BigQuery types (INFORMATION_SCHEMA.COLUMNS of its dataset). */
export function schemaQuery(c: WarehouseConnection): string {
  const parts = tablePath(c).split('.');
  return `SELECT column_name, data_type FROM \`${parts[0]}.${parts[1]}.INFORMATION_SCHEMA.COLUMNS\` WHERE table_name = '${parts[2]}' ORDER BY ordinal_position`;
}

type DataSourceSheet = GoogleAppsScript.Spreadsheet.DataSourceSheet;
/**
 * Spreadsheet with the Connected Sheets methods of Apps Script's reference (Spreadsheet.getDataSourceSheets,
 * Spreadsheet.insertDataSourceSheet) that @types/google-apps-script does not list.
 */
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet & {
  getDataSourceSheets(): DataSourceSheet[];
  insertDataSourceSheet(spec: GoogleAppsScript.Spreadsheet.DataSourceSpec): DataSourceSheet;
};

/** How long a job waits for BigQuery before it reports the data source as still running. */
export const QUERY_WAIT_SECONDS = 120;

export function dataSourceSheetNamed(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
): DataSourceSheet | null {
  const ss = spreadsheet as Spreadsheet;
  return ss.getDataSourceSheets().find((d) => d.asSheet().getName() === name) ?? null;
}

function specFor(c: WarehouseConnection, query: string): GoogleAppsScript.Spreadsheet.DataSourceSpec {
  return SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId(c.projectId).setRawQuery(query).build();
}

/** Waits for the sheet's query; an execution that failed or is still running is an error naming the sheet. */
export function awaitQuery(sheet: DataSourceSheet, name: string): void {
  const status = sheet.waitForCompletion(QUERY_WAIT_SECONDS);
  const state = String(status.getExecutionState());
  if (state !== 'SUCCEEDED') {
    throw new Error(
      `BigQuery did not answer the "${name}" query (${state}): ${status.getErrorMessage() || 'no message'}`,
    );
  }
}

/**
 * The data source sheet `name` running `query`: created when missing, its query replaced when it changed
 * (a new day, changed Settings), else refreshed. Returns it once BigQuery has answered.
 */
export function runQuerySheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  c: WarehouseConnection,
  name: string,
  query: string,
): DataSourceSheet {
  const ss = spreadsheet as Spreadsheet;
  let sheet = dataSourceSheetNamed(ss, name);
  if (!sheet) {
    sheet = ss.insertDataSourceSheet(specFor(c, query));
    sheet.asSheet().setName(name);
  } else if (sheet.getDataSource().getSpec().asBigQuery().getRawQuery() !== query) {
    sheet.getDataSource().updateSpec(specFor(c, query));
  } else {
    sheet.refreshData();
  }
  awaitQuery(sheet, name);
  return sheet;
}

/**
 * Checks the table's columns (docs/rules.md §13) with one query on its dataset's INFORMATION_SCHEMA; throws a message
 * naming every missing or mistyped column. The check's data source sheet is the partner sheet's, which then
 * gets the rules' query, so a failed check leaves one sheet to look at, not a stray one.
 */
export function connectTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  c: WarehouseConnection,
  settings: Settings,
  day: string,
): DataSourceSheet {
  SpreadsheetApp.enableBigQueryExecution();
  const check = runQuerySheet(ss, c, WAREHOUSE_SHEETS.partners, schemaQuery(c));
  const names = check.getSheetValues('column_name') as string[];
  const types = check.getSheetValues('data_type') as string[];
  if (names.length === 0)
    throw new Error(
      `Table "${tablePath(c)}" has no columns that PartnerPulse can see: check the name and that you may read it`,
    );
  const problems = checkWarehouseSchema(names.map((name, i) => ({ name: String(name), type: String(types[i]) })));
  if (problems.length)
    throw new Error(`Table "${tablePath(c)}" cannot be connected: ${problems.map((p) => p.message).join('; ')}`);
  saveConnection(c);
  const options = queryOptions(ss, c, day);
  const partners = runQuerySheet(ss, c, WAREHOUSE_SHEETS.partners, partnersQuery(options, settings));
  runQuerySheet(ss, c, WAREHOUSE_SHEETS.counts, countsQuery(options, settings));
  return partners;
}

/**
 * The dashboard's counts for the connected table (docs/dashboard.md): the aggregate query run in the
 * "Warehouse counts" data source sheet (refreshed, with today's date and the current Settings), then its few
 * rows read; the partner table itself never reaches the script.
 */
export function readWarehouseCounts(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  c: WarehouseConnection,
  settings: Settings,
  day: string,
): WarehouseCount[] {
  SpreadsheetApp.enableBigQueryExecution();
  const sheet = runQuerySheet(ss, c, WAREHOUSE_SHEETS.counts, countsQuery(queryOptions(ss, c, day), settings));
  const [dimensions, values, partners] = ['dimension', 'value', 'partners'].map((name) => sheet.getSheetValues(name));
  return dimensions.map((d, i) => ({ dimension: String(d), value: String(values[i]), partners: Number(partners[i]) }));
}

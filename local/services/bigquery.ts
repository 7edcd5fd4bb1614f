/**
 * Connected Sheets over BigQuery for the local runtime, with DuckDB standing in for BigQuery and a warehouse
 * file (`--warehouse partners.parquet` or `.csv`) standing in for the table (docs/warehouse.md).
 * References: developers.google.com/apps-script/reference/spreadsheet/data-source-spec-builder,
 * …/big-query-data-source-spec, …/data-source, …/data-source-sheet, …/data-execution-status, and
 * developers.google.com/sheets/api/guides/connected-sheets (a data source sheet previews at most 500 rows).
 *
 * @duckdb/node-api is asynchronous and the add-on's vm context is synchronous, so each query runs in a child
 * process (bigqueryRunner.mjs) that the runtime waits for with spawnSync. The child parses the query as
 * BigQuery (sql-parser-cst), so BigQuery syntax errors show here too, and defines BigQuery's functions that
 * DuckDB spells differently as macros, so the add-on's BigQuery text runs unchanged.
 *
 * Executions complete before the call that starts them returns, but as in Google the new values are only
 * seen after the script has waited for them (waitForCompletion or getStatus); until then getSheetValues gives
 * the previous execution's values.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Rows a data source sheet holds (its preview); more rows are counted but not kept. */
export const PREVIEW_ROWS = 500;

export interface WarehouseFile {
  /** The .parquet or .csv holding the partner table. */
  file: string;
  /** The BigQuery dataset and table it stands for (any project); default `warehouse` and the file's name. */
  dataset: string;
  table: string;
}

export function warehouseFile(file: string, dataset = 'warehouse', table?: string): WarehouseFile {
  if (!/\.(parquet|csv)$/i.test(file)) throw new Error(`--warehouse ${file}: not a .parquet or .csv file`);
  if (!existsSync(file)) throw new Error(`--warehouse ${file}: no such file`);
  return {
    file,
    dataset,
    table:
      table ??
      basename(file)
        .replace(/\.(parquet|csv)$/i, '')
        .replace(/[^A-Za-z0-9_]/g, '_'),
  };
}

export interface QueryAnswer {
  columns: { name: string; type: string }[];
  rows: (string | number | boolean | null)[][];
  totalRows: number;
}

const RUNNER = join(__dirname, 'bigqueryRunner.mjs');

/** Runs one BigQuery query on DuckDB and waits for it; throws BigQuery's kind of message on failure. */
export function runBigQuery(sql: string, warehouse: WarehouseFile | null, previewRows = PREVIEW_ROWS): QueryAnswer {
  const child = spawnSync(process.execPath, [RUNNER], {
    input: JSON.stringify({ sql, warehouse, previewRows }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  let answer: ({ ok: true } & QueryAnswer) | { ok: false; error: string };
  try {
    answer = JSON.parse(child.stdout);
  } catch {
    throw new Error(`The local BigQuery stand-in failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
  }
  if (!answer.ok) throw new Error(answer.error);
  return answer;
}

/** What the SpreadsheetApp classes lend Connected Sheets: counting, errors, dates and sheets in the script's realm. */
export interface ConnectedSheetsHost {
  /** `target` as the script gets it: its Apps Script `methods` counted under `service` (local/services/track.ts). */
  track<T extends object>(service: string, target: T, methods: readonly string[]): T;
  cellsRead(n: number): void;
  fail(message: string): never;
  /** A date cell's value (local midnight) in the add-on's realm. */
  date(iso: string): Date;
  /** A new sheet in the workbook, for a data source sheet; returns the script's Sheet object for it. */
  addSheet(name: string): SheetTarget;
  /** The Sheet object of an existing sheet, or null. */
  sheetNamed(name: string): SheetTarget | null;
}

/** The grid sheet behind a data source sheet: the script's Sheet, its current name, and an uncounted write. */
export interface SheetTarget {
  sheet: unknown;
  name(): string;
  /** Replaces the sheet's contents (the data source writes its preview; the script pays nothing for it). */
  write(rows: unknown[][]): void;
}

export const DATA_EXECUTION_STATE = {
  DATA_EXECUTION_STATE_UNSUPPORTED: 'DATA_EXECUTION_STATE_UNSUPPORTED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  ERROR: 'ERROR',
  NOT_STARTED: 'NOT_STARTED',
} as const;

// Each class below as the script gets it, with the Apps Script methods that are counted as service calls
// (docs/local-runtime.md "Cost accounting"); the others only read what the script already holds.

/** SpreadsheetApp.newDataSourceSpec()'s builder, as the script gets it. */
export function newDataSourceSpecBuilder(host: ConnectedSheetsHost): LocalDataSourceSpecBuilder {
  return host.track('DataSourceSpecBuilder', new LocalDataSourceSpecBuilder(host), ['asBigQuery']);
}

function bigQuerySpecBuilder(host: ConnectedSheetsHost, from?: BigQueryFields): LocalBigQueryDataSourceSpecBuilder {
  return host.track('BigQueryDataSourceSpecBuilder', new LocalBigQueryDataSourceSpecBuilder(host, from), [
    'setProjectId',
    'setRawQuery',
    'setDatasetId',
    'setTableId',
    'setTableProjectId',
    'build',
  ]);
}

function bigQuerySpec(host: ConnectedSheetsHost, fields: BigQueryFields): LocalBigQueryDataSourceSpec {
  return host.track('BigQueryDataSourceSpec', new LocalBigQueryDataSourceSpec(host, fields), [
    'getProjectId',
    'getRawQuery',
  ]);
}

function dataSource(connected: ConnectedSheets, spec: LocalBigQueryDataSourceSpec): LocalDataSource {
  return connected.host.track('DataSource', new LocalDataSource(connected, spec), [
    'getSpec',
    'updateSpec',
    'refreshAllLinkedDataSourceObjects',
    'waitForAllDataExecutionsCompletion',
    'getDataSourceSheets',
  ]);
}

function dataSourceSheet(
  connected: ConnectedSheets,
  source: LocalDataSource,
  target: SheetTarget,
): LocalDataSourceSheet {
  return connected.host.track('DataSourceSheet', new LocalDataSourceSheet(connected, source, target), [
    'asSheet',
    'getDataSource',
    'refreshData',
    'forceRefreshData',
    'getStatus',
    'waitForCompletion',
    'getSheetValues',
  ]);
}

export class LocalDataSourceSpecBuilder {
  constructor(protected readonly host: ConnectedSheetsHost) {}
  asBigQuery(): LocalBigQueryDataSourceSpecBuilder {
    return bigQuerySpecBuilder(this.host);
  }
  build(): never {
    return this.host.fail('The data source type is not set: call asBigQuery() before build().');
  }
}

interface BigQueryFields {
  projectId: string;
  rawQuery: string;
  datasetId: string;
  tableId: string;
  tableProjectId: string;
}

export class LocalBigQueryDataSourceSpecBuilder {
  readonly fields: BigQueryFields;
  constructor(
    private readonly host: ConnectedSheetsHost,
    from?: BigQueryFields,
  ) {
    this.fields = { projectId: '', rawQuery: '', datasetId: '', tableId: '', tableProjectId: '', ...from };
  }
  private set(key: keyof BigQueryFields, value: string): this {
    this.fields[key] = String(value);
    return this;
  }
  setProjectId(projectId: string): this {
    return this.set('projectId', projectId);
  }
  setRawQuery(rawQuery: string): this {
    return this.set('rawQuery', rawQuery);
  }
  setDatasetId(datasetId: string): this {
    return this.set('datasetId', datasetId);
  }
  setTableId(tableId: string): this {
    return this.set('tableId', tableId);
  }
  setTableProjectId(tableProjectId: string): this {
    return this.set('tableProjectId', tableProjectId);
  }
  getProjectId(): string {
    return this.fields.projectId;
  }
  getRawQuery(): string {
    return this.fields.rawQuery;
  }
  getType(): string {
    return 'BIGQUERY';
  }
  copy(): LocalBigQueryDataSourceSpecBuilder {
    return bigQuerySpecBuilder(this.host, { ...this.fields });
  }
  build(): LocalBigQueryDataSourceSpec {
    return bigQuerySpec(this.host, { ...this.fields });
  }
}

export class LocalBigQueryDataSourceSpec {
  constructor(
    private readonly host: ConnectedSheetsHost,
    readonly fields: Readonly<BigQueryFields>,
  ) {}
  getProjectId(): string {
    return this.fields.projectId;
  }
  getRawQuery(): string {
    return this.fields.rawQuery;
  }
  getDatasetId(): string {
    return this.fields.datasetId;
  }
  getTableId(): string {
    return this.fields.tableId;
  }
  getTableProjectId(): string {
    return this.fields.tableProjectId;
  }
  getType(): string {
    return 'BIGQUERY';
  }
  asBigQuery(): this {
    return this;
  }
  copy(): LocalBigQueryDataSourceSpecBuilder {
    return bigQuerySpecBuilder(this.host, { ...this.fields });
  }
  /** The query a table spec stands for, or the raw query. */
  query(): string {
    if (this.fields.rawQuery) return this.fields.rawQuery;
    if (this.fields.datasetId && this.fields.tableId)
      return `SELECT * FROM \`${this.fields.tableProjectId || this.fields.projectId}.${this.fields.datasetId}.${this.fields.tableId}\``;
    return this.host.fail('The BigQuery data source spec has neither a raw query nor a table.');
  }
}

export class LocalDataExecutionStatus {
  constructor(
    private readonly state: string,
    private readonly message: string,
    private readonly refreshed: Date | null,
    private readonly truncated: boolean,
  ) {}
  getExecutionState(): string {
    return this.state;
  }
  getErrorCode(): string {
    return this.state === 'ERROR' ? 'BACKEND_ERROR' : 'DATA_EXECUTION_ERROR_CODE_UNSUPPORTED';
  }
  getErrorMessage(): string {
    return this.message;
  }
  getLastRefreshedTime(): Date | null {
    return this.refreshed;
  }
  isTruncated(): boolean {
    return this.truncated;
  }
}

interface Execution {
  state: 'SUCCEEDED' | 'ERROR';
  error: string;
  answer: QueryAnswer | null;
  at: Date;
}

export class LocalDataSource {
  readonly sheets: LocalDataSourceSheet[] = [];
  constructor(
    private readonly connected: ConnectedSheets,
    public spec: LocalBigQueryDataSourceSpec,
  ) {}
  getSpec(): LocalBigQueryDataSourceSpec {
    return this.spec;
  }
  /** Google: "Updates the data source spec and refreshes the data source objects linked with this data source". */
  updateSpec(spec: LocalBigQueryDataSourceSpec): this {
    this.spec = spec;
    this.connected.save();
    for (const sheet of this.sheets) sheet.execute();
    return this;
  }
  refreshAllLinkedDataSourceObjects(): void {
    for (const sheet of this.sheets) sheet.execute();
  }
  waitForAllDataExecutionsCompletion(_timeoutInSeconds: number): void {
    for (const sheet of this.sheets) sheet.observe();
  }
  getDataSourceSheets(): LocalDataSourceSheet[] {
    return [...this.sheets];
  }
}

export class LocalDataSourceSheet {
  private latest: Execution | null = null;
  /** The execution the script has waited for: what getSheetValues returns. */
  private seen: Execution | null = null;
  constructor(
    private readonly connected: ConnectedSheets,
    readonly dataSource: LocalDataSource,
    readonly target: SheetTarget,
  ) {}

  asSheet(): unknown {
    return this.target.sheet;
  }
  getDataSource(): LocalDataSource {
    return this.dataSource;
  }
  refreshData(): this {
    this.execute();
    return this;
  }
  forceRefreshData(): this {
    this.execute();
    return this;
  }
  getStatus(): LocalDataExecutionStatus {
    return this.observe();
  }
  waitForCompletion(_timeoutInSeconds: number): LocalDataExecutionStatus {
    return this.observe();
  }

  /** The values of one column, from the preview; startRow is 1-based among the data rows. */
  getSheetValues(columnName: string, startRow?: number, numRows?: number): unknown[] {
    const answer = this.seen?.answer;
    if (!answer) return [];
    const column = answer.columns.findIndex((c) => c.name === columnName);
    if (column < 0)
      return this.connected.host.fail(
        `Column "${columnName}" is not in the data source sheet "${this.target.name()}".`,
      );
    const from = (startRow ?? 1) - 1;
    const rows = answer.rows.slice(from, numRows === undefined ? undefined : from + numRows);
    this.connected.host.cellsRead(rows.length);
    const type = answer.columns[column].type;
    return rows.map((r) => {
      const v = r[column];
      if (v === null) return '';
      return type === 'DATE' ? this.connected.host.date(String(v)) : v;
    });
  }

  /** Runs the data source's query (in Google, asynchronously; here before returning). */
  execute(): void {
    this.connected.requireEnabled();
    const at = new Date();
    try {
      const answer = runBigQuery(this.dataSource.spec.query(), this.connected.warehouse);
      this.latest = { state: 'SUCCEEDED', error: '', answer, at };
      this.target.write([
        answer.columns.map((c) => c.name),
        ...answer.rows.map((r) =>
          r.map((v, i) => (v !== null && answer.columns[i].type === 'DATE' ? new Date(`${v}T00:00:00`) : (v ?? ''))),
        ),
      ]);
    } catch (error) {
      this.latest = { state: 'ERROR', error: (error as Error).message, answer: null, at };
    }
  }

  observe(): LocalDataExecutionStatus {
    const e = this.latest;
    if (!e) return new LocalDataExecutionStatus('NOT_STARTED', '', null, false);
    if (e.state === 'SUCCEEDED') this.seen = e;
    return new LocalDataExecutionStatus(
      e.state,
      e.error,
      e.state === 'SUCCEEDED' ? this.connected.host.date(e.at.toISOString().slice(0, 10)) : null,
      (e.answer?.totalRows ?? 0) > (e.answer?.rows.length ?? 0),
    );
  }
}

interface SavedDataSource {
  projectId: string;
  rawQuery: string;
  datasetId: string;
  tableId: string;
  tableProjectId: string;
  sheets: string[];
}

/**
 * The spreadsheet's data sources. They are saved beside the workbook (the .xlsx cannot hold them), so a
 * table connected in one `npm run local` is refreshed by the next.
 */
export class ConnectedSheets {
  private readonly sources: LocalDataSource[] = [];
  /**
   * Saved sheets whose grid sheet was not in the workbook yet when the data sources were loaded (the live copy
   * of the workbook is restored after the spreadsheet is opened): bound when the script first asks for them.
   */
  private unbound: { source: LocalDataSource; name: string }[] = [];
  private enabled = false;

  constructor(
    readonly host: ConnectedSheetsHost,
    readonly warehouse: WarehouseFile | null,
    private readonly savePath: string | null,
  ) {
    if (savePath && existsSync(savePath)) {
      for (const saved of JSON.parse(readFileSync(savePath, 'utf8')) as SavedDataSource[]) {
        const source = dataSource(this, bigQuerySpec(host, saved));
        for (const name of saved.sheets) this.unbound.push({ source, name });
        this.sources.push(source);
      }
    }
  }

  /** SpreadsheetApp.enableBigQueryExecution(): for this execution only, as in Apps Script. */
  enable(): void {
    this.enabled = true;
  }

  /** The end of an execution: enabling lapses, and the data sources are saved under their sheets' current names. */
  endExecution(): void {
    this.enabled = false;
    if (this.dataSources.length) this.save();
  }

  requireEnabled(): void {
    if (!this.enabled)
      this.host.fail('BigQuery data execution is not enabled: call SpreadsheetApp.enableBigQueryExecution() first.');
  }

  insertDataSourceSheet(spec: LocalBigQueryDataSourceSpec): LocalDataSourceSheet {
    if (!(spec instanceof LocalBigQueryDataSourceSpec))
      return this.host.fail(
        'insertDataSourceSheet needs a DataSourceSpec from SpreadsheetApp.newDataSourceSpec()…build().',
      );
    this.requireEnabled();
    const source = dataSource(this, spec);
    // Saved sheets first, so a new sheet's name cannot take one of theirs.
    this.bindSaved();
    let n = 1;
    while (this.host.sheetNamed(`Query ${n}`)) n++;
    const name = `Query ${n}`;
    const sheet = dataSourceSheet(this, source, this.host.addSheet(name));
    source.sheets.push(sheet);
    this.sources.push(source);
    this.save();
    sheet.execute();
    return sheet;
  }

  /** The data sources, each with the sheets of the workbook that show it. */
  get dataSources(): LocalDataSource[] {
    this.bindSaved();
    return this.sources;
  }

  private bindSaved(): void {
    this.unbound = this.unbound.filter(({ source, name }) => {
      const target = this.host.sheetNamed(name);
      if (target) source.sheets.push(dataSourceSheet(this, source, target));
      return !target;
    });
  }

  dataSourceSheets(): LocalDataSourceSheet[] {
    return this.dataSources.flatMap((d) => d.sheets);
  }

  save(): void {
    if (!this.savePath) return;
    const saved: SavedDataSource[] = this.dataSources.map((d) => ({
      ...d.spec.fields,
      // A sheet not in the workbook now (yet) keeps its link: it is bound once it is.
      sheets: [
        ...d.sheets.map((s) => s.target.name()),
        ...this.unbound.filter((u) => u.source === d).map((u) => u.name),
      ],
    }));
    writeFileSync(this.savePath, JSON.stringify(saved, null, 2));
  }
}

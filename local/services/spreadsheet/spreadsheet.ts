/**
 * Spreadsheet — https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet: the workbook's
 * sheets, selection and toasts, and its Connected Sheets data sources (local/services/bigquery.ts). Counted under
 * "Spreadsheet"; the sheets it hands out are counted under "Sheet" (local/services/track.ts).
 */
import type { SheetModel } from '../../workbook';
import type { LocalBigQueryDataSourceSpec, LocalDataSource, LocalDataSourceSheet } from '../bigquery';
import { track } from '../track';
import type { GSpreadsheet, Localized } from './googleTypes';
import type { LocalRange } from './range';
import type { Session } from './session';
import { LocalSheet, rangeByA1, SHEET_CALLS, selectedRange } from './sheet';

const SPREADSHEET_METHODS = [
  'getId',
  'getName',
  'getUrl',
  'getSpreadsheetTimeZone',
  'getSpreadsheetLocale',
  'getSheets',
  'getSheetByName',
  'insertSheet',
  'getActiveSheet',
  'setActiveSheet',
  'getActiveRange',
  'setActiveRange',
  'getRange',
  'toast',
  'getNumSheets',
] as const;
/** Also counted: Connected Sheets' methods (local/services/bigquery.ts). */
export const SPREADSHEET_CALLS = [
  ...SPREADSHEET_METHODS,
  'insertDataSourceSheet',
  'getDataSourceSheets',
  'getDataSources',
];

export class LocalSpreadsheet implements Pick<Localized<GSpreadsheet>, (typeof SPREADSHEET_METHODS)[number]> {
  private readonly wrappers = new Map<SheetModel, LocalSheet>();
  readonly toasts: { message: string; title: string }[] = [];

  constructor(private readonly session: Session) {}

  /** The one counted Sheet for a sheet of the workbook. Not an Apps Script method: not counted. */
  wrapSheet(model: SheetModel): LocalSheet {
    let sheet = this.wrappers.get(model);
    if (!sheet)
      this.wrappers.set(
        model,
        (sheet = track(this.session.calls, 'Sheet', new LocalSheet(this.session, model), { methods: SHEET_CALLS })),
      );
    return sheet;
  }

  sheetNamed(name: string): LocalSheet | null {
    const model = this.session.env.model.sheet(name);
    return model ? this.wrapSheet(model) : null;
  }

  getId(): string {
    return this.session.env.model.id;
  }
  getName(): string {
    return this.session.env.model.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.session.env.model.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.session.env.model.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.session.env.model.locale;
  }
  getNumSheets(): number {
    return this.session.env.model.sheets.length;
  }

  getSheets(): LocalSheet[] {
    return this.session.env.model.sheets.map((s) => this.wrapSheet(s));
  }

  getSheetByName(name: string): LocalSheet | null {
    return this.sheetNamed(name);
  }

  /** A new 1000×26 sheet, active afterwards; the name must be free. */
  insertSheet(sheetName?: string | number, sheetIndexOrOptions?: number | { template?: unknown }): LocalSheet {
    const sheetIndex = typeof sheetIndexOrOptions === 'number' ? sheetIndexOrOptions : undefined;
    const model = this.session.env.model;
    let name = typeof sheetName === 'string' ? sheetName : '';
    if (name === '') {
      let n = model.sheets.length + 1;
      while (model.sheet(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (model.sheet(name))
      this.session.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const index = typeof sheetName === 'number' ? sheetName : (sheetIndex ?? model.sheets.length);
    const sheet = model.addSheet(name, Math.max(0, Math.min(index, model.sheets.length)));
    this.session.activeSheet = sheet;
    return this.wrapSheet(sheet);
  }

  getActiveSheet(): LocalSheet {
    return this.wrapSheet(this.session.activeSheet);
  }

  setActiveSheet(sheet: LocalSheet, _restoreSelection?: boolean): LocalSheet {
    this.session.activeSheet = sheet.model;
    return sheet;
  }

  /** The selection; the runtime's `selection` option sets it, as a user's click would. */
  getActiveRange(): LocalRange | null {
    return selectedRange(this.session);
  }

  setActiveRange(range: LocalRange): LocalRange {
    return range.select();
  }

  /** "Sheet1!A1:B2", or A1 notation on the active sheet. */
  getRange(a1Notation: string): LocalRange {
    return rangeByA1(this.session, this.wrapSheet(this.session.activeSheet), a1Notation);
  }

  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.toasts.push({ message: String(msg), title: title ?? '' });
  }

  // Connected Sheets (local/services/bigquery.ts).
  insertDataSourceSheet(spec: LocalBigQueryDataSourceSpec): LocalDataSourceSheet {
    return this.session.connected.insertDataSourceSheet(spec);
  }
  getDataSourceSheets(): LocalDataSourceSheet[] {
    return this.session.connected.dataSourceSheets();
  }
  getDataSources(): LocalDataSource[] {
    return [...this.session.connected.dataSources];
  }
}

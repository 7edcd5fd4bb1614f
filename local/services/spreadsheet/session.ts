/**
 * The state behind one SpreadsheetApp: the workbook, the call log, the realm the add-on runs in, the UI record
 * and the selection. Every class of local/services/spreadsheet/ holds the same Session.
 *
 * Values cross a realm boundary: the add-on runs in a vm context whose Date and Error are not this module's.
 * Dates handed to the script are made with the context's Date (so `instanceof Date` holds in the add-on) and
 * errors are the context's Error; dates coming back are recognised by their tag.
 */
import type { CallLog } from '../../calls';
import { type CellValue, isDate, type SheetModel, type WorkbookModel } from '../../workbook';
import type { ConnectedSheets, WarehouseFile } from '../bigquery';
import { instantToWallClock, wallClockToInstant } from '../time';
import type { Area } from './a1Notation';
import type { LocalSpreadsheet } from './spreadsheet';
import type { LocalUi } from './ui';

/** How values and errors are made in the add-on's realm. */
export interface Realm {
  date(ms: number): Date;
  error(message: string): Error;
}

export const HOST_REALM: Realm = { date: (ms) => new Date(ms), error: (message) => new Error(message) };

export interface SpreadsheetEnvironment {
  model: WorkbookModel;
  calls: CallLog;
  realm?: Realm;
  /** Re-evaluates formulas; called before a read when a write may have changed formula results. */
  recalculate?: () => void;
  /** The selection: a sheet name and A1 range ("Partners!A5" or "A5:K5"); default A1 of the first sheet. */
  selection?: string;
  /** Connected Sheets (local/services/bigquery.ts): the file standing for the BigQuery table, and where data sources are saved. */
  warehouse?: WarehouseFile | null;
  dataSourcesPath?: string | null;
  /**
   * Where createAddonMenu's menu shows: an installed add-on's under Extensions with the add-on's name; a bound
   * script's (mode "bound") under Extensions with the script project's name. Default: the add-on "PartnerPulse".
   */
  addonMenuCaption?: string;
}

/** A value as the script wrote it, turned into what the cell holds. */
export interface ScriptValue {
  value: CellValue;
  formula?: string;
  typedAsText?: boolean;
}

export class Session {
  readonly realm: Realm;
  ui!: LocalUi;
  connected!: ConnectedSheets;
  spreadsheet!: LocalSpreadsheet;
  activeSheet: SheetModel;
  activeRange: ({ sheet: SheetModel } & Area) | null = null;
  private dirty = false;

  constructor(readonly env: SpreadsheetEnvironment) {
    this.realm = env.realm ?? HOST_REALM;
    this.activeSheet = env.model.sheets[0];
  }

  get calls(): CallLog {
    return this.env.calls;
  }

  cells(kind: 'read' | 'written', n: number): void {
    this.env.calls.countCells(kind, n);
  }

  fail(message: string): never {
    throw this.realm.error(message);
  }

  /** A write happened: formula results may be stale until the next read. */
  changed(): void {
    if (this.env.recalculate) this.dirty = true;
  }

  /** Before a read: bring formula results up to date, as Sheets does before returning values. */
  fresh(): void {
    if (this.dirty && this.env.recalculate) {
      this.dirty = false;
      this.env.recalculate();
    }
  }

  /** A date cell reaches the script as the instant of its wall clock in the spreadsheet's zone. */
  toScript(value: CellValue): unknown {
    return isDate(value) ? this.realm.date(wallClockToInstant(value, this.env.model.timeZone).getTime()) : value;
  }

  fromScript(value: unknown): ScriptValue {
    if (value === null || value === undefined) return { value: '' };
    if (isDate(value)) return { value: instantToWallClock(value, this.env.model.timeZone) };
    if (typeof value === 'string') {
      // As in Sheets, a leading apostrophe only says "keep this as text"; it is not part of the value.
      if (value.startsWith("'")) return { value: value.slice(1), typedAsText: true };
      return value.startsWith('=') && value.length > 1 ? { value: '', formula: value } : { value };
    }
    if (typeof value === 'number' || typeof value === 'boolean') return { value };
    return { value: String(value) };
  }
}

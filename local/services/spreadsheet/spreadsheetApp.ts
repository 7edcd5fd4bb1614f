/**
 * SpreadsheetApp for the local runtime — https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app:
 * the subset of Apps Script's spreadsheet service the add-on uses, over the in-memory workbook (local/workbook.ts),
 * with Apps Script's semantics and error messages. docs/local-runtime.md describes the runtime.
 *
 * One file per Apps Script class in this folder (spreadsheet.ts, sheet.ts, range.ts, charts.ts, ui.ts, …). Each
 * class implements the matching @types/google-apps-script interface for the methods it has
 * (`Pick<Localized<GRange>, …>`, googleTypes.ts), so a signature that drifts from Google's fails the type check,
 * and every object the script gets is wrapped by local/services/track.ts, which counts each of those methods in
 * the CallLog — the count that advances the virtual Apps Script clock and enforces the execution time limit.
 */
import type { CellValue, SheetModel } from '../../workbook';
import {
  ConnectedSheets,
  DATA_EXECUTION_STATE,
  type LocalDataSourceSpecBuilder,
  newDataSourceSpecBuilder,
  type SheetTarget,
} from '../bigquery';
import { track } from '../track';
import { parseA1, splitSheetPrefix } from './a1Notation';
import { LocalDataValidationBuilder } from './dataValidation';
import type { GApp, Localized } from './googleTypes';
import type { LocalRange } from './range';
import { Session, type SpreadsheetEnvironment } from './session';
import { type LocalSheet, selectedRange } from './sheet';
import { LocalSpreadsheet, SPREADSHEET_CALLS } from './spreadsheet';
import { countedUi, type LocalUi } from './ui';

const APP_METHODS = [
  'getActive',
  'getActiveSpreadsheet',
  'getActiveSheet',
  'setActiveRange',
  'getUi',
  'newDataValidation',
  'flush',
] as const;
/** Also counted: Connected Sheets' two entry points (local/services/bigquery.ts). */
const APP_CALLS = [...APP_METHODS, 'getActiveRange', 'newDataSourceSpec', 'enableBigQueryExecution'];

/** SpreadsheetApp as the script gets it: every object it leads to is counted. */
export function createSpreadsheetApp(env: SpreadsheetEnvironment): LocalSpreadsheetApp {
  const session = new Session(env);
  session.spreadsheet = track(env.calls, 'Spreadsheet', new LocalSpreadsheet(session), { methods: SPREADSHEET_CALLS });
  session.ui = countedUi(session);
  session.connected = new ConnectedSheets(
    connectedSheetsHost(session),
    env.warehouse ?? null,
    env.dataSourcesPath ?? null,
  );
  const app = new LocalSpreadsheetApp(session);
  if (env.selection) app.select(env.selection);
  return track(env.calls, 'SpreadsheetApp', app, { methods: APP_CALLS });
}

export class LocalSpreadsheetApp implements Pick<Localized<GApp>, (typeof APP_METHODS)[number]> {
  constructor(private readonly session: Session) {}

  /** Connected Sheets' enums as the add-on compares them. */
  readonly DataExecutionState = DATA_EXECUTION_STATE;
  newDataSourceSpec(): LocalDataSourceSpecBuilder {
    return newDataSourceSpecBuilder(this.session.connected.host);
  }
  enableBigQueryExecution(): void {
    this.session.connected.enable();
  }
  /** The end of an execution: data execution must be enabled again by the next one. Not part of Apps Script. */
  endExecution(): void {
    this.session.connected.endExecution();
  }

  /** Sets the selection as a user's click would ("Partners!A5", "A5:K5"); not counted. */
  select(notation: string): void {
    const { sheetName, range } = splitSheetPrefix(notation);
    const model = sheetName === null ? this.session.activeSheet : this.session.env.model.sheet(sheetName);
    if (!model) throw new Error(`selection: no sheet named "${sheetName}"`);
    const area = parseA1(range, model.maxRows, model.maxColumns);
    if (!area) throw new Error(`selection: "${range}" is not A1 notation`);
    this.session.activeSheet = model;
    this.session.activeRange = { sheet: model, ...area };
  }

  /** What the UI recorded: menus, sidebars, dialogs. Not part of Apps Script; for tests and the CLI. */
  get ui(): LocalUi {
    return this.session.ui;
  }
  get spreadsheet(): LocalSpreadsheet {
    return this.session.spreadsheet;
  }

  /**
   * Whether this execution has a containing document. A time-driven run may not (docs/google-fidelity.md);
   * then getActive*() return null, as they do outside a document. Set by the runtime per execution.
   */
  documentAvailable = true;

  /** Google's typings promise a value; without a document Apps Script gives null, so the null is cast. */
  private inDocument<T>(value: () => T): T {
    return this.documentAvailable ? value() : (null as unknown as T);
  }

  getActive(): LocalSpreadsheet {
    return this.inDocument(() => this.session.spreadsheet);
  }
  getActiveSpreadsheet(): LocalSpreadsheet {
    return this.inDocument(() => this.session.spreadsheet);
  }
  getActiveSheet(): LocalSheet {
    return this.inDocument(() => this.session.spreadsheet.wrapSheet(this.session.activeSheet));
  }
  getActiveRange(): LocalRange | null {
    return this.inDocument(() => selectedRange(this.session));
  }

  setActiveRange(range: LocalRange): LocalRange {
    return range.select();
  }

  getUi(): LocalUi {
    return this.session.ui;
  }
  newDataValidation(): LocalDataValidationBuilder {
    return new LocalDataValidationBuilder();
  }

  /** Applies pending changes; here it brings formula results up to date. */
  flush(): void {
    this.session.fresh();
  }
}

/** What local/services/bigquery.ts needs of the session: counting, errors, dates and sheets in the script's realm. */
function connectedSheetsHost(session: Session) {
  const target = (model: SheetModel): SheetTarget => ({
    sheet: session.spreadsheet.wrapSheet(model),
    name: () => model.name,
    write(rows) {
      model.clearCells();
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          model.ensure(r + 1, c + 1).value = value as CellValue;
        }),
      );
    },
  });
  return {
    track: <T extends object>(service: string, object: T, methods: readonly string[]) =>
      track(session.calls, service, object, { methods }),
    cellsRead: (n: number) => session.cells('read', n),
    fail: (message: string): never => session.fail(message),
    // A DATE is a date cell: 00:00 of that day in the spreadsheet's zone, as the script receives date cells.
    date: (iso: string) => session.toScript(new Date(`${iso}T00:00:00`)) as Date,
    addSheet: (name: string) => target(session.env.model.addSheet(name)),
    sheetNamed: (name: string) => {
      const model = session.env.model.sheet(name);
      return model ? target(model) : null;
    },
  };
}

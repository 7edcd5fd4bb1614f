/**
 * The workbook model (local/workbook.ts) read from and written to an .xlsx file with exceljs. Saving updates the
 * workbook that was loaded, touching only the cells a run changed, so what the runtime does not model is kept
 * (docs/local-runtime.md, "What the saved copy keeps").
 */
import ExcelJS from 'exceljs';
import {
  a1,
  type Cell,
  type CellValue,
  columnNumber,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_ROWS,
  dateOfSerial,
  isDate,
  type ListValidation,
  type SheetModel,
  spreadsheetIdFor,
  WorkbookModel,
  wallClockAsUtc,
} from './workbook';

// .xlsx → model

/** exceljs hands dates back as UTC wall-clock times; Sheets gives the script local calendar times. */
function fromExcelDate(d: Date): Date {
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function toExcelDate(d: Date): Date {
  return new Date(wallClockAsUtc(d));
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const unquoted = numFmt.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /[dy]/i.test(unquoted) || (/\bm{1,4}\b/i.test(unquoted) && !/[0#]/.test(unquoted));
}

function hexOfArgb(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return `#${argb.slice(2).toLowerCase()}`;
}

function plainValue(value: ExcelJS.CellValue, numFmt: string | undefined): { value: CellValue; error?: string } {
  if (value === null || value === undefined) return { value: '' };
  if (isDate(value)) return { value: fromExcelDate(value) };
  if (typeof value === 'number') return { value: isDateFormat(numFmt) ? dateOfSerial(value) : value };
  if (typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'object') {
    if ('richText' in value) return { value: value.richText.map((t) => t.text).join('') };
    if ('error' in value) return { value: String(value.error), error: String(value.error) };
    if ('text' in value && 'hyperlink' in value) return { value: String(value.text) };
  }
  return { value: String(value) };
}

function noteText(note: ExcelJS.Cell['note']): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts ? texts.map((t) => t.text).join('') : undefined;
}

function listValues(formula: string | undefined): string[] {
  if (!formula) return [];
  const quoted = /^"(.*)"$/.exec(formula.trim());
  return quoted ? quoted[1].split(',').map((v) => v.trim()) : [];
}

export interface LoadOptions {
  timeZone?: string;
  name?: string;
}

/**
 * What a script reads from one exceljs cell, or null for a cell that holds nothing a script sees. A merged
 * cell other than the top-left one reads blank, as in Sheets (exceljs hands it the top-left cell's value).
 */
function readCell(xc: ExcelJS.Cell): Cell | null {
  if (xc.isMerged && xc.master !== xc) return null;
  const cell: Cell = { value: '' };
  const formula = xc.formula;
  if (formula) {
    cell.formula = `=${formula}`;
    const read = plainValue((xc.result ?? null) as ExcelJS.CellValue, xc.numFmt);
    cell.value = read.value;
    if (read.error) cell.error = read.error;
  } else {
    const read = plainValue(xc.value, xc.numFmt);
    cell.value = read.value;
    if (read.error) cell.error = read.error;
  }
  const fill = xc.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const hex = hexOfArgb(fill.fgColor?.argb);
    if (hex) cell.background = hex;
  }
  const note = noteText(xc.note);
  if (note) cell.note = note;
  const dv = xc.dataValidation;
  if (dv && dv.type === 'list') {
    cell.validation = {
      kind: 'list',
      values: listValues(dv.formulae?.[0] as string | undefined),
      allowInvalid: dv.showErrorMessage === false,
    };
    if (dv.prompt) cell.validation.helpText = dv.prompt;
  }
  if (xc.numFmt && xc.numFmt !== 'General') cell.numberFormat = xc.numFmt;
  if (xc.font?.bold) cell.bold = true;
  const empty =
    cell.formula === undefined && cell.value === '' && !cell.background && !cell.note && !cell.validation && !cell.bold;
  return empty ? null : cell;
}

/** The array-formula area of an anchor cell ("G2:G41"), if it is one. */
function arrayRef(xc: ExcelJS.Cell): string | undefined {
  const v = xc.value as { shareType?: string; ref?: string } | null;
  return xc.formula && v && v.shareType === 'array' && v.ref ? v.ref : undefined;
}

/**
 * The exceljs workbook each model was loaded from, and each sheet's name in it by sheet id. Saving updates
 * that workbook cell by cell instead of writing a new one, so what the model does not carry — hyperlinks,
 * rich text, fonts, borders, hidden columns, filters, merges, conditional formats — stays as it was.
 */
const SOURCES = new WeakMap<WorkbookModel, { book: ExcelJS.Workbook; sheetNames: Map<number, string> }>();

export async function loadWorkbook(path: string, options: LoadOptions = {}): Promise<WorkbookModel> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const name = options.name ?? path.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '');
  const model = new WorkbookModel(spreadsheetIdFor(path), name, options.timeZone ?? 'America/New_York');
  const sheetNames = new Map<number, string>();
  book.eachSheet((worksheet) => {
    const sheet = model.addSheet(worksheet.name);
    sheetNames.set(sheet.id, worksheet.name);
    const view = worksheet.views?.[0];
    if (view && view.state === 'frozen') sheet.frozenRows = view.ySplit ?? 0;
    const spills: { row: number; column: number; ref: string }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (xc, c) => {
        const cell = readCell(xc);
        const ref = arrayRef(xc);
        if (ref) spills.push({ row: r, column: c, ref });
        if (cell) Object.assign(sheet.ensure(r, c), cell);
      });
    });
    for (const { row, column, ref } of spills) {
      const area = arrayArea(ref);
      if (!area) continue;
      sheet.ensure(row, column).spill = { rows: area.rows, columns: area.columns };
      for (let r = row; r < row + area.rows; r++)
        for (let c = column; c < column + area.columns; c++)
          if (r !== row || c !== column) sheet.ensure(r, c).spilledFrom = { row, column };
    }
    worksheet.columns?.forEach((col, i) => {
      sheet.columnWidths[i] = col.width;
    });
    sheet.maxRows = Math.max(DEFAULT_MAX_ROWS, sheet.lastRow());
    sheet.maxColumns = Math.max(DEFAULT_MAX_COLUMNS, sheet.lastColumn());
  });
  if (model.sheets.length === 0) model.addSheet('Sheet1');
  SOURCES.set(model, { book, sheetNames });
  return model;
}

function arrayArea(ref: string): { rows: number; columns: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { rows: Number(m[4]) - Number(m[2]) + 1, columns: columnNumber(m[3]) - columnNumber(m[1]) + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// model → .xlsx

function excelValue(value: CellValue): ExcelJS.CellValue {
  if (value === '') return null;
  if (isDate(value)) return toExcelDate(value);
  return value;
}

/**
 * Saves the model as .xlsx. A model loaded from a file is saved by updating the workbook it was loaded from
 * (see SOURCES): only cells whose value, formula, color, note, dropdown, number format or boldness differ
 * from what the file holds are touched, and only in what differs, so everything else in the file survives.
 * A model built in memory is written as a new workbook.
 */
export async function saveWorkbook(model: WorkbookModel, path: string): Promise<void> {
  const source = SOURCES.get(model);
  const book = source?.book ?? new ExcelJS.Workbook();
  const sheetNames = source?.sheetNames ?? new Map<number, string>();
  const kept = new Set(model.sheets.map((s) => sheetNames.get(s.id)).filter((n): n is string => n !== undefined));
  for (const worksheet of [...book.worksheets]) if (!kept.has(worksheet.name)) book.removeWorksheet(worksheet.id);
  for (const sheet of model.sheets) {
    const known = sheetNames.get(sheet.id);
    let worksheet = known === undefined ? undefined : book.getWorksheet(known);
    // .xlsx sheet names stop at 31 characters (Sheets allows 100); exceljs cuts longer ones.
    if (worksheet) {
      if (worksheet.name !== sheet.name.slice(0, 31)) worksheet.name = sheet.name;
      updateWorksheet(worksheet, sheet);
    } else {
      worksheet = book.addWorksheet(
        sheet.name,
        sheet.frozenRows > 0 ? { views: [{ state: 'frozen', ySplit: sheet.frozenRows }] } : {},
      );
      writeWorksheet(worksheet, sheet);
    }
    sheetNames.set(sheet.id, worksheet.name);
  }
  if (source) {
    for (const id of [...sheetNames.keys()]) if (!model.sheets.some((s) => s.id === id)) sheetNames.delete(id);
  } else {
    SOURCES.set(model, { book, sheetNames });
  }
  await book.xlsx.writeFile(path);
}

/** A new sheet: every cell written. */
function writeWorksheet(worksheet: ExcelJS.Worksheet, sheet: SheetModel): void {
  sheet.columnWidths.forEach((width, i) => {
    if (width) worksheet.getColumn(i + 1).width = width;
  });
  for (const [r, c, cell] of sheet.cells()) writeCell(worksheet.getCell(r, c), cell, r, c, null);
}

/** A sheet the file already has: only what changed is written (see saveWorkbook). */
function updateWorksheet(worksheet: ExcelJS.Worksheet, sheet: SheetModel): void {
  const view = worksheet.views?.[0];
  const frozen = view && view.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  if (frozen !== sheet.frozenRows)
    worksheet.views = sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [];
  sheet.columnWidths.forEach((width, i) => {
    if (width && worksheet.getColumn(i + 1).width !== width) worksheet.getColumn(i + 1).width = width;
  });
  for (const [r, c, cell] of sheet.cells()) {
    const xc = worksheet.getCell(r, c);
    writeCell(xc, cell, r, c, readFileCell(xc));
  }
  // Cells the file has and the model no longer does (deleted rows, a sheet taken over from a live copy).
  const cleared: [number, number][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (_xc, c) => {
      if (!sheet.cell(r, c)) cleared.push([r, c]);
    });
  });
  for (const [r, c] of cleared) {
    const xc = worksheet.getCell(r, c);
    writeCell(xc, { value: '' }, r, c, readFileCell(xc));
  }
}

/** What the file holds in a cell, as the model would read it, with an array anchor's area. */
function readFileCell(xc: ExcelJS.Cell): Cell {
  const cell = readCell(xc) ?? { value: '' };
  const ref = arrayRef(xc);
  const area = ref ? arrayArea(ref) : null;
  if (area && (area.rows > 1 || area.columns > 1)) cell.spill = area;
  return cell;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return a === b;
}

function sameValidation(a: ListValidation | undefined, b: ListValidation | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Writes what of `cell` differs from `was` (what the file holds; null: a new cell, write everything). An
 * error is compared by its value (#N/A): the file keeps no message.
 */
function writeCell(xc: ExcelJS.Cell, cell: Cell, r: number, c: number, was: Cell | null): void {
  const spill =
    cell.formula !== undefined && cell.spill && (cell.spill.rows > 1 || cell.spill.columns > 1)
      ? cell.spill
      : undefined;
  const contentChanged =
    !was ||
    (cell.formula ?? '') !== (was.formula ?? '') ||
    !sameValue(cell.value, was.value) ||
    !!cell.error !== !!was.error ||
    JSON.stringify(spill ?? null) !== JSON.stringify(was.spill ?? null);
  if (contentChanged && (was || cell.formula !== undefined || cell.value !== '')) {
    if (cell.formula !== undefined) {
      // The cached result lets Excel/LibreOffice show the value without knowing our custom functions.
      const result = cell.error ? { error: cell.value as ExcelJS.CellErrorValue['error'] } : excelValue(cell.value);
      const formula = cell.formula.replace(/^=/, '');
      xc.value = (
        spill
          ? { formula, result, shareType: 'array', ref: `${a1(r, c)}:${a1(r + spill.rows - 1, c + spill.columns - 1)}` }
          : { formula, result }
      ) as ExcelJS.CellValue;
    } else if (cell.error && typeof cell.value === 'string' && cell.value.startsWith('#')) {
      xc.value = { error: cell.value as ExcelJS.CellErrorValue['error'] };
    } else {
      xc.value = excelValue(cell.value);
    }
  }
  if ((cell.numberFormat ?? '') !== (was?.numberFormat ?? '')) {
    if (cell.numberFormat) xc.numFmt = cell.numberFormat;
    else if (was?.numberFormat && !(isDate(cell.value) && isDateFormat(was.numberFormat))) xc.numFmt = 'General';
  }
  if (isDate(cell.value) && !cell.numberFormat && !isDateFormat(xc.numFmt)) xc.numFmt = 'yyyy-mm-dd';
  if ((cell.background ?? '') !== (was?.background ?? '')) {
    xc.fill = cell.background
      ? { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${cell.background.slice(1).toUpperCase()}` } }
      : { type: 'pattern', pattern: 'none' };
  }
  if ((cell.note ?? '') !== (was?.note ?? '')) {
    if (cell.note) xc.note = cell.note;
    else (xc as unknown as { _comment?: unknown })._comment = undefined; // exceljs has no setter that removes a note
  }
  if (!sameValidation(cell.validation, was?.validation)) {
    xc.dataValidation = cell.validation
      ? {
          type: 'list',
          allowBlank: true,
          formulae: [`"${cell.validation.values.join(',')}"`],
          showErrorMessage: !cell.validation.allowInvalid,
          ...(cell.validation.helpText ? { prompt: cell.validation.helpText, showInputMessage: true } : {}),
        }
      : (undefined as unknown as ExcelJS.DataValidation);
  }
  // Boldness alone changes; the font's face, size and color stay.
  if (!!cell.bold !== !!was?.bold) xc.font = { ...(xc.font ?? {}), bold: !!cell.bold };
}

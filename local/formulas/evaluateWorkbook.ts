/**
 * Formula evaluation for the local runtime: HyperFormula computes the workbook's formulas, with the
 * bundle's custom functions registered as a HyperFormula function plugin, and the results are written back
 * into the workbook model the way Sheets would show them.
 *
 * Whole-column custom-function calls go first, without HyperFormula (wholeColumnCalls.ts); what is left goes
 * through HyperFormula with the bundle's functions as a plugin (hyperFormulaPlugin.ts, which says what of Sheets'
 * custom-function behaviour is copied), open-ended ranges bounded first (openRanges.ts).
 * docs/local-runtime.md "Large sheets".
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { type CellValue, dateOfSerial, type SheetModel, type WorkbookModel } from '../workbook';
import type { CustomFunctionHost } from './customFunctions';
import { lastResultsOf } from './customFunctions';
import { type CallHooks, HF_CONFIG, hfContent, registerCustomFunctions } from './hyperFormulaPlugin';
import { boundOpenRanges } from './openRanges';
import { evaluateDirectly } from './wholeColumnCalls';

export interface Evaluation {
  /** Custom function calls made. */
  customFunctionCalls: number;
  /** Formula cells evaluated (anchors). */
  formulas: number;
  /** Anchors whose value is an error, with the message. */
  errors: { sheet: string; row: number; column: number; value: string; message: string }[];
}

/**
 * Evaluates every formula of the workbook and writes the results into the model: anchors get their value
 * (or error and message), spilled cells get theirs and remember their anchor. Values and formulas are
 * otherwise untouched.
 */
export function evaluateWorkbook(model: WorkbookModel, host: CustomFunctionHost): Evaluation {
  const sheets = model.sheets;
  const anyFormula = sheets.some((s) => s.hasFormula());
  const result: Evaluation = { customFunctionCalls: 0, formulas: 0, errors: [] };
  if (!anyFormula) return result;

  // Forget last evaluation's spill areas; this evaluation decides them again.
  for (const sheet of sheets) {
    for (const [, , cell] of sheet.cells()) {
      if (cell.spilledFrom) {
        cell.value = '';
        delete cell.spilledFrom;
        delete cell.error;
      }
      delete cell.spill;
    }
  }

  // Whole-column custom-function calls are evaluated first, directly (see evaluateDirectly); what is left —
  // built-in formulas and anything that reads them — goes through HyperFormula.
  const direct = evaluateDirectly(model, host, result);
  const leftForHyperFormula = (sheet: SheetModel) => {
    for (const [, , cell] of sheet.cells()) if (cell.formula !== undefined && !direct.anchors.has(cell)) return true;
    return false;
  };
  if (!sheets.some(leftForHyperFormula)) return result;

  // Cells a custom function returned a Date for, so they read back as dates ("sheetIndex:row:col", 0-based).
  const dateResults = new Set<string>();
  const hooks: CallHooks = {
    onCall: () => void result.customFunctionCalls++,
    onDateResult: (sheet, row, col) => void dateResults.add(`${sheet}:${row}:${col}`),
    lastResults: lastResultsOf(model),
  };

  const sheetContents: Record<string, RawCellContent[][]> = {};
  // Sheets hands `D2:D` over to the end of the grid, blank rows included (docs/google-fidelity.md).
  const lastRowOf = (sheetName: string | null, current: SheetModel) =>
    (sheetName === null ? current : (model.sheet(sheetName) ?? current)).maxRows;
  for (const sheet of sheets) {
    const extent = sheet.storedExtent();
    const rows: RawCellContent[][] = [];
    for (let r = 1; r <= extent.rows; r++) {
      const row: RawCellContent[] = [];
      for (let c = 1; c <= extent.columns; c++) {
        const cell = sheet.cell(r, c);
        if (!cell) row.push(null);
        else if (direct.anchors.has(cell) || direct.spilled.has(cell)) row.push(hfContent(cell.value, cell.error));
        else if (cell.spilledFrom) row.push(null);
        else if (cell.formula !== undefined) row.push(boundOpenRanges(cell.formula, (n) => lastRowOf(n, sheet)));
        else row.push(hfContent(cell.value, cell.error));
      }
      rows.push(row);
    }
    sheetContents[sheet.name] = rows;
  }

  const unregister = registerCustomFunctions(host, hooks);
  let hf: HyperFormula;
  try {
    hf = HyperFormula.buildFromSheets(sheetContents, HF_CONFIG);
  } finally {
    unregister();
  }

  sheets.forEach((sheet, sheetIndex) => {
    const hfId = hf.getSheetId(sheet.name)!;
    const readCell = (row: number, column: number): { value: CellValue; error?: string } => {
      const address = { sheet: hfId, row: row - 1, col: column - 1 };
      const v = hf.getCellValue(address);
      if (v !== null && typeof v === 'object') return { value: v.value, error: v.message ?? v.value };
      if (v === null) return { value: '' };
      if (typeof v === 'number') {
        const type = hf.getCellValueDetailedType(address);
        if (
          dateResults.has(`${sheetIndex}:${row - 1}:${column - 1}`) ||
          type === 'NUMBER_DATE' ||
          type === 'NUMBER_DATETIME'
        )
          return { value: dateOfSerial(v) };
      }
      return { value: v };
    };
    for (const [row, column, cell] of [...sheet.cells()]) {
      if (cell.formula === undefined || direct.anchors.has(cell)) continue;
      result.formulas++;
      const read = readCell(row, column);
      const cachedUnknownFunction =
        read.error !== undefined && read.value === '#NAME?' && cell.value !== '' && !cell.error;
      if (cachedUnknownFunction) continue; // a function HyperFormula lacks (QUERY…): keep the value Sheets saved
      cell.value = read.value;
      if (read.error !== undefined) {
        cell.error = read.error;
        result.errors.push({ sheet: sheet.name, row, column, value: String(read.value), message: read.error });
      } else delete cell.error;
      // Measure the spill: the cells right of and below the anchor that HyperFormula says belong to its array.
      const address = { sheet: hfId, row: row - 1, col: column - 1 };
      if (!hf.isCellPartOfArray(address)) continue;
      let rows = 1;
      while (hf.isCellPartOfArray({ ...address, row: address.row + rows }) && !sheet.cell(row + rows, column)?.formula)
        rows++;
      let columns = 1;
      while (
        hf.isCellPartOfArray({ ...address, col: address.col + columns }) &&
        !sheet.cell(row, column + columns)?.formula
      )
        columns++;
      if (rows === 1 && columns === 1) continue;
      cell.spill = { rows, columns };
      for (let r = row; r < row + rows; r++)
        for (let c = column; c < column + columns; c++) {
          if (r === row && c === column) continue;
          const target = sheet.ensure(r, c);
          const spilled = readCell(r, c);
          target.value = spilled.value;
          if (spilled.error !== undefined) target.error = spilled.error;
          else delete target.error;
          target.spilledFrom = { row, column };
        }
    }
  });
  hf.destroy();
  return result;
}

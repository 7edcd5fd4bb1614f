// Reads a workbook written by examples/build-example.mjs the way Sheets would open it, and computes its
// formulas in HyperFormula with the custom functions of dist/Code.js.
import ExcelJS from 'exceljs';
import { HyperFormula, type RawCellContent } from 'hyperformula';

/** A cell's content as typed into Sheets: formulas as "=…", date cells as local-midnight dates, blanks as null. */
export function rawContent(value: ExcelJS.CellValue): RawCellContent {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // exceljs reads a date serial as that instant in UTC; a date cell means that calendar day, locally.
    return new Date(
      value.getUTCFullYear(),
      value.getUTCMonth(),
      value.getUTCDate(),
      value.getUTCHours(),
      value.getUTCMinutes(),
    );
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') return `=${value.formula}`;
  throw new Error(`unexpected cell value ${JSON.stringify(value)}`);
}

export function sheetContents(sheet: ExcelJS.Worksheet): RawCellContent[][] {
  const rows: RawCellContent[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row: RawCellContent[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) row.push(rawContent(sheet.getRow(r).getCell(c).value));
    rows.push(row);
  }
  return rows;
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Every sheet of the workbook in one HyperFormula instance (the custom functions must be registered). */
export function evaluateWorkbook(workbook: ExcelJS.Workbook): HyperFormula {
  const sheets: Record<string, RawCellContent[][]> = {};
  workbook.eachSheet((sheet) => {
    sheets[sheet.name] = sheetContents(sheet);
  });
  return HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
}

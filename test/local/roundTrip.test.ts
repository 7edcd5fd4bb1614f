// A workbook the runtime opens and saves keeps everything the run did not change (docs/local-runtime.md,
// "What the saved copy keeps"): a user's export goes through the local runtime without losing formatting.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadWorkbook, saveWorkbook } from '../../local/xlsxFile';

async function userExport(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Partners');
  sheet.addRow(['Partner', 'Site', 'Notes', 'NPS', 'Region', 'Hidden', 'Tier']);
  sheet.addRow([
    'Acme',
    { text: 'acme.example', hyperlink: 'https://acme.example/' },
    {
      richText: [
        { text: 'Very ', font: { bold: true } },
        { text: 'keen', font: { italic: true, color: { argb: 'FFFF0000' } } },
      ],
    },
    40,
    'EMEA',
    'x',
    '',
  ]);
  sheet.addRow(['Bolt', 'bolt.example', 'plain', { error: '#N/A' }, 'EMEA', 'y', '']);
  sheet.addRow(['Cyan', 'cyan.example', 'merged note', 10, 'APAC', 'z', '']);
  sheet.getCell('A2').font = { name: 'Georgia', size: 14, italic: true, color: { argb: 'FF336699' } };
  sheet.getCell('D2').border = { top: { style: 'thin' }, bottom: { style: 'double', color: { argb: 'FF00FF00' } } };
  sheet.getColumn('F').hidden = true;
  sheet.autoFilter = 'A1:G4';
  sheet.mergeCells('C4:D4');
  await book.xlsx.writeFile(path);
}

test('a run that writes one column keeps hyperlinks, rich text, fonts, borders, hidden columns, filters, merges and #N/A', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-roundtrip-'));
  const source = join(dir, 'export.xlsx');
  const saved = join(dir, 'saved.xlsx');
  await userExport(source);

  const model = await loadWorkbook(source);
  const sheet = model.sheet('Partners')!;
  // A merged cell other than the top-left one reads blank, as in Sheets; an error reads as its text.
  expect(sheet.valueAt(4, 4)).toBe('');
  expect(sheet.valueAt(3, 4)).toBe('#N/A');
  // The run: a tier per partner, a color on one row.
  ['Champion', 'At-risk', 'Healthy'].forEach((tier, i) => {
    sheet.ensure(i + 2, 7).value = tier;
  });
  sheet.ensure(2, 1).background = '#b7e1cd';
  await saveWorkbook(model, saved);

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(saved);
  const out = book.getWorksheet('Partners')!;
  expect(out.getCell('G2').value).toBe('Champion');
  expect(out.getCell('A2').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFB7E1CD' } });
  expect(out.getCell('B2').value).toEqual({ text: 'acme.example', hyperlink: 'https://acme.example/' });
  expect(out.getCell('C2').value).toEqual({
    richText: [
      { text: 'Very ', font: { bold: true } },
      { text: 'keen', font: { italic: true, color: { argb: 'FFFF0000' } } },
    ],
  });
  expect(out.getCell('A2').font).toMatchObject({
    name: 'Georgia',
    size: 14,
    italic: true,
    color: { argb: 'FF336699' },
  });
  expect(out.getCell('D2').border).toMatchObject({
    top: { style: 'thin' },
    bottom: { style: 'double', color: { argb: 'FF00FF00' } },
  });
  expect(out.getColumn('F').hidden).toBe(true);
  expect(out.autoFilter).toBe('A1:G4');
  expect(out.getCell('D4').isMerged).toBe(true);
  expect(out.getCell('D4').master.address).toBe('C4');
  expect(out.getCell('C4').value).toBe('merged note');
  expect(out.getCell('D3').value).toEqual({ error: '#N/A' });
});

test('a cell the run cleared is cleared in the file; one the run made bold keeps its font', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-roundtrip-'));
  const source = join(dir, 'export.xlsx');
  await userExport(source);
  const model = await loadWorkbook(source);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(2, 5).value = '';
  sheet.ensure(2, 1).bold = true;
  await saveWorkbook(model, source);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(source);
  const out = book.getWorksheet('Partners')!;
  expect(out.getCell('E2').value).toBeNull();
  expect(out.getCell('A2').font).toMatchObject({ name: 'Georgia', size: 14, italic: true, bold: true });
});

// A workbook the user edits (in Excel or LibreOffice) between two local runs: the file is the truth. The
// runtime's live copy (`<workbook>.live.json`, local/runtime.ts) must never put the old values back.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createRuntime } from '../../local/runtime';
import { loadWorkbook } from '../../local/xlsxFile';
import { partnerWorkbook, runOnce, TIME_ZONE, writeWorkbook } from '../automation/helpers';

jest.setTimeout(60_000);

const NPS = 7; // column G of the automation workbook
const LAST_CONTACT = 9; // column I

test('NPS 99 → blank and Last contact 2026-12-02 → 2026-09-01 typed between two runs stay as typed', async () => {
  // Last contact one day after the run's date: 2026-12-02.
  const path = await writeWorkbook(
    partnerWorkbook([{ name: 'Acme', owner: 'ann@example.com', nps: 99, lastContactDaysAgo: -1 }]),
  );
  await runOnce({ workbookPath: path, now: new Date(2026, 11, 1, 7) }, 'recolorNow');
  expect(existsSync(path.replace(/\.xlsx$/, '.live.json'))).toBe(true);

  // The user's edit, saved by a spreadsheet program.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet('Partners')!;
  expect(sheet.getCell(2, NPS).value).toBe(99);
  sheet.getCell(2, NPS).value = null;
  sheet.getCell(2, LAST_CONTACT).value = new Date(Date.UTC(2026, 8, 1));
  await book.xlsx.writeFile(path);

  const second = await createRuntime({
    workbookPath: path,
    timeZone: TIME_ZONE,
    now: new Date(2026, 11, 1, 8),
    outboxDir: join(path, '..', 'outbox'),
  });
  expect(second.notices).toEqual([
    `${path} was changed outside PartnerPulse since the last run: this run starts from your edits.`,
  ]);
  second.call('recolorNow');
  await second.save();

  const saved = (await loadWorkbook(path, { timeZone: TIME_ZONE })).sheet('Partners')!;
  expect(saved.valueAt(2, NPS)).toBe('');
  expect(saved.valueAt(2, LAST_CONTACT)).toEqual(new Date(2026, 8, 1));

  // The next run (no edit since) says nothing and sees the same.
  const third = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE, code: '' });
  expect(third.notices).toEqual([]);
  expect(third.workbook.sheet('Partners')!.valueAt(2, NPS)).toBe('');
});

// Issue 15 item 5: the sidebar and its actions work on the selected row, not on the first row of that name;
// two rows of one name are flagged; an action is refused when its row moved or changed since the sidebar read it.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../../local/runtime';
import type { QbrActionResult, QbrData } from '../../../src/contracts/qbrSidebar';
import { sheetRows } from '../../automation/helpers';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'partners.xlsx');

/** The example with TechServices Inc. (row 2) copied to a new last row: two partners of one name. */
async function withDuplicate(): Promise<{ runtime: Runtime; dupRow: number; col: (h: string) => number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rowid-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(EXAMPLE, workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: new Date(2026, 11, 1, 9),
    outboxDir: join(dir, 'outbox'),
    userEmail: 'sarah@example.com',
  });
  const sheet = runtime.spreadsheet.getSheetByName('Partners')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const col = (h: string) => header.indexOf(h) + 1;
  const dupRow = sheet.getLastRow() + 1;
  const source = sheet.getRange(2, 1, 1, col('Next QBR')).getValues()[0];
  sheet.getRange(dupRow, 1, 1, source.length).setValues([source]);
  sheet.getRange(dupRow, col('Owner')).setValue('other@example.com');
  sheet.getRange(dupRow, col('Last QBR')).setValue('');
  sheet.getRange(dupRow, col('Next QBR')).setValue('');
  return { runtime, dupRow, col };
}

test('the selected row opens, even when an earlier row has the same name; the other row is flagged', async () => {
  const { runtime, dupRow } = await withDuplicate();
  runtime.SpreadsheetApp.select(`Partners!C${dupRow}`);
  const data = runtime.call('getQbrData', null) as QbrData;
  expect(data.details?.partner).toMatchObject({
    name: 'TechServices Inc.',
    row: dupRow,
    owner: 'other@example.com',
    duplicates: [2],
  });
  expect(data.partners.filter((n) => n === 'TechServices Inc.')).toHaveLength(1);
});

test('Mark QBR held writes to the row the sidebar showed, not to the first row of that name', async () => {
  const { runtime, dupRow, col } = await withDuplicate();
  runtime.SpreadsheetApp.select(`Partners!C${dupRow}`);
  const d = (runtime.call('getQbrData', null) as QbrData).details!;
  const firstBefore = sheetRows(runtime, 'Partners')[1];
  const r = runtime.call(
    'markQbrHeld',
    { row: d.partner.row, fingerprint: d.partner.fingerprint, name: d.partner.name },
    '',
  ) as QbrActionResult;
  expect(r.changes[0]).toMatch(new RegExp(`^Partners row ${dupRow}: Last QBR \\(blank\\) → 2026-12-01`));
  const rows = sheetRows(runtime, 'Partners');
  expect(rows[1]).toEqual(firstBefore);
  expect(rows[dupRow - 1][col('Last QBR') - 1]).toEqual(new Date(2026, 11, 1));
  expect(r.data.details?.partner.row).toBe(dupRow);
});

test('by name alone, an action on a name two rows share is refused, naming the rows', async () => {
  const { runtime, dupRow } = await withDuplicate();
  expect(() => runtime.call('markQbrHeld', 'TechServices Inc.', '')).toThrow(
    `"TechServices Inc." is on rows 2, ${dupRow} of "Partners": select the row you mean on the sheet and reopen the sidebar. Nothing was changed.`,
  );
});

test('an action is refused when its row changed or moved since the sidebar read it, and nothing is written', async () => {
  const { runtime, col } = await withDuplicate();
  runtime.SpreadsheetApp.select('Partners!C3');
  const d = (runtime.call('getQbrData', null) as QbrData).details!;
  const ref = { row: d.partner.row, fingerprint: d.partner.fingerprint, name: d.partner.name };
  const sheet = runtime.spreadsheet.getSheetByName('Partners')!;
  // Someone changes the partner's NPS meanwhile.
  sheet.getRange(3, col('NPS')).setValue(12);
  // What was typed (the columns up to Partner contact; the rest are formula results), every row but row 3.
  const inputs = () =>
    JSON.stringify(sheetRows(runtime, 'Partners').map((r, i) => (i === 2 ? null : r.slice(0, col('Partner contact')))));
  const before = inputs();
  const logRows = sheetRows(runtime, 'QBR log').length;
  expect(() => runtime.call('markQbrHeld', ref, '')).toThrow(
    `Row 3 of "Partners" changed since the sidebar read "${d.partner.name}" (it now holds "${d.partner.name}" with changed values). Nothing was changed: reopen the sidebar or pick the partner again, then retry.`,
  );
  // Someone sorts the sheet: another partner is on row 3 now.
  const row4 = sheet.getRange(4, 1, 1, col('Partner contact')).getValues()[0];
  sheet.getRange(3, 1, 1, row4.length).setValues([row4]);
  expect(() => runtime.call('setQbrChecklistItem', ref, '2026-Q4', 'before.agenda', true)).toThrow(
    `Row 3 of "Partners" changed since the sidebar read "${d.partner.name}" (it now holds "${String(row4[0])}").`,
  );
  expect(() => runtime.call('markQbrHeld', { row: 3, fingerprint: 'nonsense' }, '')).toThrow(
    'partner.fingerprint "nonsense" is not a row fingerprint',
  );
  expect(inputs()).toBe(before);
  expect(sheetRows(runtime, 'QBR log')).toHaveLength(logRows);
});

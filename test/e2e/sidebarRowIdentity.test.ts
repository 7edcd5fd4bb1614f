// Issue 15 items 4 and 5 in a real browser: with two partners of one name, the sidebar opens the selected row,
// says another row has the name, lists the row's unreadable inputs with their cells, and Mark QBR held writes
// to that row; an edit of the row meanwhile makes the action refuse with a message.
import type { Page } from 'playwright-core';
import type { SidebarServer } from '../../local/sidebarServer';
import type { CellValue, WorkbookModel } from '../../local/workbook';
import { loadWorkbook } from '../../local/xlsxFile';
import { workbookRows } from '../automation/helpers';
import { openSidebar, type SidebarSession } from './sidebarPage';

jest.setTimeout(180_000);

let session: SidebarSession;
let server: SidebarServer;
let page: Page;
let workbookPath: string;
let dupRow: number;
let header: string[];

const settled = () => session.settled();

/** A second "TechServices Inc." (another region's deal), with an NPS no survey gives. */
function prepare(model: WorkbookModel): void {
  const partners = model.sheet('Partners')!;
  header = workbookRows(model, 'Partners')[0].map(String);
  dupRow = partners.lastRow() + 1;
  const put = (h: string, v: CellValue) => {
    partners.ensure(dupRow, header.indexOf(h) + 1).value = v;
  };
  put('Partner', 'TechServices Inc.');
  put('Owner', 'other@example.com');
  put('Growth', 0.1);
  put('Deals', 3);
  put('Engagement', 'Monthly');
  put('NPS', 140);
}

beforeAll(async () => {
  // The sidebar opens on the second row of that name, which prepare() added.
  session = await openSidebar({ prefix: 'pp-sidebar-rowid-', prepare, selection: () => `Partners!A${dupRow}` });
  ({ server, page, workbookPath } = session);
});

afterAll(async () => {
  await session?.close();
});

test("the selected row opens, the other row of that name is flagged, the row's unreadable input is listed with its cell", async () => {
  await page.goto(server.url);
  await settled();
  expect(await page.locator('#partner-name').textContent()).toBe('TechServices Inc.');
  expect(await page.locator('.owner').textContent()).toBe('Owner: other@example.com');
  expect(await page.locator('#duplicates').textContent()).toContain(
    `Row ${dupRow} is shown. Another partner row has this name too: row 2.`,
  );
  const npsColumn = String.fromCharCode(65 + header.indexOf('NPS'));
  expect(await page.locator('.problems-title').textContent()).toBe(
    `Inputs that cannot be read (row ${dupRow}; each counts as blank):`,
  );
  expect(await page.locator('ul.problems li').allTextContents()).toEqual([
    `NPS 140 is outside −100…100 (cell ${npsColumn}${dupRow})`,
  ]);
});

test('Mark QBR held writes to the row shown, not the first of that name', async () => {
  await page.locator('#held-open').click();
  await page.locator('#held-confirm-button').click();
  await settled();
  expect(await page.locator('.status.ok li').first().textContent()).toMatch(
    new RegExp(`^Partners row ${dupRow}: Last QBR \\(blank\\) → 2026-12-01`),
  );
  const rows = workbookRows(await loadWorkbook(workbookPath, { timeZone: 'America/New_York' }), 'Partners');
  const lastQbr = header.indexOf('Last QBR');
  expect(rows[dupRow - 1][lastQbr]).toEqual(new Date(2026, 11, 1));
  expect(rows[1][lastQbr]).toEqual(new Date(2026, 9, 2)); // row 2's Last QBR, as it was
});

test('an edit of the row since the sidebar read it makes the next action refuse, with a message', async () => {
  server.runtime.spreadsheet
    .getSheetByName('Partners')!
    .getRange(dupRow, header.indexOf('NPS') + 1)
    .setValue(40);
  await page.locator('#brief').click();
  await settled();
  expect(await page.locator('.status.error p').first().textContent()).toBe(
    `Row ${dupRow} of "Partners" changed since the sidebar read "TechServices Inc." (it now holds "TechServices Inc." with changed values). Nothing was changed: reopen the sidebar or pick the partner again, then retry.`,
  );
});

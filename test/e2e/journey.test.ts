// The partner-journey sections of the QBR sidebar (issue 20, docs/journey.md) in chromium against the local
// sidebar server, on a copy of the example workbook: lifecycle, relationship risks, quarterly moves and the
// joint plan with its actions. Screenshots go to out/screenshots/ (copied to docs/ for the user guide).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WorkbookModel } from '../../local/workbook';
import { workbookRows } from '../automation/helpers';
import { iso, openSidebar, SHOTS, type SidebarSession } from './sidebarPage';

jest.setTimeout(180_000);

const XSS = '<img src=x onerror=alert(1)>';

let session: SidebarSession;
let page: Page;

const saved = () => session.saved();
const settled = () => session.settled();
const openPartner = (name: string) => session.openPartner(name);

/** This quarter's snapshot as the first daily run of 2026-Q4 would have taken it, for Hooli's move. */
function prepare(model: WorkbookModel): void {
  // It is stored in the Health history's Quarter snapshots column (compact layout, docs/limits.md), newest first.
  const history = model.sheet('Health history')!;
  history.ensure(1, 5).value = 'Quarter snapshots (latest 2026-Q4)';
  const hooli = [...Array(history.lastRow()).keys()]
    .map((i) => i + 1)
    .find((r) => history.valueAt(r, 1) === 'Hooli Partners')!;
  history.ensure(hooli, 5).value = `2026-Q4=At-risk/Growth/Unpolished diamond;${String(history.valueAt(hooli, 5))}`;
}

beforeAll(async () => {
  session = await openSidebar({ prefix: 'pp-journey-sidebar-', prepare });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

test('TechServices: Active, the joint plan with the overdue milestone first and target vs actual', async () => {
  await page.goto(session.server.url);
  await settled();
  expect(await page.locator('#partner-name').textContent()).toBe('TechServices Inc.');
  expect(await page.locator('#lifecycle-stage').textContent()).toBe('Active');
  expect(await page.locator('#lifecycle-target').textContent()).toBe('First deal 2022-12-02');
  expect(await page.locator('#section-plan h2').textContent()).toBe('Joint plan (1/4 done)');
  const items = await page.locator('#section-plan .milestones li').allTextContents();
  expect(items[0]).toBe('BothJoint booth at Dreamforcedue 2026-11-26 · target 1 vs actual 0 overdue 5 dDone');
  expect(items.at(-1)).toContain('Certified sales reps');
  expect(items.at(-1)).toContain('target 8 vs actual 8');
  await page.locator('#section-plan').screenshot({ path: join(SHOTS, 'sidebar-joint-plan.png') });
});

test('a milestone added in the sidebar is on the Joint plan sheet (as text, markup and all), and Done marks it', async () => {
  await page.fill('#milestone-text', XSS);
  await page.selectOption('#milestone-side', 'Partner');
  await page.fill('#milestone-due', '2027-01-15');
  await page.fill('#milestone-target', '2');
  await page.click('#milestone-add');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe('Milestone added to the joint plan.');
  expect(await page.locator('#section-plan .item-text').allTextContents()).toContain(XSS);
  expect(await page.locator('#section-plan img').count()).toBe(0);
  let plan = workbookRows(await saved(), 'Joint plan');
  expect(plan.map((r) => [r[0], r[1], r[2], iso(r[3]), r[4], r[5]])).toContainEqual([
    'TechServices Inc.',
    XSS,
    'Partner',
    '2027-01-15',
    'Open',
    2,
  ]);
  const row = plan.findIndex((r) => r[1] === XSS) + 1;
  await page.click(`#milestone-done-${row}`);
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe('Milestone done.');
  plan = workbookRows(await saved(), 'Joint plan');
  expect(plan[row - 1][4]).toBe('Done');
  expect(await page.locator('#section-plan h2').textContent()).toBe('Joint plan (2/5 done)');
  expect(session.dialogs).toEqual([]);
});

test('Paper Street Tech: Onboard with days since signing and days left; its risks with reason and advice', async () => {
  await openPartner('Paper Street Tech');
  expect(await page.locator('#lifecycle-stage').textContent()).toBe('Onboard');
  expect(await page.locator('#lifecycle-signed').textContent()).toBe('2026-11-21 (10 days ago)');
  expect(await page.locator('#lifecycle-target').textContent()).toBe('80 days left');
  expect(await page.locator('#section-risks h2').textContent()).toBe('Relationship risks (2)');
  const risks = await page.locator('#section-risks .risk').allTextContents();
  expect(risks[1]).toBe(
    'Silent then urgent — No touch for 90 days (more than twice the At-risk cadence of 7 days), and 1 open escalation' +
      'Months of silence then urgent asks is inconsistent communication. Be proactive, not reactive: keep the touch cadence of the segment, not only when there is a problem.',
  );
  await page.locator('#section-lifecycle').screenshot({ path: join(SHOTS, 'sidebar-lifecycle.png') });
  await page.locator('#section-risks').screenshot({ path: join(SHOTS, 'sidebar-risks.png') });
});

test('Kramerica: Stalled, missed by a day; Hooli: its last quarterly move, down', async () => {
  await openPartner('Kramerica');
  expect(await page.locator('#lifecycle-stage').textContent()).toBe('Stalled');
  expect(await page.locator('#lifecycle-target').textContent()).toBe('Missed by 1 day');
  await openPartner('Hooli Partners');
  expect(await page.locator('#lifecycle-stage').textContent()).toBe('Enable');
  expect(await page.locator('#section-moves li').allTextContents()).toEqual(['2026-Q4: Tier Healthy → At-risk ▼ down']);
  await page.locator('#section-moves').screenshot({ path: join(SHOTS, 'sidebar-moves.png') });
});

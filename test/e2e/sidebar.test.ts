// The QBR sidebar end to end in a real browser: Debian's chromium (installed by .ci/run, no browser download)
// driven by playwright-core, against the local sidebar server (local/sidebarServer.ts) on a copy of the
// example workbook, with google.script.run bridged to the built dist/Code.js in the local runtime.
// Screenshots go to out/screenshots/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SidebarServer } from '../../local/sidebarServer';
import type { CellValue, WorkbookModel } from '../../local/workbook';
import { workbookRows } from '../automation/helpers';
import { iso, openSidebar, SHOTS, type SidebarSession } from './sidebarPage';

jest.setTimeout(180_000);

const XSS = '<img src=x onerror=alert(1)>';
/** [days before 2026-12-01, score]: 95 and 90 days ago fall outside the 90-day window. */
const HISTORY: [number, number][] = [
  [95, 50],
  [90, 55],
  [80, 62],
  [70, 66],
  [60, 70],
  [45, 73],
  [31, 74],
  [30, 75],
  [20, 80],
  [10, 84],
  [1, 87],
];

let session: SidebarSession;
let server: SidebarServer;
let page: Page;
let outbox: string;

const saved = () => session.saved();

/** What each cell of a sheet holds as typed: its formula, or its value; cells filled by a formula's spill are left out. */
function contents(model: WorkbookModel, name: string): Map<string, unknown> {
  const sheet = model.sheet(name)!;
  const out = new Map<string, unknown>();
  for (let r = 1; r <= sheet.lastRow(); r++) {
    for (let c = 1; c <= sheet.lastColumn(); c++) {
      const cell = sheet.cell(r, c);
      if (!cell || cell.spilledFrom) continue;
      const v = cell.formula ?? cell.value;
      out.set(`R${r}C${c}`, v instanceof Date ? v.getTime() : v);
    }
  }
  return out;
}

const settled = () => session.settled();

/** A partner whose name is markup, with feedback that is markup too; TechServices' Health history. */
function prepare(model: WorkbookModel): void {
  const partners = model.sheet('Partners')!;
  const header = workbookRows(model, 'Partners')[0];
  const row = partners.lastRow() + 1;
  const put = (h: string, v: CellValue) => {
    partners.ensure(row, header.indexOf(h) + 1).value = v;
  };
  put('Partner', XSS);
  put('Owner', 'lena@example.com');
  put('Growth', 0.1);
  put('Deals', 2);
  put('Engagement', 'Monthly');
  put('NPS', 30);
  const feedback = model.sheet('Feedback')!;
  const f = feedback.lastRow() + 1;
  [XSS, 'Concern', '<script>alert(2)</script>', new Date(2026, 10, 20)].forEach((v, i) => {
    feedback.ensure(f, i + 1).value = v;
  });
  // Ninety-odd days of TechServices scores, as the daily run appended them before the compact layout; 30 days
  // ago it scored 75. They replace the example's own Health history (the sidebar reads either layout).
  const history = model.sheet('Health history') ?? model.addSheet('Health history');
  history.clearCells();
  ['Date', 'Partner', 'Score', 'Tier', 'Segment'].forEach((v, i) => {
    history.ensure(1, i + 1).value = v;
  });
  HISTORY.forEach(([daysAgo, score], k) => {
    [new Date(2026, 11, 1 - daysAgo), 'TechServices Inc.', score, '', 'Strategic'].forEach((v, i) => {
      history.ensure(k + 2, i + 1).value = v;
    });
  });
}

beforeAll(async () => {
  session = await openSidebar({ prefix: 'pp-sidebar-', prepare });
  ({ server, page, outbox } = session);
});

afterAll(async () => {
  await session?.close();
});

test('opens for the selected Strategic partner: score in its tier color, breakdown, missing inputs, agenda', async () => {
  await page.goto(server.url);
  await expect(page.locator('#partner-name').textContent()).resolves.toBe('TechServices Inc.');
  await settled();
  expect(await page.locator('.score-number').textContent()).toBe('87');
  expect(await page.locator('.score-tier').textContent()).toBe('Champion');
  expect(await page.locator('.score').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(183, 225, 205)',
  ); // #b7e1cd
  expect(await page.locator('.facts dd').first().textContent()).toContain(
    'Strategic — White glove, executive sponsor. Touch every 7 days, QBR every 91 days.',
  );
  const breakdown = await page.locator('.breakdown tr').allTextContents();
  expect(breakdown).toEqual(['Revenue30/30', 'Activity25/25', 'Engagement10/20']);
  // The same next best lift as =HEALTH_BREAKDOWN gives for this row.
  expect(await page.locator('.lift').textContent()).toBe('Next best lift: Weekly portal activity: +10');
  expect(await page.locator('.reasons li').allTextContents()).toContain('Activity: 12 deals this quarter: 25 of 25');
  expect(await page.locator('.missing li').allTextContents()).toEqual([
    'Satisfaction (15 points) — fill the NPS column',
    'Strategic fit (10 points) — fill the Strategic fit column',
  ]);
  expect(await page.locator('#section-agenda h2').textContent()).toBe('Agenda (60 min)');
  expect(await page.locator('.agenda-head').allTextContents()).toEqual([
    '5 minRelationship check',
    '15 minPerformance review',
    '15 minPipeline review',
    '15 minJoint planning',
    '10 minResources/Support',
  ]);
  expect(await page.locator('.stuck li').allTextContents()).toEqual(['Litware analytics rollout — Discovery, 41 days']);
  await page.screenshot({ path: join(SHOTS, 'sidebar-techservices.png'), fullPage: true });
  await page.screenshot({ path: join(SHOTS, 'sidebar-top.png') });
});

test('a checklist tick made with the keyboard is still there after reopening', async () => {
  const box = page.locator('#tick-before-pipeline');
  expect(await box.isChecked()).toBe(false);
  await box.focus();
  await page.keyboard.press('Space');
  await settled();
  expect(await page.locator('.status.error').count()).toBe(0);
  await page.reload();
  await settled();
  expect(await page.locator('#partner-name').textContent()).toBe('TechServices Inc.');
  expect(await page.locator('#tick-before-pipeline').isChecked()).toBe(true);
  expect(await page.locator('#tick-before-feedback').isChecked()).toBe(false);
});

test('an action item added in the sidebar is in the Action items sheet', async () => {
  await page.fill('#item-text', 'Send the Q1 co-marketing plan');
  await page.selectOption('#item-side', 'Both');
  await page.fill('#item-due', '2026-12-15');
  await page.press('#item-text', 'Enter');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe('Action item added.');
  expect(await page.locator('.items .item-text').allTextContents()).toContain('Send the Q1 co-marketing plan');
  const items = workbookRows(await saved(), 'Action items');
  expect(items.map((r) => [r[0], r[1], r[2], iso(r[3]), r[4]])).toContainEqual([
    'TechServices Inc.',
    'Send the Q1 co-marketing plan',
    'Both',
    '2026-12-15',
    'Open',
  ]);
});

test('Mark QBR held, after confirming: the row’s dates changed and the QBR log has a row', async () => {
  const logBefore = workbookRows(await saved(), 'QBR log').length;
  await page.click('#held-open');
  expect(await page.locator('#held-confirm').isVisible()).toBe(true);
  await page.fill('#held-notes', 'Agreed a joint webinar in January');
  await page.click('#held-confirm-button');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe(
    'QBR with TechServices Inc. marked held on 2026-12-01.',
  );
  expect(await page.locator('.status.ok li').allTextContents()).toContain(
    'Partners row 2: Last QBR 2026-10-02 → 2026-12-01, Next QBR 2026-12-31 → 2027-03-02',
  );
  await page.screenshot({ path: join(SHOTS, 'sidebar-qbr-held.png') });
  const book = await saved();
  const partners = workbookRows(book, 'Partners');
  const [header, tech] = [partners[0], partners[1]];
  expect(tech[0]).toBe('TechServices Inc.');
  expect(iso(tech[header.indexOf('Last QBR')])).toBe('2026-12-01');
  expect(iso(tech[header.indexOf('Next QBR')])).toBe('2027-03-02');
  const log = workbookRows(book, 'QBR log');
  expect(log).toHaveLength(logBefore + 1);
  expect(log[log.length - 1].map(iso)).toEqual([
    'TechServices Inc.',
    '2026-12-01',
    'Agreed a joint webinar in January',
    '2027-03-02',
  ]);
  expect(await page.locator('.dates dd').allTextContents()).toContain('2026-12-01');
});

test('the sparkline draws the last 90 days of Health history with the change against 30 days ago', async () => {
  expect(await page.locator('#trend-change').textContent()).toBe('▲ 12');
  const points = (await page.locator('#section-trend polyline').getAttribute('points'))!.trim().split(/\s+/);
  expect(points).toHaveLength(HISTORY.filter(([daysAgo]) => daysAgo < 90).length);
  expect(await page.locator('#section-trend svg').getAttribute('aria-label')).toBe(
    'Score over the last 90 days, 9 days recorded, from 62 on 2026-09-12 to 87',
  );
  await page.locator('#section-trend').screenshot({ path: join(SHOTS, 'sidebar-sparkline.png') });
});

test('what-if: NPS changed in the panel changes the tier without touching the sheet; Apply writes exactly that cell', async () => {
  const before = contents(await saved(), 'Partners');
  const callsBefore = server.calls.length;
  await page.click('#section-whatif summary');
  await page.fill('#whatif-nps', '-10');
  expect(await page.locator('#whatif-outcome .chip').textContent()).toBe('72 Healthy');
  expect(await page.locator('#whatif-outcome .was').first().textContent()).toBe('was 87 Champion');
  expect(server.calls.length).toBe(callsBefore);
  expect(contents(await saved(), 'Partners')).toEqual(before);
  await page.locator('#section-whatif').screenshot({ path: join(SHOTS, 'sidebar-whatif.png') });

  await page.click('#whatif-apply');
  expect(await page.locator('#whatif-confirm li').allTextContents()).toEqual(['NPS: (blank) → -10']);
  server.runtime.calls.reset();
  await page.click('#whatif-confirm-button');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe('Wrote 1 cell on row 2 (TechServices Inc.).');
  expect(server.runtime.calls.byMethod()['Range.setValue']).toBe(1);
  expect(server.runtime.calls.byMethod()['Range.setValues']).toBeUndefined();
  const after = contents(await saved(), 'Partners');
  const header = workbookRows(await saved(), 'Partners')[0];
  const diff = [...after].filter(([k, v]) => before.get(k) !== v);
  expect(diff).toEqual([[`R2C${header.indexOf('NPS') + 1}`, -10]]);
  expect(await page.locator('.score-number').textContent()).toBe('72');
});

test('Create QBR brief and E-mail me the agenda say what they did, and did it', async () => {
  await page.click('#brief');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe(
    'QBR brief created in the sheet "QBR TechServices Inc. 2026-Q4".',
  );
  const brief = workbookRows(await saved(), 'QBR TechServices Inc. 2026-Q4');
  expect(brief[0][0]).toBe('QBR brief — TechServices Inc. — 2026-Q4');
  await page.click('#email');
  await settled();
  expect(await page.locator('.status.ok p').textContent()).toBe('Agenda sent to sarah@example.com.');
  const mails = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  expect(mails).toHaveLength(1);
  expect(readFileSync(join(outbox, mails[0]), 'utf8')).toMatch(/^To: sarah@example\.com/m);
});

test('a partner named like markup is shown as text and no dialog fires', async () => {
  await page.fill('#partner-search', XSS);
  await page.press('#partner-search', 'Enter');
  await page.waitForFunction((name) => document.getElementById('partner-name')?.textContent === name, XSS);
  await settled();
  expect(await page.locator('#app img').count()).toBe(0);
  expect(await page.locator('#app script').count()).toBe(0);
  expect(await page.locator('.feedback li').first().textContent()).toContain('<script>alert(2)</script>');
  await page.screenshot({ path: join(SHOTS, 'sidebar-markup-name.png') });
  expect(session.dialogs).toEqual([]);
});

test('a failing call shows the error state with the server’s message', async () => {
  await page.fill('#partner-search', 'Nobody Ltd');
  await page.press('#partner-search', 'Enter');
  await settled();
  expect(await page.locator('.status.error p').textContent()).toBe(
    'There is no partner named "Nobody Ltd" on the "Partners" sheet.',
  );
  expect(await page.locator('.status.error button').textContent()).toBe('Try again');
});

test('the local google.script.run keeps Google’s rules: no Date argument, no private `_` function', async () => {
  const failure = (call: string) =>
    page.evaluate(
      (code) =>
        new Promise<string>((resolve) => {
          const run = (
            window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }
          ).google.script.run;
          const runner = (run.withSuccessHandler as (f: () => void) => typeof run)(() => resolve('succeeded'));
          const withFailure = (runner.withFailureHandler as (f: (e: Error) => void) => typeof run)((e) =>
            resolve(e.message),
          );
          new Function('r', code)(withFailure);
        }),
      call,
    );
  expect(await failure('r.getQbrData(new Date())')).toBe(
    'Failed due to illegal value in parameter 0 is a Date (google.script.run cannot pass it).',
  );
  expect(await failure('r.tellAdmin_()')).toBe('Script function not found: tellAdmin_');
  expect(await failure('r.noSuchFunction()')).toBe('Script function not found: noSuchFunction');
  expect(await failure('r.getQbrData("TechServices Inc.")')).toBe('succeeded');
});

// The sidebar after Settings change (issue 17: "the sidebar shows the right cadence and tier lines after
// Settings change"): new tier floors and a new Strategic QBR cadence saved through saveSettings, then the
// sidebar reopened in chromium. What the user sees must follow Settings: the trend's tier lines at the new
// floors, and Mark QBR held promising (and writing) today + the segment's cadence.
import type { Page } from 'playwright-core';
import { workbookRows } from '../automation/helpers';
import { iso, openSidebar, type SidebarSession } from './sidebarPage';

jest.setTimeout(180_000);

let session: SidebarSession;
let page: Page;

/** The tier lines drawn on the trend, top to bottom: the tier and the score its label gives. */
async function tierLines(): Promise<string[]> {
  const tiers = await page
    .locator('#section-trend line.grid')
    .evaluateAll((l) => l.map((x) => x.getAttribute('data-tier')));
  const labels = await page.locator('#section-trend .grid-label').allTextContents();
  return labels.map((label, i) => `${tiers[i] ?? '?'} ${label}`);
}

beforeAll(async () => {
  session = await openSidebar({ prefix: 'pp-sidebar-settings-' });
  page = session.page;
  await page.goto(session.server.url);
  await session.settled();
});

afterAll(async () => {
  await session?.close();
});

test('with the default Settings: TechServices (Strategic) has tier lines at 80, 60, 40, 20 and a 91-day QBR cadence', async () => {
  expect(await page.locator('#partner-name').textContent()).toBe('TechServices Inc.');
  expect(await tierLines()).toEqual(['Champion 80', 'Healthy 60', 'At-risk 40', 'Critical 20']);
  await page.click('#held-open');
  expect(await page.locator('#held-confirm p').first().textContent()).toContain('2027-03-02 (in 91 days');
});

test('after Settings change, the sidebar draws the new tier floors and promises the segment’s new cadence', async () => {
  const runtime = session.server.runtime;
  const saved = runtime.call(
    'saveSettings',
    JSON.stringify({
      rules: {
        tierFloors: { Champion: 85, Healthy: 70, 'At-risk': 50, Critical: 30 },
        segmentPolicies: { Strategic: { qbrEveryDays: 60 } },
      },
    }),
  );
  expect(saved).toEqual({ saved: true, errors: [] });
  runtime.services.save();
  // Saving wrote the PartnerPulse sheet, which left the selection there: the partner is opened from the search.
  await page.reload();
  await session.settled();
  await session.openPartner('TechServices Inc.');
  expect(await page.locator('.facts dd').first().textContent()).toContain('QBR every 60 days');
  expect(await tierLines()).toEqual(['Champion 85', 'Healthy 70', 'At-risk 50', 'Critical 30']);
  await page.click('#held-open');
  const promise = await page.locator('#held-confirm p').first().textContent();
  expect(promise).toContain('Next QBR to 2027-01-30 (in 60 days: the Strategic QBR cadence)');
  expect(promise).toContain('follow-up action items due 2026-12-03 (in 2 days)');
  expect(promise).not.toMatch(/91|48 hours/);

  // And it does what it promised.
  await page.click('#held-confirm-button');
  await session.settled();
  const partners = workbookRows(await session.saved(), 'Partners');
  expect(iso(partners[1][partners[0].indexOf('Next QBR')])).toBe('2027-01-30');
});

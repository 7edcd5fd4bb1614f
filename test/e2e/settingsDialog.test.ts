// The Settings dialog in a real browser (Debian's chromium, driven by playwright-core): dist/Settings.html, built
// from ui/settings/, as openSettings shows it, with google.script.run bridged to getSettingsDialog and
// saveSettings of the built dist/Code.js in the local runtime.

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createRuntime, type Runtime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { type DialogPage, launchChromium, openSettingsDialog, SHOTS } from './sidebarPage';

jest.setTimeout(120_000);

let browser: Browser;
let dialog: DialogPage;
let page: Page;
let runtime: Runtime;

beforeAll(async () => {
  const model = new WorkbookModel('e2e', 'Settings e2e', 'America/New_York');
  model.addSheet('Partners').ensure(1, 1).value = 'Partner';
  runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  // A stored copy with a field no longer valid: the dialog opens with it at its default and says so on top.
  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify({ version: 2, dailyHour: 99 }),
  );
  runtime.call('openSettings');
  browser = await launchChromium();
  dialog = await openSettingsDialog(browser, runtime);
  page = dialog.page;
});

afterAll(async () => {
  await browser?.close();
});

const errorNextTo = (path: string) => page.locator(`[data-err-for="${path}"]`).textContent();
const stored = () => runtime.services.PropertiesService.getDocumentProperties().getProperty('partnerpulse.settings');

test("opens with every setting filled in, percent fields as percent, and the stored copy's problem on top", async () => {
  expect(await page.textContent('#stored')).toBe(
    'Some stored settings were not valid and are at their defaults:Daily run at hour 99 is too large; allowed: a whole hour 0…23',
  );
  expect(await page.isVisible('#stored')).toBe(true);
  expect(await page.inputValue('[data-path="dailyHour"]')).toBe('7');
  expect(await page.inputValue('[data-path="rules.weights.revenue"]')).toBe('30');
  expect(await page.inputValue('[data-path="rules.revenue.growingFast"]')).toBe('20%');
  expect(await page.inputValue('[data-path="rules.tierColors.Champion"]')).toBe('#b7e1cd');
  expect(await page.getAttribute('[data-path="aliases.deals"]', 'placeholder')).toMatch(/\w/);
  expect(
    await page
      .locator('.swatch')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe('rgb(183, 225, 205)');
  await page.screenshot({ path: join(SHOTS, 'settings-dialog.png'), fullPage: true });
});

test('refused fields show their message next to the field, and nothing is saved', async () => {
  await page.fill('[data-path="rules.weights.fit"]', '5');
  await page.fill('[data-path="rules.segmentPolicies.Growth.touchEveryDays"]', '-3');
  await page.fill('[data-path="adminEmail"]', 'ops at example.com');
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('summary')!.textContent !== '');
  expect(await page.textContent('#summary')).toBe('3 settings need fixing; nothing was saved.');
  // A rule over several fields shows at the first field of its group.
  expect(await errorNextTo('rules.weights.revenue')).toBe(
    'Weights 30 + 25 + 20 + 15 + 5 add up to 95; allowed: weights that add up to 100',
  );
  expect(await errorNextTo('rules.segmentPolicies.Growth.touchEveryDays')).toBe(
    'Growth: touch every (days) −3 is negative; allowed: a whole number of days, 1 or more',
  );
  expect(await errorNextTo('adminEmail')).toBe(
    'Admin address "ops at example.com" is not an e-mail address; allowed: name@company.com, or blank',
  );
  expect(JSON.parse(stored() as string).dailyHour).toBe(99);
});

test('fixed, the form saves; the messages go; aliases typed with commas are stored as a list', async () => {
  await page.fill('[data-path="rules.weights.fit"]', '10');
  await page.fill('[data-path="rules.segmentPolicies.Growth.touchEveryDays"]', '10');
  await page.fill('[data-path="adminEmail"]', 'ops@example.com');
  await page.fill('[data-path="aliases.deals"]', 'Deals closed, Closed deals');
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('summary')!.className === 'saved');
  expect(await page.textContent('#summary')).toBe('Saved. Every collaborator now works with these settings.');
  expect(await errorNextTo('adminEmail')).toBe('');
  const saved = JSON.parse(stored() as string);
  expect([saved.adminEmail, saved.rules.segmentPolicies.Growth.touchEveryDays, saved.aliases.deals]).toEqual([
    'ops@example.com',
    10,
    ['Deals closed', 'Closed deals'],
  ]);
  expect(saved.rules.revenue.growingFast).toBe(0.2); // "20%" in the form
  expect(saved.dailyHour).toBe(7); // the stored 99 was shown, and is saved, at its default
});

test('Close closes the dialog', async () => {
  await page.click('#cancel');
  expect(await dialog.closed()).toBe(true);
  expect(dialog.dialogs).toEqual([]);
});

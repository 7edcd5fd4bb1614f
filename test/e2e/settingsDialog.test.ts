// The Settings dialog in a real browser (Debian's chromium, driven by playwright-core): the HTML openSettings
// shows, with google.script.run bridged to saveSettings of the built dist/Code.js in the local runtime.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createRuntime, type Runtime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

jest.setTimeout(120_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let page: Page;
let runtime: Runtime;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium).`);
  const model = new WorkbookModel('e2e', 'Settings e2e', 'America/New_York');
  model.addSheet('Partners').ensure(1, 1).value = 'Partner';
  runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  runtime.call('openSettings');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage();
  await page.exposeFunction('__saveSettings', (json: string) => runtime.call('saveSettings', json));
  // google.script.run as Apps Script gives it to a dialog: chained handlers, then the server function by name.
  await page.addInitScript(() => {
    const w = window as unknown as {
      google: unknown;
      __saveSettings(json: string): Promise<unknown>;
      __closed?: boolean;
    };
    const runner = (ok: ((r: unknown) => void) | null, fail: ((e: unknown) => void) | null): unknown => ({
      withSuccessHandler: (f: (r: unknown) => void) => runner(f, fail),
      withFailureHandler: (f: (e: unknown) => void) => runner(ok, f),
      saveSettings: (json: string) => {
        w.__saveSettings(json).then(
          (r) => ok?.(r),
          (e) => fail?.(e),
        );
      },
    });
    w.google = {
      script: {
        run: runner(null, null),
        host: {
          close: () => {
            w.__closed = true;
          },
        },
      },
    };
  });
  // Served from a made-up origin (never reaching the network) so the init script runs before the dialog's own.
  await page.route('http://dialog.invalid/', (route) =>
    route.fulfill({ contentType: 'text/html', body: runtime.ui.dialogs[0].content }),
  );
  await page.goto('http://dialog.invalid/');
});

afterAll(async () => {
  await browser?.close();
});

const errorNextTo = (path: string) => page.locator(`[data-err-for="${path}"]`).textContent();
const stored = () => runtime.services.PropertiesService.getDocumentProperties().getProperty('partnerpulse.settings');

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
  expect(stored()).toBeNull();
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
});

// The real add-on in the runtime: dist/Code.js's onOpen builds the PartnerPulse menu
// (developers.google.com/apps-script/reference/base/ui#createAddonMenu(); add-on menus show under Extensions).
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';

test('onOpen of the built bundle shows the PartnerPulse menu, and turning automation on changes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-menu-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(join(__dirname, '..', '..', 'examples', 'partners.xlsx'), workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: new Date(2026, 11, 1, 8, 0),
    outboxDir: join(dir, 'outbox'),
  });
  runtime.call('onOpen', { authMode: 'FULL' });
  const items = () => runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'));
  expect(items()).toEqual([
    'Prepare QBR…',
    '—',
    'Recolor now',
    "Preview today's alerts",
    "Send today's alerts now",
    '—',
    'Turn daily automation on (it is off)',
    'Open the run log',
    '—',
    'Build dashboard',
    'Connect a BigQuery table…',
    'Set up example sheets',
    'Check headers',
    'Settings…',
  ]);
  runtime.call('turnAutomationOn');
  expect(items()).toContain('Turn daily automation off (it is on)');
});

test('when Sheets refuses the trigger list to onOpen, the menu is still built, with the plain on item', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-menu-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(join(__dirname, '..', '..', 'examples', 'partners.xlsx'), workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: new Date(2026, 11, 1, 8, 0),
    outboxDir: join(dir, 'outbox'),
  });
  (runtime.context.ScriptApp as { getUserTriggers: () => unknown }).getUserTriggers = () => {
    throw new Error('You do not have permission to call ScriptApp.getUserTriggers');
  };
  runtime.call('onOpen', { authMode: 'LIMITED' });
  const items = runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'));
  expect(items).toContain('Turn daily automation on');
  expect(items[0]).toBe('Prepare QBR…');
});

// Settings…, getSettingsDialog and saveSettings in the built bundle, run in the local runtime: the dialog a
// user sees and what it is given to show, what is stored in the document properties, and every refusal coming
// back with its field. The dialog in a browser: test/e2e/settingsDialog.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel } from '../../../local/workbook';
import type { SettingsDialogData, SettingsDialogField } from '../../../src/contracts/settingsDialog';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';

const KEY = 'partnerpulse.settings';

async function runtime() {
  const model = new WorkbookModel('s', 'Settings test', 'America/New_York');
  model.addSheet('Partners').ensure(1, 1).value = 'Partner';
  return createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
}

const stored = (rt: Awaited<ReturnType<typeof runtime>>) =>
  rt.services.PropertiesService.getDocumentProperties().getProperty(KEY);

/** What the dialog is given to show: each field's path and its value as typed in its input. */
function shown(rt: Awaited<ReturnType<typeof runtime>>): {
  fields: Map<string, SettingsDialogField>;
  data: SettingsDialogData;
} {
  const data = rt.call('getSettingsDialog') as SettingsDialogData;
  return { fields: new Map(data.groups.flatMap((g) => g.fields).map((f) => [f.path, f])), data };
}

test('Settings… opens the built dialog, which is given every setting filled in', async () => {
  const rt = await runtime();
  rt.call('openSettings');
  const dialog = rt.ui.dialogs[0];
  expect([dialog.kind, dialog.title]).toEqual(['modal', 'PartnerPulse settings']);
  expect(dialog.content).toBe(readFileSync(join(__dirname, '..', '..', '..', 'dist', 'Settings.html'), 'utf8'));
  const { fields, data } = shown(rt);
  expect(fields.get('rules.weights.revenue')).toMatchObject({ kind: 'text', value: '30' });
  expect(fields.get('rules.revenue.growingFast')).toMatchObject({ kind: 'percent', value: '20%' });
  expect(fields.get('rules.tierColors.Champion')).toMatchObject({ kind: 'color', value: '#b7e1cd', swatch: '#b7e1cd' });
  expect(fields.get('dailyHour')?.value).toBe('7');
  expect(fields.get('aliases.deals')).toMatchObject({ kind: 'list', value: '' });
  expect(fields.get('aliases.deals')?.placeholder).not.toBe('');
  expect(data.problems).toEqual([]);
});

test('saveSettings stores valid settings in the document properties; they load back', async () => {
  const rt = await runtime();
  const result = rt.call(
    'saveSettings',
    JSON.stringify({ adminEmail: 'ops@example.com', dailyHour: '6', rules: { weights: { revenue: '40', fit: '0' } } }),
  );
  expect(result).toEqual({ saved: true, errors: [] });
  const saved = JSON.parse(stored(rt) as string);
  expect(saved.version).toBe(2);
  expect([saved.adminEmail, saved.dailyHour, saved.rules.weights.revenue, saved.rules.weights.fit]).toEqual([
    'ops@example.com',
    6,
    40,
    0,
  ]);
  expect(saved.rules.tierFloors).toEqual(DEFAULT_SETTINGS.rules.tierFloors);
  expect(shown(rt).fields.get('adminEmail')?.value).toBe('ops@example.com');
});

test('any refused field: nothing is saved, every error comes back with its field', async () => {
  const rt = await runtime();
  rt.call('saveSettings', JSON.stringify({ adminEmail: 'ops@example.com' }));
  const before = stored(rt);
  const result = rt.call(
    'saveSettings',
    JSON.stringify({
      adminEmail: 'boss@example.com',
      dailyHour: 25,
      rules: {
        weights: { fit: 20 },
        tierColors: { Critical: 'orange' },
        segmentPolicies: { Stable: { touchEveryDays: -30 } },
      },
    }),
  ) as { saved: boolean; errors: { field: string; message: string }[] };
  expect(result.saved).toBe(false);
  expect(result.errors).toEqual([
    {
      field: 'rules.tierColors.Critical',
      message: 'Critical color "orange" is not a color; allowed: #rgb or #rrggbb, such as #b7e1cd',
    },
    {
      field: 'rules.segmentPolicies.Stable.touchEveryDays',
      message: 'Stable: touch every (days) −30 is negative; allowed: a whole number of days, 1 or more',
    },
    { field: 'dailyHour', message: 'Daily run at hour 25 is too large; allowed: a whole hour 0…23' },
    {
      field: 'rules.weights',
      message: 'Weights 30 + 25 + 20 + 15 + 20 add up to 110; allowed: weights that add up to 100',
    },
  ]);
  expect(stored(rt)).toBe(before);
});

test('text that is not JSON is refused with a message, not an exception', async () => {
  const rt = await runtime();
  expect(rt.call('saveSettings', '{oops')).toEqual({
    saved: false,
    errors: [{ field: 'settings', message: expect.stringMatching(/^Settings could not be read/) }],
  });
});

test('a sheet name with markup is sent to the dialog as the text it is, and is not in the dialog page', async () => {
  const rt = await runtime();
  expect(rt.call('saveSettings', JSON.stringify({ sheets: { dashboard: '<img src=x onerror=alert(1)>' } }))).toEqual({
    saved: true,
    errors: [],
  });
  rt.call('openSettings');
  expect(rt.ui.dialogs[0].content).not.toContain('<img src=x');
  expect(shown(rt).fields.get('sheets.dashboard')?.value).toBe('<img src=x onerror=alert(1)>');
});

test('a stored copy with a bad field opens with that field at its default and the problem on top', async () => {
  const rt = await runtime();
  rt.services.PropertiesService.getDocumentProperties().setProperty(
    KEY,
    JSON.stringify({ version: 1, dailyHour: 99, adminEmail: 'ops@example.com' }),
  );
  const { fields, data } = shown(rt);
  expect(data.problems).toEqual(['Daily run at hour 99 is too large; allowed: a whole hour 0…23']);
  expect(fields.get('dailyHour')?.value).toBe('7');
  expect(fields.get('adminEmail')?.value).toBe('ops@example.com');
});

test('Settings over the 9 KB Google keeps in one property are refused with a message saying so; the stored copy stays', async () => {
  const rt = await runtime();
  expect(rt.call('saveSettings', JSON.stringify({ adminEmail: 'ops@example.com' }))).toEqual({
    saved: true,
    errors: [],
  });
  const before = stored(rt);
  // 90 extra headers of 100 characters each for Revenue: valid, but 9 KB of aliases alone.
  const headers = Array.from({ length: 90 }, (_, i) =>
    `Revenue as booked in region ${String(i).padStart(2, '0')} `.padEnd(100, '.'),
  );
  // The dialog shows a thrown message next to "settings" (its failure handler), so the message is what a user reads.
  expect(() => rt.call('saveSettings', JSON.stringify({ aliases: { revenue: headers } }))).toThrow(
    /^PartnerPulse could not save the Settings \(document property "partnerpulse\.settings", 1\d\.\d KB\): Google keeps at most 9 KB \(9,216 bytes\) in one property\. Nothing was changed\. Remove some column aliases in Settings\.$/,
  );
  expect(stored(rt)).toBe(before);
});

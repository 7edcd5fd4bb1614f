// Settings… and saveSettings in the built bundle, run in the local runtime: the dialog a user sees, what is
// stored in the document properties, and every refusal coming back with its field.
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel } from '../../../local/workbook';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';

const KEY = 'partnerpulse.settings';

async function runtime() {
  const model = new WorkbookModel('s', 'Settings test', 'America/New_York');
  model.addSheet('Partners').ensure(1, 1).value = 'Partner';
  return createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
}

const stored = (rt: Awaited<ReturnType<typeof runtime>>) =>
  rt.services.PropertiesService.getDocumentProperties().getProperty(KEY);

test('Settings… opens a modal dialog with every setting filled in', async () => {
  const rt = await runtime();
  rt.call('openSettings');
  const dialog = rt.ui.dialogs[0];
  expect([dialog.kind, dialog.title]).toEqual(['modal', 'PartnerPulse settings']);
  expect(dialog.content).toContain('data-path="rules.weights.revenue" value="30"');
  expect(dialog.content).toContain('data-path="rules.revenue.growingFast" value="20%"');
  expect(dialog.content).toContain('data-path="rules.tierColors.Champion" value="#b7e1cd"');
  expect(dialog.content).toContain('data-path="dailyHour" value="7"');
  expect(dialog.content).toContain('saveSettings(JSON.stringify(collect()))');
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
  rt.call('openSettings');
  expect(rt.ui.dialogs[0].content).toContain('data-path="adminEmail" value="ops@example.com"');
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

test('values in the dialog are escaped: a sheet name with markup shows as text', async () => {
  const rt = await runtime();
  expect(rt.call('saveSettings', JSON.stringify({ sheets: { dashboard: '<img src=x onerror=alert(1)>' } }))).toEqual({
    saved: true,
    errors: [],
  });
  rt.call('openSettings');
  const html = rt.ui.dialogs[0].content;
  expect(html).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
  expect(html).not.toContain('<img src=x');
});

test('a stored copy with a bad field opens with that field at its default and the problem on top', async () => {
  const rt = await runtime();
  rt.services.PropertiesService.getDocumentProperties().setProperty(
    KEY,
    JSON.stringify({ version: 1, dailyHour: 99, adminEmail: 'ops@example.com' }),
  );
  rt.call('openSettings');
  const html = rt.ui.dialogs[0].content;
  expect(html).toContain(
    'Some stored settings were not valid and are at their defaults:<ul><li>Daily run at hour 99 is too large; allowed: a whole hour 0…23</li></ul>',
  );
  expect(html).toContain('data-path="dailyHour" value="7"');
  expect(html).toContain('data-path="adminEmail" value="ops@example.com"');
});

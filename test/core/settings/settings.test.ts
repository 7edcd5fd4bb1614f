import { mapColumns } from '../../../src/core/reading/partnerTable';
import { getPath, SETTING_FIELDS } from '../../../src/core/settings/fields';
import {
  aliasesOf,
  DEFAULT_SETTINGS,
  readStoredSettings,
  type Settings,
  settingsFromJson,
} from '../../../src/core/settings/settings';
import { validateSettings } from '../../../src/core/settings/validation';

/** The defaults with `path` set to `value` (a deep copy; the defaults stay untouched). */
function withValue(path: string, value: unknown, base: unknown = DEFAULT_SETTINGS): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
}

function errorsFor(path: string, value: unknown): { field: string; message: string }[] {
  return validateSettings(withValue(path, value)).errors;
}

describe('settings validation (spec §8)', () => {
  test('the defaults are valid', () => {
    expect(validateSettings(DEFAULT_SETTINGS).errors).toEqual([]);
  });

  test('every field the dialog shows exists in the defaults', () => {
    for (const f of SETTING_FIELDS)
      expect([f.path, getPath(DEFAULT_SETTINGS, f.path) !== undefined]).toEqual([f.path, true]);
  });

  test('weights that do not add up to 100 are refused, naming the weights and the sum', () => {
    expect(errorsFor('rules.weights.fit', 5)).toEqual([
      {
        field: 'rules.weights',
        message: 'Weights 30 + 25 + 20 + 15 + 5 add up to 95; allowed: weights that add up to 100',
      },
    ]);
  });

  test.each([
    [
      'rules.segmentPolicies.Growth.touchEveryDays',
      -3,
      'Growth: touch every (days) −3 is negative; allowed: a whole number of days, 1 or more',
    ],
    [
      'rules.segmentPolicies.Growth.touchEveryDays',
      'often',
      'Growth: touch every (days) "often" is not a number; allowed: a whole number of days, 1 or more',
    ],
    [
      'rules.segmentPolicies.Stable.qbrEveryDays',
      2.5,
      'Stable: QBR every (days) 2.5 is not a whole number; allowed: a whole number of days, 1 or more, or blank for no QBRs',
    ],
    [
      'rules.segmentPolicies.Strategic.capacityMax',
      0,
      'Strategic: partners per manager at most 0 is too small; allowed: a whole number, 1 or more, or blank for no limit',
    ],
    [
      'rules.tierColors.Champion',
      'green',
      'Champion color "green" is not a color; allowed: #rgb or #rrggbb, such as #b7e1cd',
    ],
    [
      'rules.tierColors.Unknown',
      '#12345',
      'Unknown color "#12345" is not a color; allowed: #rgb or #rrggbb, such as #b7e1cd',
    ],
    [
      'rules.escalationHours.Critical',
      0,
      'Critical escalation: respond within (hours) 0 is too small; allowed: a whole number of hours, 1 or more',
    ],
    [
      'rules.targets.activation',
      '150%',
      'Target: activation rate at least "150%" is too large; allowed: a share of 0%…100%, such as 60%',
    ],
    [
      'adminEmail',
      'ops at example.com',
      'Admin address "ops at example.com" is not an e-mail address; allowed: name@company.com, or blank',
    ],
    [
      'escalation.director',
      'director@',
      'High escalations (Director) "director@" is not an e-mail address; allowed: name@company.com, or blank',
    ],
    ['dailyHour', 24, 'Daily run at hour 24 is too large; allowed: a whole hour 0…23'],
    ['dailyHour', -1, 'Daily run at hour −1 is negative; allowed: a whole hour 0…23'],
    ['dailyHour', '-1', 'Daily run at hour −1 is negative; allowed: a whole hour 0…23'], // as the form sends it
    ['sheets.partners', '  ', 'Partner sheet "  " is blank; allowed: a sheet name of 1–100 characters'],
    [
      'sheets.dashboard',
      'x'.repeat(101),
      `Dashboard sheet "${'x'.repeat(101)}" is longer than 100 characters; allowed: a sheet name of 1–100 characters`,
    ],
    [
      'rules.revenue.flatBand',
      '-2%',
      'Flat band (± growth) "-2%" is negative; allowed: a growth of 0%…100%, such as 2%',
    ],
    ['rules.satisfaction.npsHigh', 140, 'NPS for full Satisfaction points 140 is too large; allowed: −100…100'],
    ['rules.healthDrop.points', '', 'Health drop alert (points) "" is blank; allowed: a whole number of points 1…100'],
    ['recolorTarget', 'cell', 'Color (row or health) "cell" is not one of row, health'],
  ])('%s = %p is refused: %s', (path, value, expected) => {
    expect(errorsFor(path, value)).toEqual([{ field: path, message: expected }]);
  });

  test('thresholds out of order are refused', () => {
    expect(errorsFor('rules.tierFloors.Healthy', 85)).toEqual([
      {
        field: 'rules.tierFloors',
        message: 'Healthy from 85 is not below Champion from 80; allowed: Champion > Healthy > At-risk > Critical',
      },
    ]);
    expect(errorsFor('rules.activity.dealsMid', 5)).toEqual([
      {
        field: 'rules.activity',
        message:
          'Deals for 20 points 5 is not below Deals for full points 5; allowed: full > 20-point > 10-point deals',
      },
    ]);
    expect(errorsFor('rules.engagement.monthlyWithinDays', 100)).toEqual([
      {
        field: 'rules.engagement',
        message: 'Quarterly within 92 is not above Monthly within 100; allowed: Weekly < Monthly < Quarterly days',
      },
    ]);
    expect(errorsFor('rules.revenue.growingFast', 0.01)).toEqual([
      {
        field: 'rules.revenue',
        message:
          'Growing fast from 1% is not above the flat band 2%; allowed: a growing-fast growth above the flat band',
      },
    ]);
  });

  test('two PartnerPulse sheets with one name are refused', () => {
    expect(errorsFor('sheets.dashboard', 'partners')).toEqual([
      {
        field: 'sheets.dashboard',
        message:
          'Dashboard sheet "partners" is also the Partner sheet; allowed: a name no other PartnerPulse sheet uses',
      },
    ]);
  });

  test('column aliases: a list per field, text split on commas, none taken from another column', () => {
    const ok = validateSettings(
      withValue('aliases', { deals: 'Deals closed, Closed deals', owner: ['Account manager'] }),
    );
    expect(ok.errors).toEqual([]);
    expect(ok.settings.aliases).toEqual({ deals: ['Deals closed', 'Closed deals'], owner: ['Account manager'] });
    expect(validateSettings(withValue('aliases', { revenue: 'Deals' })).errors).toEqual([
      {
        field: 'aliases.revenue',
        message:
          'Other headers for Revenue "Deals" is already a header of Deals; allowed: a header no other column uses',
      },
    ]);
    expect(validateSettings(withValue('aliases', { dealz: 'X' })).errors[0].message).toMatch(
      /^Column "dealz" is not a column PartnerPulse reads; allowed: partner, owner, /,
    );
  });

  test('numbers typed into the form arrive as text and are stored as numbers; #rgb becomes #rrggbb', () => {
    let form: unknown = withValue('rules.weights.revenue', '35');
    form = withValue('rules.weights.fit', '5', form);
    form = withValue('rules.revenue.growingFast', '25%', form);
    form = withValue('rules.tierColors.Champion', '#ABC', form);
    form = withValue('adminEmail', '', form);
    const { settings, errors } = validateSettings(form);
    expect(errors).toEqual([]);
    expect(settings.rules.weights).toEqual({ revenue: 35, activity: 25, engagement: 20, satisfaction: 15, fit: 5 });
    expect(settings.rules.revenue.growingFast).toBe(0.25);
    expect(settings.rules.tierColors.Champion).toBe('#aabbcc');
    expect(settings.adminEmail).toBeNull();
  });

  test('several problems are all reported, one per field', () => {
    let form: unknown = withValue('dailyHour', 30);
    form = withValue('adminEmail', 'nope', form);
    form = withValue('rules.tierColors.Healthy', 'blue', form);
    expect(validateSettings(form).errors.map((e) => e.field)).toEqual([
      'rules.tierColors.Healthy',
      'adminEmail',
      'dailyHour',
    ]);
  });
});

describe('stored settings', () => {
  test('round trip: what is saved loads back equal', () => {
    const { settings } = validateSettings(withValue('adminEmail', 'ops@example.com'));
    expect(settingsFromJson(JSON.stringify(settings))).toEqual(settings);
  });

  test('a version 1 copy (five sheet names, no aliases) still loads, with the new fields at their defaults', () => {
    const v1 = {
      version: 1,
      rules: { ...DEFAULT_SETTINGS.rules, tierFloors: { Champion: 85, Healthy: 65, 'At-risk': 45, Critical: 25 } },
      sheets: {
        partners: 'Accounts',
        escalations: 'Escalations',
        alertLog: 'Alert log',
        runLog: 'Run log',
        healthHistory: 'Health history',
      },
      adminEmail: 'ops@example.com',
      escalation: { vpPartnerships: 'vp@example.com', director: null, partnerSupport: null },
      dailyHour: 6,
      recolorTarget: 'health',
    };
    const { settings, problems } = readStoredSettings(JSON.stringify(v1));
    expect(problems).toEqual([]);
    expect(settings.version).toBe(2);
    expect(settings.rules.tierFloors.Champion).toBe(85);
    expect(settings.sheets).toMatchObject({
      partners: 'Accounts',
      dashboard: 'Dashboard',
      pipeline: 'Pipeline',
      qbrLog: 'QBR log',
    });
    expect(settings.aliases).toEqual({});
    expect([settings.adminEmail, settings.dailyHour, settings.recolorTarget]).toEqual(['ops@example.com', 6, 'health']);
  });

  test('a stored copy that still names a Quarter snapshots sheet (before the snapshots moved into the Health history) loads without it', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      sheets: { ...DEFAULT_SETTINGS.sheets, quarterSnapshots: 'Quarter snapshots' },
      adminEmail: 'ops@example.com',
    };
    const { settings, problems } = readStoredSettings(JSON.stringify(stored));
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, adminEmail: 'ops@example.com' });
    expect(Object.keys(settings.sheets)).not.toContain('quarterSnapshots');
  });

  test('a stored copy without a version, holding one field, is version 1: the rest are defaults', () => {
    expect(settingsFromJson(JSON.stringify({ recolorTarget: 'health' }))).toEqual({
      ...DEFAULT_SETTINGS,
      recolorTarget: 'health',
    });
  });

  test('an invalid stored field falls back to its default alone, and the problem is reported', () => {
    const stored = withValue('dailyHour', 99, withValue('adminEmail', 'ops@example.com'));
    const { settings, problems } = readStoredSettings(JSON.stringify(stored));
    expect(settings.dailyHour).toBe(7);
    expect(settings.adminEmail).toBe('ops@example.com');
    expect(problems).toEqual([
      { field: 'dailyHour', message: 'Daily run at hour 99 is too large; allowed: a whole hour 0…23' },
    ]);
    const weights = readStoredSettings(JSON.stringify(withValue('rules.weights.fit', 50)));
    expect(weights.settings.rules.weights).toEqual(DEFAULT_SETTINGS.rules.weights);
  });

  test('unreadable JSON gives the defaults', () => {
    expect(settingsFromJson('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromJson(null)).toEqual(DEFAULT_SETTINGS);
  });

  test('extra aliases find a column the built-in ones do not', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, aliases: { deals: ['Deals closed'] } };
    expect(mapColumns(['Partner', 'Deals closed'], aliasesOf(settings))).toEqual({ partner: 0, deals: 1 });
    expect(mapColumns(['Partner', 'Deals closed'])).toEqual({ partner: 0 });
  });
});

// The custom functions read the stored Settings (Google's custom-function guide lists the Properties service
// among those a custom function may call), and PARTNER_TIER takes its floors as optional arguments too.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { column, loadBundle, shown, thrownMessage } from './bundle';

const KEY = 'partnerpulse.settings';

/** The bundle with document properties holding `stored` (what saveSettings writes). */
function bundleWith(stored: unknown) {
  const bundle = loadBundle({ today: { year: 2026, month: 12, day: 1 } });
  const props = { getProperty: (k: string) => (k === KEY && stored !== null ? JSON.stringify(stored) : null) };
  bundle.context.PropertiesService = { getDocumentProperties: () => props };
  return bundle;
}

const rules = DEFAULT_SETTINGS.rules;

describe('custom functions honour the stored settings', () => {
  test('no stored settings: the spec defaults', () => {
    expect(bundleWith(null).call('PARTNER_TIER', 85)).toBe('Champion');
    expect(loadBundle().call('PARTNER_TIER', 85)).toBe('Champion');
  });

  test('Settings that cannot be read are an error on the cell, never a silent fall-back to the defaults', () => {
    const bundle = loadBundle();
    bundle.context.PropertiesService = {
      getDocumentProperties: () => {
        throw new Error('Service unavailable');
      },
    };
    expect(thrownMessage(() => bundle.call('PARTNER_TIER', 85))).toBe(
      'PartnerPulse could not read its Settings (Service unavailable); reload the sheet, and if it stays, open PartnerPulse > Settings….',
    );
  });

  test('changed tier floors change PARTNER_TIER', () => {
    const bundle = bundleWith({
      rules: { ...rules, tierFloors: { Champion: 90, Healthy: 70, 'At-risk': 50, Critical: 30 } },
    });
    expect(bundle.call('PARTNER_TIER', column(95, 85, 65, 45, 25))).toEqual([
      ['Champion'],
      ['Healthy'],
      ['At-risk'],
      ['Critical'],
      ['Churning'],
    ]);
  });

  test('changed weights change PARTNER_HEALTH', () => {
    // Growth 35 % (full revenue points), no deals, Weekly, NPS 60, Weak fit.
    const row = [0.35, 0, 'Weekly', 60, 'Weak'] as const;
    expect(bundleWith(null).call('PARTNER_HEALTH', ...row)).toBe(65); // 30 + 0 + 20 + 15 + 0
    const heavyRevenue = {
      rules: { ...rules, weights: { revenue: 50, activity: 20, engagement: 10, satisfaction: 10, fit: 10 } },
    };
    expect(bundleWith(heavyRevenue).call('PARTNER_HEALTH', ...row)).toBe(70); // 50 + 0 + 10 + 10 + 0
  });

  test('a changed touch cadence changes NEXT_TOUCH', () => {
    const bundle = bundleWith({
      rules: {
        ...rules,
        segmentPolicies: { ...rules.segmentPolicies, Growth: { ...rules.segmentPolicies.Growth, touchEveryDays: 10 } },
      },
    });
    expect(shown(bundle.call('NEXT_TOUCH', 'Growth', bundle.date({ year: 2026, month: 11, day: 20 })))).toBe(
      '2026-11-30',
    );
  });

  test('PARTNER_TIER floors given as arguments win over Settings; a blank keeps the Settings value', () => {
    const bundle = bundleWith({
      rules: { ...rules, tierFloors: { Champion: 90, Healthy: 70, 'At-risk': 50, Critical: 30 } },
    });
    expect(bundle.call('PARTNER_TIER', 85, 85)).toBe('Champion');
    expect(bundle.call('PARTNER_TIER', 65, '', 60)).toBe('Healthy');
    expect(thrownMessage(() => bundle.call('PARTNER_TIER', 85, 50))).toBe(
      'PARTNER_TIER: Healthy from 70 is not below Champion from 50; allowed: Champion > Healthy > At-risk > Critical',
    );
    expect(thrownMessage(() => bundle.call('PARTNER_TIER', 85, 'high'))).toBe(
      'PARTNER_TIER: Champion from score "high" is not a number; allowed: a whole score 1…100',
    );
  });
});

test('in the local runtime, saving Settings recalculates the formulas that take the as-of cells (HyperFormula)', async () => {
  const model = new WorkbookModel('t', 'Settings formulas', 'America/New_York');
  const sheet = model.addSheet('Partners');
  model.addSheet('PartnerPulse'); // as Set up example sheets leaves it: the as-of cells, blank until written
  ['Partner', 'Health', 'Tier'].forEach((h, c) => {
    sheet.ensure(1, c + 1).value = h;
  });
  [
    ['Acme', 85],
    ['Bolt', 65],
  ].forEach(([p, s], r) => {
    sheet.ensure(r + 2, 1).value = p;
    sheet.ensure(r + 2, 2).value = s;
  });
  // Sheets reruns a custom function only when an argument changes: the as-of cells are the argument that does.
  sheet.ensure(2, 3).formula = '=PARTNER_TIER(B2:B, , , , , PartnerPulse!B1:B2)';
  const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  runtime.evaluateFormulas();
  const tiers = () =>
    runtime.spreadsheet
      .getSheetByName('Partners')!
      .getRange('C2:C3')
      .getValues()
      .map((r) => r[0]);
  expect(tiers()).toEqual(['Champion', 'Healthy']);
  const result = runtime.call(
    'saveSettings',
    JSON.stringify({ rules: { tierFloors: { Champion: 90, Healthy: 70, 'At-risk': 50, Critical: 30 } } }),
  ) as { saved: boolean };
  expect(result.saved).toBe(true);
  runtime.evaluateFormulas();
  expect(tiers()).toEqual(['Healthy', 'At-risk']);
});

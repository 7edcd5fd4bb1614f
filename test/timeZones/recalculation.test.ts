// Issue #14.4: Sheets reruns a custom function only when an argument changes. A formula judged against today
// (engagement from a last-activity date) or against Settings would keep its old answer; formulas that end with
// the as-of cells PartnerPulse!B1:B2 move on with the daily run and with every Settings save.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { at, sheetRows } from '../automation/helpers';

jest.setTimeout(60_000);

const HEADERS = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Strategic fit',
  'Health',
  'Health as of',
];

/** One partner active in the portal on 2026-11-28 (Weekly on Dec 1, Monthly by Dec 20), with both formulas. */
function workbook(growth = 0.3): WorkbookModel {
  const model = new WorkbookModel('recalc', 'Recalc', 'America/New_York');
  const sheet = model.addSheet('Partners');
  const row = ['Acme', 'ann@example.com', 100000, growth, 5, new Date(2026, 10, 28), 60, 'Strong'];
  HEADERS.forEach((h, c) => {
    sheet.ensure(1, c + 1).value = h;
  });
  row.forEach((v, c) => {
    sheet.ensure(2, c + 1).value = v;
  });
  sheet.ensure(2, 9).formula = '=PARTNER_HEALTH(D2, E2, F2, G2, H2)';
  sheet.ensure(2, 10).formula = '=PARTNER_HEALTH(D2, E2, F2, G2, H2, PartnerPulse!B1:B2)';
  return model;
}

const health = (model: WorkbookModel) => {
  const [, , , , , , , , plain, withAsOf] = sheetRows({ workbook: model } as never, 'Partners')[1];
  return { plain, withAsOf };
};

test('a month later the daily run moves the as-of formula on; the formula without it keeps its old answer, as in Sheets', async () => {
  const model = workbook();
  const dec1 = await createRuntime({ workbook: model, now: at('2026-12-01T06:00') });
  dec1.call('setUpSheets'); // creates the as-of cells (PartnerPulse!B1:B2) the second formula reads
  dec1.evaluateFormulas();
  expect(health(model)).toEqual({ plain: 100, withAsOf: 100 });

  const dec20 = await createRuntime({ workbook: model, now: at('2026-12-20T07:00') });
  expect(dec20.call('runHourly')).toBeUndefined();
  dec20.evaluateFormulas();
  // Engagement is Monthly by now (15 of 20 points): the as-of formula says so, the other one was never rerun.
  expect(health(model)).toEqual({ plain: 100, withAsOf: 95 });
  expect(model.sheet('PartnerPulse')!.valueAt(1, 2)).toEqual(new Date(2026, 11, 20));
});

test('saving Settings recalculates the as-of formula under the new weights; the other keeps the old score until its inputs change', async () => {
  // Flat growth earns 10 of 30 revenue points (80 in all); under equal weights of 20 it earns a third of 20 (87).
  const model = workbook(0);
  const runtime = await createRuntime({ workbook: model, now: at('2026-12-01T09:00') });
  runtime.call('setUpSheets');
  runtime.evaluateFormulas();
  expect(health(model)).toEqual({ plain: 80, withAsOf: 80 });
  const weights = { revenue: 20, activity: 20, engagement: 20, satisfaction: 20, fit: 20 };
  expect(runtime.call('saveSettings', JSON.stringify({ rules: { ...DEFAULT_SETTINGS.rules, weights } }))).toEqual({
    saved: true,
    errors: [],
  });
  runtime.evaluateFormulas();
  expect(health(model)).toEqual({ plain: 80, withAsOf: 87 });
  model.sheet('Partners')!.ensure(2, 7).value = 61; // an edited NPS (same band) is a changed argument
  runtime.evaluateFormulas();
  expect(health(model)).toEqual({ plain: 87, withAsOf: 87 });
});

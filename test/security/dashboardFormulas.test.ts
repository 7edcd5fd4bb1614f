// Build dashboard writes partner names, owners and the header check's findings (which quote the user's own
// header text) into the Dashboard sheet: on the markup workbook, with partners and owners starting with
// = + - @ and a misspelled header starting with =, every such value must land as text, never as a formula.
import { createRuntime } from '../../local/runtime';
import { TIME_ZONE, workbookRows } from '../automation/helpers';
import { FORMULA_OWNERS, FORMULA_PARTNERS, formulaCells, markup, markupWorkbook } from './markup';

jest.setTimeout(60_000);

test('partner names, owners and header findings that start with = + - @ are written to the dashboard as text', async () => {
  const { model } = markupWorkbook();
  const partners = model.sheet('Partners')!;
  // A header typed with a stray "=" and a typo: the header check quotes it back.
  const contact = [...Array(partners.lastColumn()).keys()]
    .map((c) => c + 1)
    .find((c) => partners.valueAt(1, c) === 'Partner contact')!;
  partners.ensure(1, contact).value = '=Partner contct';
  // Every partner scored 100 thirty days ago, so each one is among the biggest drops, by name and owner.
  const history = model.addSheet('Health history');
  ['Date', 'Partner', 'Score', 'Tier', 'Segment'].forEach((h, c) => {
    history.ensure(1, c + 1).value = h;
  });
  for (let r = 2; r <= partners.lastRow(); r++) {
    [new Date(2026, 10, 1), partners.valueAt(r, 1), 100, 'Champion', 'Stable'].forEach((v, c) => {
      history.ensure(r, c + 1).value = v;
    });
  }
  const runtime = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9), timeZone: TIME_ZONE });
  runtime.call('buildDashboard');

  const report = formulaCells(model, 'Dashboard');
  expect(report.unsafe).toEqual([]);
  const written = workbookRows(model, 'Dashboard').flat();
  // Not vacuous: the formula-like partners and owners are on the dashboard, as typed, written as text.
  expect(written).toEqual(
    expect.arrayContaining([...FORMULA_PARTNERS, ...FORMULA_OWNERS.slice(0, 3), markup('Partner')]),
  );
  expect(report.asText.length).toBeGreaterThanOrEqual(FORMULA_PARTNERS.length + 3);
  expect(written).toContain('`=Partner contct` — did you mean `Partner contact`?');
});

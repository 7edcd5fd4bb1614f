// A formula engine computes the custom functions in cells: single-cell formulas, and whole-column formulas
// that spill one value per row, as in Sheets.
import { DetailedCellError, HyperFormula } from 'hyperformula';
import { loadBundle } from './bundle';
import { registerPartnerPulse } from './hyperformula';

let unregister: () => void;
let hf: HyperFormula;
const at = (a1: string) => {
  const address = hf.simpleCellAddressFromString(a1, 0);
  if (!address) throw new Error(`bad address ${a1}`);
  return hf.getCellValue(address);
};
const dateAt = (a1: string) => {
  const serial = at(a1);
  if (typeof serial !== 'number') throw new Error(`${a1} holds ${String(serial)}, not a date`);
  // Serial 0 is 1899-12-30, as in Sheets.
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
};

beforeAll(() => {
  unregister = registerPartnerPulse(loadBundle({ today: { year: 2026, month: 12, day: 1 } }));
  hf = HyperFormula.buildFromArray(
    [
      ['Growth', 'Deals', 'Engagement', 'NPS', 'Fit', '', 'Health', 'Tier', '=PARTNER_TIER(85)'],
      [
        0.35,
        12,
        2,
        null,
        null,
        null,
        '=PARTNER_HEALTH(A2:A6, B2:B6, C2:C6, D2:D6, E2:E6)',
        '=PARTNER_TIER(G2:G6)',
        '=PARTNER_HEALTH(0.2, 5, "Weekly", 140, "Strong")',
      ],
      [null, null, null, null, null, null, null, null, '=SEGMENT(450000, 0.35, 12, "Weekly")'],
      [0.05, 3, 'Monthly', 140, 'Moderate', null, null, null, '=NEXT_TOUCH("Growth", C6)'],
      [null, null, 'Weekly', null, 'Strong', null, null, null, '=PARTNER_HEALTH(A2, B2, C2, D2, E2)'],
      ['10%', 4, new Date(2026, 9, 20), 30, 'Moderate'],
    ],
    { licenseKey: 'gpl-v3' },
  );
});

afterAll(() => unregister());

test('a single-cell formula computes in its cell', () => {
  expect(at('I1')).toBe('Champion');
  expect(at('I5')).toBe(87); // cell references to single cells: TechServices Inc.
});

test('a whole-column PARTNER_HEALTH spills one score per row from its cell', () => {
  expect(['G2', 'G3', 'G4', 'G5', 'G6'].map(at)).toEqual([87, '', 'Error: NPS 140 is outside −100…100', 'Unknown', 65]);
});

test('PARTNER_TIER over the spilled health column', () => {
  expect(['H2', 'H3', 'H4', 'H5', 'H6'].map(at)).toEqual([
    'Champion',
    '',
    'Error: NPS 140 is outside −100…100',
    'Unknown',
    'Healthy',
  ]);
});

test('a bad single-cell call shows #ERROR! with the named error, as Sheets does', () => {
  const error = at('I2');
  expect(error).toBeInstanceOf(DetailedCellError);
  expect((error as DetailedCellError).value).toBe('#ERROR!');
  expect((error as DetailedCellError).message).toBe('NPS 140 is outside −100…100');
  expect((at('I3') as DetailedCellError).message).toMatch(/^SEGMENT needs whole columns/);
});

test('NEXT_TOUCH of a date cell is a date (2026-10-20 + 14 days for Growth)', () => {
  expect(dateAt('I4')).toBe('2026-11-03');
});

test('open-ended ranges (E2:E) do not parse in HyperFormula, which is why the example uses E2:E41', () => {
  expect(hf.validateFormula('=PARTNER_TIER(G2:G)')).toBe(false);
  expect(hf.validateFormula('=PARTNER_TIER(G2:G6)')).toBe(true);
});

test('HEALTH_BREAKDOWN spills a block of six columns per row from the built bundle', () => {
  const sheet = HyperFormula.buildFromArray(
    [
      [0.35, 12, 'Weekly', 30, 'Moderate', '=HEALTH_BREAKDOWN(A1:A2, B1:B2, C1:C2, D1:D2, E1:E2)'],
      [0.01, 1, 'Monthly', 140, 'Weak'],
    ],
    { licenseKey: 'gpl-v3' },
  );
  const row = (r: number) =>
    ['F', 'G', 'H', 'I', 'J', 'K'].map((c) => sheet.getCellValue(sheet.simpleCellAddressFromString(`${c}${r}`, 0)!));
  expect(row(1)).toEqual([30, 25, 20, 10, 5, 'NPS 50+: +5']);
  expect(row(2)).toEqual(['Error: NPS 140 is outside −100…100', '', '', '', '', '']);
  sheet.destroy();
});

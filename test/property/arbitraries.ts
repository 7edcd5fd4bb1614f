// What a spreadsheet cell can hand the add-on, as fast-check arbitraries: numbers, text (including the
// labels and number-like text the rules read), blanks, dates, booleans and Sheets' error values.
import fc from 'fast-check';

export type Cell = string | number | boolean | Date;

export const SHEETS_ERRORS = ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#ERROR!'];
const LABELS = [
  'Weekly',
  'monthly',
  'Quarterly',
  'Inactive',
  'Strong',
  'Moderate',
  'Weak',
  'High',
  'Low',
  'Yes',
  'No',
  'Strategic',
  'Growth',
  'Stable',
  'At-risk',
  'Long-tail',
  'Unknown',
  '20%',
  '1,200',
  '$450K',
  'Error: NPS 140 is outside −100…100',
];

export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...LABELS),
  fc.date({ min: new Date(1990, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: true }),
  fc.boolean(),
  fc.constantFrom(...SHEETS_ERRORS),
);

/** `width` columns of the same height (1–25 rows), as Sheets passes whole-column ranges. */
export const columns = (width: number): fc.Arbitrary<Cell[][][]> =>
  fc
    .integer({ min: 1, max: 25 })
    .chain((height) =>
      fc.tuple(...Array.from({ length: width }, () => fc.array(anyCell, { minLength: height, maxLength: height }))),
    )
    .map((cols) => cols.map((col) => col.map((v) => [v])));

/** A valid input row for PARTNER_HEALTH, each input possibly blank. */
export const validHealthRow = fc.record({
  growth: fc.oneof(fc.constant(''), fc.double({ min: -1, max: 3, noNaN: true })),
  deals: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 30 })),
  engagement: fc.oneof(
    fc.constant(''),
    fc.constantFrom('Weekly', 'Monthly', 'Quarterly', 'Inactive'),
    fc.integer({ min: 0, max: 40 }),
  ),
  nps: fc.oneof(fc.constant(''), fc.integer({ min: -100, max: 100 })),
  fit: fc.oneof(fc.constant(''), fc.constantFrom('Strong', 'Moderate', 'Weak')),
});

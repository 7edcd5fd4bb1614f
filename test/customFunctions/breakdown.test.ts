import { DEFAULT_RULES } from '../../src/core/rules';
import { healthBreakdown } from '../../src/customFunctions/breakdown';
import type { Arg } from '../../src/customFunctions/columns';
import { at } from '../calendars';

const now = new Date(2026, 11, 1, 9, 30);
const col = (...values: Arg[]): Arg => values.map((v) => [v]) as Arg;

test('one cell per input: a row of six (five dimensions and the lift)', () => {
  expect(healthBreakdown([0.05, 1, 'Monthly', 30, 'Moderate'], at(now, DEFAULT_RULES))).toEqual([
    [20, 10, 15, 10, 5, '5+ deals this quarter: +15'],
  ]);
});

test('whole columns: one block, blank rows blank, a bad row holds its message in its first cell', () => {
  const block = healthBreakdown(
    [
      col(0.3, '', 0.1, 0.3),
      col(5, '', 3, ''),
      col('Weekly', '', 'Weekly', 'Monthly'),
      col(60, '', 140, ''),
      col('Strong', '', 'Strong', 'Weak'),
    ],
    at(now, DEFAULT_RULES),
  );
  expect(block).toEqual([
    [30, 25, 20, 15, 10, '—'],
    ['', '', '', '', '', ''],
    ['Error: NPS 140 is outside −100…100', '', '', '', '', ''],
    [30, '', 15, '', 0, 'Strong strategic fit: +10'],
  ]);
});

test('a single bad cell throws its message, so Sheets shows it on the cell', () => {
  expect(() => healthBreakdown([0.1, -3, 'Weekly', 10, 'Strong'], at(now, DEFAULT_RULES))).toThrow(
    'Deals −3 is below 0; allowed: a whole number of deals ≥ 0',
  );
});

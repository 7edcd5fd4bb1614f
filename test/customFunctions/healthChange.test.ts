import { healthChange } from '../../src/customFunctions/healthChange';
import { at, NEW_YORK } from '../calendars';

const d = (iso: string) => new Date(`${iso}T00:00:00`);
const history = [
  ['Date', 'Partner', 'Score'],
  [d('2026-10-31'), 'Acme', 78],
  [d('2026-11-30'), 'Acme', 63],
  [d('2026-10-31'), 'Beta', 40],
  [d('2026-11-30'), 'Beta', 52],
];

test('one partner, or the whole Partner column (blank rows stay blank, unknown history is blank)', () => {
  expect(healthChange('Acme', history, at(new Date(2026, 11, 1)))).toBe(-15);
  expect(healthChange([['Acme'], ['Beta'], [''], ['New partner']], history, at(new Date(2026, 11, 1)))).toEqual([
    [-15],
    [12],
    [''],
    [''],
  ]);
});

test('a history range that is not the Health history table is refused with what to give', () => {
  expect(() => healthChange('Acme', [[d('2026-10-31'), 'Acme']], at(new Date(2026, 11, 1)))).toThrow(
    'HEALTH_CHANGE: history must have the Date, Partner and Score columns of the Health history table, but the range given has 2 columns.',
  );
  expect(() => healthChange('Acme', 'Acme', at(new Date(2026, 11, 1)))).toThrow(
    "HEALTH_CHANGE: history must be the Health history table's range",
  );
});

test('the compact Health history (one row per partner, header included) gives the same changes as the old rows', () => {
  const { historiesFromOldRows, layoutHistory } = jest.requireActual(
    '../../src/core/history/compactHistory',
  ) as typeof import('../../src/core/history/compactHistory');
  const laid = layoutHistory(historiesFromOldRows(history.slice(1), NEW_YORK), '2026-11', '2026-Q4');
  const compact = [laid.header, ...laid.rows];
  expect(compact).toHaveLength(3);
  expect(healthChange([['Acme'], ['Beta'], [''], ['New partner']], compact, at(new Date(2026, 11, 1)))).toEqual([
    [-15],
    [12],
    [''],
    [''],
  ]);
  expect(healthChange('acme ', compact, at(new Date(2026, 11, 1)))).toBe(-15);
});

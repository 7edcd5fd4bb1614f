import type { Arg } from '../../src/customFunctions/columns';
import { partnerStage } from '../../src/customFunctions/stage';
import { at } from '../calendars';

const today = at(new Date(2026, 11, 7, 9, 30));
const daysAgo = (n: number) => new Date(2026, 11, 7 - n);
const col = (...values: Arg[]): Arg => values.map((v) => [v]) as Arg;

describe('PARTNER_STAGE', () => {
  test('single cells give one stage', () => {
    expect(partnerStage([daysAgo(31), '', 0], today)).toBe('Enable');
    expect(partnerStage([daysAgo(91), '', ''], today)).toBe('Stalled');
    expect(partnerStage(['', '', 0], today)).toBe('Recruit');
  });

  test('the day moves on: the same row is Onboard, Enable, Activate, Stalled as it passes', () => {
    const signed = new Date(2026, 0, 1);
    const on = (m: number, d: number) => partnerStage([signed, '', 0], at(new Date(2026, m - 1, d, 12)));
    expect([on(1, 31), on(2, 1), on(3, 2), on(3, 3), on(4, 1), on(4, 2)]).toEqual([
      'Onboard',
      'Enable',
      'Enable',
      'Activate',
      'Activate',
      'Stalled',
    ]);
  });

  test('a future signed date throws the named error on a single cell', () => {
    expect(() => partnerStage([new Date(2026, 11, 8), '', 0], today)).toThrow(
      'Signed "2026-12-08" is after today (2026-12-07)',
    );
  });

  test('whole columns: one stage per row, blank rows blank, a bad row holds its message', () => {
    const result = partnerStage(
      [
        col(daysAgo(0), '', daysAgo(61), new Date(2027, 0, 1), daysAgo(200), '', '2026-10-01'),
        col('', '', '', '', daysAgo(150), '', ''),
        col(0, '', 0, 0, 0, 0, 'three'),
      ],
      today,
    );
    expect(result).toEqual([
      ['Onboard'],
      [''],
      ['Activate'],
      [
        'Error: Signed "2027-01-01" is after today (2026-12-07); allowed: the date the partner signed, today or earlier',
      ],
      ['Active'],
      ['Recruit'],
      ['Error: Deals "three" is not a number; allowed: a whole number of deals ≥ 0'],
    ]);
  });

  test('ranges of different heights are refused with what to do', () => {
    expect(() => partnerStage([col(daysAgo(1), daysAgo(2)), col('', ''), col(0)], today)).toThrow(
      'PARTNER_STAGE: deals has 1 rows but signed has 2',
    );
  });
});

import { DEFAULT_RULES } from '../../src/core/rules';
import type { Arg } from '../../src/customFunctions/columns';
import { partnerHealth, partnerTier } from '../../src/customFunctions/health';
import { NEVER_CONTACTED, nextTouch } from '../../src/customFunctions/nextTouch';
import { quadrantColumn } from '../../src/customFunctions/quadrant';
import { segmentColumn } from '../../src/customFunctions/segment';
import { at } from '../calendars';

const rules = DEFAULT_RULES;
const now = new Date(2026, 11, 1, 9, 30);
/** A column as Sheets passes a range: one single-cell row per value. */
const col = (...values: Arg[]): Arg => values.map((v) => [v]) as Arg;

describe('PARTNER_HEALTH', () => {
  test('single cells give one score', () => {
    expect(partnerHealth([0.35, 12, 'Weekly', 40, 'Moderate'], at(now, rules))).toBe(90);
  });

  test('a bad single cell throws the named error, which Sheets shows on the cell', () => {
    expect(() => partnerHealth([0.1, 3, 'Weekly', 140, 'Strong'], at(now, rules))).toThrow(
      'NPS 140 is outside −100…100',
    );
  });

  test('whole columns give one column of the same height: blank rows blank, a bad row holds its message', () => {
    const result = partnerHealth(
      [
        col(0.35, '', 0.1, 0.3, ''),
        col(12, '', 3, 5, 2),
        col('Weekly', '', 'Weekly', 'Monthly', ''),
        col(40, '', 140, '', ''),
        col('Moderate', '', 'Strong', 'Maybe', 'Weak'),
      ],
      at(now, rules),
    );
    expect(result).toEqual([
      [90],
      [''],
      ['Error: NPS 140 is outside −100…100'],
      ['Error: Strategic fit "Maybe" is not one of Strong, Moderate, Weak'],
      ['Unknown'],
    ]);
  });

  test('a last-portal-activity Date is judged against today', () => {
    const yesterday = new Date(2026, 10, 30);
    const longAgo = new Date(2026, 5, 1);
    expect(
      partnerHealth(
        [col(0.3, 0.3), col(5, 5), col(yesterday, longAgo), col(60, 60), col('Strong', 'Strong')],
        at(now, rules),
      ),
    ).toEqual([[100], [80]]);
  });

  test('columns of different heights are refused with what to do', () => {
    expect(() =>
      partnerHealth([col(0.1, 0.2), col(1), col('Weekly', 'Weekly'), col(1, 1), col('Weak', 'Weak')], at(now, rules)),
    ).toThrow(
      'PARTNER_HEALTH: deals has 1 rows but growth has 2. Give ranges of the same height, for example D2:D and E2:E.',
    );
  });

  test('a range two columns wide for one input is refused', () => {
    expect(() => partnerHealth([[[0.1, 0.2]], col(1), col('Weekly'), col(1), col('Weak')], at(now, rules))).toThrow(
      'PARTNER_HEALTH: growth must be one column, but the range given has 2 columns.',
    );
  });
});

describe('PARTNER_TIER', () => {
  test('a score, a column of scores, Unknown, blanks and upstream errors', () => {
    expect(partnerTier([85], rules)).toBe('Champion');
    expect(partnerTier([col(80, 79, 'Unknown', '', 'Error: NPS 140 is outside −100…100', 19)], rules)).toEqual([
      ['Champion'],
      ['Healthy'],
      ['Unknown'],
      [''],
      ['Error: NPS 140 is outside −100…100'],
      ['Churning'],
    ]);
  });

  test('a score that is not one is refused', () => {
    expect(() => partnerTier(['high'], rules)).toThrow(
      'Score "high" is not a score; allowed: a number 0…100 or Unknown',
    );
    expect(partnerTier([col(140)], rules)).toEqual([['Error: Score 140 is outside 0…100']]);
  });
});

describe('SEGMENT', () => {
  test('a single cell explains that segments need whole columns, and why', () => {
    expect(() => segmentColumn([100, 0.1, 3, 'Weekly'], at(now, rules))).toThrow(
      /SEGMENT needs whole columns, for example =SEGMENT\(C2:C, E2:E, F2:F, H2:H\): .*ranks among all partners/,
    );
  });

  test('a column ranks partners; a bad row shows its error and stays out of the ranking', () => {
    const result = segmentColumn(
      [
        col(1000, 900, 800, 100, '', 50),
        col(0.1, 0.3, -0.2, 0, '', 'x'),
        col(5, 2, 1, 0, '', 1),
        col('Weekly', 'Monthly', 'Inactive', 'Monthly', '', 'Weekly'),
      ],
      at(now, rules),
    );
    expect(result).toEqual([
      ['Strategic'],
      ['Growth'],
      ['At-risk'],
      ['Long-tail'],
      [''],
      [
        'Error: Growth "x" is not a number; allowed: a fraction (0.2 = 20 %) or a percentage such as 20%, not below −100%',
      ],
    ]);
  });
});

describe('PARTNER_QUADRANT', () => {
  test('a single cell explains that the matrix needs the whole leads column', () => {
    expect(() => quadrantColumn([3, 'High'], rules)).toThrow(/PARTNER_QUADRANT needs whole columns.*median/);
  });

  test('a column places every partner against the median', () => {
    expect(quadrantColumn([col(10, 1, 10, 1, '', 4), col('High', 5, 'No', 2, '', 'Huge')], rules)).toEqual([
      ['Key partner'],
      ['Unpolished diamond'],
      ['Growth hacker'],
      ['Dementor'],
      [''],
      ['Error: Market relevance "Huge" is not one of High / Low, Yes / No, or a number 1–5'],
    ]);
  });
});

describe('NEXT_TOUCH', () => {
  test('last contact plus the segment cadence, as a date', () => {
    expect(nextTouch(['Strategic', new Date(2026, 10, 28)], at(now, rules))).toEqual(new Date(2026, 11, 5));
    // Across the daylight-saving change the due date is still a local midnight.
    expect(nextTouch(['Stable', new Date(2026, 9, 20)], at(now, rules))).toEqual(new Date(2026, 10, 19));
  });

  test('a row without a segment yet stays blank even with a last-contact date', () => {
    expect(nextTouch([col('', 'Stable'), col(new Date(2026, 10, 2), new Date(2026, 10, 2))], at(now, rules))).toEqual([
      [''],
      [new Date(2026, 11, 2)],
    ]);
  });

  test('never contacted is due now; blank rows stay blank; a bad segment is named', () => {
    expect(nextTouch([col('Growth', '', 'Gold'), col('', '', new Date(2026, 10, 1))], at(now, rules))).toEqual([
      [NEVER_CONTACTED],
      [''],
      ['Error: Segment "Gold" is not one of Strategic, Growth, Stable, At-risk, Long-tail'],
    ]);
  });
});

// dist/Code.js as Apps Script runs it: a classic script in a fresh global scope with no module loader, its
// top-level functions called by name with values shaped as Sheets passes them.
import vm from 'node:vm';
import { type Bundle, builtCode, CUSTOM_FUNCTIONS, column, loadBundle, shown, thrownMessage } from './bundle';

const TODAY = { year: 2026, month: 12, day: 1 };
let bundle: Bundle;

beforeAll(() => {
  bundle = loadBundle({ today: TODAY });
});

describe('dist/Code.js as a plain Apps Script file', () => {
  test('parses as a classic script: no import, export or require', () => {
    const code = builtCode();
    expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });

  test('runs where there is no require, module or process', () => {
    expect(shown(bundle.evaluate('[typeof require, typeof module, typeof exports, typeof process]'))).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  test('every custom function is a global function; internal helpers are not', () => {
    for (const name of CUSTOM_FUNCTIONS) expect(bundle.evaluate(`typeof ${name}`)).toBe('function');
    expect(bundle.evaluate('typeof partnerHealth')).toBe('undefined');
    expect(bundle.evaluate('typeof scoreHealth')).toBe('undefined');
  });
});

describe('PARTNER_HEALTH', () => {
  test('a whole column: scores, a blank row, a bad NPS row and an Unknown row, one result per row', () => {
    const d = (month: number, day: number) => bundle.date({ year: 2026, month, day });
    const result = bundle.call(
      'PARTNER_HEALTH',
      column(0.35, '', 0.05, '', 0.1),
      column(12, '', 3, '', 4),
      column(2, '', 'Monthly', 'Weekly', d(10, 20)),
      column('', '', 140, '', 30),
      column('', '', 'Moderate', 'Strong', 'Moderate'),
    );
    expect(shown(result)).toEqual([
      [87], // seed 000's TechServices Inc.: growth 35 %, 12 deals, 2 logins (Quarterly); 65 of 75
      [''],
      ['Error: NPS 140 is outside −100…100'],
      ['Unknown'], // two of five inputs
      [65], // portal activity 42 days before 2026-12-01 is Quarterly: 20 + 20 + 10 + 10 + 5
    ]);
  });

  test('a last-activity date is judged against the day the sheet recalculates', () => {
    // Each script has its own Date (as each Apps Script run has), so each gets its own date cell.
    const score = (b: Bundle) =>
      b.call('PARTNER_HEALTH', 0.1, 4, b.date({ year: 2026, month: 10, day: 20 }), 30, 'Moderate');
    expect(score(loadBundle({ today: { year: 2026, month: 11, day: 1 } }))).toBe(70); // 12 days before: Monthly
    expect(score(bundle)).toBe(65); // 42 days before: Quarterly
  });

  test('a single cell returns the score, and throws the named error for bad input', () => {
    expect(bundle.call('PARTNER_HEALTH', 0.35, 12, 2, '', '')).toBe(87);
    expect(thrownMessage(() => bundle.call('PARTNER_HEALTH', 0.2, 5, 'Weekly', 140, 'Strong'))).toBe(
      'NPS 140 is outside −100…100',
    );
    expect(thrownMessage(() => bundle.call('PARTNER_HEALTH', 0.2, 5, 'Weekly', 40, 'Maybe'))).toBe(
      'Strategic fit "Maybe" is not one of Strong, Moderate, Weak',
    );
  });

  test('columns of different heights are refused with both heights named', () => {
    expect(
      thrownMessage(() =>
        bundle.call(
          'PARTNER_HEALTH',
          column(0.1, 0.2),
          column(1),
          column('Weekly', 'Weekly'),
          column(1, 1),
          column('Weak', 'Weak'),
        ),
      ),
    ).toBe(
      'PARTNER_HEALTH: deals has 1 rows but growth has 2. Give ranges of the same height, for example D2:D and E2:E.',
    );
  });
});

describe('PARTNER_TIER', () => {
  test('a single score', () => {
    expect(bundle.call('PARTNER_TIER', 85)).toBe('Champion');
    expect(bundle.call('PARTNER_TIER', 79)).toBe('Healthy');
    expect(bundle.call('PARTNER_TIER', 'Unknown')).toBe('Unknown');
    expect(thrownMessage(() => bundle.call('PARTNER_TIER', 'high'))).toBe(
      'Score "high" is not a score; allowed: a number 0…100 or Unknown',
    );
  });

  test('the PARTNER_HEALTH column: blanks stay blank, errors pass through', () => {
    const scores = column(87, 60, 40, 20, 19, 'Unknown', '', 'Error: NPS 140 is outside −100…100');
    expect(shown(bundle.call('PARTNER_TIER', scores))).toEqual([
      ['Champion'],
      ['Healthy'],
      ['At-risk'],
      ['Critical'],
      ['Churning'],
      ['Unknown'],
      [''],
      ['Error: NPS 140 is outside −100…100'],
    ]);
  });
});

describe('SEGMENT and PARTNER_QUADRANT need columns', () => {
  test('SEGMENT on single cells explains why it needs whole columns', () => {
    expect(thrownMessage(() => bundle.call('SEGMENT', 450000, 0.35, 12, 'Weekly'))).toBe(
      'SEGMENT needs whole columns, for example =SEGMENT(C2:C, E2:E, F2:F, H2:H): ' +
        "a partner's segment depends on where its revenue ranks among all partners (top 10 %, bottom quartile).",
    );
  });

  test('SEGMENT on columns ranks the partners against each other', () => {
    // 10 partners: the top 10 % is the first; the bottom quartile is the three smallest.
    const revenue = column(450000, 300000, 250000, 200000, 150000, 120000, 100000, 5000, 2000, 0);
    const growth = column(0.35, -0.1, 0.1, 0, 0, 0.01, -0.01, 0, 0.01, '');
    const deals = column(12, 3, 4, 5, 3, 3, 3, 1, 2, 0);
    const engagement = column(
      'Weekly',
      'Inactive',
      'Monthly',
      'Monthly',
      'Weekly',
      'Monthly',
      'Monthly',
      'Quarterly',
      'Monthly',
      0,
    );
    expect(shown(bundle.call('SEGMENT', revenue, growth, deals, engagement))).toEqual([
      ['Strategic'],
      ['At-risk'],
      ['Growth'],
      ['Stable'],
      ['Stable'],
      ['Stable'],
      ['Stable'],
      ['Long-tail'],
      ['Long-tail'],
      ['Long-tail'],
    ]);
  });

  test('PARTNER_QUADRANT on a single cell refuses; on columns it places every partner', () => {
    expect(thrownMessage(() => bundle.call('PARTNER_QUADRANT', 10, 'High'))).toMatch(
      /^PARTNER_QUADRANT needs whole columns, for example =PARTNER_QUADRANT\(G2:G, K2:K\)/,
    );
    // median of 10, 8, 2, 0 is 5
    expect(shown(bundle.call('PARTNER_QUADRANT', column(10, 2, 8, 0, ''), column('High', 5, 'No', 2, '')))).toEqual([
      ['Key partner'],
      ['Unpolished diamond'],
      ['Growth hacker'],
      ['Dementor'],
    ]); // the blank row at the end is left out: results stop at the last row with data
  });
});

describe('NEXT_TOUCH', () => {
  test('a date cell plus the segment cadence gives a date cell', () => {
    const result = bundle.call('NEXT_TOUCH', 'Growth', bundle.date({ year: 2026, month: 11, day: 20 }));
    expect(Object.prototype.toString.call(result)).toBe('[object Date]');
    expect(shown(result)).toBe('2026-12-04');
    expect(bundle.call('NEXT_TOUCH', 'Strategic', '')).toBe('Now (never contacted)');
  });

  test('columns, across the daylight-saving change, with a blank row', () => {
    // A blank row inside the data gives a blank cell; trailing blank rows are left out of the result.
    expect(
      shown(
        bundle.call(
          'NEXT_TOUCH',
          column('Strategic', '', 'Long-tail', ''),
          column(
            bundle.date({ year: 2026, month: 11, day: 28 }),
            '',
            bundle.date({ year: 2026, month: 4, day: 1 }),
            '',
          ),
        ),
      ),
    ).toEqual([['2026-12-05'], [''], ['2026-06-30']]);
    expect(thrownMessage(() => bundle.call('NEXT_TOUCH', 'Gold', bundle.date(TODAY)))).toBe(
      'Segment "Gold" is not one of Strategic, Growth, Stable, At-risk, Long-tail',
    );
  });
});

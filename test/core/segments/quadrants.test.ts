import { DEFAULT_RULES, QUADRANT_PLAYS } from '../../../src/core/rules';
import { assignQuadrants, highLeadsThreshold, median } from '../../../src/core/segments/quadrants';

const rules = DEFAULT_RULES;

describe('partner matrix (spec §4, seed 002)', () => {
  test('median of the leads column, even and odd counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  test('high leads = at least max(1, median)', () => {
    expect(highLeadsThreshold([0, 0, 0, 2], rules)).toBe(1);
    expect(highLeadsThreshold([4, 6, 8], rules)).toBe(6);
  });

  test('each quadrant from leads × relevance', () => {
    const rows = [
      { leads: 10, relevance: true },
      { leads: 1, relevance: true },
      { leads: 10, relevance: false },
      { leads: 1, relevance: false },
      { leads: 5, relevance: false }, // the median itself counts as high
    ];
    expect(assignQuadrants(rows, rules)).toEqual([
      'Key partner',
      'Unpolished diamond',
      'Growth hacker',
      'Dementor',
      'Growth hacker',
    ]);
  });

  test('with all leads 0, nobody has high leads (the floor of 1)', () => {
    const rows = [
      { leads: 0, relevance: true },
      { leads: 0, relevance: false },
    ];
    expect(assignQuadrants(rows, rules)).toEqual(['Unpolished diamond', 'Dementor']);
  });

  test('blank rows stay blank; a row missing one input cannot be placed', () => {
    const rows = [null, { leads: null, relevance: null }, { leads: 3, relevance: null }, { leads: 3, relevance: true }];
    expect(assignQuadrants(rows, rules)).toEqual([null, null, 'Unknown', 'Key partner']);
  });

  test('every quadrant carries its play from seed 002', () => {
    expect(QUADRANT_PLAYS['Key partner']).toMatch(/recurring meetings.*joint plans.*custom training.*priority status/i);
    expect(QUADRANT_PLAYS.Dementor).toMatch(/autopilot.*mass communication/i);
  });
});

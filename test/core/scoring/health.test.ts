import { DEFAULT_RULES, type Rules } from '../../../src/core/rules';
import { type HealthInputs, roundHalfUp, scoreHealth, tierOf } from '../../../src/core/scoring/health';

const rules = DEFAULT_RULES;
const none: HealthInputs = { growth: null, deals: null, engagement: null, nps: null, fit: null };
const all = (over: Partial<HealthInputs>): HealthInputs => ({
  growth: 0.3,
  deals: 5,
  engagement: 'Weekly',
  nps: 60,
  fit: 'Strong',
  ...over,
});
function pointsOf(inputs: HealthInputs, dimension: string): number | undefined {
  return scoreHealth(inputs, rules).dimensions.find((d) => d.dimension === dimension)?.earned;
}

describe('health points per dimension (spec §2)', () => {
  test.each([
    [0.2, 30],
    [0.1999, 20],
    [0.021, 20],
    [0.02, 10],
    [0, 10],
    [-0.02, 10],
    [-0.0201, 0],
    [-0.5, 0],
    [Infinity, 30],
  ])('growth %p earns %p revenue points', (growth, points) => {
    expect(pointsOf(all({ growth }), 'revenue')).toBe(points);
  });

  test.each([
    [0, 0],
    [1, 10],
    [2, 10],
    [3, 20],
    [4, 20],
    [5, 25],
    [12, 25],
  ])('%p deals earn %p activity points', (deals, points) => {
    expect(pointsOf(all({ deals }), 'activity')).toBe(points);
  });

  test.each([
    ['Weekly', 20],
    ['Monthly', 15],
    ['Quarterly', 10],
    ['Inactive', 0],
  ] as const)('%s engagement earns %p points', (engagement, points) => {
    expect(pointsOf(all({ engagement }), 'engagement')).toBe(points);
  });

  test.each([
    [100, 15],
    [50, 15],
    [49, 10],
    [49.9, 10],
    [25, 10],
    [24.5, 5],
    [24, 5],
    [0, 5],
    [-1, 0],
    [-100, 0],
  ])('NPS %p earns %p satisfaction points', (nps, points) => {
    expect(pointsOf(all({ nps }), 'satisfaction')).toBe(points);
  });

  test.each([
    ['Strong', 10],
    ['Moderate', 5],
    ['Weak', 0],
  ] as const)('%s fit earns %p points', (fit, points) => {
    expect(pointsOf(all({ fit }), 'fit')).toBe(points);
  });

  test('each dimension says why, in words', () => {
    const reasons = scoreHealth(all({ deals: 12 }), rules).dimensions.map((d) => d.reason);
    expect(reasons).toContain('12 deals this quarter: 25 of 25');
    expect(reasons).toContain('NPS 60: 15 of 15');
  });
});

describe('health score', () => {
  test('all top bands give 100, all bottom bands give 0', () => {
    expect(scoreHealth(all({}), rules).score).toBe(100);
    expect(scoreHealth({ growth: -0.5, deals: 0, engagement: 'Inactive', nps: -10, fit: 'Weak' }, rules).score).toBe(0);
  });

  test("seed 000's TechServices Inc. (↑35 % YoY, 12 deals) scores as a Champion", () => {
    const s = scoreHealth({ growth: 0.35, deals: 12, engagement: 'Weekly', nps: 40, fit: 'Moderate' }, rules);
    // 30 + 25 + 20 + 10 + 5 = 90
    expect(s.score).toBe(90);
    expect(s.tier).toBe('Champion');
  });

  test('a missing dimension is left out and the rest rescaled, rounded half up', () => {
    // Revenue 20 + Activity 20 + Engagement 15 = 55 of 75 → 73.33 → 73
    const s = scoreHealth({ growth: 0.1, deals: 3, engagement: 'Monthly', nps: null, fit: null }, rules);
    expect(s.score).toBe(73);
    expect(s.missing).toEqual(['satisfaction', 'fit']);
    // Revenue 10 + Engagement 15 + Fit 0 + Satisfaction 0 = 25 of 75 → 33.33 → 33
    expect(scoreHealth({ growth: 0, deals: null, engagement: 'Monthly', nps: -5, fit: 'Weak' }, rules).score).toBe(33);
  });

  test('an exact half rounds up: 50 of 80 points → 62.5 → 63', () => {
    // Revenue 20/30 + Activity 25/25 + Satisfaction 0/15 + Fit 5/10, engagement blank.
    expect(scoreHealth({ growth: 0.1, deals: 5, engagement: null, nps: -1, fit: 'Moderate' }, rules).score).toBe(63);
    expect(roundHalfUp(72.49999999999999)).toBe(73);
    expect(roundHalfUp(72.4)).toBe(72);
  });

  test('fewer than 3 of 5 dimensions present gives Unknown; none gives blank', () => {
    expect(scoreHealth({ ...none, growth: 0.3, deals: 5 }, rules)).toMatchObject({ score: 'Unknown', tier: 'Unknown' });
    // 30 + 25 + 5 = 60 of 70 → 85.7 → 86
    expect(scoreHealth({ ...none, growth: 0.3, deals: 5, nps: 10 }, rules).score).toBe(86);
    expect(scoreHealth(none, rules)).toMatchObject({ score: null, tier: null });
  });

  test('changed weights move the points (Settings, spec §8)', () => {
    const heavyFit: Rules = {
      ...rules,
      weights: { revenue: 20, activity: 20, engagement: 20, satisfaction: 20, fit: 20 },
    };
    expect(pointsOf(all({ fit: 'Moderate' }), 'fit')).toBe(5);
    expect(scoreHealth(all({ fit: 'Moderate' }), heavyFit).dimensions.find((d) => d.dimension === 'fit')?.earned).toBe(
      10,
    );
  });
});

describe('tiers (spec §2)', () => {
  test.each([
    [100, 'Champion'],
    [80, 'Champion'],
    [79, 'Healthy'],
    [60, 'Healthy'],
    [59, 'At-risk'],
    [40, 'At-risk'],
    [39, 'Critical'],
    [20, 'Critical'],
    [19, 'Churning'],
    [0, 'Churning'],
  ] as const)('score %p is %s', (score, tier) => {
    expect(tierOf(score, rules)).toBe(tier);
  });

  test('Unknown stays Unknown; a score outside 0…100 is refused by name', () => {
    expect(tierOf('Unknown', rules)).toBe('Unknown');
    expect(() => tierOf(140, rules)).toThrow('Score 140 is outside 0…100');
    expect(() => tierOf(-1, rules)).toThrow('Score −1 is outside 0…100');
  });

  test('every tier has the spec color', () => {
    expect(rules.tierColors).toEqual({
      Champion: '#b7e1cd',
      Healthy: '#d9ead3',
      'At-risk': '#fff2cc',
      Critical: '#fce5cd',
      Churning: '#f4cccc',
      Unknown: '#efefef',
    });
  });
});

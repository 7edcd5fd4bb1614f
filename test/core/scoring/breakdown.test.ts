import { DEFAULT_RULES } from '../../../src/core/rules';
import { breakdownHealth, healthNote } from '../../../src/core/scoring/breakdown';
import { type HealthInputs, scoreHealth } from '../../../src/core/scoring/health';

const rules = DEFAULT_RULES;
const top: HealthInputs = { growth: 0.3, deals: 5, engagement: 'Weekly', nps: 60, fit: 'Strong' };
const at = (over: Partial<HealthInputs>): HealthInputs => ({ ...top, ...over });

describe('breakdown points agree with the score on every boundary of §2', () => {
  const boundaries: Partial<HealthInputs>[] = [
    ...[0.2, 0.1999, 0.021, 0.02, 0, -0.02, -0.0201].map((growth) => ({ growth })),
    ...[0, 1, 2, 3, 4, 5].map((deals) => ({ deals })),
    ...(['Weekly', 'Monthly', 'Quarterly', 'Inactive'] as const).map((engagement) => ({ engagement })),
    ...[50, 49, 25, 24.5, 0, -1].map((nps) => ({ nps })),
    ...(['Strong', 'Moderate', 'Weak'] as const).map((fit) => ({ fit })),
  ];
  test.each(boundaries)('%p', (over) => {
    const inputs = at(over);
    const b = breakdownHealth(inputs, rules);
    expect(b.points).toEqual(scoreHealth(inputs, rules).dimensions.map((d) => d.earned));
    // With all five present, the points add up to the score itself.
    expect(b.points.reduce((s, p) => (s as number) + (p as number), 0)).toBe(b.health.score);
  });

  test('a blank input leaves its dimension blank, before rescaling', () => {
    expect(breakdownHealth(at({ nps: null, fit: null }), rules).points).toEqual([30, 25, 20, null, null]);
  });
});

describe('next best lift', () => {
  test.each<[Partial<HealthInputs>, string]>([
    [{ deals: 1 }, '5+ deals this quarter: +15'],
    [{ deals: 3 }, '5+ deals this quarter: +5'],
    [{ growth: 0.05, deals: 5, engagement: 'Monthly', nps: 30, fit: 'Moderate' }, 'Growth 20%+: +10'],
    [{ growth: 0, engagement: 'Quarterly' }, 'Growth 20%+: +20'],
    [{ nps: 30 }, 'NPS 50+: +5'],
    [{ nps: 30, fit: 'Moderate' }, 'NPS 50+: +5'], // a tie goes to the heavier dimension (15 > 10)
    [{ growth: 0.05, engagement: 'Quarterly' }, 'Growth 20%+: +10'], // tie, 30 > 20
    [{ engagement: 'Quarterly', fit: 'Weak' }, 'Weekly portal activity: +10'], // tie, 20 > 10
    [{ fit: 'Weak' }, 'Strong strategic fit: +10'],
    [{}, '—'],
    [{ growth: null, deals: null }, '—'], // 100 over what is known
  ])('%p → %s', (over, lift) => {
    expect(breakdownHealth(at(over), rules).lift).toBe(lift);
  });

  test('too few inputs to score: fill in what is missing', () => {
    const b = breakdownHealth({ growth: null, deals: null, engagement: null, nps: 40, fit: 'Strong' }, rules);
    expect(b.health.score).toBe('Unknown');
    expect(b.lift).toBe('Fill in 1 more of Revenue, Activity, Engagement to get a score');
  });

  test('the lift follows changed thresholds', () => {
    const stricter = { ...rules, activity: { ...rules.activity, dealsHigh: 8 } };
    expect(breakdownHealth(at({ deals: 5 }), stricter).lift).toBe('8+ deals this quarter: +5');
  });
});

test('the Health cell note reads like the issue asks', () => {
  const full = scoreHealth({ growth: 0.05, deals: 5, engagement: 'Monthly', nps: 30, fit: 'Moderate' }, rules);
  expect(healthNote(full, rules)).toBe(
    'Revenue 20/30 · Activity 25/25 · Engagement 15/20 · NPS 10/15 · Fit 5/10 — missing: none',
  );
  const partial = scoreHealth({ growth: 0.05, deals: 5, engagement: 'Monthly', nps: null, fit: null }, rules);
  expect(healthNote(partial, rules)).toBe(
    'Revenue 20/30 · Activity 25/25 · Engagement 15/20 · NPS –/15 · Fit –/10 — missing: NPS, Fit',
  );
});

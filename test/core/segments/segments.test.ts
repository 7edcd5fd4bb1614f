import { DEFAULT_RULES } from '../../../src/core/rules';
import { assignSegments, type SegmentInputs } from '../../../src/core/segments/segments';

const rules = DEFAULT_RULES;
const partner = (over: Partial<SegmentInputs>): SegmentInputs => ({
  revenue: 100,
  growth: 0,
  deals: 3,
  engagement: 'Monthly',
  ...over,
});
/** Ten partners with revenues 10, 20, … 100 and neutral everything else, plus overrides by index. */
function tenPartners(over: Record<number, Partial<SegmentInputs>> = {}): SegmentInputs[] {
  return Array.from({ length: 10 }, (_, i) => partner({ revenue: (i + 1) * 10, ...over[i] }));
}

describe('segments (spec §3)', () => {
  test('top 10 % of revenue, not declining, is Strategic: with 10 partners only the top one', () => {
    const segments = assignSegments(tenPartners(), rules);
    expect(segments[9]).toBe('Strategic');
    expect(segments.filter((s) => s === 'Strategic')).toHaveLength(1);
  });

  test('ties at the top-10 % cut share the best rank, so every tied partner is Strategic', () => {
    const segments = assignSegments(tenPartners({ 8: { revenue: 100 } }), rules);
    expect(segments[8]).toBe('Strategic');
    expect(segments[9]).toBe('Strategic');
  });

  test('top 10 % with growth exactly at −flat band is still Strategic; below it is not', () => {
    expect(assignSegments(tenPartners({ 9: { growth: -0.02 } }), rules)[9]).toBe('Strategic');
    expect(assignSegments(tenPartners({ 9: { growth: -0.021 } }), rules)[9]).toBe('Stable');
  });

  test('declining and disengaged (Quarterly or Inactive) is At-risk; declining but engaged is not', () => {
    const segments = assignSegments(
      tenPartners({
        4: { growth: -0.1, engagement: 'Quarterly' },
        5: { growth: -0.1, engagement: 'Inactive' },
        6: { growth: -0.1, engagement: 'Weekly' },
      }),
      rules,
    );
    expect(segments.slice(4, 7)).toEqual(['At-risk', 'At-risk', 'Stable']);
  });

  test('a top-10 % partner that is declining and disengaged is At-risk (first match wins)', () => {
    expect(assignSegments(tenPartners({ 9: { growth: -0.3, engagement: 'Inactive' } }), rules)[9]).toBe('At-risk');
  });

  test('growth above the flat band is Growth; at the band it is not', () => {
    const segments = assignSegments(tenPartners({ 5: { growth: 0.021 }, 6: { growth: 0.02 } }), rules);
    expect(segments[5]).toBe('Growth');
    expect(segments[6]).toBe('Stable');
  });

  test('bottom quartile of revenue with 2 deals or fewer is Long-tail: ceil(0.25 × 10) = 3 partners', () => {
    const segments = assignSegments(
      tenPartners({ 0: { deals: 0 }, 1: { deals: 2 }, 2: { deals: 2 }, 3: { deals: 0 } }),
      rules,
    );
    expect(segments.slice(0, 4)).toEqual(['Long-tail', 'Long-tail', 'Long-tail', 'Stable']);
  });

  test('bottom quartile with 3 deals is Stable; blank deals count as no deals', () => {
    const segments = assignSegments(tenPartners({ 0: { deals: 3 }, 1: { deals: null } }), rules);
    expect(segments[0]).toBe('Stable');
    expect(segments[1]).toBe('Long-tail');
  });

  test('a one-partner sheet: the only partner is the top 10 % and Strategic unless declining', () => {
    expect(assignSegments([partner({})], rules)).toEqual(['Strategic']);
    expect(assignSegments([partner({ growth: -0.5, engagement: 'Weekly', deals: 0 })], rules)).toEqual(['Long-tail']);
  });

  test('partners without revenue are not ranked, and blank rows stay blank', () => {
    const rows = [partner({ revenue: null, growth: null }), null, partner({ revenue: 50 })];
    expect(assignSegments(rows, rules)).toEqual(['Stable', null, 'Strategic']);
  });

  test('growing fast from zero last year (growth = Infinity) is Growth', () => {
    expect(assignSegments(tenPartners({ 3: { growth: Infinity } }), rules)[3]).toBe('Growth');
  });
});

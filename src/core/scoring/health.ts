import { formatNumber, InputError } from '../reading/inputError';
import { DIMENSIONS, type Dimension, type EngagementLevel, type Fit, type Rules, type Tier } from '../rules';

/** The five inputs of the health score, already read from their cells; null = blank. */
export interface HealthInputs {
  growth: number | null;
  deals: number | null;
  engagement: EngagementLevel | null;
  nps: number | null;
  fit: Fit | null;
}

export interface DimensionScore {
  dimension: Dimension;
  label: string;
  earned: number;
  max: number;
  /** Why, in a partner manager's words: "12 deals this quarter: 25 of 25". */
  reason: string;
}

export interface HealthScore {
  /** 0–100; 'Unknown' with too few inputs; null when every input is blank (the row is empty). */
  score: number | 'Unknown' | null;
  tier: Tier | null;
  /** One entry per dimension whose input is present, in spec order. */
  dimensions: DimensionScore[];
  missing: Dimension[];
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  revenue: 'Revenue',
  activity: 'Activity',
  engagement: 'Engagement',
  satisfaction: 'Satisfaction',
  fit: 'Strategic fit',
};

/** Points as a share of the weight: n/d of it, so the default weights give the spec's exact points. */
type Share = [n: number, d: number, why: string];

function revenueShare(growth: number, r: Rules): Share {
  const pct = Number.isFinite(growth)
    ? `${formatNumber(Math.round(growth * 1000) / 10)}% growth`
    : 'first revenue this year';
  const flat = r.revenue.flatBand;
  if (growth >= r.revenue.growingFast) return [3, 3, `${pct} (growing ${pct100(r.revenue.growingFast)}+)`];
  if (growth > flat) return [2, 3, `${pct} (growing)`];
  if (growth >= -flat) return [1, 3, `${pct} (flat)`];
  return [0, 3, `${pct} (declining)`];
}

function pct100(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function activityShare(deals: number, r: Rules): Share {
  const why = `${deals} deal${deals === 1 ? '' : 's'} this quarter`;
  const a = r.activity;
  if (deals >= a.dealsHigh) return [25, 25, why];
  if (deals >= a.dealsMid) return [20, 25, why];
  if (deals >= a.dealsLow) return [10, 25, why];
  return [0, 25, why];
}

function engagementShare(level: EngagementLevel): Share {
  const why = `${level} portal activity`;
  switch (level) {
    case 'Weekly':
      return [4, 4, why];
    case 'Monthly':
      return [3, 4, why];
    case 'Quarterly':
      return [2, 4, why];
    case 'Inactive':
      return [0, 4, 'Inactive on the portal'];
  }
}

function satisfactionShare(nps: number, r: Rules): Share {
  const why = `NPS ${formatNumber(nps)}`;
  const s = r.satisfaction;
  if (nps >= s.npsHigh) return [3, 3, why];
  if (nps >= s.npsMid) return [2, 3, why];
  if (nps >= s.npsLow) return [1, 3, why];
  return [0, 3, why];
}

function fitShare(fit: Fit): Share {
  const why = `${fit} strategic fit`;
  if (fit === 'Strong') return [2, 2, why];
  if (fit === 'Moderate') return [1, 2, why];
  return [0, 2, why];
}

function shareOf(dimension: Dimension, inputs: HealthInputs, rules: Rules): Share | null {
  switch (dimension) {
    case 'revenue':
      return inputs.growth === null ? null : revenueShare(inputs.growth, rules);
    case 'activity':
      return inputs.deals === null ? null : activityShare(inputs.deals, rules);
    case 'engagement':
      return inputs.engagement === null ? null : engagementShare(inputs.engagement);
    case 'satisfaction':
      return inputs.nps === null ? null : satisfactionShare(inputs.nps, rules);
    case 'fit':
      return inputs.fit === null ? null : fitShare(inputs.fit);
  }
}

/** Points of one dimension, as shown in a breakdown (integers with the default weights). */
function points(weight: number, [n, d]: Share): number {
  return Math.round(((weight * n) / d) * 100) / 100;
}

/**
 * The partner health score of docs/rules.md §2: points per dimension, rescaled over the dimensions present, rounded
 * half up; `Unknown` with fewer than `rules.minDimensions` present; null when all five are blank.
 */
export function scoreHealth(inputs: HealthInputs, rules: Rules): HealthScore {
  const dimensions: DimensionScore[] = [];
  const missing: Dimension[] = [];
  for (const dimension of DIMENSIONS) {
    const share = shareOf(dimension, inputs, rules);
    if (share === null) {
      missing.push(dimension);
      continue;
    }
    const max = rules.weights[dimension];
    const earned = points(max, share);
    dimensions.push({
      dimension,
      label: DIMENSION_LABELS[dimension],
      earned,
      max,
      reason: `${share[2]}: ${earned} of ${max}`,
    });
  }
  if (dimensions.length === 0) return { score: null, tier: null, dimensions, missing };
  if (dimensions.length < rules.minDimensions) return { score: 'Unknown', tier: 'Unknown', dimensions, missing };
  const earned = dimensions.reduce((sum, d) => sum + d.earned, 0);
  const possible = dimensions.reduce((sum, d) => sum + d.max, 0);
  const score = possible === 0 ? 0 : roundHalfUp((earned * 100) / possible);
  return { score, tier: tierOf(score, rules), dimensions, missing };
}

/** Half up, robust to binary fractions such as 72.49999999 that are really 72.5. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

/** The health score's scale (docs/rules.md §2). */
export const SCORE_RANGE = { min: 0, max: 100 };

/** The tier of a score 0–100 (docs/rules.md §2); 'Unknown' for an unknown score. */
export function tierOf(score: number | 'Unknown', rules: Rules): Tier {
  if (score === 'Unknown') return 'Unknown';
  if (!Number.isFinite(score) || score < SCORE_RANGE.min || score > SCORE_RANGE.max)
    throw new InputError('Score', score, 'is outside 0…100');
  const f = rules.tierFloors;
  if (score >= f.Champion) return 'Champion';
  if (score >= f.Healthy) return 'Healthy';
  if (score >= f['At-risk']) return 'At-risk';
  if (score >= f.Critical) return 'Critical';
  return 'Churning';
}

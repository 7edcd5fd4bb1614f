import { DIMENSIONS, type Dimension, type Rules } from '../rules';
import { type HealthInputs, type HealthScore, scoreHealth } from './health';

/** Short names for notes and the breakdown header, as a partner manager says them. */
export const SHORT_LABELS: Record<Dimension, string> = {
  revenue: 'Revenue',
  activity: 'Activity',
  engagement: 'Engagement',
  satisfaction: 'NPS',
  fit: 'Fit',
};

export interface Breakdown {
  health: HealthScore;
  /** Points earned per dimension in spec order, before missing-data rescaling; null where the input is blank. */
  points: (number | null)[];
  /** The one change that adds the most points ("5+ deals this quarter: +15"), or "—" at 100. */
  lift: string;
}

/** What reaching a dimension's top band takes, in words a partner manager can act on. */
function topBandWords(dimension: Dimension, rules: Rules): string {
  switch (dimension) {
    case 'revenue':
      return `Growth ${Math.round(rules.revenue.growingFast * 1000) / 10}%+`;
    case 'activity':
      return `${rules.activity.dealsHigh}+ deals this quarter`;
    case 'engagement':
      return 'Weekly portal activity';
    case 'satisfaction':
      return `NPS ${rules.satisfaction.npsHigh}+`;
    case 'fit':
      return 'Strong strategic fit';
  }
}

/**
 * The points behind a health score and the next best lift: of the dimensions present, the one whose top band
 * adds the most points (ties go to the heavier dimension, then spec order). With too few inputs to score, the
 * lift is to fill in what is missing; when nothing can be gained, "—".
 */
export function breakdownHealth(inputs: HealthInputs, rules: Rules): Breakdown {
  const health = scoreHealth(inputs, rules);
  const byDimension = new Map(health.dimensions.map((d) => [d.dimension, d]));
  const points = DIMENSIONS.map((d) => byDimension.get(d)?.earned ?? null);
  if (health.score === 'Unknown') {
    const need = rules.minDimensions - health.dimensions.length;
    const missing = health.missing.map((d) => SHORT_LABELS[d]).join(', ');
    return { health, points, lift: `Fill in ${need} more of ${missing} to get a score` };
  }
  let best: { dimension: Dimension; gain: number } | null = null;
  for (const d of health.dimensions) {
    const gain = Math.round((d.max - d.earned) * 100) / 100;
    if (gain <= 0) continue;
    const heavier = best !== null && gain === best.gain && rules.weights[d.dimension] > rules.weights[best.dimension];
    if (best === null || gain > best.gain || heavier) best = { dimension: d.dimension, gain };
  }
  const lift = best === null ? '—' : `${topBandWords(best.dimension, rules)}: +${best.gain}`;
  return { health, points, lift };
}

/**
 * The note on a Health cell: "Revenue 20/30 · Activity 25/25 · Engagement 15/20 · NPS 10/15 · Fit 5/10 —
 * missing: none". Blank dimensions show as "–" and are named as missing.
 */
export function healthNote(health: HealthScore, rules: Rules): string {
  const byDimension = new Map(health.dimensions.map((d) => [d.dimension, d]));
  const parts = DIMENSIONS.map((d) => {
    const score = byDimension.get(d);
    return `${SHORT_LABELS[d]} ${score ? score.earned : '–'}/${rules.weights[d]}`;
  });
  const missing = health.missing.length === 0 ? 'none' : health.missing.map((d) => SHORT_LABELS[d]).join(', ');
  return `${parts.join(' · ')} — missing: ${missing}`;
}

import type { CellValue } from '../reading/cells';
import type { EngagementLevel, Fit, Quadrant, Rules, Segment, Tier } from '../rules';
import { assignQuadrants, type QuadrantInputs } from '../segments/quadrants';
import { assignSegments, type SegmentInputs } from '../segments/segments';
import { type HealthInputs, scoreHealth } from './health';

/**
 * What-if for one partner (issue #10): change its inputs and see score, tier, segment and quadrant as the
 * rules would decide them. The sidebar runs this very code in the browser; segments and quadrants depend on
 * the other partners, so the model carries everyone's segment and quadrant inputs.
 */
export type WhatIfField = 'growth' | 'deals' | 'engagement' | 'nps' | 'fit' | 'leads' | 'relevance';
export const WHAT_IF_FIELDS: readonly WhatIfField[] = [
  'growth',
  'deals',
  'engagement',
  'nps',
  'fit',
  'leads',
  'relevance',
];

/** The column each field is written to, as the spec names it. */
export const WHAT_IF_LABELS: Record<WhatIfField, string> = {
  growth: 'Growth',
  deals: 'Deals',
  engagement: 'Engagement',
  nps: 'NPS',
  fit: 'Strategic fit',
  leads: 'Leads',
  relevance: 'Market relevance',
};

export interface WhatIfInputs {
  growth: number | null;
  deals: number | null;
  engagement: EngagementLevel | null;
  nps: number | null;
  fit: Fit | null;
  leads: number | null;
  relevance: boolean | null;
}

export type PopulationRow = SegmentInputs & QuadrantInputs;

export interface WhatIfModel {
  rules: Rules;
  /** The partner's place in `population`. */
  index: number;
  population: PopulationRow[];
  inputs: WhatIfInputs;
  /** Fields the partner sheet has a column for (Growth may be derived from revenue instead). */
  columns: WhatIfField[];
}

export interface WhatIfOutcome {
  score: number | 'Unknown' | null;
  tier: Tier | null;
  tierColor: string;
  segment: Segment;
  quadrant: Quadrant | 'Unknown' | null;
}

export function whatIfOutcome(model: WhatIfModel, inputs: WhatIfInputs): WhatIfOutcome {
  const health = scoreHealth(inputs as HealthInputs, model.rules);
  const population = model.population.map((row, i) =>
    i === model.index
      ? {
          revenue: row.revenue,
          growth: inputs.growth,
          deals: inputs.deals,
          engagement: inputs.engagement,
          leads: inputs.leads,
          relevance: inputs.relevance,
        }
      : row,
  );
  return {
    score: health.score,
    tier: health.tier,
    tierColor: model.rules.tierColors[health.tier ?? 'Unknown'],
    segment: assignSegments(population, model.rules)[model.index] ?? 'Stable',
    quadrant: assignQuadrants(population, model.rules)[model.index],
  };
}

export function changedFields(before: WhatIfInputs, after: WhatIfInputs): WhatIfField[] {
  return WHAT_IF_FIELDS.filter((f) => before[f] !== after[f]);
}

/** The value written to a cell for a field: labels as the sheet shows them, relevance as High / Low. */
export function cellValueOf(field: WhatIfField, value: WhatIfInputs[WhatIfField]): CellValue {
  if (value === null) return '';
  if (field === 'relevance') return value ? 'High' : 'Low';
  return value as CellValue;
}

/** How a field's value reads in a confirmation ("NPS 40 → 60"). */
export function describeField(field: WhatIfField, value: WhatIfInputs[WhatIfField]): string {
  if (value === null) return '(blank)';
  if (field === 'growth') return `${Math.round((value as number) * 1000) / 10}%`;
  if (field === 'relevance') return value ? 'High' : 'Low';
  return String(value);
}

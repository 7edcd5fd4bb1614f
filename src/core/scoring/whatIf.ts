import { type CellValue, readDeals, readFit, readGrowth, readLeads, readNps } from '../reading/cells';
import {
  ENGAGEMENT_LEVELS,
  type EngagementLevel,
  FITS,
  type Fit,
  type Quadrant,
  type Rules,
  type Segment,
  type Tier,
} from '../rules';
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

/** The what-if's inputs as a partner's row holds them today. */
export function whatIfInputsOf(record: WhatIfInputs): WhatIfInputs {
  const { growth, deals, engagement, nps, fit, leads, relevance } = record;
  return { growth, deals, engagement, nps, fit, leads, relevance };
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

/** One field of the what-if panel: a number box or a list, with the bounds the cell readers allow. */
export type WhatIfControl =
  | { field: WhatIfField; label: string; kind: 'number'; min: number | null; max: number | null; step: number }
  | { field: WhatIfField; label: string; kind: 'choice'; options: string[] };

const RELEVANCE = ['High', 'Low'];

/**
 * The what-if panel's fields as the sidebar shows them: number boxes with the cell readers' bounds (Growth
 * typed in percent), lists with the labels the partner sheet takes.
 */
export const WHAT_IF_CONTROLS: readonly WhatIfControl[] = [
  { field: 'growth', label: 'Growth %', kind: 'number', min: -100, max: null, step: 0.1 },
  { field: 'deals', label: WHAT_IF_LABELS.deals, kind: 'number', min: 0, max: null, step: 1 },
  { field: 'engagement', label: WHAT_IF_LABELS.engagement, kind: 'choice', options: [...ENGAGEMENT_LEVELS] },
  { field: 'nps', label: WHAT_IF_LABELS.nps, kind: 'number', min: -100, max: 100, step: 1 },
  { field: 'fit', label: WHAT_IF_LABELS.fit, kind: 'choice', options: [...FITS] },
  { field: 'leads', label: WHAT_IF_LABELS.leads, kind: 'number', min: 0, max: null, step: 1 },
  { field: 'relevance', label: WHAT_IF_LABELS.relevance, kind: 'choice', options: RELEVANCE },
];

/** Growth this large stands for "new revenue this year" (+Infinity, sent as the largest number): no percent. */
const NO_PERCENT_ABOVE = 1e6;

/** The text a field's control starts with: Growth in percent ("12.5"), relevance as High / Low, blank as "". */
export function whatIfText(field: WhatIfField, value: WhatIfInputs[WhatIfField]): string {
  if (value === null) return '';
  if (field === 'growth')
    return (value as number) > NO_PERCENT_ABOVE ? '' : String(Math.round((value as number) * 1000) / 10);
  if (field === 'relevance') return value ? 'High' : 'Low';
  return String(value);
}

/**
 * A control's text read with the partner sheet's cell readers (their messages name the field and what is
 * allowed); Growth is percent text, read as "20%" is read on the sheet.
 */
export function readWhatIfText(field: WhatIfField, text: string): WhatIfInputs[WhatIfField] {
  const t = text.trim();
  switch (field) {
    case 'growth':
      return t === '' ? null : readGrowth(`${t}%`);
    case 'deals':
      return readDeals(t);
    case 'leads':
      return readLeads(t);
    case 'nps':
      return readNps(t);
    case 'fit':
      return readFit(t);
    case 'engagement':
      return t === '' ? null : (ENGAGEMENT_LEVELS.find((l) => l === t) ?? null);
    case 'relevance':
      return t === '' ? null : t === RELEVANCE[0];
  }
}

/**
 * What Apply sends for a changed field (applyQbrWhatIf): Growth as the percent text typed, which the server
 * reads with its Growth reader; every other field as read.
 */
export function whatIfChange(
  field: WhatIfField,
  text: string,
  value: WhatIfInputs[WhatIfField],
): number | string | boolean | null {
  if (value === null) return null;
  if (field === 'growth') return `${text.trim()}%`;
  return value;
}

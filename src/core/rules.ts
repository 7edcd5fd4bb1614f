/**
 * Every number the product decides, in one place (docs/rules.md §2–§5). These are the defaults; the Settings
 * (docs/rules.md §8) may replace any of them, so every rule takes a `Rules` value instead of reading constants.
 */
export type Dimension = 'revenue' | 'activity' | 'engagement' | 'satisfaction' | 'fit';
export const DIMENSIONS: readonly Dimension[] = ['revenue', 'activity', 'engagement', 'satisfaction', 'fit'];

export type EngagementLevel = 'Weekly' | 'Monthly' | 'Quarterly' | 'Inactive';
export type Fit = 'Strong' | 'Moderate' | 'Weak';
export type Tier = 'Champion' | 'Healthy' | 'At-risk' | 'Critical' | 'Churning' | 'Unknown';
export type Segment = 'Strategic' | 'Growth' | 'Stable' | 'At-risk' | 'Long-tail';
export type Quadrant = 'Key partner' | 'Unpolished diamond' | 'Growth hacker' | 'Dementor';

export const ENGAGEMENT_LEVELS: readonly EngagementLevel[] = ['Weekly', 'Monthly', 'Quarterly', 'Inactive'];
export const FITS: readonly Fit[] = ['Strong', 'Moderate', 'Weak'];
export const TIERS: readonly Tier[] = ['Champion', 'Healthy', 'At-risk', 'Critical', 'Churning', 'Unknown'];
export const SEGMENTS: readonly Segment[] = ['Strategic', 'Growth', 'Stable', 'At-risk', 'Long-tail'];
export const QUADRANTS: readonly Quadrant[] = ['Key partner', 'Unpolished diamond', 'Growth hacker', 'Dementor'];

export interface SegmentPolicy {
  approach: string;
  /** Partners one partner manager can carry, as the spec's text ("5–10"); null where the spec gives none. */
  capacity: string | null;
  /** The most partners per manager, for the capacity check; null where there is no ceiling. */
  capacityMax: number | null;
  touchEveryDays: number;
  /** null: this segment has no QBR cadence. */
  qbrEveryDays: number | null;
}

export interface Rules {
  weights: Record<Dimension, number>;
  revenue: { growingFast: number; flatBand: number };
  activity: { dealsHigh: number; dealsMid: number; dealsLow: number };
  engagement: {
    weeklyWithinDays: number;
    monthlyWithinDays: number;
    quarterlyWithinDays: number;
    weeklyLogins: number;
    monthlyLogins: number;
    quarterlyLogins: number;
  };
  satisfaction: { npsHigh: number; npsMid: number; npsLow: number };
  /** Lowest score of each tier (Churning starts at 0). */
  tierFloors: { Champion: number; Healthy: number; 'At-risk': number; Critical: number };
  tierColors: Record<Tier, string>;
  /** Fewer dimensions present than this gives `Unknown`. */
  minDimensions: number;
  segments: { topShare: number; bottomShare: number; longTailMaxDeals: number };
  segmentPolicies: Record<Segment, SegmentPolicy>;
  quadrant: { minHighLeads: number; highRelevanceMin: number };
  qbr: { reminderDaysAhead: number };
  healthDrop: { points: number; againstDaysAgo: number };
  /** Hours an escalation may wait for a response, per severity (docs/rules.md §5). */
  escalationHours: { Critical: number; High: number; Medium: number; Low: number };
  /** The program metric targets of docs/rules.md §7 (rates as fractions). */
  targets: { nps: number; daysToFirstDeal: number; activation: number; retention: number; qbrCompletion: number };
  /** Partner lifecycle (docs/rules.md §9): days per stage, the first-deal-due warning, recruiting overdue. */
  lifecycle: { stageDays: number; firstDealDueWithinDays: number; recruitingOverdueDays: number };
}

export const DEFAULT_RULES: Rules = {
  weights: { revenue: 30, activity: 25, engagement: 20, satisfaction: 15, fit: 10 },
  revenue: { growingFast: 0.2, flatBand: 0.02 },
  activity: { dealsHigh: 5, dealsMid: 3, dealsLow: 1 },
  engagement: {
    weeklyWithinDays: 7,
    monthlyWithinDays: 31,
    quarterlyWithinDays: 92,
    weeklyLogins: 12,
    monthlyLogins: 3,
    quarterlyLogins: 1,
  },
  satisfaction: { npsHigh: 50, npsMid: 25, npsLow: 0 },
  tierFloors: { Champion: 80, Healthy: 60, 'At-risk': 40, Critical: 20 },
  tierColors: {
    Champion: '#b7e1cd',
    Healthy: '#d9ead3',
    'At-risk': '#fff2cc',
    Critical: '#fce5cd',
    Churning: '#f4cccc',
    Unknown: '#efefef',
  },
  minDimensions: 3,
  segments: { topShare: 0.1, bottomShare: 0.25, longTailMaxDeals: 2 },
  segmentPolicies: {
    Strategic: {
      approach: 'White glove, executive sponsor',
      capacity: '5–10',
      capacityMax: 10,
      touchEveryDays: 7,
      qbrEveryDays: 91,
    },
    Growth: {
      approach: 'Regular QBRs, proactive support',
      capacity: '15–25',
      capacityMax: 25,
      touchEveryDays: 14,
      qbrEveryDays: 91,
    },
    Stable: {
      approach: 'Quarterly touch, self-service',
      capacity: '30–50',
      capacityMax: 50,
      touchEveryDays: 30,
      qbrEveryDays: null,
    },
    'At-risk': {
      approach: 'Intervention plan',
      capacity: null,
      capacityMax: null,
      touchEveryDays: 7,
      qbrEveryDays: null,
    },
    'Long-tail': {
      approach: 'Automated, pooled support',
      capacity: '100+',
      capacityMax: null,
      touchEveryDays: 90,
      qbrEveryDays: null,
    },
  },
  quadrant: { minHighLeads: 1, highRelevanceMin: 4 },
  qbr: { reminderDaysAhead: 3 },
  healthDrop: { points: 15, againstDaysAgo: 30 },
  escalationHours: { Critical: 4, High: 24, Medium: 48, Low: 72 },
  targets: { nps: 50, daysToFirstDeal: 90, activation: 0.6, retention: 0.8, qbrCompletion: 0.9 },
  lifecycle: { stageDays: 30, firstDealDueWithinDays: 14, recruitingOverdueDays: 30 },
};

/** The play seed 002 gives for each quadrant. */
export const QUADRANT_PLAYS: Record<Quadrant, string> = {
  'Key partner': 'Recurring meetings, joint plans, custom training, priority status',
  'Unpolished diamond': 'Recurring low-pressure calls; give, give, give; autopilot if no response',
  'Growth hacker': 'Co-marketing, webinars, shared leads',
  Dementor: 'Autopilot, mass communication',
};

import { DEFAULT_ALIASES, type Field } from '../reading/partnerTable';
import { DIMENSIONS, SEGMENTS, TIERS } from '../rules';
import { DIMENSION_LABELS } from '../scoring/health';
import type { Settings } from './settings';

/**
 * Every setting of docs/settings.md as data: its path in the Settings object, the label the dialog and the
 * messages use, its group in the dialog and what kind of value it takes. The validator (validation.ts) and
 * the dialog both read this table.
 */
export type Kind =
  | {
      type: 'number';
      min: number;
      max?: number;
      whole?: boolean;
      nullable?: boolean;
      percent?: boolean;
      allowed: string;
    }
  | { type: 'color' }
  | { type: 'email' }
  | { type: 'sheet' }
  | { type: 'choice'; options: readonly string[] };

/** A setting the dialog shows and the validator checks, by its path in the Settings object. */
export interface SettingField {
  path: string;
  label: string;
  group: string;
  kind: Kind;
}

const whole = (min: number, allowed: string, extra: Partial<Extract<Kind, { type: 'number' }>> = {}): Kind => ({
  type: 'number',
  min,
  whole: true,
  allowed,
  ...extra,
});
const DAYS = whole(1, 'a whole number of days, 1 or more');
export const SHEET_LABELS: Record<keyof Settings['sheets'], string> = {
  partners: 'Partner sheet',
  escalations: 'Escalations sheet',
  alertLog: 'Alert log sheet',
  runLog: 'Run log sheet',
  healthHistory: 'Health history sheet',
  pipeline: 'Pipeline sheet',
  feedback: 'Feedback sheet',
  actionItems: 'Action items sheet',
  qbrLog: 'QBR log sheet',
  dashboard: 'Dashboard sheet',
  jointPlan: 'Joint plan sheet',
};

/** Every setting of docs/rules.md §8 except the column aliases (a list per field, checked on their own). */
export const SETTING_FIELDS: readonly SettingField[] = [
  ...DIMENSIONS.map(
    (d): SettingField => ({
      path: `rules.weights.${d}`,
      label: `Weight of ${DIMENSION_LABELS[d]}`,
      group: 'Health weights (must add up to 100)',
      kind: whole(0, 'a whole number 0…100', { max: 100 }),
    }),
  ),
  {
    path: 'rules.revenue.growingFast',
    label: 'Growing fast from (growth)',
    group: 'Revenue',
    kind: { type: 'number', min: 0, percent: true, allowed: 'a growth of 0% or more, such as 20%' },
  },
  {
    path: 'rules.revenue.flatBand',
    label: 'Flat band (± growth)',
    group: 'Revenue',
    kind: { type: 'number', min: 0, max: 1, percent: true, allowed: 'a growth of 0%…100%, such as 2%' },
  },
  {
    path: 'rules.activity.dealsHigh',
    label: 'Deals for full Activity points',
    group: 'Activity',
    kind: whole(0, 'a whole number of deals ≥ 0'),
  },
  {
    path: 'rules.activity.dealsMid',
    label: 'Deals for 20 of 25 Activity points',
    group: 'Activity',
    kind: whole(0, 'a whole number of deals ≥ 0'),
  },
  {
    path: 'rules.activity.dealsLow',
    label: 'Deals for 10 of 25 Activity points',
    group: 'Activity',
    kind: whole(0, 'a whole number of deals ≥ 0'),
  },
  {
    path: 'rules.engagement.weeklyWithinDays',
    label: 'Weekly: last portal activity within (days)',
    group: 'Engagement',
    kind: DAYS,
  },
  { path: 'rules.engagement.monthlyWithinDays', label: 'Monthly: within (days)', group: 'Engagement', kind: DAYS },
  { path: 'rules.engagement.quarterlyWithinDays', label: 'Quarterly: within (days)', group: 'Engagement', kind: DAYS },
  {
    path: 'rules.engagement.weeklyLogins',
    label: 'Weekly: logins in 90 days',
    group: 'Engagement',
    kind: whole(1, 'a whole number of logins, 1 or more'),
  },
  {
    path: 'rules.engagement.monthlyLogins',
    label: 'Monthly: logins in 90 days',
    group: 'Engagement',
    kind: whole(1, 'a whole number of logins, 1 or more'),
  },
  {
    path: 'rules.engagement.quarterlyLogins',
    label: 'Quarterly: logins in 90 days',
    group: 'Engagement',
    kind: whole(1, 'a whole number of logins, 1 or more'),
  },
  {
    path: 'rules.satisfaction.npsHigh',
    label: 'NPS for full Satisfaction points',
    group: 'Satisfaction',
    kind: { type: 'number', min: -100, max: 100, allowed: '−100…100' },
  },
  {
    path: 'rules.satisfaction.npsMid',
    label: 'NPS for 10 of 15 points',
    group: 'Satisfaction',
    kind: { type: 'number', min: -100, max: 100, allowed: '−100…100' },
  },
  {
    path: 'rules.satisfaction.npsLow',
    label: 'NPS for 5 of 15 points',
    group: 'Satisfaction',
    kind: { type: 'number', min: -100, max: 100, allowed: '−100…100' },
  },
  ...(['Champion', 'Healthy', 'At-risk', 'Critical'] as const).map(
    (t): SettingField => ({
      path: `rules.tierFloors.${t}`,
      label: `${t} from score`,
      group: 'Tiers',
      kind: whole(1, 'a whole score 1…100', { max: 100 }),
    }),
  ),
  ...TIERS.map(
    (t): SettingField => ({
      path: `rules.tierColors.${t}`,
      label: `${t} color`,
      group: 'Tier colors',
      kind: { type: 'color' },
    }),
  ),
  {
    path: 'rules.minDimensions',
    label: 'Inputs needed for a score',
    group: 'Tiers',
    kind: whole(1, 'a whole number 1…5', { max: 5 }),
  },
  {
    path: 'rules.segments.topShare',
    label: 'Strategic: top share of revenue',
    group: 'Segments',
    kind: {
      type: 'number',
      min: 0.001,
      max: 1,
      percent: true,
      allowed: 'a share above 0% and up to 100%, such as 10%',
    },
  },
  {
    path: 'rules.segments.bottomShare',
    label: 'Long-tail: bottom share of revenue',
    group: 'Segments',
    kind: {
      type: 'number',
      min: 0.001,
      max: 1,
      percent: true,
      allowed: 'a share above 0% and up to 100%, such as 25%',
    },
  },
  {
    path: 'rules.segments.longTailMaxDeals',
    label: 'Long-tail: at most deals',
    group: 'Segments',
    kind: whole(0, 'a whole number of deals ≥ 0'),
  },
  ...SEGMENTS.flatMap((s): SettingField[] => [
    {
      path: `rules.segmentPolicies.${s}.touchEveryDays`,
      label: `${s}: touch every (days)`,
      group: 'Cadences and capacity',
      kind: DAYS,
    },
    {
      path: `rules.segmentPolicies.${s}.qbrEveryDays`,
      label: `${s}: QBR every (days)`,
      group: 'Cadences and capacity',
      kind: whole(1, 'a whole number of days, 1 or more, or blank for no QBRs', { nullable: true }),
    },
    {
      path: `rules.segmentPolicies.${s}.capacityMax`,
      label: `${s}: partners per manager at most`,
      group: 'Cadences and capacity',
      kind: whole(1, 'a whole number, 1 or more, or blank for no limit', { nullable: true }),
    },
  ]),
  {
    path: 'rules.quadrant.minHighLeads',
    label: 'High leads: at least',
    group: 'Partner matrix',
    kind: whole(0, 'a whole number of leads ≥ 0'),
  },
  {
    path: 'rules.quadrant.highRelevanceMin',
    label: 'High relevance from (1–5 scale)',
    group: 'Partner matrix',
    kind: whole(1, 'a whole number 1…5', { max: 5 }),
  },
  {
    path: 'rules.qbr.reminderDaysAhead',
    label: 'QBR reminder (days ahead)',
    group: 'Alerts',
    kind: whole(0, 'a whole number of days ≥ 0'),
  },
  {
    path: 'rules.healthDrop.points',
    label: 'Health drop alert (points)',
    group: 'Alerts',
    kind: whole(1, 'a whole number of points 1…100', { max: 100 }),
  },
  {
    path: 'rules.healthDrop.againstDaysAgo',
    label: 'Health drop compared with (days ago)',
    group: 'Alerts',
    kind: DAYS,
  },
  ...(['Critical', 'High', 'Medium', 'Low'] as const).map(
    (sev): SettingField => ({
      path: `rules.escalationHours.${sev}`,
      label: `${sev} escalation: respond within (hours)`,
      group: 'Escalations',
      kind: whole(1, 'a whole number of hours, 1 or more'),
    }),
  ),
  {
    path: 'rules.targets.nps',
    label: 'Target: Partner NPS at least',
    group: 'Program targets',
    kind: { type: 'number', min: -100, max: 100, allowed: '−100…100' },
  },
  {
    path: 'rules.targets.daysToFirstDeal',
    label: 'Target: first deal within (days)',
    group: 'Program targets',
    kind: DAYS,
  },
  {
    path: 'rules.targets.activation',
    label: 'Target: activation rate at least',
    group: 'Program targets',
    kind: { type: 'number', min: 0, max: 1, percent: true, allowed: 'a share of 0%…100%, such as 60%' },
  },
  {
    path: 'rules.targets.retention',
    label: 'Target: retention at least',
    group: 'Program targets',
    kind: { type: 'number', min: 0, max: 1, percent: true, allowed: 'a share of 0%…100%, such as 80%' },
  },
  {
    path: 'rules.targets.qbrCompletion',
    label: 'Target: QBR completion at least',
    group: 'Program targets',
    kind: { type: 'number', min: 0, max: 1, percent: true, allowed: 'a share of 0%…100%, such as 90%' },
  },
  {
    path: 'rules.lifecycle.stageDays',
    label: 'Lifecycle: days per stage (Onboard, Enable)',
    group: 'Partner lifecycle',
    kind: DAYS,
  },
  {
    path: 'rules.lifecycle.firstDealDueWithinDays',
    label: 'First deal due: warn with days left',
    group: 'Partner lifecycle',
    kind: whole(0, 'a whole number of days ≥ 0'),
  },
  {
    path: 'rules.lifecycle.recruitingOverdueDays',
    label: 'Recruiting overdue after (days)',
    group: 'Partner lifecycle',
    kind: DAYS,
  },
  ...(Object.keys(SHEET_LABELS) as (keyof Settings['sheets'])[]).map(
    (k): SettingField => ({
      path: `sheets.${k}`,
      label: SHEET_LABELS[k],
      group: 'Sheet names',
      kind: { type: 'sheet' },
    }),
  ),
  { path: 'adminEmail', label: 'Admin address', group: 'Addresses', kind: { type: 'email' } },
  {
    path: 'escalation.vpPartnerships',
    label: 'Critical escalations (VP Partnerships)',
    group: 'Addresses',
    kind: { type: 'email' },
  },
  { path: 'escalation.director', label: 'High escalations (Director)', group: 'Addresses', kind: { type: 'email' } },
  {
    path: 'escalation.partnerSupport',
    label: 'Low escalations (Partner support)',
    group: 'Addresses',
    kind: { type: 'email' },
  },
  {
    path: 'dailyHour',
    label: 'Daily run at hour',
    group: 'Daily run',
    kind: whole(0, 'a whole hour 0…23', { max: 23 }),
  },
  {
    path: 'recolorTarget',
    label: 'Color (row or health)',
    group: 'Daily run',
    kind: { type: 'choice', options: ['row', 'health'] },
  },
];

export const ALIAS_FIELDS = Object.keys(DEFAULT_ALIASES) as Field[];

export function getPath(target: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
      target,
    );
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

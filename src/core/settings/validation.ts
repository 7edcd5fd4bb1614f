import { isEmail } from '../reading/cells';
import { describeValue, formatNumber } from '../reading/inputError';
import { DEFAULT_ALIASES, type Field, normalizeHeader } from '../reading/partnerTable';
import { DIMENSIONS, SEGMENTS, TIERS } from '../rules';
import { DIMENSION_LABELS } from '../scoring/health';
import type { Settings } from './settings';

/** One refused setting: the path of the field ("rules.weights.revenue") and a message naming field, value and what is allowed. */
export interface SettingsError {
  field: string;
  message: string;
}

type Kind =
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
const SHEET_LABELS: Record<keyof Settings['sheets'], string> = {
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

/** Every setting of spec §8 except the column aliases (a list per field, checked on their own). */
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

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A number from a setting: a number, or text that is one ("12", "−3", "20%" for a percent field). */
function readSettingNumber(raw: unknown, percent: boolean): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let text = raw.trim().replace(/^−/, '-');
  const isPercent = percent && /%$/.test(text);
  if (isPercent) text = text.slice(0, -1).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return isPercent ? Number(text) / 100 : Number(text);
}

function percentText(n: number): string {
  return `${formatNumber(Math.round(n * 10000) / 100)}%`;
}

/** Checks one field: the clean value, or the problem in words (what is allowed). */
function checkField(field: SettingField, raw: unknown): { value: unknown } | { problem: string; shown?: unknown } {
  const k = field.kind;
  switch (k.type) {
    case 'number': {
      if (blank(raw)) return k.nullable ? { value: null } : { problem: `is blank; allowed: ${k.allowed}` };
      const n = readSettingNumber(raw, !!k.percent);
      if (n === null) return { problem: `is not a number; allowed: ${k.allowed}` };
      // A number typed into the form arrives as text; the message shows it as the number it is ("−3", not "-3").
      const shown = k.percent ? raw : n;
      if (k.whole && !Number.isInteger(n)) return { problem: `is not a whole number; allowed: ${k.allowed}`, shown };
      if (n < k.min)
        return { problem: `${n < 0 && k.min >= 0 ? 'is negative' : 'is too small'}; allowed: ${k.allowed}`, shown };
      if (k.max !== undefined && n > k.max) return { problem: `is too large; allowed: ${k.allowed}`, shown };
      return { value: n };
    }
    case 'color': {
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/.test(text))
        return { problem: 'is not a color; allowed: #rgb or #rrggbb, such as #b7e1cd' };
      return { value: text.length === 4 ? `#${text[1]}${text[1]}${text[2]}${text[2]}${text[3]}${text[3]}` : text };
    }
    case 'email': {
      if (blank(raw)) return { value: null };
      if (typeof raw !== 'string' || !isEmail(raw))
        return { problem: 'is not an e-mail address; allowed: name@company.com, or blank' };
      return { value: raw.trim() };
    }
    case 'sheet': {
      if (blank(raw) || typeof raw !== 'string')
        return { problem: 'is blank; allowed: a sheet name of 1–100 characters' };
      const name = raw.trim();
      if (name.length > 100)
        return { problem: 'is longer than 100 characters; allowed: a sheet name of 1–100 characters' };
      return { value: name };
    }
    case 'choice':
      if (typeof raw !== 'string' || !k.options.includes(raw))
        return { problem: `is not one of ${k.options.join(', ')}` };
      return { value: raw };
  }
}

function message(label: string, value: unknown, problem: string): string {
  return `${label} ${describeValue(value)} ${problem}`;
}

/** The name a person knows a field by: its first alias in spec §1. */
export function fieldName(field: Field): string {
  return DEFAULT_ALIASES[field][0];
}

/** Extra aliases: a list of header texts per field (text with commas is split), none claimed by another field. */
function checkAliases(raw: unknown, errors: SettingsError[]): Settings['aliases'] {
  const out: Settings['aliases'] = {};
  if (blank(raw)) return out;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ field: 'aliases', message: message('Column aliases', raw, 'are not a list per column') });
    return out;
  }
  const owner = new Map<string, Field>();
  for (const f of ALIAS_FIELDS) for (const a of DEFAULT_ALIASES[f]) owner.set(normalizeHeader(a), f);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const path = `aliases.${key}`;
    if (!(ALIAS_FIELDS as string[]).includes(key)) {
      errors.push({
        field: path,
        message: message('Column', key, `is not a column PartnerPulse reads; allowed: ${ALIAS_FIELDS.join(', ')}`),
      });
      continue;
    }
    const field = key as Field;
    const label = `Other headers for ${fieldName(field)}`;
    const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
    if (list === null) {
      errors.push({
        field: path,
        message: message(label, value, 'is not a list; allowed: header texts separated by commas'),
      });
      continue;
    }
    const clean: string[] = [];
    for (const item of list) {
      if (typeof item !== 'string') {
        errors.push({
          field: path,
          message: message(label, item, 'is not text; allowed: header texts separated by commas'),
        });
        continue;
      }
      const text = item.trim();
      if (!text) continue;
      const norm = normalizeHeader(text);
      const taken = owner.get(norm);
      if (!norm)
        errors.push({
          field: path,
          message: message(label, text, 'has no letters or digits; allowed: a header text such as "Deals closed"'),
        });
      else if (taken && taken !== field)
        errors.push({
          field: path,
          message: message(
            label,
            text,
            `is already a header of ${fieldName(taken)}; allowed: a header no other column uses`,
          ),
        });
      else {
        owner.set(norm, field);
        if (!clean.includes(text)) clean.push(text);
      }
    }
    if (clean.length) out[field] = clean;
  }
  return out;
}

/** Rules that tie fields together: weights add up to 100, thresholds in order, sheet names distinct. */
function checkTogether(s: Settings, bad: Set<string>, errors: SettingsError[]): void {
  const all = (...paths: string[]) => paths.every((p) => !bad.has(p));
  const r = s.rules;
  if (all(...DIMENSIONS.map((d) => `rules.weights.${d}`))) {
    const values = DIMENSIONS.map((d) => r.weights[d]);
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum !== 100)
      errors.push({
        field: 'rules.weights',
        message: `Weights ${values.join(' + ')} add up to ${sum}; allowed: weights that add up to 100`,
      });
  }
  const order = (
    field: string,
    paths: string[],
    labels: string[],
    values: number[],
    descending: boolean,
    allowed: string,
  ) => {
    if (!all(...paths)) return;
    for (let i = 1; i < values.length; i++) {
      const ok = descending ? values[i - 1] > values[i] : values[i - 1] < values[i];
      if (!ok) {
        errors.push({
          field,
          message: `${labels[i]} ${formatNumber(values[i])} is not ${descending ? 'below' : 'above'} ${labels[i - 1]} ${formatNumber(values[i - 1])}; allowed: ${allowed}`,
        });
        return;
      }
    }
  };
  if (all('rules.revenue.growingFast', 'rules.revenue.flatBand') && r.revenue.growingFast <= r.revenue.flatBand) {
    errors.push({
      field: 'rules.revenue',
      message: `Growing fast from ${percentText(r.revenue.growingFast)} is not above the flat band ${percentText(r.revenue.flatBand)}; allowed: a growing-fast growth above the flat band`,
    });
  }
  const a = r.activity;
  order(
    'rules.activity',
    ['rules.activity.dealsHigh', 'rules.activity.dealsMid', 'rules.activity.dealsLow'],
    ['Deals for full points', 'Deals for 20 points', 'Deals for 10 points'],
    [a.dealsHigh, a.dealsMid, a.dealsLow],
    true,
    'full > 20-point > 10-point deals',
  );
  const e = r.engagement;
  order(
    'rules.engagement',
    ['rules.engagement.weeklyWithinDays', 'rules.engagement.monthlyWithinDays', 'rules.engagement.quarterlyWithinDays'],
    ['Weekly within', 'Monthly within', 'Quarterly within'],
    [e.weeklyWithinDays, e.monthlyWithinDays, e.quarterlyWithinDays],
    false,
    'Weekly < Monthly < Quarterly days',
  );
  order(
    'rules.engagement',
    ['rules.engagement.weeklyLogins', 'rules.engagement.monthlyLogins', 'rules.engagement.quarterlyLogins'],
    ['Weekly logins', 'Monthly logins', 'Quarterly logins'],
    [e.weeklyLogins, e.monthlyLogins, e.quarterlyLogins],
    true,
    'Weekly > Monthly > Quarterly logins',
  );
  const n = r.satisfaction;
  order(
    'rules.satisfaction',
    ['rules.satisfaction.npsHigh', 'rules.satisfaction.npsMid', 'rules.satisfaction.npsLow'],
    ['NPS for full points', 'NPS for 10 points', 'NPS for 5 points'],
    [n.npsHigh, n.npsMid, n.npsLow],
    true,
    'full > 10-point > 5-point NPS',
  );
  const t = r.tierFloors;
  order(
    'rules.tierFloors',
    ['Champion', 'Healthy', 'At-risk', 'Critical'].map((x) => `rules.tierFloors.${x}`),
    ['Champion from', 'Healthy from', 'At-risk from', 'Critical from'],
    [t.Champion, t.Healthy, t['At-risk'], t.Critical],
    true,
    'Champion > Healthy > At-risk > Critical',
  );
  const seen = new Map<string, string>();
  for (const [key, name] of Object.entries(s.sheets)) {
    if (bad.has(`sheets.${key}`)) continue;
    const other = seen.get(name.toLowerCase());
    if (other)
      errors.push({
        field: `sheets.${key}`,
        message: `${SHEET_LABELS[key as keyof Settings['sheets']]} "${name}" is also the ${SHEET_LABELS[other as keyof Settings['sheets']]}; allowed: a name no other PartnerPulse sheet uses`,
      });
    else seen.set(name.toLowerCase(), key);
  }
}

/**
 * Validates settings field by field (spec §8). `candidate` is a whole Settings object as JSON gives it
 * (numbers may be text, as a form sends them). Returns the clean settings (numbers as numbers, colors as
 * #rrggbb) and every problem; the settings are only usable when `errors` is empty.
 */
export function validateSettings(candidate: unknown): { settings: Settings; errors: SettingsError[] } {
  const clean = JSON.parse(JSON.stringify(candidate ?? {})) as Record<string, unknown>;
  const errors: SettingsError[] = [];
  const bad = new Set<string>();
  for (const field of SETTING_FIELDS) {
    const raw = getPath(candidate, field.path);
    const checked = checkField(field, raw);
    if ('problem' in checked) {
      errors.push({
        field: field.path,
        message: message(field.label, 'shown' in checked ? checked.shown : raw, checked.problem),
      });
      bad.add(field.path);
    } else {
      setPath(clean, field.path, checked.value);
    }
  }
  clean.aliases = checkAliases((candidate as Record<string, unknown> | null)?.aliases, errors);
  const settings = clean as unknown as Settings;
  checkTogether(settings, bad, errors);
  return { settings, errors };
}

import { isEmail } from '../reading/cells';
import { describeValue, formatNumber } from '../reading/inputError';
import { DEFAULT_ALIASES, type Field, normalizeHeader } from '../reading/partnerTable';
import { DIMENSIONS } from '../rules';
import { ALIAS_FIELDS, getPath, SETTING_FIELDS, type SettingField, SHEET_LABELS, setPath } from './fields';
import type { Settings } from './settings';

/** One refused setting: the path of the field ("rules.weights.revenue") and a message naming field, value and what is allowed. */
export interface SettingsError {
  field: string;
  message: string;
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

/** The name a person knows a field by: its first alias in docs/rules.md §1. */
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

/** Thresholds that must stay in order, each with the short label its message uses (docs/settings.md). */
const ORDERED_SETTINGS: readonly {
  field: string;
  fields: readonly (readonly [path: string, label: string])[];
  descending: boolean;
  allowed: string;
}[] = [
  {
    field: 'rules.activity',
    fields: [
      ['rules.activity.dealsHigh', 'Deals for full points'],
      ['rules.activity.dealsMid', 'Deals for 20 points'],
      ['rules.activity.dealsLow', 'Deals for 10 points'],
    ],
    descending: true,
    allowed: 'full > 20-point > 10-point deals',
  },
  {
    field: 'rules.engagement',
    fields: [
      ['rules.engagement.weeklyWithinDays', 'Weekly within'],
      ['rules.engagement.monthlyWithinDays', 'Monthly within'],
      ['rules.engagement.quarterlyWithinDays', 'Quarterly within'],
    ],
    descending: false,
    allowed: 'Weekly < Monthly < Quarterly days',
  },
  {
    field: 'rules.engagement',
    fields: [
      ['rules.engagement.weeklyLogins', 'Weekly logins'],
      ['rules.engagement.monthlyLogins', 'Monthly logins'],
      ['rules.engagement.quarterlyLogins', 'Quarterly logins'],
    ],
    descending: true,
    allowed: 'Weekly > Monthly > Quarterly logins',
  },
  {
    field: 'rules.satisfaction',
    fields: [
      ['rules.satisfaction.npsHigh', 'NPS for full points'],
      ['rules.satisfaction.npsMid', 'NPS for 10 points'],
      ['rules.satisfaction.npsLow', 'NPS for 5 points'],
    ],
    descending: true,
    allowed: 'full > 10-point > 5-point NPS',
  },
  {
    field: 'rules.tierFloors',
    fields: (['Champion', 'Healthy', 'At-risk', 'Critical'] as const).map(
      (tier) => [`rules.tierFloors.${tier}`, `${tier} from`] as const,
    ),
    descending: true,
    allowed: 'Champion > Healthy > At-risk > Critical',
  },
];

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
  if (all('rules.revenue.growingFast', 'rules.revenue.flatBand') && r.revenue.growingFast <= r.revenue.flatBand) {
    errors.push({
      field: 'rules.revenue',
      message: `Growing fast from ${percentText(r.revenue.growingFast)} is not above the flat band ${percentText(r.revenue.flatBand)}; allowed: a growing-fast growth above the flat band`,
    });
  }
  for (const group of ORDERED_SETTINGS) {
    const paths = group.fields.map(([path]) => path);
    if (!all(...paths)) continue;
    const values = paths.map((path) => getPath(s, path) as number);
    for (let i = 1; i < values.length; i++) {
      const ok = group.descending ? values[i - 1] > values[i] : values[i - 1] < values[i];
      if (!ok) {
        const [label, previous] = [group.fields[i][1], group.fields[i - 1][1]];
        errors.push({
          field: group.field,
          message: `${label} ${formatNumber(values[i])} is not ${group.descending ? 'below' : 'above'} ${previous} ${formatNumber(values[i - 1])}; allowed: ${group.allowed}`,
        });
        break;
      }
    }
  }
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
 * Validates settings field by field (docs/rules.md §8). `candidate` is a whole Settings object as JSON gives it
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

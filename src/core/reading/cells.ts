import { ENGAGEMENT_LEVELS, type EngagementLevel, FITS, type Fit, type Rules } from '../rules';
import { type DayNumber, isDate, type SheetCalendar } from './calendar';
import { formatNumber, InputError } from './inputError';

/** What Sheets hands a custom function or `getValues()` for one cell: blanks are `""`, dates are `Date`. */
export type CellValue = string | number | boolean | Date | null | undefined;

export function isBlank(value: CellValue): boolean {
  return value === '' || value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

// "1200", "1,200", "-3", "12.5", "1,200.50". Anything else ("$450K", "12 deals") is not read as a number,
// because guessing at units would score a partner on a number nobody typed.
const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

function numberFromText(text: string): number | null {
  const t = text.trim().replace(/^−/, '-');
  return NUMBER_TEXT.test(t) ? Number(t.replace(/,/g, '')) : null;
}

interface NumberRule {
  field: string;
  min?: number;
  max?: number;
  /** Floor non-integers (deals, leads: a partner registers whole deals). */
  floor?: boolean;
  /** The allowed values in words, for messages. */
  allowed: string;
}

/** A number from a cell; null for a blank; an InputError naming the field for anything else. */
export function readNumber(value: CellValue, rule: NumberRule): number | null {
  if (isBlank(value)) return null;
  let n: number | null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') n = numberFromText(value);
  else if (isDate(value)) throw new InputError(rule.field, value, `is a date; allowed: ${rule.allowed}`);
  else n = null;
  if (n === null || !Number.isFinite(n))
    throw new InputError(rule.field, value, `is not a number; allowed: ${rule.allowed}`);
  if (rule.min !== undefined && n < rule.min) {
    throw new InputError(
      rule.field,
      n,
      rule.max === undefined
        ? `is below ${formatNumber(rule.min)}; allowed: ${rule.allowed}`
        : `is outside ${range(rule.min, rule.max)}`,
    );
  }
  if (rule.max !== undefined && n > rule.max) {
    throw new InputError(
      rule.field,
      n,
      rule.min === undefined
        ? `is above ${formatNumber(rule.max)}; allowed: ${rule.allowed}`
        : `is outside ${range(rule.min, rule.max)}`,
    );
  }
  return rule.floor ? Math.floor(n) : n;
}

function range(min: number, max: number): string {
  return `${formatNumber(min)}…${formatNumber(max)}`;
}

export function readDeals(value: CellValue): number | null {
  return readNumber(value, { field: 'Deals', min: 0, floor: true, allowed: 'a whole number of deals ≥ 0' });
}

export function readLeads(value: CellValue): number | null {
  return readNumber(value, { field: 'Leads', min: 0, floor: true, allowed: 'a whole number of leads ≥ 0' });
}

export function readNps(value: CellValue): number | null {
  return readNumber(value, { field: 'NPS', min: -100, max: 100, allowed: '−100…100' });
}

export function readRevenue(value: CellValue, field = 'Revenue'): number | null {
  return readNumber(value, { field, min: 0, allowed: 'an amount ≥ 0, without letters (450000, not "$450K")' });
}

const GROWTH_ALLOWED = 'a fraction (0.2 = 20 %) or a percentage such as 20%, not below −100%';

/** Year-on-year growth as a fraction: a number (Sheets hands percent cells over as fractions) or "20%". */
export function readGrowth(value: CellValue): number | null {
  if (typeof value === 'string' && /%\s*$/.test(value)) {
    const n = numberFromText(value.replace(/%\s*$/, ''));
    if (n === null) throw new InputError('Growth', value, `is not a percentage; allowed: ${GROWTH_ALLOWED}`);
    if (n < -100) throw new InputError('Growth', value, `is below −100%; allowed: ${GROWTH_ALLOWED}`);
    return n / 100;
  }
  const n = readNumber(value, { field: 'Growth', allowed: GROWTH_ALLOWED });
  if (n !== null && n < -1) throw new InputError('Growth', value, `is below −100%; allowed: ${GROWTH_ALLOWED}`);
  return n;
}

/**
 * Growth from this year's and last year's revenue (docs/rules.md §1): nothing last year and something now counts as
 * growing fast (returned as +Infinity), nothing in both years as flat (0).
 */
export function growthFromRevenue(revenue: number | null, revenueLastYear: number | null): number | null {
  if (revenue === null || revenueLastYear === null) return null;
  if (revenueLastYear === 0) return revenue > 0 ? Infinity : 0;
  // Rounded to 9 places: 1.02 over 1.00 is 0.020000000000000018 in binary, which would read as growing, not
  // flat, at the spec's ±2 % boundary.
  return Math.round(((revenue - revenueLastYear) / revenueLastYear) * 1e9) / 1e9;
}

const ENGAGEMENT_ALLOWED =
  'Weekly, Monthly, Quarterly, Inactive, the date of last portal activity, or portal logins in the last 90 days';

/** Engagement from a label, a date of last portal activity (against `today`), or a count of logins (docs/rules.md §2). */
export function readEngagement(
  value: CellValue,
  today: DayNumber,
  rules: Rules,
  calendar: SheetCalendar,
): EngagementLevel | null {
  if (isBlank(value)) return null;
  const e = rules.engagement;
  const byLastActivity = (lastActive: DayNumber): EngagementLevel => {
    const daysAgo = today - lastActive;
    if (daysAgo <= e.weeklyWithinDays) return 'Weekly';
    if (daysAgo <= e.monthlyWithinDays) return 'Monthly';
    if (daysAgo <= e.quarterlyWithinDays) return 'Quarterly';
    return 'Inactive';
  };
  if (isDate(value)) {
    if (Number.isNaN(value.getTime()))
      throw new InputError('Engagement', value, `is not a valid date; allowed: ${ENGAGEMENT_ALLOWED}`);
    return byLastActivity(calendar.dayOf(value));
  }
  if (typeof value === 'string') {
    const label = ENGAGEMENT_LEVELS.find((l) => l.toLowerCase() === value.trim().toLowerCase());
    if (label) return label;
    const typed = calendar.readText(value);
    if (typed.kind === 'date') return byLastActivity(typed.day);
    if (typed.kind === 'unreadable')
      throw new InputError(
        'Engagement',
        value,
        `is not a date it can read (${typed.why}); allowed: ${ENGAGEMENT_ALLOWED}`,
      );
  }
  const isCount = typeof value === 'number' || (typeof value === 'string' && numberFromText(value) !== null);
  if (!isCount) throw new InputError('Engagement', value, `is not one of ${ENGAGEMENT_ALLOWED}`);
  const logins = readNumber(value, { field: 'Engagement', min: 0, allowed: ENGAGEMENT_ALLOWED }) as number;
  if (logins >= e.weeklyLogins) return 'Weekly';
  if (logins >= e.monthlyLogins) return 'Monthly';
  if (logins >= e.quarterlyLogins) return 'Quarterly';
  return 'Inactive';
}

export function readFit(value: CellValue): Fit | null {
  if (isBlank(value)) return null;
  const fit = typeof value === 'string' ? FITS.find((f) => f.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (!fit) throw new InputError('Strategic fit', value, `is not one of ${FITS.join(', ')}`);
  return fit;
}

const HIGH_RELEVANCE = ['high', 'yes', 'true', 'strong'];
const LOW_RELEVANCE = ['low', 'no', 'false', 'weak', 'moderate', 'medium'];
const RELEVANCE_ALLOWED = 'High / Low, Yes / No, or a number 1–5';

/** Market relevance as high (true) or low (false): High, Yes, True, Strong or ≥ 4 on a 1–5 scale is high. */
export function readRelevance(value: CellValue, rules: Rules): boolean | null {
  if (isBlank(value)) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (HIGH_RELEVANCE.includes(word)) return true;
    if (LOW_RELEVANCE.includes(word)) return false;
  }
  if (isDate(value)) throw new InputError('Market relevance', value, `is a date; allowed: ${RELEVANCE_ALLOWED}`);
  const n = typeof value === 'number' ? value : numberFromText(String(value));
  if (n === null) throw new InputError('Market relevance', value, `is not one of ${RELEVANCE_ALLOWED}`);
  if (n < 1 || n > 5)
    throw new InputError('Market relevance', value, `is outside the 1–5 scale; allowed: ${RELEVANCE_ALLOWED}`);
  return n >= rules.quadrant.highRelevanceMin;
}

/**
 * A calendar date from a date cell, or from a date typed as text in the spreadsheet's locale (11/20/2026 in
 * en_US, 20/11/2026 in en_GB); null for a blank. Text that is not a date, or one that cannot be read safely,
 * is an error naming the text: it is never taken as blank (docs/time-zones.md).
 */
export function readDate(value: CellValue, field: string, calendar: SheetCalendar): DayNumber | null {
  if (isBlank(value)) return null;
  if (isDate(value) && !Number.isNaN(value.getTime())) return calendar.dayOf(value);
  const example = exampleDate(calendar);
  if (typeof value === 'string') {
    const typed = calendar.readText(value);
    if (typed.kind === 'date') return typed.day;
    if (typed.kind === 'unreadable')
      throw new InputError(
        field,
        value,
        `is not a date it can read (${typed.why}); allowed: a date cell or text like ${example}`,
      );
  }
  throw new InputError(field, value, `is not a date; allowed: a date cell or text like ${example}`);
}

/** 2026-11-25 as a person in the spreadsheet's locale types it, for messages. */
function exampleDate(calendar: SheetCalendar): string {
  const day = calendar.readText('11/25/2026');
  return day.kind === 'date' ? '11/25/2026 or 2026-11-25' : '25/11/2026 or 2026-11-25';
}

// Deliberately simple: one @, no spaces, a dot in the domain. Full RFC 5322 would accept addresses no
// partner manager has, and MailApp itself rejects what is undeliverable.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function readEmail(value: CellValue, field: string): string | null {
  if (isBlank(value)) return null;
  const text = String(value).trim();
  if (!EMAIL.test(text)) throw new InputError(field, value, 'is not an e-mail address; allowed: name@company.com');
  return text;
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

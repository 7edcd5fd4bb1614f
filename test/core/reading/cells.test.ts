import {
  growthFromRevenue,
  readDate,
  readDeals,
  readEmail,
  readEngagement,
  readFit,
  readGrowth,
  readLeads,
  readNps,
  readRelevance,
  readRevenue,
} from '../../../src/core/reading/cells';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { dayNumber, NEW_YORK } from '../../calendars';

const rules = DEFAULT_RULES;
const today = dayNumber(new Date(2026, 11, 1)); // 2026-12-01
const daysAgo = (n: number) => new Date(2026, 11, 1 - n);

describe('numbers from cells (spec §1)', () => {
  test('blanks are missing, numbers pass, unambiguous number text is parsed', () => {
    expect(readDeals('')).toBeNull();
    expect(readDeals('   ')).toBeNull();
    expect(readDeals(4)).toBe(4);
    expect(readRevenue('1,200')).toBe(1200);
    expect(readRevenue('450000')).toBe(450000);
    expect(readNps('-20')).toBe(-20);
  });

  test('"$450K" is not a number, and the message says what to type', () => {
    expect(() => readRevenue('$450K')).toThrow(
      'Revenue "$450K" is not a number; allowed: an amount ≥ 0, without letters (450000, not "$450K")',
    );
  });

  test('non-integer deals are floored; negative deals are refused by name', () => {
    expect(readDeals(4.9)).toBe(4);
    expect(readLeads(2.5)).toBe(2);
    expect(() => readDeals(-3)).toThrow('Deals −3 is below 0; allowed: a whole number of deals ≥ 0');
  });

  test('NPS outside −100…100 is refused', () => {
    expect(() => readNps(140)).toThrow('NPS 140 is outside −100…100');
    expect(() => readNps(-101)).toThrow('NPS −101 is outside −100…100');
    expect(readNps(100)).toBe(100);
    expect(readNps(-100)).toBe(-100);
  });

  test('a date or a boolean where a number belongs is refused', () => {
    expect(() => readDeals(new Date(2026, 0, 5))).toThrow('Deals 2026-01-05 is a date');
    expect(() => readNps(true)).toThrow('NPS TRUE is not a number');
  });
});

describe('growth (spec §1)', () => {
  test('fractions as Sheets passes percent cells, and "20%" text', () => {
    expect(readGrowth(0.2)).toBe(0.2);
    expect(readGrowth('20%')).toBeCloseTo(0.2);
    expect(readGrowth('-5 %')).toBeCloseTo(-0.05);
    expect(readGrowth('')).toBeNull();
  });

  test('growth below −100 % cannot happen and is refused', () => {
    expect(() => readGrowth(-1.5)).toThrow('Growth −1.5 is below −100%');
    expect(() => readGrowth('lots%')).toThrow('Growth "lots%" is not a percentage');
  });

  test('derived from revenue: last year 0 and revenue > 0 is growing fast; both 0 is flat', () => {
    expect(growthFromRevenue(120, 100)).toBeCloseTo(0.2);
    expect(growthFromRevenue(50, 0)).toBe(Infinity);
    expect(growthFromRevenue(0, 0)).toBe(0);
    expect(growthFromRevenue(null, 100)).toBeNull();
  });

  test('derived growth lands exactly on the ±2 % flat band (binary fractions would put 1.02 / 1.00 above it)', () => {
    expect(growthFromRevenue(1.02, 1)).toBe(0.02);
    expect(growthFromRevenue(0.98, 1)).toBe(-0.02);
    expect(growthFromRevenue(102_000, 100_000)).toBe(0.02);
  });
});

describe('engagement: label, last-activity date or login count (spec §2)', () => {
  test.each(['Weekly', 'weekly', ' MONTHLY ', 'Quarterly', 'inactive'])('label %p', (label) => {
    expect(readEngagement(label, today, rules, NEW_YORK)?.toLowerCase()).toBe(label.trim().toLowerCase());
  });

  test.each([
    [0, 'Weekly'],
    [7, 'Weekly'],
    [8, 'Monthly'],
    [31, 'Monthly'],
    [32, 'Quarterly'],
    [92, 'Quarterly'],
    [93, 'Inactive'],
  ])('last portal activity %p days ago is %s', (days, level) => {
    expect(readEngagement(daysAgo(days as number), today, rules, NEW_YORK)).toBe(level);
  });

  test('a last-activity date typed as text (YYYY-MM-DD) is read as a date', () => {
    expect(readEngagement('2026-11-20', today, rules, NEW_YORK)).toBe('Monthly');
  });

  test.each([
    [12, 'Weekly'],
    [11, 'Monthly'],
    [3, 'Monthly'],
    [2, 'Quarterly'],
    [1, 'Quarterly'],
    [0, 'Inactive'],
  ])('%p portal logins in 90 days is %s', (logins, level) => {
    expect(readEngagement(logins, today, rules, NEW_YORK)).toBe(level);
  });

  test('anything else is refused, naming what is allowed', () => {
    expect(() => readEngagement('sometimes', today, rules, NEW_YORK)).toThrow(
      'Engagement "sometimes" is not one of Weekly, Monthly, Quarterly, Inactive, the date of last portal activity, or portal logins in the last 90 days',
    );
    expect(() => readEngagement(-2, today, rules, NEW_YORK)).toThrow('Engagement −2 is below 0');
  });
});

describe('labels', () => {
  test('strategic fit', () => {
    expect(readFit('strong')).toBe('Strong');
    expect(readFit('Moderate')).toBe('Moderate');
    expect(readFit('')).toBeNull();
    expect(() => readFit('Maybe')).toThrow('Strategic fit "Maybe" is not one of Strong, Moderate, Weak');
  });

  test.each([
    ['High', true],
    ['yes', true],
    ['TRUE', true],
    ['Strong', true],
    [true, true],
    [5, true],
    [4, true],
    [3, false],
    [1, false],
    ['Low', false],
    ['No', false],
    [false, false],
    ['3', false],
    ['4', true],
  ])('market relevance %p is high: %p', (value, high) => {
    expect(readRelevance(value, rules)).toBe(high);
  });

  test('relevance off the 1–5 scale or unknown words are refused', () => {
    expect(() => readRelevance(7, rules)).toThrow('Market relevance 7 is outside the 1–5 scale');
    expect(() => readRelevance('Huge', rules)).toThrow(
      'Market relevance "Huge" is not one of High / Low, Yes / No, or a number 1–5',
    );
  });
});

describe('dates and e-mail addresses', () => {
  test('date cells and ISO text are calendar days; other text is refused by field', () => {
    expect(readDate(new Date(2026, 10, 24), 'Last contact', NEW_YORK)).toBe(today - 7);
    expect(readDate('2026-11-24', 'Last contact', NEW_YORK)).toBe(today - 7);
    expect(readDate('', 'Last contact', NEW_YORK)).toBeNull();
    expect(() => readDate('last week', 'Last contact', NEW_YORK)).toThrow('Last contact "last week" is not a date');
  });

  test('calendar days ignore daylight-saving hours', () => {
    // 2026-11-01 is the US fall-back day: 25 hours long in America/New_York.
    expect(dayNumber(new Date(2026, 10, 2)) - dayNumber(new Date(2026, 10, 1))).toBe(1);
    expect(dayNumber(new Date(2026, 2, 9)) - dayNumber(new Date(2026, 2, 8))).toBe(1);
  });

  test('owner addresses', () => {
    expect(readEmail(' sarah@example.com ', 'Owner')).toBe('sarah@example.com');
    expect(readEmail('', 'Owner')).toBeNull();
    expect(() => readEmail('Sarah', 'Owner')).toThrow('Owner "Sarah" is not an e-mail address');
  });
});

import { trendFor } from '../../../src/core/qbr/trend';
import { dayOfIso } from '../../../src/core/reading/calendar';
import type { PartnerRecord } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import {
  cellValueOf,
  changedFields,
  describeField,
  readWhatIfText,
  WHAT_IF_CONTROLS,
  WHAT_IF_FIELDS,
  type WhatIfModel,
  whatIfChange,
  whatIfOutcome,
  whatIfText,
} from '../../../src/core/scoring/whatIf';

const today = dayOfIso('2026-12-01') as number;
const base: PartnerRecord = {
  index: 0,
  name: 'P',
  owner: null,
  ownerProblem: null,
  revenue: 100,
  growth: 0.05,
  deals: 3,
  leads: 5,
  engagement: 'Monthly',
  nps: 30,
  fit: 'Moderate',
  relevance: true,
  lastContact: null,
  lastQbr: null,
  nextQbr: null,
  signed: null,
  firstDeal: null,
  contactEmail: null,
  snoozeUntil: null,
  problems: [],
};
const records: PartnerRecord[] = [
  {
    ...base,
    index: 0,
    name: 'A',
    revenue: 1000,
    growth: 0.3,
    deals: 6,
    leads: 20,
    engagement: 'Weekly',
    nps: 60,
    fit: 'Strong',
  },
  { ...base, index: 1, name: 'B', revenue: 500, growth: -0.1, engagement: 'Quarterly', leads: 2, relevance: false },
  { ...base, index: 2, name: 'C', revenue: 300 },
  { ...base, index: 3, name: 'D', revenue: 50, deals: 1, leads: 0, nps: null, fit: null },
  { ...base, index: 4, name: 'E', revenue: 200, growth: null, leads: 8 },
];

function model(i: number): WhatIfModel {
  const r = records[i];
  return {
    rules: DEFAULT_RULES,
    index: i,
    population: records.map((p) => ({
      revenue: p.revenue,
      growth: p.growth,
      deals: p.deals,
      engagement: p.engagement,
      leads: p.leads,
      relevance: p.relevance,
    })),
    inputs: {
      growth: r.growth,
      deals: r.deals,
      engagement: r.engagement,
      nps: r.nps,
      fit: r.fit,
      leads: r.leads,
      relevance: r.relevance,
    },
    columns: ['growth', 'deals', 'engagement', 'nps', 'fit', 'leads', 'relevance'],
  };
}

test('with the inputs unchanged, the what-if gives what the rules gave every partner', () => {
  const views = evaluatePartners(records, today, DEFAULT_RULES);
  records.forEach((_r, i) => {
    expect(whatIfOutcome(model(i), model(i).inputs)).toEqual({
      score: views[i].health.score,
      tier: views[i].health.tier,
      tierColor: DEFAULT_RULES.tierColors[views[i].health.tier ?? 'Unknown'],
      segment: views[i].segment,
      quadrant: views[i].quadrant,
    });
  });
});

test('NPS moves the score and tier; growth moves the segment; leads move the quadrant against the others', () => {
  const m = model(2);
  const start = whatIfOutcome(m, m.inputs);
  expect(start).toMatchObject({ score: 70, tier: 'Healthy', segment: 'Growth', quadrant: 'Key partner' });
  expect(whatIfOutcome(m, { ...m.inputs, nps: -5, fit: 'Weak' })).toMatchObject({ score: 55, tier: 'At-risk' });
  expect(whatIfOutcome(m, { ...m.inputs, growth: 0 }).segment).toBe('Stable');
  expect(whatIfOutcome(m, { ...m.inputs, leads: 1 }).quadrant).toBe('Unpolished diamond');
  expect(whatIfOutcome(m, { ...m.inputs, relevance: null }).quadrant).toBe('Unknown');
});

test('changed fields, the values written and how they read', () => {
  const m = model(0);
  expect(changedFields(m.inputs, { ...m.inputs, nps: 10, fit: 'Weak' })).toEqual(['nps', 'fit']);
  expect(changedFields(m.inputs, { ...m.inputs })).toEqual([]);
  expect([
    cellValueOf('relevance', false),
    cellValueOf('nps', null),
    cellValueOf('engagement', 'Weekly'),
    cellValueOf('growth', 0.25),
  ]).toEqual(['Low', '', 'Weekly', 0.25]);
  expect([describeField('growth', 0.355), describeField('nps', null), describeField('relevance', true)]).toEqual([
    '35.5%',
    '(blank)',
    'High',
  ]);
});

test('the panel reads what is typed with the sheet’s cell readers: Growth as percent text, as "12.5%" reads', () => {
  expect(readWhatIfText('growth', '12.5')).toBe(0.125);
  expect(readWhatIfText('growth', ' ')).toBeNull();
  expect(() => readWhatIfText('growth', '12,5x')).toThrow('Growth "12,5x%" is not a percentage');
  expect(() => readWhatIfText('growth', '-150')).toThrow('Growth "-150%" is below −100%');
  expect(() => readWhatIfText('nps', '140')).toThrow('NPS 140 is outside −100…100');
  expect([readWhatIfText('deals', '4.7'), readWhatIfText('fit', 'strong'), readWhatIfText('relevance', 'Low')]).toEqual(
    [4, 'Strong', false],
  );
  // Apply sends Growth as the text typed, for the server's Growth reader; the other fields as read.
  expect(whatIfChange('growth', ' 12.5 ', 0.125)).toBe('12.5%');
  expect(whatIfChange('growth', '', null)).toBeNull();
  expect(whatIfChange('relevance', 'Low', false)).toBe(false);
  // What a control starts with reads back to the same value.
  for (const [field, value] of [
    ['growth', 0.125],
    ['nps', -10],
    ['relevance', true],
    ['engagement', 'Weekly'],
  ] as const)
    expect(readWhatIfText(field, whatIfText(field, value))).toBe(value);
  expect(whatIfText('growth', Number.MAX_VALUE)).toBe(''); // first-year revenue: no percent to show
  expect(WHAT_IF_CONTROLS.map((c) => c.field)).toEqual([...WHAT_IF_FIELDS]);
});

describe('trend from Health history', () => {
  const snap = (daysAgo: number, score: number | 'Unknown', partner = 'Acme') => ({
    day: today - daysAgo,
    partner,
    score,
  });
  const history = [
    snap(100, 40),
    snap(89, 50),
    snap(45, 55),
    snap(31, 58),
    snap(29, 61),
    snap(1, 70),
    snap(0, 72),
    snap(5, 10, 'Other'),
  ];

  test('points inside the last 90 days, oldest first; change against the latest score on or before 30 days ago', () => {
    const t = trendFor(history, ' acme ', today, 70, 30);
    expect(t.points).toEqual([
      { date: '2026-09-03', score: 50 },
      { date: '2026-10-17', score: 55 },
      { date: '2026-10-31', score: 58 },
      { date: '2026-11-02', score: 61 },
      { date: '2026-11-30', score: 70 },
      { date: '2026-12-01', score: 72 },
    ]);
    expect([t.baseline, t.change]).toEqual([58, 12]);
  });

  test('a drop is negative; no baseline or an Unknown score gives no change', () => {
    expect(trendFor(history, 'Acme', today, 43, 30).change).toBe(-15);
    expect(trendFor(history, 'Acme', today, 'Unknown', 30).change).toBeNull();
    expect(trendFor([snap(3, 80)], 'Acme', today, 80, 30)).toMatchObject({ baseline: null, change: null });
  });
});

import { agendaMail, briefLayout, briefSheetName } from '../../../src/core/qbr/brief';
import { pipelineFor } from '../../../src/core/qbr/optionalSheets';
import { type QbrDetails, qbrAgenda, qbrChecklists, qbrNextSteps, qbrPartner } from '../../../src/core/qbr/view';
import { dayOfIso } from '../../../src/core/reading/calendar';
import type { PartnerRecord } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { NEW_YORK } from '../../calendars';

const today = dayOfIso('2026-12-01') as number;
const record = (over: Partial<PartnerRecord>): PartnerRecord => ({
  index: 0,
  name: 'Acme',
  owner: 'ann@example.com',
  ownerProblem: null,
  revenue: 450000,
  growth: 0.35,
  deals: 12,
  leads: 30,
  engagement: 'Quarterly',
  nps: null,
  fit: null,
  relevance: true,
  lastContact: today - 3,
  lastQbr: today - 60,
  nextQbr: today + 30,
  signed: null,
  firstDeal: null,
  contactEmail: null,
  snoozeUntil: null,
  problems: [],
  ...over,
});

function details(name: string): QbrDetails {
  const view = evaluatePartners([record({ name })], today, DEFAULT_RULES)[0];
  const partner = qbrPartner(view, DEFAULT_RULES);
  const pipeline = {
    present: true as const,
    value: pipelineFor(
      [
        ['Partner', 'Opportunity', 'Stage', 'Amount', 'Last stage change'],
        [name, 'Big deal', 'Proposal', 1200, new Date(2026, 9, 1)],
      ],
      name,
      today,
      NEW_YORK,
    ),
  };
  const feedback = {
    present: true as const,
    value: [{ type: 'Request', summary: 'More <b>leads</b>', date: '2026-11-20' }],
  };
  const actionItems = { present: false as const, how: 'Add a sheet named "Action items"…' };
  return {
    partner: { ...partner, fingerprint: '00000000.0', duplicates: [] },
    quarter: '2026-Q4',
    pipeline,
    feedback,
    actionItems,
    sheetProblems: [],
    agenda: qbrAgenda(partner, pipeline, feedback, actionItems),
    checklists: qbrChecklists(new Set(['before.agenda'])),
    trend: { present: false, how: '' },
    whatIf: {
      rules: DEFAULT_RULES,
      index: 0,
      population: [],
      inputs: { growth: 0.35, deals: 12, engagement: 'Quarterly', nps: null, fit: null, leads: 30, relevance: true },
      columns: [],
    },
    nextSteps: qbrNextSteps(DEFAULT_RULES, partner.segment, today),
  };
}

test('the partner view: score, tier color, breakdown with reasons, missing inputs named with their column', () => {
  const p = details('Acme').partner;
  expect(p).toMatchObject({
    score: 87,
    tier: 'Champion',
    tierColor: DEFAULT_RULES.tierColors.Champion,
    segment: 'Strategic',
    row: 2,
  });
  expect(p.breakdown.map((d) => `${d.label} ${d.earned}/${d.max}`)).toEqual([
    'Revenue 30/30',
    'Activity 25/25',
    'Engagement 10/20',
  ]);
  expect(p.breakdown[1].reason).toBe('12 deals this quarter: 25 of 25');
  expect(p.missing).toEqual([
    { label: 'Satisfaction', column: 'NPS', max: 15 },
    { label: 'Strategic fit', column: 'Strategic fit', max: 10 },
  ]);
  expect(p.performance.find((x) => x.label === 'Growth (YoY)')?.value).toBe('+35%');
});

test('agenda talking points come from the partner: gaps, stuck deals, requests', () => {
  const a = details('Acme').agenda;
  expect(a.map((s) => s.minutes)).toEqual([5, 15, 15, 15, 10]);
  expect(a[1].points).toContain('Gaps: Engagement 10/20');
  expect(a[2].points[0]).toBe('1 open opportunity, forecast 1,200');
  expect(a[2].points[1]).toMatch(/^Stuck: Big deal \(61 days in Proposal\)$/);
  expect(a[4].points).toEqual(['Request: More <b>leads</b>']);
});

test('the brief is a 4-column sheet with bold headings, the missing Action items sheet explained, ticks shown', () => {
  const layout = briefLayout(details('Acme'), '2026-12-01');
  expect(layout.rows.every((r) => r.length === 4)).toBe(true);
  expect(layout.rows[0][0]).toBe('QBR brief — Acme — 2026-Q4');
  const headings = layout.bold.map((i) => layout.rows[i][0]);
  expect(headings).toEqual(
    expect.arrayContaining(['Health breakdown', 'Pipeline by stage', 'Agenda (60 min)', 'Action items', 'Checklist']),
  );
  expect(layout.rows).toContainEqual(['Revenue', 30, 30, '35% growth (growing 20%+): 30 of 30']);
  expect(layout.rows).toContainEqual(['Draft agenda and share', 'before', '✓', '']);
  expect(layout.rows).toContainEqual(['Add a sheet named "Action items"…', '', '', '']);
});

test('brief tab names never reuse an existing tab', () => {
  const taken = new Set(['QBR Acme 2026-Q4', 'QBR Acme 2026-Q4 (2)']);
  expect(briefSheetName('Acme', '2026-Q4', (n) => taken.has(n))).toBe('QBR Acme 2026-Q4 (3)');
  expect(briefSheetName('Acme', '2026-Q4', () => true)).toBeNull();
  expect(briefSheetName('x'.repeat(150), '2026-Q4', () => false)?.length).toBe(100);
});

test('the agenda e-mail escapes every value in its HTML and keeps the text plain', () => {
  const mail = agendaMail(details('<img src=x onerror=alert(1)>'));
  expect(mail.subject).toBe('QBR agenda — <img src=x onerror=alert(1)> — 2026-Q4');
  expect(mail.htmlBody).not.toContain('<img');
  expect(mail.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(mail.htmlBody).toContain('More &lt;b&gt;leads&lt;/b&gt;');
  expect(mail.body).toContain('15 min — Pipeline review: Current opps, forecast');
});

import { lifecycleAlerts } from '../../../src/core/journey/journeyAlerts';
import {
  openEscalationCounts,
  quarterStart,
  RISK_ADVICE,
  readContactCount,
  relationshipRisks,
} from '../../../src/core/journey/risks';
import { journeyBlocks, lifecycleView, risksView } from '../../../src/core/journey/view';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const rules = DEFAULT_RULES;
const today = dayNumber(new Date(2026, 11, 1));

describe('relationship risks (spec §12)', () => {
  test('Partner contacts: a count, or names separated by commas or semicolons', () => {
    expect(readContactCount(3)).toBe(3);
    expect(readContactCount('2')).toBe(2);
    expect(readContactCount('Ann Lee; Bo Chen, Cy Diaz')).toBe(3);
    expect(readContactCount('Ann Lee')).toBe(1);
    expect(readContactCount('')).toBeNull();
    expect(() => readContactCount(-1)).toThrow('Partner contacts −1 is below 0');
  });

  test('the quarter starts on Jan 1, Apr 1, Jul 1, Oct 1', () => {
    expect(
      [new Date(2026, 11, 1), new Date(2026, 9, 1), new Date(2026, 8, 30), new Date(2026, 0, 1)].map((d) =>
        quarterStart(dayNumber(d)),
      ),
    ).toEqual([new Date(2026, 9, 1), new Date(2026, 9, 1), new Date(2026, 6, 1), new Date(2026, 0, 1)].map(dayNumber));
  });

  const base = { segment: 'Strategic' as const, lastContact: today - 3, openEscalations: 0 };
  const flags = (p: Parameters<typeof relationshipRisks>[0]) =>
    relationshipRisks(p, today, rules).map((r) => [r.flag, r.reason]);

  test('single-threaded: fewer than 2 contacts; a blank counts as none; 2 is fine', () => {
    expect(flags({ ...base, partnerContacts: 1 })).toEqual([['singleThreaded', 'Only 1 contact at the partner']]);
    expect(flags({ ...base, partnerContacts: null })).toEqual([
      ['singleThreaded', 'No contact at the partner recorded (Partner contacts is blank)'],
    ]);
    expect(flags({ ...base, partnerContacts: 2 })).toEqual([]);
  });

  test('no executive sponsor: Strategic partners only', () => {
    expect(flags({ ...base, executiveSponsor: null })).toEqual([
      ['noExecutiveSponsor', 'A Strategic partner with no Executive sponsor'],
    ]);
    expect(flags({ ...base, executiveSponsor: 'Dana (VP Partnerships)' })).toEqual([]);
    expect(flags({ ...base, segment: 'Growth', executiveSponsor: null })).toEqual([]);
  });

  test('NPS not surveyed this quarter: before Oct 1 for Dec 1; on Oct 1 is this quarter; blank is never', () => {
    expect(flags({ ...base, npsDate: dayNumber(new Date(2026, 8, 30)) })).toEqual([
      ['npsNotSurveyed', 'Last NPS survey 2026-09-30, before this quarter began (2026-10-01)'],
    ]);
    expect(flags({ ...base, npsDate: dayNumber(new Date(2026, 9, 1)) })).toEqual([]);
    expect(flags({ ...base, npsDate: null })).toEqual([['npsNotSurveyed', 'No NPS date: never surveyed']]);
  });

  test('silent then urgent: more than twice the cadence without a touch while an escalation is open', () => {
    // Strategic cadence 7 days: 14 days is twice, not more; 15 is.
    expect(flags({ ...base, lastContact: today - 14, openEscalations: 1 })).toEqual([]);
    expect(flags({ ...base, lastContact: today - 15, openEscalations: 1 })).toEqual([
      [
        'silentThenUrgent',
        'No touch for 15 days (more than twice the Strategic cadence of 7 days), and 1 open escalation',
      ],
    ]);
    expect(flags({ ...base, lastContact: today - 15, openEscalations: 0 })).toEqual([]);
    expect(flags({ ...base, lastContact: null, openEscalations: 2 })).toEqual([
      ['silentThenUrgent', 'Never contacted, and 2 open escalations'],
    ]);
  });

  test('a missing column raises no flag: nothing to judge', () => {
    expect(flags(base)).toEqual([]);
  });

  test('every flag carries the advice of seed 000', () => {
    const all = relationshipRisks(
      { ...base, lastContact: null, openEscalations: 1, partnerContacts: 0, executiveSponsor: null, npsDate: null },
      today,
      rules,
    );
    expect(all.map((r) => r.label)).toEqual([
      'Single-threaded',
      'No executive sponsor',
      'NPS not surveyed this quarter',
      'Silent then urgent',
    ]);
    expect(all.map((r) => r.advice)).toEqual(Object.values(RISK_ADVICE));
    expect(RISK_ADVICE.singleThreaded).toContain('When your contact leaves, the relationship dies');
  });

  test('open escalations per partner: rows without Resolved', () => {
    const counts = openEscalationCounts([
      ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
      ['Acme', 'High', new Date(2026, 10, 1), '', ''],
      ['acme', 'Low', new Date(2026, 10, 2), new Date(2026, 10, 2), ''],
      ['Bolt', 'Low', new Date(2026, 10, 2), '', new Date(2026, 10, 3)],
    ]);
    expect([...counts]).toEqual([['acme', 2]]);
  });
});

describe("the dashboard's journey tables and the sidebar's risks from a partner sheet", () => {
  const header = [
    'Partner',
    'Owner',
    'Revenue',
    'Growth',
    'Deals',
    'Engagement',
    'Last contact',
    'Signed',
    'First deal',
    'Partner contacts',
    'Executive sponsor',
    'NPS date',
  ];
  const d = (n: number) => new Date(2026, 11, 1 - n);
  const rows = [
    ['Big Co', 'ann@example.com', 900, 0.3, 6, 'Weekly', d(30), d(400), d(350), 'Ann; Bo', '', d(100)],
    ['Late Co', 'bob@example.com', 100, 0, 0, 'Monthly', d(2), d(120), '', 1, 'Sam', d(10)],
    ['Later Co', 'bob@example.com', 110, 0, 0, 'Monthly', d(2), d(95), '', 3, '', d(10)],
    ['New Co', 'bob@example.com', 120, 0, 0, 'Monthly', d(2), d(10), '', 3, '', d(10)],
    ['Lead Co', 'bob@example.com', '', '', 0, '', '', '', '', '', '', ''],
    ['Odd Co', 'bob@example.com', 130, 0, 0, 'Monthly', d(2), d(-5), '', 2, '', d(10)],
  ];
  const views = evaluatePartners(
    readPartnerRows(rows as never, mapColumns(header), today, rules, NEW_YORK),
    today,
    rules,
  );
  const escalations = openEscalationCounts([
    ['Partner', 'Resolved'],
    ['Big Co', ''],
  ]);

  test('partners per stage, stalled longest first, a count per risk', () => {
    const blocks = journeyBlocks(views, escalations, today, rules, NEW_YORK);
    expect(blocks.map((b) => b.title)).toEqual([
      'Partners per lifecycle stage',
      'Stalled partners',
      'Relationship risks',
    ]);
    expect(blocks[0].rows).toEqual([
      ['Recruit', 1],
      ['Onboard', 1],
      ['Enable', 0],
      ['Activate', 0],
      ['Stalled', 2],
      ['Active', 1],
      ['Cannot tell (a signed date after today, or an unreadable date)', 1],
    ]);
    expect(blocks[1].rows).toEqual([
      ['Late Co', 'bob@example.com', new Date(2026, 7, 3), 120, 30],
      ['Later Co', 'bob@example.com', new Date(2026, 7, 28), 95, 5],
    ]);
    // Big Co: Strategic, no sponsor, NPS last quarter, silent 30 days with an open escalation; Late Co: 1 contact;
    // Lead Co: blank contacts and never surveyed.
    expect(blocks[2].rows).toEqual([
      ['Single-threaded', 2],
      ['No executive sponsor', 1],
      ['NPS not surveyed this quarter', 2],
      ['Silent then urgent', 1],
    ]);
  });

  test('the sidebar lists the flags with reason and advice, and which were not judged when a column is missing', () => {
    const big = risksView(views[0], escalations, today, rules);
    expect(big.risks.map((r) => r.flag)).toEqual(['noExecutiveSponsor', 'npsNotSurveyed', 'silentThenUrgent']);
    expect(big.notJudged).toEqual([]);
    const bare = evaluatePartners(
      readPartnerRows([['Solo', 'ann@example.com']] as never, mapColumns(['Partner', 'Owner']), today, rules, NEW_YORK),
      today,
      rules,
    );
    expect(risksView(bare[0], new Map(), today, rules).notJudged).toEqual([
      'Single-threaded: add a "Partner contacts" column',
      'No executive sponsor: add an "Executive sponsor" column',
      'NPS not surveyed this quarter: add an "NPS date" column',
    ]);
  });
});

test("an unreadable Signed date: no stage and no lifecycle alert, the cell's problem instead", () => {
  const header = ['Partner', 'Owner', 'Deals', 'Signed'];
  const views = evaluatePartners(
    readPartnerRows(
      [['Typo Co', 'ann@example.com', 0, 'last spring']] as never,
      mapColumns(header),
      today,
      rules,
      NEW_YORK,
    ),
    today,
    rules,
  );
  expect(lifecycleView(views[0], today, rules)).toMatchObject({
    stage: null,
    problem: expect.stringMatching(/^Signed "last spring" is not a date/),
  });
  expect(lifecycleAlerts(views, today, rules, { adminEmail: null })).toEqual([]);
  expect(journeyBlocks(views, new Map(), today, rules, NEW_YORK)[0].rows).toContainEqual([
    'Cannot tell (a signed date after today, or an unreadable date)',
    1,
  ]);
});

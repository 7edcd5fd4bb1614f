import { baselineScores, groupByRecipient, partnerAlerts, sortWorstFirst } from '../../../src/core/alerts/alerts';
import { composeDigest } from '../../../src/core/alerts/digest';
import { escalationBreaches } from '../../../src/core/alerts/escalations';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const rules = DEFAULT_RULES;
const today = dayNumber(new Date(2026, 11, 1));
const d = (m: number, day: number) => new Date(2026, m - 1, day);
const header = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Fit',
  'Last contact',
  'Last QBR',
  'Next QBR',
];
function views(rows: unknown[][]) {
  return evaluatePartners(readPartnerRows(rows as never, mapColumns(header), today, rules, NEW_YORK), today, rules);
}

const table = views([
  ['Top Co', 'ann@example.com', 900, 0.3, 6, 'Weekly', 60, 'Strong', d(11, 20), d(6, 1), ''], // Strategic: touch 4 d late, QBR 92+ d late
  ['Mid Co', 'ann@example.com', 300, 0.1, 3, 'Monthly', 30, 'Moderate', d(11, 25), '', d(12, 3)], // Growth: QBR in 2 days
  ['Orphan', '', 100, 0, 0, 'Inactive', '', '', '', '', ''], // no owner, never contacted
  ['Drop Co', 'bob@example.com', 200, 0.05, 1, 'Quarterly', 10, 'Weak', d(11, 30), d(11, 1), ''],
]);

describe('alerts (spec §5)', () => {
  const baseline = baselineScores(
    [
      { day: today - 31, partner: 'Drop Co', score: 80 },
      { day: today - 30, partner: 'Drop co', score: 70 },
      { day: today - 29, partner: 'Drop Co', score: 99 }, // too recent to be the 30-day baseline
    ],
    today,
    30,
  );
  const items = partnerAlerts(table, baseline, 15, { adminEmail: 'ops@example.com' });
  const of = (partner: string) =>
    items.filter((i) => i.partner === partner).map((i) => [i.kind, i.recipient, i.daysOverdue]);

  test('touch and QBR overdue go to the owner with days late', () => {
    expect(of('Top Co')).toEqual([
      ['qbrOverdue', 'ann@example.com', 183 - 91],
      ['touchOverdue', 'ann@example.com', 4],
    ]);
  });

  test('a QBR within 3 days reminds the owner to send the agenda', () => {
    expect(items.find((i) => i.partner === 'Mid Co')).toMatchObject({
      kind: 'qbrComingUp',
      reason: 'QBR in 2 days: send the agenda',
    });
  });

  test('no owner goes to the admin; never contacted is overdue', () => {
    expect(of('Orphan')).toEqual([
      ['noOwner', 'ops@example.com', null],
      ['touchOverdue', 'ops@example.com', null],
    ]);
  });

  test('a drop of 15+ points against the snapshot of 30 days before', () => {
    const drop = items.find((i) => i.kind === 'healthDrop');
    expect(drop).toMatchObject({ partner: 'Drop Co', recipient: 'bob@example.com' });
    expect(drop?.reason).toMatch(/^Health fell \d+ points \(70 → \d+\)$/);
  });

  test('one list per recipient, worst first', () => {
    const groups = groupByRecipient(items);
    expect([...groups.keys()].sort()).toEqual(['ann@example.com', 'bob@example.com', 'ops@example.com']);
    expect(groups.get('ann@example.com')?.map((i) => i.kind)).toEqual(['qbrOverdue', 'touchOverdue', 'qbrComingUp']);
    expect(sortWorstFirst(groups.get('ops@example.com') ?? []).map((i) => i.kind)).toEqual(['touchOverdue', 'noOwner']);
  });
});

describe('escalation SLA (spec §5)', () => {
  const now = new Date(2026, 11, 1, 12, 0);
  const addresses = {
    vpPartnerships: 'vp@example.com',
    director: 'dir@example.com',
    partnerSupport: 'help@example.com',
    admin: 'ops@example.com',
  };
  const sheet = [
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    ['Top Co', 'Critical', new Date(2026, 11, 1, 7, 0), '', ''], // 5 h open: 1 h past 4 h
    ['Top Co', 'Critical', new Date(2026, 11, 1, 9, 0), '', ''], // 3 h: inside the window
    ['Mid Co', 'Medium', new Date(2026, 10, 28, 12, 0), '', ''], // 72 h: past 48 h, to the owner
    ['Drop Co', 'High', new Date(2026, 10, 28, 12, 0), new Date(2026, 10, 28, 13, 0), ''], // answered
    ['Drop Co', 'Urgent', new Date(2026, 10, 30), '', ''],
  ];
  const breaches = escalationBreaches(sheet, now, table, addresses);

  test('unanswered past the window, to the escalation path', () => {
    expect(breaches.map((b) => [b.partner, b.recipient, b.hoursOverdue])).toEqual([
      ['Top Co', 'vp@example.com', 1],
      ['Mid Co', 'ann@example.com', 24],
      ['Drop Co', 'ops@example.com', undefined],
    ]);
    expect(breaches[0].reason).toBe(
      'Critical escalation unanswered for 5 h (respond within 4 h; path: VP Partnerships)',
    );
  });

  test('the response windows come from Settings', () => {
    const longer = escalationBreaches(sheet, now, table, addresses, { Critical: 6, High: 24, Medium: 48, Low: 72 });
    expect(longer.map((b) => b.partner)).toEqual(['Mid Co', 'Drop Co']); // Top Co's 5 h is inside 6 h now
  });

  test('a row that cannot be read is reported, not dropped', () => {
    expect(breaches[2].reason).toBe(
      'Escalations row 6 cannot be checked: Severity "Urgent" is not one of Critical, High, Medium, Low',
    );
  });
});

describe('digest e-mail', () => {
  test('lists each item with partner, segment, score, tier, reason, days overdue and a row link; escapes cell values', () => {
    const evil = views([['<img src=x onerror=alert(1)>', 'ann@example.com', 10, 0, 0, 'Inactive', '', '', '', '', '']]);
    const items = partnerAlerts(evil, new Map(), 15, { adminEmail: null });
    const digest = composeDigest(items, {
      day: '2026-12-01',
      spreadsheetName: 'Partners & Co',
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
      sheetId: 7,
      rules,
    });
    expect(digest.subject).toBe('PartnerPulse 2026-12-01: 1 partner needs you (2 items)');
    expect(digest.html).not.toContain('<img');
    expect(digest.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(digest.html).toContain('Partners &amp; Co');
    expect(digest.html).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=7&amp;range=A2"');
    expect(digest.text).toContain('2. [Touch overdue] <img src=x onerror=alert(1)> — Never contacted');
    expect(digest.text).toContain('Segment: Strategic · Score: 13 (Churning) · Overdue: never');
  });
});

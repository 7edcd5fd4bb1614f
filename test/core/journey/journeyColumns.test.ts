import { composeDigest } from '../../../src/core/alerts/digest';
import { milestoneAlerts, readJointPlan } from '../../../src/core/journey/jointPlan';
import { checkHeaders } from '../../../src/core/reading/headerCheck';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { dayNumber, NEW_YORK } from '../../calendars';

const today = dayNumber(new Date(2026, 11, 1));

test('the header check knows the optional journey columns: no finding for them, a suggestion for a typo', () => {
  const base = [
    'Partner',
    'Owner',
    'Revenue',
    'Growth',
    'Deals',
    'Leads',
    'Engagement',
    'NPS',
    'Strategic fit',
    'Market relevance',
    'Last contact',
    'Last QBR',
    'Next QBR',
  ];
  expect(
    checkHeaders([...base, 'Stage', 'Recruiting since', 'Partner contacts', 'Executive sponsor', 'NPS date']),
  ).toEqual([]);
  expect(checkHeaders([...base, 'Executive sponsr', 'Recruting since', 'NPS dat']).map((f) => f.message)).toEqual([
    '`Executive sponsr` — did you mean `Executive sponsor`?',
    '`Recruting since` — did you mean `Recruiting since`?',
    '`NPS dat` — did you mean `NPS date`?',
  ]);
  // Optional: a sheet without them is not told they are missing.
  expect(checkHeaders(base)).toEqual([]);
});

test('the partner sheet reads the journey columns by header; a bad cell is a problem naming it', () => {
  const header = ['Partner', 'Recruiting since', 'Partner contacts', 'Executive sponsor', 'NPS date'];
  const [a, b] = readPartnerRows(
    [
      ['Acme', new Date(2026, 9, 1), 'Ann; Bo; Cy', ' Dana ', '2026-10-15'],
      ['Bolt', 'last spring', -2, '', 'soon'],
    ] as never,
    mapColumns(header),
    today,
    DEFAULT_RULES,
    NEW_YORK,
  );
  expect([a.recruitingSince, a.partnerContacts, a.executiveSponsor, a.npsDate]).toEqual([
    dayNumber(new Date(2026, 9, 1)),
    3,
    'Dana',
    dayNumber(new Date(2026, 9, 15)),
  ]);
  expect(b.problems).toEqual([
    'Recruiting since "last spring" is not a date; allowed: a date cell or text like 11/25/2026 or 2026-11-25',
    'Partner contacts −2 is below 0; allowed: a number of contacts, or their names separated by commas or semicolons',
    'NPS date "soon" is not a date; allowed: a date cell or text like 11/25/2026 or 2026-11-25',
  ]);
  const none = readPartnerRows([['Cyan']] as never, mapColumns(['Partner']), today, DEFAULT_RULES, NEW_YORK)[0];
  expect('partnerContacts' in none).toBe(false); // no column: the flag is not judged, not raised
});

test('a milestone whose text is markup reaches the digest escaped', () => {
  const plan = readJointPlan(
    [
      ['Partner', 'Milestone', 'Side', 'Due'],
      ['Ghost', '<img src=x onerror=alert(1)>', 'Us', new Date(2026, 10, 20)],
    ],
    today,
    NEW_YORK,
  );
  const items = milestoneAlerts(plan.milestones, [], { adminEmail: 'ops@example.com' });
  const digest = composeDigest(items, {
    day: '2026-12-01',
    spreadsheetName: 'S',
    spreadsheetUrl: 'https://x',
    sheetId: 0,
    rules: DEFAULT_RULES,
  });
  expect(digest.html).not.toContain('<img');
  expect(digest.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(digest.html).toContain('<td style="padding:4px 8px">Milestone overdue</td>');
});

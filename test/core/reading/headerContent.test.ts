// Issue 15 item 2: the header check looks at the values under the columns, not only at the header texts.
import { checkHeaders } from '../../../src/core/reading/headerCheck';
import { mapColumns, mapPartnerColumns } from '../../../src/core/reading/partnerTable';

const BASE = [
  'Partner',
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
const values = (n: number) =>
  [
    'Acme',
    100,
    0.1,
    2,
    3,
    'Monthly',
    20,
    'Strong',
    'High',
    new Date(2026, 10, 20),
    new Date(2026, 9, 1),
    new Date(2027, 0, 5),
  ].map((v) => (v === 'Acme' ? `Acme ${n}` : v));

test('an Owner column of names is flagged, and an Owner email column beside it is the one read', () => {
  const header = ['Owner', ...BASE, 'Owner email'];
  const rows = [1, 2, 3].map((n) => ['Sarah Jones', ...values(n), `sarah${n}@example.com`]);
  expect(mapColumns(header).owner).toBe(0); // by header alone the names would win
  expect(mapPartnerColumns(header, rows).owner).toBe(header.length - 1);
  expect(checkHeaders(header, undefined, rows).map((f) => f.message)).toEqual([
    '`Owner` holds no e-mail addresses ("Sarah Jones"), so the owner addresses are read from `Owner email`.',
  ]);
});

test('an Owner column of names with no column of addresses says what follows and what to do', () => {
  const header = ['Owner', ...BASE];
  const rows = [1, 2].map((n) => ['Sarah Jones', ...values(n)]);
  expect(checkHeaders(header, undefined, rows).map((f) => f.message)).toEqual([
    '`Owner` holds no e-mail addresses ("Sarah Jones"), and no other owner column does: no partner manager gets a digest, every partner\'s alerts go to the admin as "No owner". Put the owners\' e-mail addresses in it, or add an `Owner email` column.',
  ]);
});

test('no Last QBR / Next QBR columns: said, with the daily "QBR overdue" that follows', () => {
  const header = [
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
  ];
  expect(checkHeaders(header).map((f) => f.message)).toEqual([
    'No Last QBR or Next QBR column: add the headers `Last QBR` and `Next QBR`. Without it, with no Next QBR either, every Strategic and Growth partner is "QBR overdue" every day.',
  ]);
});

test('`Next QBR (planned)` is read as Next QBR and the check says so; `Next QBR date` is named, not guessed', () => {
  const planned = ['Partner', 'Owner', ...BASE.slice(1, 11), 'Next QBR (planned)'];
  expect(mapColumns(planned).nextQbr).toBe(planned.length - 1);
  expect(checkHeaders(planned).map((f) => f.message)).toEqual(['`Next QBR (planned)` is read as the Next QBR column.']);
  const dated = ['Partner', 'Owner', ...BASE.slice(1, 11), 'Next QBR date'];
  expect(mapColumns(dated).nextQbr).toBeUndefined();
  expect(checkHeaders(dated).map((f) => f.message)).toEqual([
    '`Next QBR date` — did you mean `Next QBR`? Until it is renamed, no "QBR coming up" reminders, and a Strategic or Growth partner is "QBR overdue" 91 days after its Last QBR even when the next one is booked.',
  ]);
});

test('a column whose values mostly cannot be read is named with an example; two rows of one partner are flagged', () => {
  const header = ['Owner', ...BASE];
  const rows = [1, 2, 3].map((n) => [`pm${n}@example.com`, ...values(n)]);
  rows.forEach((r) => {
    r[2] = '$450K';
  });
  rows[2][1] = 'Acme 1';
  expect(checkHeaders(header, undefined, rows).map((f) => f.message)).toEqual([
    '`Revenue`: 3 of 3 sampled values cannot be read, e.g. Revenue "$450K" is not a number; allowed: an amount ≥ 0, without letters (450000, not "$450K"). They count as blank.',
    '"Acme 1" is on rows 2, 4: the Health history, snoozes and checklists keep one record per name. Give each row its own name (e.g. add the region).',
  ]);
});

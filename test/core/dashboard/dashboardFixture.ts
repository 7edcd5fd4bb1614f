// Six partners on 2026-12-01 whose dashboard numbers are worked out by hand in the tests that use them.
// No Growth column: growth comes from Revenue and Revenue last year (spec §1).
export const TODAY = new Date(2026, 11, 1);
const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

export const HEADER = [
  'Partner',
  'Owner',
  'Revenue',
  'Revenue last year',
  'Deals',
  'Leads',
  'Engagement',
  'NPS',
  'Strategic fit',
  'Market relevance',
  'Last QBR',
  'Signed',
  'First deal',
];

export const ROWS: (string | number | Date)[][] = [
  // growth +25 %: 30 + 25 + 20 + 15 + 10 = 100 Champion; top 10 % → Strategic; 20 leads, High → Key partner
  [
    'Apex',
    'ann@example.com',
    1_000_000,
    800_000,
    6,
    20,
    'Weekly',
    70,
    'Strong',
    'High',
    d(2026, 10, 1),
    d(2025, 1, 1),
    d(2025, 2, 15),
  ],
  // +7.1 %: 20 + 20 + 15 + 10 + 5 = 70 Healthy; Growth; Key partner
  [
    'Beam',
    'ann@example.com',
    300_000,
    280_000,
    3,
    8,
    'Monthly',
    40,
    'Moderate',
    'High',
    d(2026, 6, 1),
    d(2025, 3, 1),
    d(2025, 6, 29),
  ],
  // −20 %: 0 + 10 + 10 + 5 + 0 = 25 Critical; declining and Quarterly → At-risk; Dementor
  [
    'Core',
    'bob@example.com',
    200_000,
    250_000,
    1,
    2,
    'Quarterly',
    10,
    'Weak',
    'Low',
    '',
    d(2025, 5, 1),
    d(2025, 7, 30),
  ],
  // −100 %: 0 Churning; At-risk; Dementor; not active this year
  ['Dune', 'bob@example.com', 0, 50_000, 0, 0, 'Inactive', -20, 'Weak', 'Low', '', d(2026, 1, 10), ''],
  // flat: 10 + 10 + 15 + (no NPS) + 5 = 40 of 85 → 47 At-risk; Stable; Key partner
  [
    'Echo',
    'ann@example.com',
    150_000,
    150_000,
    2,
    5,
    'Monthly',
    '',
    'Moderate',
    'High',
    '',
    d(2026, 3, 1),
    d(2026, 4, 10),
  ],
  // nothing last year: growing 20 %+ → 30 + 10 + 20 + 15 + 10 = 85 Champion; Growth; no owner; Dementor
  ['Flux', '', 50_000, 0, 1, 1, 'Weekly', 55, 'Strong', 'Low', '', d(2026, 6, 1), d(2026, 7, 1)],
];

/** Health history: 35 days before (the 30-day baseline) and 10 days before. */
export const HISTORY: [Date, string, number][] = [
  [d(2026, 10, 27), 'Apex', 100],
  [d(2026, 10, 27), 'Beam', 90],
  [d(2026, 10, 27), 'Core', 60],
  [d(2026, 10, 27), 'Echo', 47],
  [d(2026, 11, 21), 'Core', 30],
];

/** The program metrics of the six partners (Metric, Value, Target, Status, Based on), worked out by hand. */
export const EXPECTED_METRICS: string[][] = [
  // (70 + 40 + 10 − 20 + 55) / 5
  ['Partner NPS', '31', '50+', 'Below target', 'mean of 5 partners with an NPS'],
  // waits 45, 120, 90, 40, 30 days → median 45
  ['Time to first deal', '45 days', '< 90 days', 'On target', 'median of 5 partners with Signed and First deal dates'],
  ['Activation rate', '83.3%', '≥ 60%', 'On target', '5 of 6 partners with a deal'],
  // active last year: all but Flux; Dune (no revenue, no deals) is not active now
  ['Retention', '80%', '≥ 80%', 'On target', '4 of 5 partners active last year still active'],
  // 1,700,000 / 5 active; last year 1,530,000 / 5
  ['Revenue per partner', '340,000', 'growing (last year 306,000)', 'On target', '1,700,000 over 5 active partners'],
  // Strategic + Growth: Apex (QBR 61 days ago), Beam (183), Flux (none)
  [
    'QBR completion',
    '33.3%',
    '≥ 90%',
    'Below target',
    '1 of 3 Strategic and Growth partners with a QBR within their cadence',
  ],
];

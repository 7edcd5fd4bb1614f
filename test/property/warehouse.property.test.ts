// The generated SQL (src/core/warehouse) and the custom functions agree on every row: fast-check builds
// partner tables with values on every edge of the spec's bands, blanks, invalid values and revenue ties at
// the top-10 % and bottom-quartile cuts; DuckDB runs the duckdb dialect over them; each row's health, tier,
// segment, quadrant, next touch and problems must equal what PARTNER_HEALTH, PARTNER_TIER, SEGMENT,
// PARTNER_QUADRANT and NEXT_TOUCH give for the same rows (test/core/warehouse/formulas.ts).

import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { dayOfIso, isoOfDay } from '../../src/core/reading/calendar';
import { DEFAULT_RULES, type Rules } from '../../src/core/rules';
import { DUCKDB } from '../../src/core/warehouse/dialect';
import { rulesSql } from '../../src/core/warehouse/rulesSql';
import { loadPartners, openDuckDb, queryRows, type WarehouseRow } from '../core/warehouse/duckdb';
import { formulaResults } from '../core/warehouse/formulas';

const AS_OF = '2026-12-01';
const today = dayOfIso(AS_OF) as number;
const daysAgo = (n: number) => isoOfDay(today - n);

// Every edge of spec §2–§5's bands (default Settings), plus values either side of it.
const dayEdges = [0, 1, 6, 7, 8, 13, 14, 15, 29, 30, 31, 32, 89, 90, 91, 92, 93, 200, -3];

/**
 * A day typed as text the ways core/reading/calendar.ts readTextDate reads them (docs/time-zones.md): ISO,
 * numeric month first and day first (which one reads as meant depends on the locale), two-digit years, month
 * names and abbreviations in English and German, ordinals, extra whitespace and case.
 */
function textDate(day: number): fc.Arbitrary<string> {
  const [y, m, d] = isoOfDay(day).split('-');
  const [mm, dd] = [String(Number(m)), String(Number(d))];
  const names = [
    ['January', 'Jan', 'Januar'],
    ['February', 'Feb', 'Februar'],
    ['March', 'Mar', 'März'],
    ['April', 'Apr', 'April'],
    ['May', 'May', 'Mai'],
    ['June', 'Jun', 'Juni'],
    ['July', 'Jul', 'Juli'],
    ['August', 'Aug', 'August'],
    ['September', 'Sep', 'Sept'],
    ['October', 'Oct', 'Okt'],
    ['November', 'Nov', 'NOV'],
    ['December', 'Dec', 'Dez'],
  ][Number(m) - 1];
  return fc.constantFrom(
    `${y}-${m}-${d}`,
    `${y}-${mm}-${dd}`,
    `${mm}/${dd}/${y}`,
    `${m}/${d}/${y}`,
    `${dd}/${mm}/${y}`,
    `${dd}.${mm}.${y}`,
    `${d}.${m}.${y}.`,
    `${mm}/${dd}/${y.slice(2)}`,
    `${dd}-${mm}-${y.slice(2)}`,
    `${y}/${m}/${d}`,
    ...names.flatMap((name) => [`${dd} ${name} ${y}`, `${name} ${dd}, ${y}`, `${dd}. ${name} ${y}`]),
    `  ${dd}   ${names[1].toLowerCase()}  ${y} `,
    `${names[1]}. ${dd}th, ${y}`,
  );
}
const date = fc.oneof(fc.constant(null), fc.constantFrom(...dayEdges).map(daysAgo));
const revenue = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 10, 20, 20, 50, 100, 100, 1000, 1.02, 1, -5, NaN),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);
const growth = fc.oneof(
  fc.constant(null),
  fc.constant(null),
  fc.constantFrom(
    0.2,
    0.19999999,
    0.2000001,
    0.02,
    0.0200001,
    0.0199999,
    -0.02,
    -0.0200001,
    -0.0199999,
    0,
    -1,
    -1.0001,
    -1.5,
    NaN,
    Infinity,
    3,
  ),
  fc.double({ min: -1, max: 3, noNaN: true }),
);
const count = (edges: number[]) =>
  fc.oneof(fc.constant(null), fc.constantFrom(...edges), fc.integer({ min: 0, max: 40 }));
const engagement = fc.oneof(
  fc.constant(null),
  fc.constant(null),
  fc.constantFrom(
    'Weekly',
    'monthly',
    ' QUARTERLY ',
    'Inactive',
    '',
    '   ',
    '12',
    '3',
    '2',
    '0',
    '1',
    '-4',
    '1,200',
    '2.5',
    'often',
    '$450K',
    '2026-02-30',
    '2026-1-5',
    '2026-11-9',
    '2026-13-01',
    '1e3',
    '−3',
    '+5',
    '.5',
  ),
  fc.constantFrom(...dayEdges).map(daysAgo),
  fc.constantFrom(...dayEdges).chain((n) => textDate(today - n)),
  fc.constantFrom(
    '13/20/2026',
    '20/13/2026',
    '31/02/2026',
    '02/31/2026',
    '1/2/3',
    '1/2/202',
    '20 Foo 2026',
    '0026-01-01',
    '2026/02/29',
    '2024/02/29',
    '29.02.2024',
    '1.2.3',
    '11/20/2026.',
    '11-20-26',
    '11/20-2026',
  ),
);
const nps = fc.oneof(
  fc.constant(null),
  fc.constantFrom(-100, -101, 100, 101, 0, -0.5, 24.5, 25, 24, 49, 49.9, 50, NaN, 140),
  fc.integer({ min: -100, max: 100 }),
);
const fit = fc.oneof(fc.constant(null), fc.constantFrom('Strong', 'moderate', ' Weak ', 'Maybe', '', 'STRONG'));
const relevance = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'High',
    'low',
    'Yes',
    'NO',
    'true',
    'Strong',
    'medium',
    'Moderate',
    '1',
    '3',
    '3.99',
    '4',
    '5',
    '4.5',
    '0',
    '6',
    'x',
    ' 4 ',
    '',
  ),
);

const partnerRow: fc.Arbitrary<WarehouseRow> = fc.record({
  partner: fc.constantFrom('Acme', 'Globex', null),
  owner: fc.constantFrom('pm@example.com', null),
  revenue,
  revenue_last_year: fc.oneof(
    fc.constant(null),
    fc.constantFrom(0, 1, 10, 50, 100, -1),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  ),
  growth,
  deals: count([0, 1, 2, 3, 4, 5, 6, -1, -3]),
  leads: count([0, 1, 2, 3, 5, 8, -2]),
  engagement,
  portal_logins: fc.oneof(fc.constant(null), fc.constantFrom(0, 1, 2, 3, 11, 12, 13, -1)),
  fit,
  relevance,
  last_contact: date,
  last_qbr: date,
  next_qbr: date,
  signed: date,
  first_deal: date,
  last_portal_activity: date,
  nps,
});

/** A table whose revenues tie at the cuts: a few values repeated, so N·10 % and N·25 % fall inside runs of ties. */
const table = fc.array(partnerRow, { minLength: 1, maxLength: 45 });

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});
afterAll(() => connection.closeSync());
jest.setTimeout(120_000);

async function sqlResults(rows: WarehouseRow[], rules: Rules, locale: string) {
  await loadPartners(connection, 'partners', rows);
  const sql = rulesSql(rules, DUCKDB, { table: 'partners', asOf: AS_OF, locale });
  const out = await queryRows(connection, `SELECT * FROM (${sql}) AS r ORDER BY pp_order`);
  return out.map((r) => ({
    health: r.health,
    tier: r.tier,
    segment: r.segment,
    quadrant: r.quadrant,
    next_touch: r.next_touch,
    problems: r.problems,
  }));
}

async function agree(rows: WarehouseRow[], rules: Rules, locale = 'en_US') {
  const sql = await sqlResults(rows, rules, locale);
  const formulas = formulaResults(rows, AS_OF, rules, locale);
  expect(sql).toHaveLength(rows.length);
  sql.forEach((got, i) => {
    if (JSON.stringify(got) !== JSON.stringify(formulas[i])) {
      throw new Error(
        `Row ${i} differs (${locale}):\n  row:      ${JSON.stringify(rows[i])}\n  SQL:      ${JSON.stringify(got)}\n  formulas: ${JSON.stringify(formulas[i])}`,
      );
    }
  });
}

/** Settings a partner-ops lead might pick: weights whose points are not whole (20 × 2/3 = 13.33), other bands and cadences. */
const CHANGED: Rules = {
  ...DEFAULT_RULES,
  weights: { revenue: 20, activity: 20, engagement: 20, satisfaction: 20, fit: 20 },
  revenue: { growingFast: 0.3, flatBand: 0.05 },
  activity: { dealsHigh: 8, dealsMid: 4, dealsLow: 2 },
  engagement: { ...DEFAULT_RULES.engagement, weeklyWithinDays: 14, quarterlyLogins: 2 },
  satisfaction: { npsHigh: 60, npsMid: 30, npsLow: -10 },
  tierFloors: { Champion: 85, Healthy: 65, 'At-risk': 45, Critical: 25 },
  minDimensions: 2,
  segments: { topShare: 0.2, bottomShare: 0.3, longTailMaxDeals: 3 },
  segmentPolicies: {
    ...DEFAULT_RULES.segmentPolicies,
    Strategic: { ...DEFAULT_RULES.segmentPolicies.Strategic, touchEveryDays: 10 },
    Stable: { ...DEFAULT_RULES.segmentPolicies.Stable, touchEveryDays: 45 },
  },
  quadrant: { minHighLeads: 3, highRelevanceMin: 3 },
};

test('default Settings: every generated row scores, segments and places the same in SQL and in the custom functions', async () => {
  await fc.assert(
    fc.asyncProperty(table, (rows) => agree(rows, DEFAULT_RULES)),
    { numRuns: 80 },
  );
});

test('changed Settings: the SQL follows the same Settings the formulas read', async () => {
  await fc.assert(
    fc.asyncProperty(table, (rows) => agree(rows, CHANGED)),
    { numRuns: 80 },
  );
});

test('the spreadsheet locale: dates typed as text read the same in SQL as in the sheet (en_US, en_GB, de_DE)', async () => {
  await fc.assert(
    fc.asyncProperty(table, fc.constantFrom('en_US', 'en_GB', 'de_DE'), (rows, locale) =>
      agree(rows, DEFAULT_RULES, locale),
    ),
    { numRuns: 60 },
  );
});

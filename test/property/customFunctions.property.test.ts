// Property-based checks of the custom functions (src/customFunctions, the code the bundle runs): whatever
// a column holds, a column call returns one row per input row down to the last row with data (Sheets passes
// `D2:D` to the grid's end; docs/google-fidelity.md) and never throws; the score only moves the
// right way with deals and NPS; the tier always matches the score's band (spec §2).
import fc from 'fast-check';
import { DEFAULT_RULES } from '../../src/core/rules';
import type { Arg } from '../../src/customFunctions/columns';
import { partnerHealth, partnerTier } from '../../src/customFunctions/health';
import { nextTouch } from '../../src/customFunctions/nextTouch';
import { quadrantColumn } from '../../src/customFunctions/quadrant';
import { segmentColumn } from '../../src/customFunctions/segment';
import { at } from '../calendars';
import { columns, validHealthRow } from './arbitraries';

const rules = DEFAULT_RULES;
const now = new Date(2026, 11, 1, 9, 30);
const RUNS = { numRuns: 100 };

const FUNCTIONS: [string, number, (args: Arg[]) => unknown][] = [
  ['PARTNER_HEALTH', 5, (args) => partnerHealth(args, at(now, rules))],
  ['PARTNER_TIER', 1, (args) => partnerTier(args, rules)],
  ['SEGMENT', 4, (args) => segmentColumn(args, at(now, rules))],
  ['PARTNER_QUADRANT', 2, (args) => quadrantColumn(args, rules)],
  ['NEXT_TOUCH', 2, (args) => nextTouch(args, at(now, rules))],
];

/** Rows down to the last one with a non-blank cell in any column (at least one). */
function usedRows(cols: unknown[][][]): number {
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  let used = cols[0].length;
  while (used > 1 && cols.every((col) => blank(col[used - 1]?.[0]))) used--;
  return used;
}

test.each(FUNCTIONS)(
  '%s: any mix of numbers, text, blanks, dates, booleans and error values gives one cell per row down to the last row with data, never a throw',
  (_name, width, call) => {
    fc.assert(
      fc.property(columns(width), (cols) => {
        const out = call(cols as Arg[]);
        expect(Array.isArray(out)).toBe(true);
        const rows = out as unknown[][];
        expect(rows).toHaveLength(usedRows(cols as unknown[][][]));
        for (const row of rows) {
          expect(row).toHaveLength(1);
          expect(
            ['string', 'number'].includes(typeof row[0]) || Object.prototype.toString.call(row[0]) === '[object Date]',
          ).toBe(true);
        }
      }),
      RUNS,
    );
  },
);

const health = (r: { growth: unknown; deals: unknown; engagement: unknown; nps: unknown; fit: unknown }) =>
  partnerHealth([r.growth, r.deals, r.engagement, r.nps, r.fit] as Arg[], at(now, rules));

test('more deals never lower a score', () => {
  fc.assert(
    fc.property(
      validHealthRow,
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 1, max: 30 }),
      (row, deals, more) => {
        const before = health({ ...row, deals });
        const after = health({ ...row, deals: deals + more });
        if (typeof before === 'number') expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBe(before); // Unknown stays Unknown: the same inputs are present
      },
    ),
    RUNS,
  );
});

test('a higher NPS never lowers a score', () => {
  fc.assert(
    fc.property(
      validHealthRow,
      fc.integer({ min: -100, max: 99 }),
      fc.integer({ min: 1, max: 200 }),
      (row, nps, more) => {
        const before = health({ ...row, nps });
        const after = health({ ...row, nps: Math.min(100, nps + more) });
        if (typeof before === 'number') expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBe(before);
      },
    ),
    RUNS,
  );
});

/** Spec §2's bands, written out here rather than taken from the code under test. */
function specTier(score: number | string): string {
  if (score === '') return '';
  if (score === 'Unknown') return 'Unknown';
  const s = score as number;
  return s >= 80 ? 'Champion' : s >= 60 ? 'Healthy' : s >= 40 ? 'At-risk' : s >= 20 ? 'Critical' : 'Churning';
}

test('PARTNER_TIER of the PARTNER_HEALTH column always agrees with the score, row by row', () => {
  fc.assert(
    fc.property(fc.array(validHealthRow, { minLength: 1, maxLength: 30 }), (rows) => {
      const col = (key: keyof (typeof rows)[number]) => rows.map((r) => [r[key]]) as Arg;
      const scores = partnerHealth(
        [col('growth'), col('deals'), col('engagement'), col('nps'), col('fit')],
        at(now, rules),
      ) as (number | string)[][];
      const tiers = partnerTier([scores as Arg], rules) as string[][];
      scores.forEach(([score], i) => {
        expect(
          typeof score === 'number'
            ? score >= 0 && score <= 100 && Number.isInteger(score)
            : ['Unknown', ''].includes(score),
        ).toBe(true);
        expect(tiers[i][0]).toBe(specTier(score));
      });
    }),
    RUNS,
  );
});

test('any score 0–100 typed into PARTNER_TIER lands in its band', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100 }), (score) => {
      expect(partnerTier([score], rules)).toBe(specTier(score));
    }),
  );
});

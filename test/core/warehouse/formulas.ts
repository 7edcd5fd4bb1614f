// What the sheet's custom functions give for warehouse rows: the rows laid out as the partner sheet's
// columns and passed, whole columns at a time, to the same functions the bundle's PARTNER_HEALTH,
// PARTNER_TIER, SEGMENT, PARTNER_QUADRANT and NEXT_TOUCH call (src/customFunctions).
import { dayOfIso, isoOfDay } from '../../../src/core/reading/calendar';
import {
  type CellValue,
  growthFromRevenue,
  isBlank,
  readDeals,
  readEngagement,
  readFit,
  readGrowth,
  readLeads,
  readNps,
  readRelevance,
  readRevenue,
} from '../../../src/core/reading/cells';
import type { Rules } from '../../../src/core/rules';
import type { Arg } from '../../../src/customFunctions/columns';
import { partnerHealth, partnerTier } from '../../../src/customFunctions/health';
import { NEVER_CONTACTED, nextTouch } from '../../../src/customFunctions/nextTouch';
import { quadrantColumn } from '../../../src/customFunctions/quadrant';
import { segmentColumn } from '../../../src/customFunctions/segment';
import { at, calendarIn, NEW_YORK } from '../../calendars';
import type { WarehouseRow } from './duckdb';

export interface RuleResults {
  health: number | null;
  tier: string | null;
  segment: string | null;
  quadrant: string | null;
  next_touch: string | null;
  problems: string | null;
}

const cell = (v: unknown): CellValue => (v === null || v === undefined ? '' : (v as CellValue));
/** A DATE as a date cell of a New York spreadsheet: 00:00 of that day there, as Sheets hands it over. */
const dateCell = (v: unknown): CellValue =>
  v === null || v === undefined ? '' : NEW_YORK.dateOf(dayOfIso(String(v)) as number);

function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function problemOf(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The sheet a warehouse row stands for (spec §13): growth is the growth column, else computed from the two
 * revenues as spec §1 says (no last-year revenue and some this year is "growing fast": a growth no cell can
 * hold, so the largest number stands in for it); engagement is the label, else the date of last portal
 * activity as a date cell, else the login count.
 */
export function sheetCells(
  row: WarehouseRow,
): Record<
  'revenue' | 'growth' | 'deals' | 'leads' | 'engagement' | 'nps' | 'fit' | 'relevance' | 'lastContact',
  CellValue
> {
  let growth: CellValue = cell(row.growth);
  if (row.growth === null || row.growth === undefined) {
    const derived = growthFromRevenue(
      orNull(() => readRevenue(cell(row.revenue))),
      orNull(() => readRevenue(cell(row.revenue_last_year))),
    );
    growth = derived === null ? '' : derived === Infinity ? Number.MAX_VALUE : derived;
  }
  const engagement = !isBlank(cell(row.engagement))
    ? cell(row.engagement)
    : row.last_portal_activity !== null && row.last_portal_activity !== undefined
      ? dateCell(row.last_portal_activity)
      : cell(row.portal_logins);
  return {
    revenue: cell(row.revenue),
    growth,
    deals: cell(row.deals),
    leads: cell(row.leads),
    engagement,
    nps: cell(row.nps),
    fit: cell(row.fit),
    relevance: cell(row.relevance),
    lastContact: dateCell(row.last_contact),
  };
}

const fromCell = (v: unknown): string | number | null => {
  // A column formula's result stops at the last row with data (docs/google-fidelity.md): rows past it are blank.
  if (v === undefined || v === '' || v === NEVER_CONTACTED) return null;
  if (typeof v === 'string' && v.startsWith('Error: ')) return null;
  if (Object.prototype.toString.call(v) === '[object Date]') return isoOfDay(NEW_YORK.dayOf(v as Date));
  return v as string | number;
};

/**
 * Each row's results as the custom functions compute them, on the evaluation day `asOf` (YYYY-MM-DD), in a New
 * York spreadsheet of `locale` (how a date typed as text reads).
 */
export function formulaResults(rows: WarehouseRow[], asOf: string, rules: Rules, locale = 'en_US'): RuleResults[] {
  const calendar = calendarIn('America/New_York', locale);
  const now = new Date(calendar.dateOf(dayOfIso(asOf) as number).getTime() + 9.5 * 3600_000);
  const context = at(now, rules, calendar);
  const today = context.today;
  const sheet = rows.map(sheetCells);
  const col = (k: keyof ReturnType<typeof sheetCells>): Arg => sheet.map((r) => [r[k]]);
  // A column formula's result stops at the last row with data (docs/google-fidelity.md); the cells below it are
  // blank, and a formula reading that column gets them as "" (a range reaches the end of the grid).
  const column = (out: unknown): unknown[] => {
    const cells = (out as unknown[][]).map((r) => r[0]);
    while (cells.length < rows.length) cells.push('');
    return cells;
  };
  const health = column(
    partnerHealth([col('growth'), col('deals'), col('engagement'), col('nps'), col('fit')], context),
  );
  const tier = column(partnerTier([health.map((h) => [h]) as Arg], rules));
  const segment = column(segmentColumn([col('revenue'), col('growth'), col('deals'), col('engagement')], context));
  const quadrant = column(quadrantColumn([col('leads'), col('relevance')], rules));
  const touch = column(nextTouch([segment.map((s) => [s]) as Arg, col('lastContact')], context));
  return rows.map((row, i) => {
    const s = sheet[i];
    const problems = [
      problemOf(() => readRevenue(s.revenue)),
      problemOf(() => readRevenue(cell(row.revenue_last_year), 'Revenue last year')),
      problemOf(() => readGrowth(cell(row.growth))),
      problemOf(() => readDeals(s.deals)),
      problemOf(() => readLeads(s.leads)),
      problemOf(() => readEngagement(s.engagement, today, rules, calendar)),
      problemOf(() => readNps(s.nps)),
      problemOf(() => readFit(s.fit)),
      problemOf(() => readRelevance(s.relevance, rules)),
    ].filter((p): p is string => p !== null);
    return {
      // §13: health is NULL when the score is Unknown (the tier says Unknown).
      health: health[i] === 'Unknown' ? null : (fromCell(health[i]) as number | null),
      tier: fromCell(tier[i]) as string | null,
      segment: fromCell(segment[i]) as string | null,
      quadrant: fromCell(quadrant[i]) as string | null,
      next_touch: fromCell(touch[i]) as string | null,
      problems: problems.length ? problems.join('; ') : null,
    };
  });
}

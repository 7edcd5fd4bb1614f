import { CellValue, growthFromRevenue, isBlank, readDate, readDeals, readEmail, readEngagement, readFit, readGrowth, readLeads, readNps, readRelevance, readRevenue } from './cells';
import { DayNumber, SheetCalendar } from './calendar';
import { EngagementLevel, Fit, Rules } from './rules';

/** The fields of the partner sheet (spec §1), found by header text rather than position. */
export type Field =
  | 'partner' | 'owner' | 'revenue' | 'revenueLastYear' | 'growth' | 'deals' | 'leads' | 'engagement' | 'nps'
  | 'fit' | 'relevance' | 'lastContact' | 'lastQbr' | 'nextQbr' | 'signed' | 'firstDeal' | 'contactEmail'
  | 'health' | 'tier' | 'segment' | 'quadrant' | 'nextTouch' | 'snoozeUntil';

/** Header aliases (spec §1) plus the columns PartnerPulse's formulas fill in. */
export const DEFAULT_ALIASES: Record<Field, string[]> = {
  partner: ['Partner', 'Partner name', 'Name', 'Company'],
  owner: ['Owner', 'Partner manager', 'PM', 'Owner email'],
  revenue: ['Revenue', 'Quarterly revenue', 'Revenue this quarter'],
  revenueLastYear: ['Revenue last year', 'Revenue same quarter last year', 'Prior year revenue'],
  growth: ['Growth', 'YoY growth', 'Revenue growth'],
  deals: ['Deals', 'Deals registered', 'Deals this quarter'],
  leads: ['Leads', 'Leads submitted'],
  engagement: ['Engagement', 'Portal activity', 'Last portal activity', 'Portal logins'],
  nps: ['NPS', 'Partner NPS'],
  fit: ['Strategic fit', 'Fit', 'Alignment'],
  relevance: ['Market relevance', 'Relevance'],
  lastContact: ['Last contact', 'Last touch', 'Last touchpoint'],
  lastQbr: ['Last QBR'],
  nextQbr: ['Next QBR'],
  signed: ['Signed', 'Signed date', 'Joined'],
  firstDeal: ['First deal', 'First deal date'],
  contactEmail: ['Partner contact', 'Contact email'],
  health: ['Health', 'Health score', 'Partner health'],
  tier: ['Tier', 'Health tier'],
  segment: ['Segment'],
  quadrant: ['Quadrant', 'Matrix quadrant'],
  nextTouch: ['Next touch', 'Next touch due'],
  snoozeUntil: ['Snooze until', 'Snoozed until'],
};

/** Header text as compared: case, spaces, `_`, `-` and `()` do not matter (spec §1). */
export function normalizeHeader(text: unknown): string {
  return String(text ?? '').toLowerCase().replace(/[\s_\-()]/g, '');
}

export type ColumnMap = Partial<Record<Field, number>>;

/** Which column holds which field; the first matching header wins. */
export function mapColumns(headers: readonly CellValue[], aliases: Record<Field, string[]> = DEFAULT_ALIASES): ColumnMap {
  const byHeader = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (key && !byHeader.has(key)) byHeader.set(key, i);
  });
  const map: ColumnMap = {};
  for (const field of Object.keys(aliases) as Field[]) {
    for (const alias of aliases[field]) {
      const col = byHeader.get(normalizeHeader(alias));
      if (col !== undefined) {
        map[field] = col;
        break;
      }
    }
  }
  return map;
}

/** One partner row as read: typed values, and the problems found, each naming field and value. */
export interface PartnerRecord {
  /** 0-based index among the data rows (sheet row = index + 2 under one header row). */
  index: number;
  name: string;
  owner: string | null;
  ownerProblem: string | null;
  revenue: number | null;
  /** Revenue last year, when the sheet has that column (the program metrics' retention reads it). */
  revenueLastYear?: number | null;
  growth: number | null;
  deals: number | null;
  leads: number | null;
  engagement: EngagementLevel | null;
  nps: number | null;
  fit: Fit | null;
  relevance: boolean | null;
  lastContact: DayNumber | null;
  lastQbr: DayNumber | null;
  nextQbr: DayNumber | null;
  signed: DayNumber | null;
  firstDeal: DayNumber | null;
  contactEmail: string | null;
  /** Touch and QBR-overdue alerts are held until this day (the `Snooze until` column). */
  snoozeUntil: DayNumber | null;
  /**
   * A row with data but no partner name. It still counts where partners are ranked (as the SEGMENT formula
   * counts it), but it gets no fill, no alerts and no history: there is no partner to tell anyone about.
   */
  unnamed?: true;
  /** Problems with the row's inputs ("NPS 140 is outside −100…100"); a field with a problem reads as blank. */
  problems: string[];
}

/** Reads a field, turning a bad value into a problem on the record and a blank value. */
function attempt<T>(problems: string[], read: () => T | null): T | null {
  try {
    return read();
  } catch (error) {
    problems.push((error as Error).message);
    return null;
  }
}

/**
 * The partner rows under the header row, typed. Rows with no partner name and nothing else are the empty
 * rows below the table and are skipped; `index` keeps each record's place so writes land on the right row.
 */
export function readPartnerRows(values: CellValue[][], columns: ColumnMap, today: DayNumber, rules: Rules, calendar: SheetCalendar): PartnerRecord[] {
  const records: PartnerRecord[] = [];
  const at = (row: CellValue[], field: Field): CellValue => (columns[field] === undefined ? '' : row[columns[field] as number]);
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    const name = String(at(row, 'partner') ?? '').trim();
    if (!name && row.every((cell) => isBlank(cell))) continue;
    const problems: string[] = [];
    const revenue = attempt(problems, () => readRevenue(at(row, 'revenue')));
    const revenueLastYear = attempt(problems, () => readRevenue(at(row, 'revenueLastYear'), 'Revenue last year'));
    const growth = columns.growth !== undefined
      ? attempt(problems, () => readGrowth(at(row, 'growth')))
      : growthFromRevenue(revenue, revenueLastYear);
    let ownerProblem: string | null = null;
    const owner = attempt([], () => readEmail(at(row, 'owner'), 'Owner'));
    if (owner === null) {
      const raw = at(row, 'owner');
      ownerProblem = isBlank(raw) ? 'no owner assigned' : `Owner "${String(raw)}" is not an e-mail address`;
    }
    records.push({
      index: i,
      name: name || `(row ${i + 2}, no partner name)`,
      ...(name ? {} : { unnamed: true as const }),
      owner,
      ownerProblem,
      revenue,
      revenueLastYear,
      growth,
      deals: attempt(problems, () => readDeals(at(row, 'deals'))),
      leads: attempt(problems, () => readLeads(at(row, 'leads'))),
      engagement: attempt(problems, () => readEngagement(at(row, 'engagement'), today, rules, calendar)),
      nps: attempt(problems, () => readNps(at(row, 'nps'))),
      fit: attempt(problems, () => readFit(at(row, 'fit'))),
      relevance: attempt(problems, () => readRelevance(at(row, 'relevance'), rules)),
      lastContact: attempt(problems, () => readDate(at(row, 'lastContact'), 'Last contact', calendar)),
      lastQbr: attempt(problems, () => readDate(at(row, 'lastQbr'), 'Last QBR', calendar)),
      nextQbr: attempt(problems, () => readDate(at(row, 'nextQbr'), 'Next QBR', calendar)),
      signed: attempt(problems, () => readDate(at(row, 'signed'), 'Signed', calendar)),
      firstDeal: attempt(problems, () => readDate(at(row, 'firstDeal'), 'First deal', calendar)),
      contactEmail: attempt(problems, () => readEmail(at(row, 'contactEmail'), 'Partner contact')),
      snoozeUntil: attempt(problems, () => readDate(at(row, 'snoozeUntil'), 'Snooze until', calendar)),
      problems,
    });
  }
  return records;
}

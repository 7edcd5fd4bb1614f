import { readContactCount } from '../journey/risks';
import type { EngagementLevel, Fit, Rules } from '../rules';
import type { DayNumber, SheetCalendar } from './calendar';
import {
  type CellValue,
  growthFromRevenue,
  isBlank,
  isEmail,
  readDate,
  readDeals,
  readEmail,
  readEngagement,
  readFit,
  readGrowth,
  readLeads,
  readNps,
  readRelevance,
  readRevenue,
} from './cells';

/** The fields of the partner sheet (docs/rules.md §1), found by header text rather than position. */
export type Field =
  | 'partner'
  | 'owner'
  | 'revenue'
  | 'revenueLastYear'
  | 'growth'
  | 'deals'
  | 'leads'
  | 'engagement'
  | 'nps'
  | 'fit'
  | 'relevance'
  | 'lastContact'
  | 'lastQbr'
  | 'nextQbr'
  | 'signed'
  | 'firstDeal'
  | 'contactEmail'
  | 'health'
  | 'tier'
  | 'segment'
  | 'quadrant'
  | 'nextTouch'
  | 'snoozeUntil'
  | 'stage'
  | 'recruitingSince'
  | 'partnerContacts'
  | 'executiveSponsor'
  | 'npsDate';

/** Header aliases (docs/rules.md §1) plus the columns PartnerPulse's formulas fill in. */
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
  // Optional columns of the partner journey (docs/rules.md §9, §12; docs/journey.md).
  stage: ['Stage', 'Lifecycle stage'],
  recruitingSince: ['Recruiting since', 'Prospect since'],
  partnerContacts: ['Partner contacts', 'Contacts'],
  executiveSponsor: ['Executive sponsor', 'Exec sponsor'],
  npsDate: ['NPS date', 'NPS surveyed', 'Last NPS survey'],
};

/** Header text as compared: case, spaces, `_`, `-` and `()` do not matter (docs/rules.md §1). */
export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/[\s_\-()]/g, '');
}

export type ColumnMap = Partial<Record<Field, number>>;

/**
 * A header without its bracketed remarks, as compared: `Next QBR (planned)` → `nextqbr`, `Revenue [USD]` →
 * `revenue`. A header that is only a remark stays as it is.
 */
export function headerWithoutRemarks(text: unknown): string {
  const stripped = normalizeHeader(String(text ?? '').replace(/\([^)]*\)|\[[^\]]*\]/g, ''));
  return stripped || normalizeHeader(text);
}

/**
 * Which column holds which field; the first matching header wins. A header that matches no alias as written
 * but does once its bracketed remark is dropped (`Next QBR (planned)`) is read for a field not found otherwise;
 * the header check names it (docs/alerts-and-data-problems.md).
 */
export function mapColumns(
  headers: readonly CellValue[],
  aliases: Record<Field, string[]> = DEFAULT_ALIASES,
): ColumnMap {
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
  const taken = new Set(Object.values(map));
  const known = new Set(Object.values(aliases).flat().map(normalizeHeader));
  const byRemarkless = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerWithoutRemarks(h);
    if (taken.has(i) || known.has(normalizeHeader(h)) || !key || byRemarkless.has(key)) return;
    byRemarkless.set(key, i);
  });
  for (const field of Object.keys(aliases) as Field[]) {
    if (map[field] !== undefined) continue;
    for (const alias of aliases[field]) {
      const col = byRemarkless.get(normalizeHeader(alias));
      if (col !== undefined && !taken.has(col)) {
        map[field] = col;
        taken.add(col);
        break;
      }
    }
  }
  return map;
}

/** Rows the content checks look at: the first this many non-empty data rows. */
export const SAMPLE_ROWS = 200;

/** How many of the sampled non-blank cells of a column are e-mail addresses, and how many are not. */
export function emailCounts(
  rows: readonly CellValue[][],
  column: number,
): { emails: number; others: number; example: string | null } {
  let emails = 0;
  let others = 0;
  let example: string | null = null;
  for (const row of rows.slice(0, SAMPLE_ROWS)) {
    const v = row[column];
    if (isBlank(v)) continue;
    if (typeof v === 'string' && isEmail(v)) emails++;
    else {
      others++;
      example ??= String(v);
    }
  }
  return { emails, others, example };
}

/**
 * The owner column chosen by what it holds: of the columns whose header is an owner alias or names an owner
 * (`Owner`, `Owner email`, `Partner manager e-mail`), the one with the most e-mail addresses. So with both
 * `Owner` (names) and `Owner email`, the addresses are read; with no addresses anywhere, the alias order holds.
 */
export function ownerColumn(
  headers: readonly CellValue[],
  rows: readonly CellValue[][],
  columns: ColumnMap,
  aliases: Record<Field, string[]> = DEFAULT_ALIASES,
): number | undefined {
  const ownerAliases = new Set(aliases.owner.map(normalizeHeader));
  const otherColumns = new Set(
    Object.entries(columns)
      .filter(([f]) => f !== 'owner')
      .map(([, c]) => c),
  );
  const candidates = headers
    .map((h, i) => ({ i, key: headerWithoutRemarks(h) }))
    .filter(
      ({ i, key }) =>
        !otherColumns.has(i) &&
        (ownerAliases.has(key) || ownerAliases.has(normalizeHeader(headers[i])) || /owner|manager/.test(key)),
    );
  let best = columns.owner;
  let bestEmails = best === undefined ? 0 : emailCounts(rows, best).emails;
  for (const { i } of candidates) {
    const { emails } = emailCounts(rows, i);
    if (emails > bestEmails) {
      best = i;
      bestEmails = emails;
    }
  }
  return best;
}

/** The partner sheet's columns: by header (mapColumns), the owner by content (ownerColumn). */
export function mapPartnerColumns(
  headers: readonly CellValue[],
  rows: readonly CellValue[][],
  aliases: Record<Field, string[]> = DEFAULT_ALIASES,
): ColumnMap {
  const columns = mapColumns(headers, aliases);
  const owner = ownerColumn(headers, rows, columns, aliases);
  return owner === undefined ? columns : { ...columns, owner };
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
  /** The optional journey columns (docs/rules.md §9, §12); undefined when the sheet lacks the column. */
  recruitingSince?: DayNumber | null;
  /** Contacts at the partner: the count, or how many names the cell lists. */
  partnerContacts?: number | null;
  executiveSponsor?: string | null;
  npsDate?: DayNumber | null;
  /**
   * A row with data but no partner name. It still counts where partners are ranked (as the SEGMENT formula
   * counts it), but it gets no fill, no alerts and no history: there is no partner to tell anyone about.
   */
  unnamed?: true;
  /** Problems with the row's inputs ("NPS 140 is outside −100…100"); a field with a problem reads as blank. */
  problems: string[];
  /** The same problems with the field, the value as read and its column (0-based), for links to the cell. */
  inputProblems?: InputProblem[];
}

/** An input that could not be read: which field, what the cell held, where, and the message saying what is allowed. */
export interface InputProblem {
  field: Field;
  value: CellValue;
  /** 0-based column of the cell on the partner sheet. */
  column: number;
  message: string;
}

/** Reads a field, turning a bad value into a problem on the record and a blank value. */
function attempt<T>(
  problems: string[],
  read: () => T | null,
  where?: { field: Field; columns: ColumnMap; row: CellValue[]; found: InputProblem[] },
): T | null {
  try {
    return read();
  } catch (error) {
    problems.push((error as Error).message);
    if (where && where.columns[where.field] !== undefined) {
      const column = where.columns[where.field] as number;
      where.found.push({ field: where.field, value: where.row[column], column, message: (error as Error).message });
    }
    return null;
  }
}

/** The column letters of a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The partner rows under the header row, typed. Rows with no partner name and nothing else are the empty
 * rows below the table and are skipped; `index` keeps each record's place so writes land on the right row.
 */
export function readPartnerRows(
  values: CellValue[][],
  columns: ColumnMap,
  today: DayNumber,
  rules: Rules,
  calendar: SheetCalendar,
): PartnerRecord[] {
  const records: PartnerRecord[] = [];
  const at = (row: CellValue[], field: Field): CellValue =>
    columns[field] === undefined ? '' : row[columns[field] as number];
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    const name = String(at(row, 'partner') ?? '').trim();
    if (!name && row.every((cell) => isBlank(cell))) continue;
    const problems: string[] = [];
    const found: InputProblem[] = [];
    const on = (field: Field) => ({ field, columns, row, found });
    const revenue = attempt(problems, () => readRevenue(at(row, 'revenue')), on('revenue'));
    const revenueLastYear = attempt(
      problems,
      () => readRevenue(at(row, 'revenueLastYear'), 'Revenue last year'),
      on('revenueLastYear'),
    );
    const growth =
      columns.growth !== undefined
        ? attempt(problems, () => readGrowth(at(row, 'growth')), on('growth'))
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
      deals: attempt(problems, () => readDeals(at(row, 'deals')), on('deals')),
      leads: attempt(problems, () => readLeads(at(row, 'leads')), on('leads')),
      engagement: attempt(
        problems,
        () => readEngagement(at(row, 'engagement'), today, rules, calendar),
        on('engagement'),
      ),
      nps: attempt(problems, () => readNps(at(row, 'nps')), on('nps')),
      fit: attempt(problems, () => readFit(at(row, 'fit')), on('fit')),
      relevance: attempt(problems, () => readRelevance(at(row, 'relevance'), rules), on('relevance')),
      lastContact: attempt(
        problems,
        () => readDate(at(row, 'lastContact'), 'Last contact', calendar),
        on('lastContact'),
      ),
      lastQbr: attempt(problems, () => readDate(at(row, 'lastQbr'), 'Last QBR', calendar), on('lastQbr')),
      nextQbr: attempt(problems, () => readDate(at(row, 'nextQbr'), 'Next QBR', calendar), on('nextQbr')),
      signed: attempt(problems, () => readDate(at(row, 'signed'), 'Signed', calendar), on('signed')),
      firstDeal: attempt(problems, () => readDate(at(row, 'firstDeal'), 'First deal', calendar), on('firstDeal')),
      contactEmail: attempt(problems, () => readEmail(at(row, 'contactEmail'), 'Partner contact'), on('contactEmail')),
      snoozeUntil: attempt(
        problems,
        () => readDate(at(row, 'snoozeUntil'), 'Snooze until', calendar),
        on('snoozeUntil'),
      ),
      ...(columns.recruitingSince === undefined
        ? {}
        : {
            recruitingSince: attempt(
              problems,
              () => readDate(at(row, 'recruitingSince'), 'Recruiting since', calendar),
              on('recruitingSince'),
            ),
          }),
      ...(columns.partnerContacts === undefined
        ? {}
        : {
            partnerContacts: attempt(
              problems,
              () => readContactCount(at(row, 'partnerContacts')),
              on('partnerContacts'),
            ),
          }),
      ...(columns.executiveSponsor === undefined
        ? {}
        : {
            executiveSponsor: isBlank(at(row, 'executiveSponsor')) ? null : String(at(row, 'executiveSponsor')).trim(),
          }),
      ...(columns.npsDate === undefined
        ? {}
        : { npsDate: attempt(problems, () => readDate(at(row, 'npsDate'), 'NPS date', calendar), on('npsDate')) }),
      problems,
      inputProblems: found,
    });
  }
  return records;
}

/**
 * A short fingerprint of a row's values (FNV-1a over their text; dates by their instant), so a sidebar action
 * can tell whether the row it is about still holds what the sidebar showed.
 */
export function rowFingerprint(row: readonly CellValue[]): string {
  const text = JSON.stringify(
    row.map((v) =>
      v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'
        ? `d${(v as Date).getTime()}`
        : (v ?? ''),
    ),
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}.${text.length}`;
}

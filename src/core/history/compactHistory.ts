import type { HealthSnapshot } from '../alerts/alerts';
import { quarterIndex, quarterKey } from '../qbr/meeting';
import { type DayNumber, dayOfIso, isoOfDay, type SheetCalendar } from '../reading/calendar';
import type { CellValue } from '../reading/cells';
import { historyFromRows } from './scoreChange';

/**
 * The Health history in the compact layout of docs/limits.md: one row per partner, one character per day.
 *
 * | Partner | Scores 2026-11 | Scores 2026-12 | Earlier scores | Quarter snapshots (latest 2026-Q4) |
 *
 * A month cell holds one character per day of that month, day 1 first: a score s (0–100) is the character
 * U+00C0 + s (so `=UNICODE(MID(C2, 5, 1)) - 192` is the score on the 5th), `?` is a score of Unknown and `.`
 * a day without a daily run. "Earlier scores" holds the older months as `YYYY-MM:chars` separated by spaces,
 * up to MONTHS_KEPT months in all; "Quarter snapshots" holds each partner's tier, segment and quadrant at the
 * first daily run of each quarter (docs/rules.md §11) as `YYYY-Qn=Tier/Segment/Quadrant` separated by `;`, up to
 * QUARTERS_KEPT quarters. The daily job reads the first three columns (and "Earlier scores" only when the
 * health-drop window reaches back past last month) and writes the current month's column: one cell per
 * partner, where the old layout added five cells per partner per day.
 */
export const MONTHS_KEPT = 13;
export const QUARTERS_KEPT = 5;
export const NO_RUN = '.';
export const UNKNOWN_SCORE = '?';
const SCORE_BASE = 0xc0;

export const HISTORY_PARTNER_HEADER = 'Partner';
export const EARLIER_HEADER = 'Earlier scores';
const QUARTERS_HEADER = 'Quarter snapshots';
export const HISTORY_COLUMNS = 5;

export type MonthKey = string;

export const monthHeader = (month: MonthKey) => `Scores ${month}`;
export const quartersHeader = (latest: string | null) =>
  latest ? `${QUARTERS_HEADER} (latest ${latest})` : QUARTERS_HEADER;

/** The day's character: a score, Unknown, or no score. */
export function scoreChar(score: number | 'Unknown' | null | undefined): string {
  if (typeof score === 'number' && Number.isFinite(score))
    return String.fromCharCode(SCORE_BASE + Math.max(0, Math.min(100, Math.round(score))));
  return score === 'Unknown' ? UNKNOWN_SCORE : NO_RUN;
}

/** The score a character stands for; null for a day without one. */
export function charScore(ch: string | undefined): number | 'Unknown' | null {
  if (ch === undefined || ch === NO_RUN || ch === '') return null;
  if (ch === UNKNOWN_SCORE) return 'Unknown';
  const s = ch.charCodeAt(0) - SCORE_BASE;
  return s >= 0 && s <= 100 ? s : null;
}

export function monthOfDay(day: DayNumber): MonthKey {
  return isoOfDay(day).slice(0, 7);
}

export function firstDayOfMonth(month: MonthKey): DayNumber {
  return dayOfIso(`${month}-01`) as DayNumber;
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${year}-${String(mm + 1).padStart(2, '0')}`;
}

const MONTH_RE = /^\d{4}-\d{2}$/;

export interface QuarterSnapshot {
  tier: string;
  segment: string;
  quadrant: string;
}

/** One partner's stored history: scores by month, and the quarter snapshots. */
export interface PartnerHistory {
  name: string;
  months: Map<MonthKey, string>;
  quarters: Map<string, QuarterSnapshot>;
}

export const historyKey = (partner: string) => partner.trim().toLowerCase();

export function parseEarlier(text: string): Map<MonthKey, string> {
  const out = new Map<MonthKey, string>();
  for (const part of text.split(' ')) {
    const i = part.indexOf(':');
    if (i > 0 && MONTH_RE.test(part.slice(0, i))) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

export function parseQuarters(text: string): Map<string, QuarterSnapshot> {
  const out = new Map<string, QuarterSnapshot>();
  for (const part of text.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || quarterIndex(key.trim()) === null) continue;
    const [tier = '', segment = '', quadrant = ''] = value.split('/');
    out.set(key.trim(), { tier, segment, quadrant });
  }
  return out;
}

export function formatQuarters(quarters: Map<string, QuarterSnapshot>): string {
  return [...quarters]
    .sort((a, b) => (quarterIndex(b[0]) ?? 0) - (quarterIndex(a[0]) ?? 0))
    .map(([k, q]) => `${k}=${q.tier}/${q.segment}/${q.quadrant}`)
    .join(';');
}

/** What a header row says: where each column is, and which months the two month columns hold. */
export interface HistoryHeader {
  partner: number;
  /** Month columns by month ("2026-12" → column index). */
  monthColumns: Map<MonthKey, number>;
  earlier: number;
  quarters: number;
  /** The latest quarter with a snapshot, from the Quarter snapshots header. */
  latestQuarter: string | null;
}

/** The compact layout's header, or null when the row is not one (the old Date/Partner/Score layout, say). */
export function parseHistoryHeader(row: readonly CellValue[]): HistoryHeader | null {
  const text = row.map((c) => String(c ?? '').trim());
  const partner = text.indexOf(HISTORY_PARTNER_HEADER);
  if (partner < 0 || text.includes('Date')) return null;
  const monthColumns = new Map<MonthKey, number>();
  let quarters = -1;
  let latestQuarter: string | null = null;
  text.forEach((t, i) => {
    const m = /^Scores (\d{4}-\d{2})$/.exec(t);
    if (m) monthColumns.set(m[1], i);
    if (t.startsWith(QUARTERS_HEADER)) {
      quarters = i;
      latestQuarter = /\(latest (\d{4}-Q[1-4])\)/.exec(t)?.[1] ?? null;
    }
  });
  return { partner, monthColumns, earlier: text.indexOf(EARLIER_HEADER), quarters, latestQuarter };
}

/**
 * Partners' histories from rows under a compact header (any subset of its columns), in row order. With
 * `keepPlaces`, a row without a partner name is kept too (name '', its cells as they are) so entry i stays
 * sheet row i + 2 and a write of the month's column gives it back what it held.
 */
export function historiesFromRows(
  header: HistoryHeader,
  rows: readonly CellValue[][],
  keepPlaces = false,
): PartnerHistory[] {
  const out: PartnerHistory[] = [];
  for (const row of rows) {
    const name = String(row[header.partner] ?? '').trim();
    if (!name && !keepPlaces) continue;
    const earlier = header.earlier >= 0 && header.earlier < row.length ? String(row[header.earlier] ?? '') : '';
    const months = earlier ? parseEarlier(earlier) : new Map<MonthKey, string>();
    for (const [month, c] of header.monthColumns)
      if (c < row.length && row[c] !== '' && row[c] !== null) months.set(month, String(row[c]));
    const q = header.quarters >= 0 && header.quarters < row.length ? String(row[header.quarters] ?? '') : '';
    out.push({ name, months, quarters: q ? parseQuarters(q) : new Map() });
  }
  return out;
}

/** Old layout (one Date, Partner, Score, Tier, Segment row per partner per day) into histories: every score
 * kept, and each partner's tier and segment on its first day of each quarter as that quarter's snapshot. */
export function historiesFromOldRows(rows: readonly CellValue[][], calendar: SheetCalendar): PartnerHistory[] {
  const byKey = new Map<string, PartnerHistory>();
  const firstOfQuarter = new Map<string, { day: DayNumber; tier: string; segment: string }>();
  for (const row of rows) {
    const [snap] = historyFromRows([row], calendar);
    if (!snap) continue;
    const key = historyKey(snap.partner);
    const h = byKey.get(key) ?? { name: snap.partner.trim(), months: new Map(), quarters: new Map() };
    byKey.set(key, h);
    recordScore(h, snap.day, snap.score);
    const q = `${key}|${quarterKey(snap.day)}`;
    const seen = firstOfQuarter.get(q);
    if (!seen || snap.day < seen.day)
      firstOfQuarter.set(q, { day: snap.day, tier: String(row[3] ?? ''), segment: String(row[4] ?? '') });
  }
  for (const [q, s] of firstOfQuarter) {
    const bar = q.lastIndexOf('|');
    byKey.get(q.slice(0, bar))?.quarters.set(q.slice(bar + 1), { tier: s.tier, segment: s.segment, quadrant: '' });
  }
  return [...byKey.values()];
}

/** Sets the day's score in a partner's history, padding the days before it in the month with "no run". */
export function recordScore(h: PartnerHistory, day: DayNumber, score: number | 'Unknown' | null): void {
  const month = monthOfDay(day);
  const index = day - firstDayOfMonth(month);
  const text = h.months.get(month) ?? '';
  const padded = text.length > index ? text : `${text + NO_RUN.repeat(index - text.length)} `;
  h.months.set(month, padded.slice(0, index) + scoreChar(score) + padded.slice(index + 1));
}

/** The stored character of one day ('' beyond what is stored). */
function charOn(h: PartnerHistory, day: DayNumber): string {
  const month = monthOfDay(day);
  return h.months.get(month)?.[day - firstDayOfMonth(month)] ?? '';
}

/** The score on a day, or null without one. */
export function scoreOn(h: PartnerHistory, day: DayNumber): number | 'Unknown' | null {
  return charScore(charOn(h, day));
}

/** The last day with any stored score (Unknown too), or null. */
export function latestDay(h: PartnerHistory): DayNumber | null {
  let best: DayNumber | null = null;
  for (const [month, text] of h.months) {
    for (let i = text.length - 1; i >= 0; i--) {
      if (charScore(text[i]) === null) continue;
      const day = firstDayOfMonth(month) + i;
      if (best === null || day > best) best = day;
      break;
    }
  }
  return best;
}

/**
 * The numeric score of the latest day on or before `cutoff` that has one, looking back no further than
 * `earliest` (as baselineScores does over snapshots: a missed run still leaves a baseline).
 */
export function numericScoreAtOrBefore(h: PartnerHistory, cutoff: DayNumber, earliest: DayNumber): number | null {
  for (let day = cutoff; day >= earliest; day--) {
    const month = monthOfDay(day);
    const text = h.months.get(month);
    const first = firstDayOfMonth(month);
    if (text === undefined) {
      day = first; // nothing stored that month: skip to the month before
      continue;
    }
    const s = charScore(text[day - first]);
    if (typeof s === 'number') return s;
  }
  return null;
}

/** The earliest day held in any of the histories (where a backward search may stop). */
export function earliestStoredDay(histories: readonly PartnerHistory[]): DayNumber {
  let first: MonthKey | null = null;
  for (const h of histories) for (const m of h.months.keys()) if (first === null || m < first) first = m;
  return first === null ? 0 : firstDayOfMonth(first);
}

/** Each partner's score `daysAgo` days before `today` (keys as historyKey), as the health-drop alert uses it. */
export function baselinesFromHistories(
  histories: readonly PartnerHistory[],
  today: DayNumber,
  daysAgo: number,
): Map<string, number> {
  const earliest = earliestStoredDay(histories);
  const out = new Map<string, number>();
  for (const h of histories) {
    const s = numericScoreAtOrBefore(h, today - daysAgo, earliest);
    if (s !== null) out.set(historyKey(h.name), s);
  }
  return out;
}

/** Snapshots of one partner between two days (inclusive), for the views that take snapshot lists. */
export function snapshotsOf(h: PartnerHistory, from: DayNumber, to: DayNumber): HealthSnapshot[] {
  const out: HealthSnapshot[] = [];
  for (const [month, text] of h.months) {
    const first = firstDayOfMonth(month);
    for (let i = 0; i < text.length; i++) {
      const day = first + i;
      const score = day >= from && day <= to ? charScore(text[i]) : null;
      if (score !== null) out.push({ day, partner: h.name, score });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}

/** Average numeric score per day over all partners, the last `days` days that have scores. */
export function dailyAverages(
  histories: readonly PartnerHistory[],
  days: number,
): { day: DayNumber; average: number; partners: number }[] {
  const sum = new Map<DayNumber, { total: number; n: number }>();
  for (const h of histories) {
    for (const [month, text] of h.months) {
      const first = firstDayOfMonth(month);
      for (let i = 0; i < text.length; i++) {
        const s = charScore(text[i]);
        if (typeof s !== 'number') continue;
        const e = sum.get(first + i) ?? { total: 0, n: 0 };
        e.total += s;
        e.n++;
        sum.set(first + i, e);
      }
    }
  }
  return [...sum]
    .sort((a, b) => a[0] - b[0])
    .slice(-days)
    .map(([day, e]) => ({ day, average: Math.round((e.total / e.n) * 10) / 10, partners: e.n }));
}

/** A partner's change over `daysAgo` days measured back from its own latest day (HEALTH_CHANGE), or null. */
export function changeOverDays(
  h: PartnerHistory,
  daysAgo: number,
): { day: DayNumber; score: number; baseline: number; change: number } | null {
  const latest = latestDay(h);
  if (latest === null) return null;
  const score = scoreOn(h, latest);
  if (typeof score !== 'number') return null;
  let earliest = latest;
  for (const m of h.months.keys()) earliest = Math.min(earliest, firstDayOfMonth(m));
  const baseline = numericScoreAtOrBefore(h, latest - daysAgo, earliest);
  return baseline === null ? null : { day: latest, score, baseline, change: score - baseline };
}

/**
 * The sheet's rows in the compact layout for `month` (the current month): months before last month go into
 * "Earlier scores", months and quarters past their retention are dropped, and so is a partner with nothing
 * left. Returns the header row and the rows.
 */
export function layoutHistory(
  histories: readonly PartnerHistory[],
  month: MonthKey,
  latestQuarter: string | null,
): { header: string[]; rows: string[][] } {
  const previous = addMonths(month, -1);
  const oldestKept = addMonths(month, -(MONTHS_KEPT - 1));
  const header = [
    HISTORY_PARTNER_HEADER,
    monthHeader(previous),
    monthHeader(month),
    EARLIER_HEADER,
    quartersHeader(latestQuarter),
  ];
  const latestIndex = latestQuarter ? (quarterIndex(latestQuarter) as number) : null;
  const rows: string[][] = [];
  for (const h of histories) {
    if (!h.name) continue;
    const earlier = [...h.months]
      .filter(([m, t]) => m >= oldestKept && m < previous && /[^.]/.test(t))
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const quarters = new Map(
      [...h.quarters].filter(
        ([q]) => latestIndex === null || (quarterIndex(q) as number) > latestIndex - QUARTERS_KEPT,
      ),
    );
    const prev = h.months.get(previous) ?? '';
    const now = h.months.get(month) ?? '';
    if (!/[^.]/.test(prev + now) && earlier.length === 0 && quarters.size === 0) continue;
    rows.push([h.name, prev, now, earlier.map(([m, t]) => `${m}:${t}`).join(' '), formatQuarters(quarters)]);
  }
  return { header, rows };
}

/** The old layout's header row (Date, Partner, Score, …), which the first daily run migrates. */
export function isOldHistoryHeader(row: readonly CellValue[]): boolean {
  return String(row[0] ?? '').trim() === 'Date' && String(row[1] ?? '').trim() === 'Partner';
}

import { baselineScores, type HealthSnapshot } from '../alerts/alerts';
import type { DayNumber, SheetCalendar } from '../reading/calendar';
import { DEFAULT_ALIASES } from '../reading/partnerTable';
import { QUADRANTS, type Rules, SEGMENTS, type Segment, TIERS } from '../rules';
import type { PartnerView } from '../scoring/evaluatePartners';
import { type MetricPartner, programMetrics } from './metrics';

export type DashboardCell = string | number | Date;

/** One table of the dashboard, written in one call; `chart` asks for a chart over its first columns. */
export interface DashboardBlock {
  title: string;
  header: string[];
  rows: DashboardCell[][];
  chart?: { type: 'column' | 'pie' | 'bar' | 'line'; title: string; columns: number };
  /** 0-based columns holding fractions, shown as percents. */
  percentColumns?: number[];
}

export function metricPartnerOf(v: PartnerView): MetricPartner {
  const r = v.record;
  return {
    revenue: r.revenue,
    revenueLastYear: r.revenueLastYear ?? null,
    growth: r.growth,
    deals: r.deals,
    nps: r.nps,
    signed: r.signed,
    firstDeal: r.firstDeal,
    segment: v.segment,
    lastQbr: r.lastQbr,
  };
}

function countBy<K extends string>(keys: readonly K[], values: readonly (K | null)[]): [K, number][] {
  return keys.map((k) => [k, values.filter((v) => v === k).length]);
}

export const NO_OWNER = '(no owner)';

export interface OwnerLoad {
  owner: string;
  counts: Record<Segment, number>;
  total: number;
  /** Σ partners / most partners per manager over the segments with a ceiling (1 = exactly full). */
  load: number;
  over: string[];
}

/**
 * Each partner manager's partners per segment against the capacity of docs/rules.md §3. A mixed portfolio is measured
 * as the sum of each segment's share of its ceiling (5 Strategic of 10 + 10 Growth of 25 = 0.9), so an owner
 * is overloaded above 1 even when no single segment is over its ceiling. Segments without a ceiling (At-risk,
 * Long-tail) count in the total but not in the load.
 */
export function ownerLoads(views: readonly PartnerView[], rules: Rules): OwnerLoad[] {
  const byOwner = new Map<string, Record<Segment, number>>();
  for (const v of views) {
    if (v.record.unnamed) continue;
    // Addresses are compared without case, as the digests group them: Ann@x.com and ann@x.com are one owner.
    const owner = (v.record.owner ?? NO_OWNER).toLowerCase();
    const counts = byOwner.get(owner) ?? (Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>);
    counts[v.segment]++;
    byOwner.set(owner, counts);
  }
  return [...byOwner]
    .map(([owner, counts]) => {
      let load = 0;
      const over: string[] = [];
      for (const s of SEGMENTS) {
        const max = rules.segmentPolicies[s].capacityMax;
        if (max === null) continue;
        load += counts[s] / max;
        if (counts[s] > max) over.push(`${s} ${counts[s]} > ${max}`);
      }
      return {
        owner,
        counts,
        total: SEGMENTS.reduce((n, s) => n + counts[s], 0),
        load: Math.round(load * 100) / 100,
        over,
      };
    })
    .sort((a, b) => b.load - a.load || a.owner.localeCompare(b.owner));
}

/** What the capacity table says of an owner: overloaded (with the segments over their ceiling) or not. */
export function capacityStatus(l: OwnerLoad): string {
  if (l.load <= 1) return 'Within capacity';
  return `Overloaded${l.over.length ? `: ${l.over.join('; ')}` : ' (mixed portfolio over capacity)'}`;
}

export interface HealthDrop {
  partner: string;
  owner: string;
  now: number;
  before: number;
  change: number;
}

/**
 * What the dashboard needs of the Health history when it is read in the compact layout (docs/limits.md): each
 * partner's score `daysAgo` days back (keys trimmed, lower case) and the average score of the last days.
 */
export interface HistoryFacts {
  baseline: Map<string, number>;
  trend: { day: DayNumber; average: number; partners: number }[];
}

const isFacts = (h: readonly HealthSnapshot[] | HistoryFacts): h is HistoryFacts => !Array.isArray(h);

/** The partners whose score fell most against the snapshot of `daysAgo` days before (issue #10), worst first. */
export function biggestDrops(
  views: readonly PartnerView[],
  history: readonly HealthSnapshot[] | HistoryFacts,
  today: DayNumber,
  daysAgo: number,
  limit = 10,
): HealthDrop[] {
  const baseline = isFacts(history) ? history.baseline : baselineScores(history, today, daysAgo);
  const drops: HealthDrop[] = [];
  for (const v of views) {
    const was = baseline.get(v.record.name.trim().toLowerCase());
    const now = v.health.score;
    if (was === undefined || typeof now !== 'number' || now >= was) continue;
    drops.push({ partner: v.record.name, owner: v.record.owner ?? NO_OWNER, now, before: was, change: now - was });
  }
  return drops.sort((a, b) => a.change - b.change || a.partner.localeCompare(b.partner)).slice(0, limit);
}

/** Average score per day of the Health history, the last `days` days that have snapshots. */
export function healthTrend(
  history: readonly HealthSnapshot[],
  days = 12,
): { day: DayNumber; average: number; partners: number }[] {
  const byDay = new Map<DayNumber, number[]>();
  for (const h of history) {
    if (typeof h.score !== 'number') continue;
    const list = byDay.get(h.day);
    if (list) list.push(h.score);
    else byDay.set(h.day, [h.score]);
  }
  return [...byDay]
    .sort((a, b) => a[0] - b[0])
    .slice(-days)
    .map(([day, scores]) => ({
      day,
      average: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10,
      partners: scores.length,
    }));
}

/**
 * The dashboard's tables (issue #8): program metrics against targets (docs/rules.md §7), partners per tier, segment
 * and quadrant, the capacity table (docs/rules.md §3), the health trend and the biggest drops from the Health history
 * (null: no history sheet yet).
 */
/**
 * Inputs that cannot be read, counted per column (they count as blank in every score and alert): the
 * dashboard shows how many there are even when the sheet has no formula columns to show the errors on.
 */
export function inputProblemsBlock(views: readonly PartnerView[]): DashboardBlock {
  const byField = new Map<string, { cells: number; example: string }>();
  for (const v of views) {
    if (v.record.unnamed) continue;
    for (const p of v.record.inputProblems ?? []) {
      const label = DEFAULT_ALIASES[p.field][0];
      const entry = byField.get(label) ?? { cells: 0, example: p.message };
      entry.cells++;
      byField.set(label, entry);
    }
  }
  const total = [...byField.values()].reduce((n, e) => n + e.cells, 0);
  return {
    title: 'Inputs that cannot be read',
    header: ['Column', 'Cells', 'Example'],
    rows:
      total === 0
        ? [['None: every input on the partner sheet can be read.', 0, '']]
        : [
            ...[...byField].sort((a, b) => b[1].cells - a[1].cells).map(([label, e]) => [label, e.cells, e.example]),
            ['Total', total, "Each counts as blank; the owners' digests and the sidebar list them with their cells."],
          ],
  };
}

export function dashboardBlocks(
  views: readonly PartnerView[],
  history: readonly HealthSnapshot[] | HistoryFacts | null,
  today: DayNumber,
  rules: Rules,
  calendar: SheetCalendar,
): DashboardBlock[] {
  const metrics = programMetrics(views.map(metricPartnerOf), today, rules);
  const tiers = views.map((v) => v.health.tier);
  const noScore = tiers.filter((t) => t === null).length;
  const quadrants = views.map((v) => v.quadrant);
  const noQuadrant = quadrants.filter((q) => q === null).length;
  const loads = ownerLoads(views, rules);
  const capacityText = (s: Segment) => {
    const max = rules.segmentPolicies[s].capacityMax;
    return max === null ? s : `${s} (max ${max})`;
  };
  const blocks: DashboardBlock[] = [
    {
      title: 'Program metrics',
      header: ['Metric', 'Value', 'Target', 'Status', 'Based on'],
      rows: metrics.map((m) => [m.metric, m.shown, m.target, m.status, m.basis]),
    },
    {
      title: 'Partners per tier',
      header: ['Tier', 'Partners'],
      rows: [...countBy(TIERS, tiers), ...(noScore ? [['No score (blank row)', noScore] as [string, number]] : [])],
      chart: { type: 'column', title: 'Tier distribution', columns: 2 },
    },
    {
      title: 'Partners per segment',
      header: ['Segment', 'Partners'],
      rows: countBy(
        SEGMENTS,
        views.map((v) => v.segment),
      ),
      chart: { type: 'pie', title: 'Segment mix', columns: 2 },
    },
    {
      title: 'Partners per quadrant',
      header: ['Quadrant', 'Partners'],
      rows: [
        ...countBy([...QUADRANTS, 'Unknown'] as const, quadrants),
        ...(noQuadrant ? [['No data', noQuadrant] as [string, number]] : []),
      ],
    },
    {
      title: 'Partner-manager capacity',
      header: ['Owner', 'Load', ...SEGMENTS.map(capacityText), 'Total', 'Status'],
      rows: loads.map((l) => [l.owner, l.load, ...SEGMENTS.map((s) => l.counts[s]), l.total, capacityStatus(l)]),
      chart: { type: 'bar', title: 'Owner load (1 = full)', columns: 2 },
      percentColumns: [1],
    },
    inputProblemsBlock(views),
  ];
  if (history === null || (isFacts(history) ? history.trend.length === 0 : history.length === 0)) {
    blocks.push({
      title: 'Health trend',
      header: ['Date', 'Average score', 'Partners scored'],
      rows: [['No Health history yet: it fills in once a day when daily automation is on.', '', '']],
    });
  } else {
    blocks.push({
      title: 'Health trend',
      header: ['Date', 'Average score', 'Partners scored'],
      rows: (isFacts(history) ? history.trend : healthTrend(history)).map((t) => [
        calendar.dateOf(t.day),
        t.average,
        t.partners,
      ]),
      chart: { type: 'line', title: 'Average health score', columns: 2 },
    });
    const drops = biggestDrops(views, history, today, rules.healthDrop.againstDaysAgo);
    blocks.push({
      title: `Biggest ${rules.healthDrop.againstDaysAgo}-day drops`,
      header: ['Partner', 'Owner', 'Score now', `Score ${rules.healthDrop.againstDaysAgo} days ago`, 'Change'],
      rows: drops.length
        ? drops.map((d) => [d.partner, d.owner, d.now, d.before, d.change])
        : [[`No partner scored lower than ${rules.healthDrop.againstDaysAgo} days ago.`, '', '', '', '']],
    });
  }
  return blocks;
}

import type { JourneyDetails } from '../journey/view';
import { type DayNumber, isoOfDay } from '../reading/calendar';
import { columnLetter } from '../reading/partnerTable';
import { type Dimension, QUADRANT_PLAYS, type Rules, type Segment, type Tier } from '../rules';
import { breakdownHealth } from '../scoring/breakdown';
import type { PartnerView } from '../scoring/evaluatePartners';
import type { WhatIfModel } from '../scoring/whatIf';
import {
  ACTION_ITEM_DUE_DAYS,
  type AgendaSection,
  type ChecklistPhase,
  FOLLOW_UP_DAYS,
  followUpItems,
  MILESTONE_DUE_DAYS,
  nextQbrAfterHeld,
  QBR_AGENDA,
  QBR_CHECKLISTS,
} from './meeting';
import type { ActionItem, FeedbackEntry, OptionalSheet, PipelineSummary } from './optionalSheets';
import type { Trend } from './trend';

/**
 * What the QBR sidebar shows, as plain JSON: google.script.run carries strings, numbers, booleans, arrays and
 * plain objects, not Date, so every date here is an ISO `YYYY-MM-DD` string.
 */
export interface QbrPartner {
  name: string;
  /** Sheet row of the partner (1-based). */
  row: number;
  owner: string | null;
  ownerProblem: string | null;
  score: number | 'Unknown' | null;
  tier: Tier | null;
  tierColor: string;
  segment: Segment;
  approach: string;
  touchEveryDays: number;
  qbrEveryDays: number | null;
  quadrant: string | null;
  play: string | null;
  breakdown: { label: string; earned: number; max: number; reason: string }[];
  /** The one change that adds the most points ("5+ deals this quarter: +15"; "—" at 100), as HEALTH_BREAKDOWN gives. */
  lift: string;
  /** Dimensions left out of the score, with the column that would fill them. */
  missing: { label: string; column: string; max: number }[];
  /** Problems with the row's inputs ("NPS 140 is outside −100…100"). */
  problems: string[];
  /** `unreadable`: the Last contact cell's problem, when it holds something that is not a date (not "never"). */
  touch: {
    last: string | null;
    next: string | null;
    overdue: boolean;
    daysOverdue: number | null;
    unreadable?: string | null;
  };
  qbr: {
    last: string | null;
    next: string | null;
    expected: boolean;
    overdue: boolean;
    daysOverdue: number | null;
    comingUp: boolean;
    daysUntil: number | null;
  };
  performance: { label: string; value: string }[];
}

export type Optional<T> = { present: true; value: T } | { present: false; how: string };

export interface QbrAgendaSection extends AgendaSection {
  /** Talking points from this partner's data. */
  points: string[];
}

export interface QbrChecklistView {
  phase: ChecklistPhase;
  title: string;
  items: { id: string; text: string; detail: string; done: boolean }[];
}

export interface QbrDetails {
  /** The partner, with what identifies its row: actions send row and fingerprint back (src/server/qbr/qbrContext.ts). */
  partner: QbrPartner & { fingerprint: string; duplicates: number[] };
  quarter: string;
  pipeline: Optional<PipelineSummary>;
  feedback: Optional<FeedbackEntry[]>;
  actionItems: Optional<ActionItem[]>;
  /** Problems found reading the optional sheets (a bad date on Pipeline row 7…). */
  sheetProblems: string[];
  agenda: QbrAgendaSection[];
  checklists: QbrChecklistView[];
  /** Score over the last 90 days from the `Health history` sheet. */
  trend: Optional<Trend>;
  /** Everything the sidebar's what-if panel needs to run the rules itself. */
  whatIf: WhatIfModel;
  /** Lifecycle stage, relationship risks, joint plan and moves (docs/rules.md §9–§12, docs/journey.md). */
  journey?: JourneyDetails;
  /** The dates the sidebar's actions would write or suggest for this partner. */
  nextSteps: QbrNextSteps;
}

/** The dates the sidebar's actions would write or suggest, from the partner's segment and Settings. */
export interface QbrNextSteps {
  /** Next QBR that Mark QBR held writes: today + the segment's QBR cadence. */
  heldNextQbr: string;
  /** The days from today to it. */
  heldEveryDays: number;
  /** Due date of the follow-up action items Mark QBR held adds, and how many it adds. */
  followUpDue: string;
  followUps: number;
  /** The due dates the Add action item and Add milestone forms start with. */
  actionItemDue: string;
  milestoneDue: string;
}

const MISSING_COLUMN: Record<Dimension, string> = {
  revenue: 'Growth (or Revenue and Revenue last year)',
  activity: 'Deals',
  engagement: 'Engagement',
  satisfaction: 'NPS',
  fit: 'Strategic fit',
};

const LABELS: Record<Dimension, string> = {
  revenue: 'Revenue',
  activity: 'Activity',
  engagement: 'Engagement',
  satisfaction: 'Satisfaction',
  fit: 'Strategic fit',
};

export function formatAmount(n: number): string {
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `−${digits}` : digits;
}

export function formatGrowth(g: number): string {
  if (!Number.isFinite(g)) return 'new revenue this year';
  const pct = Math.round(g * 1000) / 10;
  return pct > 0 ? `+${pct}%` : pct < 0 ? `−${-pct}%` : '0%';
}

const iso = (day: DayNumber | null): string | null => (day === null ? null : isoOfDay(day));

/** The partner part of the sidebar from the evaluated row. */
export function qbrPartner(view: PartnerView, rules: Rules): QbrPartner {
  const r = view.record;
  const policy = rules.segmentPolicies[view.segment];
  const quadrant = view.quadrant;
  const na = '—';
  return {
    name: r.name,
    row: r.index + 2,
    owner: r.owner,
    ownerProblem: r.ownerProblem,
    score: view.health.score,
    tier: view.health.tier,
    tierColor: rules.tierColors[view.health.tier ?? 'Unknown'],
    segment: view.segment,
    approach: policy.approach,
    touchEveryDays: policy.touchEveryDays,
    qbrEveryDays: policy.qbrEveryDays,
    quadrant,
    play: quadrant === null || quadrant === 'Unknown' ? null : QUADRANT_PLAYS[quadrant],
    breakdown: view.health.dimensions.map((d) => ({ label: d.label, earned: d.earned, max: d.max, reason: d.reason })),
    lift: breakdownHealth({ growth: r.growth, deals: r.deals, engagement: r.engagement, nps: r.nps, fit: r.fit }, rules)
      .lift,
    missing: view.health.missing.map((d) => ({ label: LABELS[d], column: MISSING_COLUMN[d], max: rules.weights[d] })),
    // With the cell of each, so the user can go straight to it (docs/alerts-and-data-problems.md).
    problems: r.inputProblems
      ? r.inputProblems.map((p) => `${p.message} (cell ${columnLetter(p.column)}${r.index + 2})`)
      : r.problems,
    touch: {
      last: iso(r.lastContact),
      next: iso(view.touch.dueDay),
      overdue: view.touch.overdue,
      daysOverdue: view.touch.daysOverdue,
      unreadable: r.inputProblems?.find((p) => p.field === 'lastContact')?.message ?? null,
    },
    qbr: {
      last: iso(r.lastQbr),
      next: iso(r.nextQbr),
      expected: view.qbr.expected,
      overdue: view.qbr.overdue,
      daysOverdue: view.qbr.daysOverdue,
      comingUp: view.qbr.comingUp,
      daysUntil: view.qbr.daysUntil,
    },
    performance: [
      { label: 'Revenue this quarter', value: r.revenue === null ? na : formatAmount(r.revenue) },
      { label: 'Growth (YoY)', value: r.growth === null ? na : formatGrowth(r.growth) },
      { label: 'Deals this quarter', value: r.deals === null ? na : String(r.deals) },
      { label: 'Leads', value: r.leads === null ? na : String(r.leads) },
      { label: 'Portal engagement', value: r.engagement ?? na },
      { label: 'NPS', value: r.nps === null ? na : String(r.nps) },
      { label: 'Strategic fit', value: r.fit ?? na },
      { label: 'Market relevance', value: r.relevance === null ? na : r.relevance ? 'High' : 'Low' },
    ],
  };
}

/** The 60-minute agenda of seed 000 with this partner's talking points under each section. */
export function qbrAgenda(
  p: QbrPartner,
  pipeline: Optional<PipelineSummary>,
  feedback: Optional<FeedbackEntry[]>,
  actions: Optional<ActionItem[]>,
): QbrAgendaSection[] {
  const points: string[][] = [[], [], [], [], []];
  points[0].push(
    p.touch.last
      ? `Last touch ${p.touch.last}${p.touch.overdue ? ' (overdue)' : ''}`
      : p.touch.unreadable
        ? `Last touch unreadable: ${p.touch.unreadable}`
        : 'No touch recorded yet',
  );
  if (p.qbr.last) points[0].push(`Last QBR ${p.qbr.last}`);
  points[1].push(`Health ${p.score ?? 'blank'}${p.tier && p.tier !== 'Unknown' ? ` (${p.tier})` : ''}`);
  const perf = (label: string) => p.performance.find((x) => x.label === label)?.value ?? '—';
  points[1].push(
    `Revenue ${perf('Revenue this quarter')}, growth ${perf('Growth (YoY)')}, ${perf('Deals this quarter')} deals`,
  );
  const gaps = p.breakdown.filter((d) => d.earned < d.max).map((d) => `${d.label} ${d.earned}/${d.max}`);
  if (gaps.length > 0) points[1].push(`Gaps: ${gaps.join(', ')}`);
  if (p.missing.length > 0) points[1].push(`No data: ${p.missing.map((m) => m.label).join(', ')}`);
  if (pipeline.present) {
    const pl = pipeline.value;
    points[2].push(
      `${pl.open.length} open ${pl.open.length === 1 ? 'opportunity' : 'opportunities'}, forecast ${formatAmount(pl.forecast)}`,
    );
    if (pl.stuck.length > 0)
      points[2].push(
        `Stuck: ${pl.stuck.map((d) => `${d.opportunity} (${d.daysInStage} days in ${d.stage})`).join('; ')}`,
      );
  } else {
    points[2].push('No Pipeline sheet: bring the partner’s current opportunities');
  }
  if (p.play) points[3].push(`${p.quadrant} play: ${p.play}`);
  points[3].push(`Segment ${p.segment}: ${p.approach}`);
  if (actions.present) {
    const open = actions.value.filter((a) => !a.done);
    if (open.length > 0)
      points[3].push(
        `Open action items: ${open.length}${open.some((a) => a.overdue) ? ` (${open.filter((a) => a.overdue).length} overdue)` : ''}`,
      );
  }
  if (feedback.present) {
    const asks = feedback.value.filter((f) => !/^praise$/i.test(f.type));
    if (asks.length > 0) points[4].push(...asks.slice(0, 3).map((f) => `${f.type || 'Feedback'}: ${f.summary}`));
    else points[4].push('No open requests or concerns recorded');
  }
  return QBR_AGENDA.map((section, i) => ({ ...section, points: points[i] }));
}

/** The three checklists with the ticks saved for this partner and quarter. */
export function qbrChecklists(ticked: ReadonlySet<string>): QbrChecklistView[] {
  return QBR_CHECKLISTS.map((list) => ({
    phase: list.phase,
    title: list.title,
    items: list.items.map((item) => ({ id: item.id, text: item.text, detail: item.detail, done: ticked.has(item.id) })),
  }));
}

export function optionalMissing(
  sheet: OptionalSheet,
  how: (s: OptionalSheet) => string,
): { present: false; how: string } {
  return { present: false, how: how(sheet) };
}

/** The dates the sidebar's actions would write or suggest for a partner of `segment`, today. */
export function qbrNextSteps(rules: Rules, segment: Segment, today: DayNumber): QbrNextSteps {
  const next = nextQbrAfterHeld(today, rules.segmentPolicies[segment]);
  return {
    heldNextQbr: isoOfDay(next),
    heldEveryDays: next - today,
    followUpDue: isoOfDay(today + FOLLOW_UP_DAYS),
    followUps: followUpItems(today, next).length,
    actionItemDue: isoOfDay(today + ACTION_ITEM_DUE_DAYS),
    milestoneDue: isoOfDay(today + MILESTONE_DUE_DAYS),
  };
}

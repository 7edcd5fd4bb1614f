import type { DashboardBlock } from '../dashboard/dashboard';
import type { QbrAgendaSection } from '../qbr/view';
import { type DayNumber, isoOfDay, type SheetCalendar } from '../reading/calendar';
import type { Rules } from '../rules';
import type { PartnerView } from '../scoring/evaluatePartners';
import { type PlanView, planAgendaPoints } from './jointPlan';
import { type Lifecycle, lifecycleOf, STAGES, type Stage } from './lifecycle';
import type { Move } from './movers';
import { RISK_FLAGS, RISK_LABELS, type Risk, relationshipRisks } from './risks';

/** The lifecycle part of the sidebar (docs/rules.md §9), as plain JSON (dates as YYYY-MM-DD). */
export interface LifecycleView {
  /** null when the row cannot be staged; `problem` says why. */
  stage: Stage | null;
  daysSinceSigned: number | null;
  /** Days left of the first-deal target; negative once missed; null for Recruit and Active. */
  daysLeft: number | null;
  target: number;
  signed: string | null;
  firstDeal: string | null;
  problem: string | null;
}

/** The columns of docs/rules.md §12 the partner sheet lacks, so the sidebar can say which flags were not judged. */
export interface RisksView {
  risks: Risk[];
  notJudged: string[];
}

/** What the QBR sidebar shows of the partner's journey (docs/journey.md). */
export interface JourneyDetails {
  lifecycle: LifecycleView;
  risks: RisksView;
  /** The partner's latest quarterly moves of tier or quadrant, latest first (docs/rules.md §11). */
  moves: Move[];
  /** The partner's joint business plan (docs/rules.md §10), or how to add the Joint plan sheet. */
  plan: { present: true; value: PlanView; problems: string[] } | { present: false; how: string };
}

export function lifecycleFor(
  view: PartnerView,
  today: DayNumber,
  rules: Rules,
): { life: Lifecycle | null; problem: string | null } {
  // An unreadable Signed or First deal reads as blank elsewhere; here it would make a Recruit or a Stalled
  // partner out of a typo, so the stage is not told and the cell's problem is shown instead.
  const unreadable = (view.record.inputProblems ?? []).find((p) => p.field === 'signed' || p.field === 'firstDeal');
  if (unreadable) return { life: null, problem: unreadable.message };
  try {
    return { life: lifecycleOf(view.record, today, rules), problem: null };
  } catch (error) {
    return { life: null, problem: (error as Error).message };
  }
}

export function lifecycleView(view: PartnerView, today: DayNumber, rules: Rules): LifecycleView {
  const { life, problem } = lifecycleFor(view, today, rules);
  const r = view.record;
  return {
    stage: life?.stage ?? null,
    daysSinceSigned: life?.daysSinceSigned ?? null,
    daysLeft: life?.daysLeft ?? null,
    target: rules.targets.daysToFirstDeal,
    signed: r.signed === null ? null : isoOfDay(r.signed),
    firstDeal: r.firstDeal === null ? null : isoOfDay(r.firstDeal),
    problem,
  };
}

export function risksOf(
  view: PartnerView,
  openEscalations: ReadonlyMap<string, number>,
  today: DayNumber,
  rules: Rules,
): Risk[] {
  const r = view.record;
  return relationshipRisks(
    {
      segment: view.segment,
      lastContact: r.lastContact,
      partnerContacts: r.partnerContacts,
      executiveSponsor: r.executiveSponsor,
      npsDate: r.npsDate,
      openEscalations: openEscalations.get(r.name.trim().toLowerCase()) ?? 0,
    },
    today,
    rules,
  );
}

export function risksView(
  view: PartnerView,
  openEscalations: ReadonlyMap<string, number>,
  today: DayNumber,
  rules: Rules,
): RisksView {
  const r = view.record;
  const notJudged: string[] = [];
  if (r.partnerContacts === undefined) notJudged.push(`${RISK_LABELS.singleThreaded}: add a "Partner contacts" column`);
  if (r.executiveSponsor === undefined)
    notJudged.push(`${RISK_LABELS.noExecutiveSponsor}: add an "Executive sponsor" column`);
  if (r.npsDate === undefined) notJudged.push(`${RISK_LABELS.npsNotSurveyed}: add an "NPS date" column`);
  return { risks: risksOf(view, openEscalations, today, rules), notJudged };
}

/**
 * The dashboard's journey tables: partners per lifecycle stage, the stalled partners (longest first) and how
 * many partners carry each relationship risk (docs/rules.md §9, §12).
 */
export function journeyBlocks(
  views: readonly PartnerView[],
  openEscalations: ReadonlyMap<string, number>,
  today: DayNumber,
  rules: Rules,
  calendar: SheetCalendar,
): DashboardBlock[] {
  const named = views.filter((v) => !v.record.unnamed);
  const stages = named.map((v) => ({ v, ...lifecycleFor(v, today, rules) }));
  const problems = stages.filter((s) => s.life === null).length;
  const stalled = stages
    .filter((s) => s.life?.stage === 'Stalled')
    .sort(
      (a, b) =>
        (b.life!.daysSinceSigned ?? 0) - (a.life!.daysSinceSigned ?? 0) ||
        a.v.record.name.localeCompare(b.v.record.name),
    );
  const riskCounts = new Map(RISK_FLAGS.map((f) => [f, 0]));
  for (const v of named)
    for (const risk of risksOf(v, openEscalations, today, rules))
      riskCounts.set(risk.flag, (riskCounts.get(risk.flag) ?? 0) + 1);
  const target = rules.targets.daysToFirstDeal;
  return [
    {
      title: 'Partners per lifecycle stage',
      header: ['Stage', 'Partners'],
      rows: [
        ...STAGES.map((s): [string, number] => [s, stages.filter((x) => x.life?.stage === s).length]),
        ...(problems
          ? [[`Cannot tell (a signed date after today, or an unreadable date)`, problems] as [string, number]]
          : []),
      ],
    },
    {
      title: 'Stalled partners',
      header: ['Partner', 'Owner', 'Signed', 'Days since signing', `Days past the ${target}-day target`],
      rows: stalled.length
        ? stalled.map((s) => [
            s.v.record.name,
            s.v.record.owner ?? '(no owner)',
            calendar.dateOf(s.v.record.signed as DayNumber),
            s.life!.daysSinceSigned as number,
            -(s.life!.daysLeft as number),
          ])
        : [[`No partner is past ${target} days without a first deal.`, '', '', '', '']],
    },
    {
      title: 'Relationship risks',
      header: ['Risk', 'Partners'],
      rows: RISK_FLAGS.map((f) => [RISK_LABELS[f], riskCounts.get(f) ?? 0]),
    },
  ];
}

/** The agenda with the joint plan's open milestones under "Joint planning" (docs/rules.md §10). */
export function withPlanPoints(agenda: QbrAgendaSection[], journey: JourneyDetails): QbrAgendaSection[] {
  if (!journey.plan.present) return agenda;
  const points = planAgendaPoints(journey.plan.value);
  return agenda.map((s) => (s.title === 'Joint planning' ? { ...s, points: [...points, ...s.points] } : s));
}

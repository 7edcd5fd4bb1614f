import type { AlertItem, AlertSettings } from '../alerts/alerts';
import { SIDES, type Side } from '../qbr/meeting';
import { readSide, samePartner } from '../qbr/optionalSheets';
import { type DayNumber, isoOfDay, type SheetCalendar } from '../reading/calendar';
import { type CellValue, isBlank, readDate } from '../reading/cells';
import { describeValue } from '../reading/inputError';
import { normalizeHeader } from '../reading/partnerTable';
import type { PartnerView } from '../scoring/evaluatePartners';

/**
 * Joint business plans (docs/journey.md, docs/rules.md §10, seed 001 "GTM planning"): the measurable milestones agreed with a
 * partner, on the optional `Joint plan` sheet (Partner, Milestone, Side, Due, Status, Target, Actual).
 */
export type MilestoneStatus = 'Open' | 'Done' | 'Dropped';
export const MILESTONE_STATUSES: readonly MilestoneStatus[] = ['Open', 'Done', 'Dropped'];

export interface Milestone {
  /** Sheet row (1-based), for "mark done" and the digest. */
  row: number;
  partner: string;
  milestone: string;
  side: Side | null;
  due: string | null;
  status: MilestoneStatus;
  /** Target and Actual as typed (a number, an amount, "3 webinars"); '' when blank. */
  target: string | number;
  actual: string | number;
  overdue: boolean;
  /** Days past Due, for an overdue milestone. */
  daysOverdue: number | null;
}

export interface JointPlanRead {
  milestones: Milestone[];
  /** Cells that could not be read, each naming the sheet row and value. */
  problems: string[];
}

function readStatus(value: CellValue): MilestoneStatus | null {
  if (isBlank(value)) return 'Open';
  const t = String(value).trim().toLowerCase();
  return MILESTONE_STATUSES.find((s) => s.toLowerCase() === t) ?? null;
}

function cellText(value: CellValue): string | number {
  if (typeof value === 'number') return value;
  if (isBlank(value)) return '';
  return describeValue(value).replace(/^"|"$/g, '');
}

/**
 * Every milestone of the Joint plan sheet's values (header row first), columns found by header. A bad Due,
 * Side or Status is a problem naming the row; such a milestone is kept (as Open, without a due date) so it
 * still shows.
 */
export function readJointPlan(
  values: readonly CellValue[][],
  today: DayNumber,
  calendar: SheetCalendar,
  sheetName = 'Joint plan',
): JointPlanRead {
  const header = (values[0] ?? []).map(normalizeHeader);
  const col = (h: string) => header.indexOf(normalizeHeader(h));
  const c = {
    partner: col('Partner'),
    milestone: col('Milestone'),
    side: col('Side'),
    due: col('Due'),
    status: col('Status'),
    target: col('Target'),
    actual: col('Actual'),
  };
  const at = (row: CellValue[], i: number): CellValue => (i < 0 ? '' : row[i]);
  const milestones: Milestone[] = [];
  const problems: string[] = [];
  values.slice(1).forEach((row, i) => {
    const partner = String(at(row, c.partner) ?? '').trim();
    if (!partner && row.every((cell) => isBlank(cell))) return;
    const where = `${sheetName} row ${i + 2}`;
    let due: DayNumber | null = null;
    try {
      due = readDate(at(row, c.due), 'Due', calendar);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
    const rawSide = at(row, c.side);
    const side = readSide(rawSide);
    if (side === null && !isBlank(rawSide))
      problems.push(`${where}: Side ${describeValue(rawSide)} is not one of ${SIDES.join(', ')}`);
    let status = readStatus(at(row, c.status));
    if (status === null) {
      problems.push(
        `${where}: Status ${describeValue(at(row, c.status))} is not one of ${MILESTONE_STATUSES.join(', ')} (blank is Open)`,
      );
      status = 'Open';
    }
    const overdue = status === 'Open' && due !== null && due < today;
    milestones.push({
      row: i + 2,
      partner,
      milestone: String(at(row, c.milestone) ?? '').trim(),
      side,
      due: due === null ? null : isoOfDay(due),
      status,
      target: cellText(at(row, c.target)),
      actual: cellText(at(row, c.actual)),
      overdue,
      daysOverdue: overdue ? today - (due as DayNumber) : null,
    });
  });
  return { milestones, problems };
}

export interface PlanView {
  /** Milestones Done, of those not Dropped. */
  done: number;
  total: number;
  overdue: number;
  /** Overdue first (most overdue first), then the other open ones by due date, then Done, then Dropped. */
  milestones: Milestone[];
}

const ORDER: Record<MilestoneStatus, number> = { Open: 0, Done: 1, Dropped: 2 };

export function planFor(all: readonly Milestone[], partner: string): PlanView {
  const mine = all.filter((m) => samePartner(m.partner, partner));
  const milestones = [...mine].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      ORDER[a.status] - ORDER[b.status] ||
      (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.row - b.row,
  );
  return {
    done: mine.filter((m) => m.status === 'Done').length,
    total: mine.filter((m) => m.status !== 'Dropped').length,
    overdue: mine.filter((m) => m.overdue).length,
    milestones,
  };
}

/** "Run 2 joint webinars (Both, due 2026-11-20, target 2, actual 1)". */
export function milestoneText(m: Milestone): string {
  const parts = [m.side ?? 'no side', m.due ? `due ${m.due}` : 'no due date'];
  if (m.target !== '') parts.push(`target ${m.target}`);
  if (m.actual !== '') parts.push(`actual ${m.actual}`);
  return `${m.milestone || '(no milestone text)'} (${parts.join(', ')})`;
}

/** The agenda's "Joint planning" talking points: the open milestones, overdue first. */
export function planAgendaPoints(plan: PlanView): string[] {
  const open = plan.milestones.filter((m) => m.status === 'Open');
  if (plan.total === 0) return ['No joint plan milestones yet: agree measurable ones for next quarter'];
  return [
    `Joint plan: ${plan.done} of ${plan.total} milestones done${plan.overdue ? `, ${plan.overdue} overdue` : ''}`,
    ...open.map((m) => `${m.overdue ? 'Overdue: ' : 'Open: '}${milestoneText(m)}`),
  ];
}

/**
 * Overdue milestones for the owners' digests (docs/rules.md §10): each to the owner of its partner (the admin when the
 * partner has none or is not on the partner sheet), its own kind, days past Due.
 */
export function milestoneAlerts(
  milestones: readonly Milestone[],
  views: readonly PartnerView[],
  settings: AlertSettings,
): AlertItem[] {
  const byName = new Map(views.filter((v) => !v.record.unnamed).map((v) => [v.record.name.trim().toLowerCase(), v]));
  return milestones
    .filter((m) => m.overdue && m.partner !== '')
    .map((m) => {
      const v = byName.get(m.partner.toLowerCase());
      return {
        kind: 'milestoneOverdue' as const,
        recipient: v?.record.owner ?? settings.adminEmail,
        partner: v?.record.name ?? m.partner,
        segment: v?.segment ?? null,
        score: v?.health.score ?? null,
        tier: v?.health.tier ?? null,
        reason: `Joint plan milestone overdue by ${m.daysOverdue} day${m.daysOverdue === 1 ? '' : 's'}: ${milestoneText(m)}${v ? '' : ' — this partner is not on the partner sheet'}`,
        daysOverdue: m.daysOverdue,
        row: v ? v.record.index + 2 : null,
      };
    });
}

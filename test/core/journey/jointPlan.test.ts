import { milestoneAlerts, planAgendaPoints, planFor, readJointPlan } from '../../../src/core/journey/jointPlan';
import { withPlanPoints } from '../../../src/core/journey/view';
import { QBR_AGENDA } from '../../../src/core/qbr/meeting';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const today = dayNumber(new Date(2026, 11, 1));
const d = (n: number) => new Date(2026, 11, 1 + n);
const HEADER = ['Partner', 'Milestone', 'Side', 'Due', 'Status', 'Target', 'Actual'];
const SHEET = [
  HEADER,
  ['Acme', 'Joint webinar', 'Both', d(-10), 'Open', 2, 1],
  ['Acme', 'Certify 5 reps', 'Partner', d(-1), '', 5, 3],
  ['Acme', 'Case study', 'Us', d(-30), 'Done', '', ''],
  ['Acme', 'Booth at a fair', 'Both', d(-40), 'Dropped', '', ''],
  ['Acme', 'Co-branded guide', 'Us', d(20), 'open', '', ''],
  ['Acme', 'Due today', 'Us', d(0), 'Open', '', ''],
  ['Bolt', 'Pipeline of $100K', 'Partner', d(-3), 'Open', '$100K', ''],
  ['', '', '', '', '', '', ''],
  ['Acme', 'Bad row', 'Them', 'soon', 'Maybe', '', ''],
];

describe('joint business plans (spec §10)', () => {
  const read = readJointPlan(SHEET, today, NEW_YORK);

  test('blank status is Open; past Due and not Done or Dropped is overdue; due today is not', () => {
    const of = (name: string) => read.milestones.find((m) => m.milestone === name)!;
    expect(of('Certify 5 reps')).toMatchObject({
      status: 'Open',
      overdue: true,
      daysOverdue: 1,
      side: 'Partner',
      due: '2026-11-30',
      target: 5,
      actual: 3,
      row: 3,
    });
    expect(of('Case study')).toMatchObject({ status: 'Done', overdue: false });
    expect(of('Booth at a fair')).toMatchObject({ status: 'Dropped', overdue: false });
    expect(of('Due today')).toMatchObject({ overdue: false, daysOverdue: null });
    expect(of('Co-branded guide').status).toBe('Open');
    expect(of('Pipeline of $100K').target).toBe('$100K');
  });

  test('a bad cell is a problem naming row, field and value; the milestone still shows', () => {
    expect(read.problems).toEqual([
      'Joint plan row 10: Due "soon" is not a date; allowed: a date cell or text like 11/25/2026 or 2026-11-25',
      'Joint plan row 10: Side "Them" is not one of Us, Partner, Both',
      'Joint plan row 10: Status "Maybe" is not one of Open, Done, Dropped (blank is Open)',
    ]);
    expect(read.milestones.find((m) => m.row === 10)).toMatchObject({
      milestone: 'Bad row',
      status: 'Open',
      due: null,
      overdue: false,
    });
  });

  test('the plan of one partner: done / total without Dropped, overdue first (most late first), then open by due, then done', () => {
    const plan = planFor(read.milestones, 'acme');
    expect([plan.done, plan.total, plan.overdue]).toEqual([1, 6, 2]);
    expect(plan.milestones.map((m) => m.milestone)).toEqual([
      'Joint webinar',
      'Certify 5 reps',
      'Due today',
      'Co-branded guide',
      'Bad row',
      'Case study',
      'Booth at a fair',
    ]);
  });

  test("the agenda's Joint planning block lists the open milestones, overdue first", () => {
    const points = planAgendaPoints(planFor(read.milestones, 'Acme'));
    expect(points).toEqual([
      'Joint plan: 1 of 6 milestones done, 2 overdue',
      'Overdue: Joint webinar (Both, due 2026-11-21, target 2, actual 1)',
      'Overdue: Certify 5 reps (Partner, due 2026-11-30, target 5, actual 3)',
      'Open: Due today (Us, due 2026-12-01)',
      'Open: Co-branded guide (Us, due 2026-12-21)',
      'Open: Bad row (no side, no due date)',
    ]);
    expect(planAgendaPoints(planFor(read.milestones, 'Nobody'))).toEqual([
      'No joint plan milestones yet: agree measurable ones for next quarter',
    ]);
    const agenda = QBR_AGENDA.map((s) => ({ ...s, points: ['existing'] }));
    const journey = {
      plan: { present: true as const, value: planFor(read.milestones, 'Bolt'), problems: [] },
    } as never;
    const joint = withPlanPoints(agenda, journey).find((s) => s.title === 'Joint planning')!;
    expect(joint.points).toEqual([
      'Joint plan: 0 of 1 milestones done, 1 overdue',
      'Overdue: Pipeline of $100K (Partner, due 2026-11-28, target $100K)',
      'existing',
    ]);
  });

  test("overdue milestones go to the partner's owner, their own kind, days late; an unknown partner to the admin", () => {
    const views = evaluatePartners(
      readPartnerRows(
        [
          ['Acme', 'ann@example.com'],
          ['Bolt', ''],
        ] as never,
        mapColumns(['Partner', 'Owner']),
        today,
        DEFAULT_RULES,
        NEW_YORK,
      ),
      today,
      DEFAULT_RULES,
    );
    const extra = readJointPlan([HEADER, ['Ghost Co', 'Renewal', 'Us', d(-2), '', '', '']], today, NEW_YORK).milestones;
    const items = milestoneAlerts([...read.milestones, ...extra], views, { adminEmail: 'ops@example.com' });
    expect(items.map((i) => [i.kind, i.recipient, i.partner, i.daysOverdue, i.row])).toEqual([
      ['milestoneOverdue', 'ann@example.com', 'Acme', 10, 2],
      ['milestoneOverdue', 'ann@example.com', 'Acme', 1, 2],
      ['milestoneOverdue', 'ops@example.com', 'Bolt', 3, 3],
      ['milestoneOverdue', 'ops@example.com', 'Ghost Co', 2, null],
    ]);
    expect(items[0].reason).toBe(
      'Joint plan milestone overdue by 10 days: Joint webinar (Both, due 2026-11-21, target 2, actual 1)',
    );
    expect(items[3].reason).toBe(
      'Joint plan milestone overdue by 2 days: Renewal (Us, due 2026-11-29) — this partner is not on the partner sheet',
    );
  });
});

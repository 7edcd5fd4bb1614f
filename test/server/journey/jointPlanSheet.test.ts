// The partner journey (issue 20, docs/journey.md) through the built bundle's entries, in the local runtime,
// on a copy of the example workbook: what the sidebar gets, the joint plan actions, the brief, the daily run's
// digests and snapshot, and the dashboard's tables.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../../local/runtime';
import type { QbrActionResult, QbrData } from '../../../src/contracts/qbrSidebar';
import { alertLog, emlFiles, parseAll, recipientsOf, sheetRows } from '../../automation/helpers';

jest.setTimeout(60_000);

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'partners.xlsx');
const MORNING = new Date(2026, 11, 1, 9, 0);

async function open(now = MORNING): Promise<{ runtime: Runtime; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-journey-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(EXAMPLE, workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now,
    outboxDir: join(dir, 'outbox'),
    selection: 'Partners!C2',
    userEmail: 'sarah@example.com',
  });
  return { runtime, dir };
}

const journeyOf = (runtime: Runtime, name: string) => (runtime.call('getQbrData', name) as QbrData).details!.journey!;

test('the sidebar gets the stage with days since signing and days left, and the risks with reason and advice', async () => {
  const { runtime } = await open();
  expect(journeyOf(runtime, 'Paper Street Tech').lifecycle).toEqual({
    stage: 'Onboard',
    daysSinceSigned: 10,
    daysLeft: 80,
    target: 90,
    signed: '2026-11-21',
    firstDeal: null,
    problem: null,
  });
  expect(journeyOf(runtime, 'Kramerica').lifecycle).toMatchObject({
    stage: 'Stalled',
    daysSinceSigned: 91,
    daysLeft: -1,
  });
  expect(journeyOf(runtime, 'Cyberdyne Partners').lifecycle).toMatchObject({ stage: 'Recruit', signed: null });
  const paper = journeyOf(runtime, 'Paper Street Tech').risks.risks;
  expect(paper.map((r) => r.label)).toEqual(['NPS not surveyed this quarter', 'Silent then urgent']);
  expect(paper[1].reason).toBe(
    'No touch for 90 days (more than twice the At-risk cadence of 7 days), and 1 open escalation',
  );
  expect(paper[1].advice).toMatch(/^Months of silence then urgent asks/);
  const globex = journeyOf(runtime, 'Globex Cloud').risks;
  expect(globex.risks.map((r) => r.label)).toEqual(['No executive sponsor']);
  expect(globex.notJudged).toEqual([]);
  expect(journeyOf(runtime, 'Stark Digital').risks.risks[0]).toMatchObject({
    label: 'Single-threaded',
    reason: 'Only 1 contact at the partner',
  });
});

test('the plan section: done of total, overdue first, target vs actual; the agenda lists the open milestones', async () => {
  const { runtime } = await open();
  const data = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  const plan = data.details!.journey!.plan;
  if (!plan.present) throw new Error('no plan');
  expect([plan.value.done, plan.value.total, plan.value.overdue]).toEqual([1, 4, 1]);
  expect(plan.value.milestones.map((m) => [m.milestone, m.status, m.overdue, m.target, m.actual])).toEqual([
    ['Joint booth at Dreamforce', 'Open', true, 1, 0],
    ['Co-branded solution guide', 'Open', false, '', ''],
    ['Pilot new integration features', 'Open', false, 3, 1],
    ['Certified sales reps', 'Done', false, 8, 8],
  ]);
  const joint = data.details!.agenda.find((s) => s.title === 'Joint planning')!;
  expect(joint.points.slice(0, 4)).toEqual([
    'Joint plan: 1 of 4 milestones done, 1 overdue',
    'Overdue: Joint booth at Dreamforce (Both, due 2026-11-26, target 1, actual 0)',
    'Open: Co-branded solution guide (Us, due 2026-12-26)',
    'Open: Pilot new integration features (Both, due 2027-01-30, target 3, actual 1)',
  ]);
});

test('add a milestone and mark it done; a moved row or a bad side is refused with what to do; the brief has the plan', async () => {
  const { runtime } = await open();
  const added = runtime.call(
    'addJointPlanMilestone',
    'TechServices Inc.',
    'Two joint webinars',
    'Both',
    '2027-01-15',
    '2',
  ) as QbrActionResult;
  expect(added.changes).toEqual(['Joint plan row 8: [Both] Two joint webinars, due 2027-01-15, target 2']);
  expect(sheetRows(runtime, 'Joint plan')[7].slice(0, 6)).toEqual([
    'TechServices Inc.',
    'Two joint webinars',
    'Both',
    new Date(2027, 0, 15),
    'Open',
    2,
  ]);
  const plan = added.data.details!.journey!.plan;
  expect(plan.present && plan.value.total).toBe(5);
  expect(() => runtime.call('addJointPlanMilestone', 'TechServices Inc.', 'X', 'Them', '2027-01-15', '')).toThrow(
    'side "Them"',
  );
  expect(() => runtime.call('completeJointPlanMilestone', 'TechServices Inc.', 3, 'Two joint webinars')).toThrow(
    'Row 3 of "Joint plan" is no longer "Two joint webinars" for TechServices Inc. (the sheet changed). Reopen the sidebar and try again.',
  );
  const done = runtime.call(
    'completeJointPlanMilestone',
    'TechServices Inc.',
    8,
    'Two joint webinars',
  ) as QbrActionResult;
  expect(done.changes).toEqual(['Joint plan row 8: Status → Done']);
  expect(sheetRows(runtime, 'Joint plan')[7][4]).toBe('Done');
  runtime.call('createQbrBrief', 'TechServices Inc.');
  const brief = sheetRows(runtime, 'QBR TechServices Inc. 2026-Q4').map((r) => r[0]);
  expect(brief).toContain('Joint plan (2 of 5 done)');
  expect(brief).toContain('Joint booth at Dreamforce');
});

test("the daily run: lifecycle and milestone items in the owners' digests, the quarter's snapshot; then the dashboard's journey tables and movers", async () => {
  const { runtime, dir } = await open(new Date(2026, 11, 1, 7, 0));
  runtime.call('runHourly');
  await runtime.save();
  const mails = await parseAll(emlFiles(join(dir, 'outbox')));
  const textTo = (who: string) =>
    mails
      .filter((m) => recipientsOf(m)[0] === who)
      .map((m) => m.text!)
      .join('\n');
  expect(textTo('sarah@example.com')).toContain('[Stalled] Kramerica — Stalled: signed 91 days ago and no first deal');
  expect(textTo('sarah@example.com')).toContain(
    '[Milestone overdue] TechServices Inc. — Joint plan milestone overdue by 5 days: Joint booth at Dreamforce (Both, due 2026-11-26, target 1, actual 0)',
  );
  expect(textTo('miguel@example.com')).toContain(
    '[Recruiting overdue] Cyberdyne Partners — Recruiting overdue: recruiting since 2026-10-17 (45 days, more than 30) and not signed',
  );
  expect(alertLog(runtime).filter((r) => r.status === 'sent').length).toBeGreaterThan(0);
  // The quarter's snapshot is taken in the Health history (one place; no sheet of its own).
  expect(sheetRows(runtime, 'Quarter snapshots')).toEqual([]);
  const history = sheetRows(runtime, 'Health history');
  expect(history[0][4]).toBe('Quarter snapshots (latest 2026-Q4)');
  expect(history.slice(1).filter((r) => String(r[4]).includes('2026-Q4='))).toHaveLength(40);
  expect(String(history.find((r) => r[0] === 'Vandelay Industries')![4]).replace(/^'/, '')).toBe(
    '2026-Q4=Champion/Growth/Key partner;2026-Q3=Healthy/Growth/Key partner',
  );

  const result = runtime.call('buildDashboard') as { blocks: string[] };
  expect(result.blocks).toEqual(
    expect.arrayContaining([
      'Partners per lifecycle stage',
      'Stalled partners',
      'Relationship risks',
      'Movers 2026-Q3 → 2026-Q4',
    ]),
  );
  const dash = sheetRows(runtime, 'Dashboard');
  const block = (title: string) => {
    const start = dash.findIndex((r) => r[0] === title);
    const out: unknown[][] = [];
    for (let r = start + 1; r < dash.length && dash[r][0] !== ''; r++) out.push(dash[r].slice(0, 5));
    return out;
  };
  expect(block('Partners per lifecycle stage')).toEqual([
    ['Stage', 'Partners', '', '', ''],
    ['Recruit', 1, '', '', ''],
    ['Onboard', 1, '', '', ''],
    ['Enable', 1, '', '', ''],
    ['Activate', 1, '', '', ''],
    ['Stalled', 2, '', '', ''],
    ['Active', 34, '', '', ''],
  ]);
  expect(
    block('Stalled partners')
      .slice(1)
      .map((r) => [r[0], r[3], r[4]]),
  ).toEqual([
    ['RandomCorp', 244, 154],
    ['Kramerica', 91, 1],
  ]);
  expect(block('Movers 2026-Q3 → 2026-Q4')).toEqual([
    ['Partner', 'Tier 2026-Q3 → 2026-Q4', 'Tier move', 'Quadrant', 'Quadrant move'],
    ['Vandelay Industries', 'Healthy → Champion', 'up', 'Key partner', '—'],
    ['Zorg Industries', 'At-risk', '—', 'Dementor → Unpolished diamond', 'up'],
    ['Hooli Partners', 'Healthy → At-risk', 'down', 'Unpolished diamond', '—'],
  ]);
  const risks = block('Relationship risks').slice(1);
  expect(risks.map((r) => r[0])).toEqual([
    'Single-threaded',
    'No executive sponsor',
    'NPS not surveyed this quarter',
    'Silent then urgent',
  ]);
  for (const r of risks) expect(r[1]).toBeGreaterThan(0);
  // The sidebar shows the partner's last move.
  expect(journeyOf(runtime, 'Hooli Partners').moves).toEqual([
    {
      partner: 'Hooli Partners',
      quarter: '2026-Q4',
      tierFrom: 'Healthy',
      tierTo: 'At-risk',
      tierMove: 'down',
      quadrantFrom: 'Unpolished diamond',
      quadrantTo: 'Unpolished diamond',
      quadrantMove: '',
    },
  ]);
});

test('the agenda e-mail carries the joint planning points, markup escaped', async () => {
  const { runtime, dir } = await open();
  runtime.call('addJointPlanMilestone', 'TechServices Inc.', '<b>Launch</b> webinar', 'Both', '2027-02-01', '');
  runtime.call('emailQbrAgenda', 'TechServices Inc.');
  await runtime.save();
  const files = readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  const mail = (await parseAll(files.map((f) => join(dir, 'outbox', f))))[0];
  expect(mail.text).toContain('Joint plan: 1 of 5 milestones done, 1 overdue');
  expect(mail.text).toContain('Overdue: Joint booth at Dreamforce (Both, due 2026-11-26, target 1, actual 0)');
  expect(mail.html).toContain('Open: &lt;b&gt;Launch&lt;/b&gt; webinar (Both, due 2027-02-01)');
  expect(mail.html).not.toContain('<b>Launch');
});

// The sidebar's server entries in the built bundle (dist/Code.js) on a copy of the example workbook, in the
// local Apps Script runtime, as google.script.run would call them.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../../local/runtime';
import type { QbrActionResult, QbrData } from '../../../src/contracts/qbrSidebar';
import { whatIfOutcome } from '../../../src/core/scoring/whatIf';
import { sheetRows } from '../../automation/helpers';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'partners.xlsx');
const MORNING = new Date(2026, 11, 1, 9, 0);

async function open(selection = 'Partners!C2'): Promise<{ runtime: Runtime; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-qbr-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(EXAMPLE, workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: MORNING,
    outboxDir: join(dir, 'outbox'),
    selection,
    userEmail: 'sarah@example.com',
  });
  return { runtime, dir };
}

const iso = (v: unknown) =>
  v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'
    ? `${(v as Date).getFullYear()}-${String((v as Date).getMonth() + 1).padStart(2, '0')}-${String((v as Date).getDate()).padStart(2, '0')}`
    : v;

/** Removes a sheet of the example copy, as deleting it in Sheets would. */
function dropSheet(runtime: { workbook: { sheets: { name: string }[] } }, name: string): void {
  const sheets = runtime.workbook.sheets;
  const at = sheets.findIndex((s) => s.name === name);
  if (at >= 0) sheets.splice(at, 1);
}

test('opens for the partner of the selected row; another sheet selected gives the empty state with how to pick one', async () => {
  const { runtime } = await open('Partners!C2');
  const data = runtime.call('getQbrData', null) as QbrData;
  expect(data.details?.partner.name).toBe('TechServices Inc.');
  expect(data.partners).toHaveLength(40);
  runtime.SpreadsheetApp.select('Pipeline!A2');
  const none = runtime.call('getQbrData', '') as QbrData;
  expect(none.details).toBeNull();
  expect(none.note).toMatch(/Select a partner’s row on the Partners sheet/);
  expect((runtime.call('getQbrData', 'northwind systems') as QbrData).details?.partner.name).toBe('Northwind Systems');
});

test('the menu item opens the sidebar from dist/Sidebar.html: one self-contained page', async () => {
  const { runtime } = await open();
  runtime.call('openQbrSidebar');
  const shown = runtime.ui.dialogs.find((d) => d.kind === 'sidebar');
  expect(shown?.title).toBe('PartnerPulse · QBR prep');
  expect(shown?.content).toContain('<script>');
  expect(shown?.content).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|fonts\.googleapis/);
});

describe('every server entry refuses a bad argument with a message naming it', () => {
  let runtime: Runtime;
  beforeAll(async () => ({ runtime } = await open()));
  test.each([
    ['getQbrData', [42], 'partnerName 42 is not text'],
    ['getQbrData', ['Nobody'], 'There is no partner named "Nobody" on the "Partners" sheet.'],
    [
      'setQbrChecklistItem',
      ['TechServices Inc.', '2026-Q9', 'before.agenda', true],
      'quarter "2026-Q9" is not a quarter',
    ],
    [
      'setQbrChecklistItem',
      ['TechServices Inc.', '2026-Q4', 'before.nope', true],
      'itemId "before.nope" is not an item of the QBR checklists',
    ],
    [
      'setQbrChecklistItem',
      ['TechServices Inc.', '2026-Q4', 'before.agenda', 'yes'],
      'done "yes" is not true or false',
    ],
    ['addQbrActionItem', ['TechServices Inc.', '', 'Us', '2026-12-08'], 'item "" is empty'],
    [
      'addQbrActionItem',
      ['TechServices Inc.', 'Call', 'Them', '2026-12-08'],
      'side "Them" is not one of Us, Partner, Both',
    ],
    [
      'addQbrActionItem',
      ['TechServices Inc.', 'Call', 'Us', '12/08/2026'],
      'due "12/08/2026" is not a date; allowed: text like 2026-12-31',
    ],
    ['completeQbrActionItem', ['TechServices Inc.', 1.5, 'x'], 'row 1.5 is not a sheet row'],
    ['createQbrBrief', [null], 'partnerName (blank) is not text'],
    ['emailQbrAgenda', [['TechServices Inc.']], 'partnerName TechServices Inc. is not text'],
    ['markQbrHeld', ['TechServices Inc.', 7], 'notes 7 is not text'],
    ['applyQbrWhatIf', ['TechServices Inc.', 'nps=60'], 'changes "nps=60" is not an object like {"nps": 60}'],
    [
      'applyQbrWhatIf',
      ['TechServices Inc.', { revenue: 5 }],
      'changes "revenue" is not a field the what-if can change',
    ],
    ['applyQbrWhatIf', ['TechServices Inc.', { nps: 140 }], 'NPS 140 is outside −100…100'],
    [
      'applyQbrWhatIf',
      ['TechServices Inc.', { fit: 'Maybe' }],
      'Strategic fit "Maybe" is not one of Strong, Moderate, Weak',
    ],
    [
      'applyQbrWhatIf',
      ['TechServices Inc.', { relevance: 'High' }],
      'Market relevance "High" is not true (High), false (Low) or null (blank)',
    ],
  ])('%s(%j)', (fn, args, message) => {
    expect(() => runtime.call(fn, ...args)).toThrow(message);
  });
});

test('checklist ticks are kept per partner and quarter in the document properties', async () => {
  const { runtime } = await open();
  const r = runtime.call(
    'setQbrChecklistItem',
    'TechServices Inc.',
    '2026-Q4',
    'before.pipeline',
    true,
  ) as QbrActionResult;
  const ticked = (d: QbrData | QbrActionResult['data']) =>
    d
      .details!.checklists.flatMap((l) => l.items)
      .filter((i) => i.done)
      .map((i) => i.id);
  expect(ticked(r.data)).toEqual(['before.pipeline']);
  expect(ticked(runtime.call('getQbrData', 'TechServices Inc.') as QbrData)).toEqual(['before.pipeline']);
  expect(ticked(runtime.call('getQbrData', 'Northwind Systems') as QbrData)).toEqual([]);
  runtime.call('setQbrChecklistItem', 'TechServices Inc.', '2026-Q4', 'before.pipeline', false);
  expect(ticked(runtime.call('getQbrData', 'TechServices Inc.') as QbrData)).toEqual([]);
});

test('ticks of quarters before the previous one are forgotten when a tick is written (the properties hold 500 KB)', async () => {
  const { runtime } = await open();
  const props = runtime.services.PropertiesService.getDocumentProperties();
  props.setProperty('partnerpulse.qbr.checklist.2026-Q2.acme', '["before.agenda"]');
  props.setProperty('partnerpulse.qbr.checklist.2026-Q3.acme', '["before.agenda"]');
  props.setProperty('partnerpulse.settings', '{}');
  runtime.call('setQbrChecklistItem', 'TechServices Inc.', '2026-Q4', 'before.pipeline', true);
  expect(
    props
      .getKeys()
      .filter((k) => k.startsWith('partnerpulse.'))
      .sort(),
  ).toEqual([
    'partnerpulse.qbr.checklist.2026-Q3.acme',
    'partnerpulse.qbr.checklist.2026-Q4.techservices inc.',
    'partnerpulse.settings',
  ]);
});

test('action items: added with a formula-looking text kept as text, completed by row', async () => {
  const { runtime } = await open();
  const added = runtime.call(
    'addQbrActionItem',
    'TechServices Inc.',
    '=HYPERLINK("x")',
    'Partner',
    '2026-12-08',
  ) as QbrActionResult;
  const rows = sheetRows(runtime, 'Action items');
  const last = rows[rows.length - 1];
  expect([last[0], last[1], last[2], iso(last[3]), last[4]]).toEqual([
    'TechServices Inc.',
    '=HYPERLINK("x")',
    'Partner',
    '2026-12-08',
    'Open',
  ]);
  expect(runtime.workbook.sheet('Action items')!.cell(rows.length, 2)?.formula).toBeUndefined();
  expect(added.changes[0]).toBe(`Action items row ${rows.length}: [Partner] =HYPERLINK("x"), due 2026-12-08`);
  const item = added.data.details!.actionItems;
  if (!item.present) throw new Error('Action items sheet missing');
  expect(item.value.map((a) => a.item)).toContain('=HYPERLINK("x")');
  runtime.call('completeQbrActionItem', 'TechServices Inc.', rows.length, '=HYPERLINK("x")');
  expect(sheetRows(runtime, 'Action items')[rows.length - 1][4]).toBe('Done');
  expect(() => runtime.call('completeQbrActionItem', 'TechServices Inc.', 2, 'Something else')).toThrow(
    'Row 2 of "Action items" is no longer "Something else" for TechServices Inc. (the sheet changed).',
  );
});

test('Mark QBR held: Last/Next QBR in one write, a QBR log row, four follow-ups due in 48 h; twice a day is refused', async () => {
  const { runtime } = await open();
  const itemsBefore = sheetRows(runtime, 'Action items').length;
  const logBefore = sheetRows(runtime, 'QBR log').length;
  runtime.calls.reset();
  const r = runtime.call('markQbrHeld', 'TechServices Inc.', 'Agreed joint webinar') as QbrActionResult;
  // One setValues per range written: the two adjacent QBR cells, the log row, the follow-up rows.
  expect(runtime.calls.byMethod()['Range.setValues']).toBe(3);
  expect(runtime.calls.byMethod()['Range.setValue']).toBeUndefined();
  const partners = sheetRows(runtime, 'Partners');
  const header = partners[0];
  const row = partners[1];
  expect(iso(row[header.indexOf('Last QBR')])).toBe('2026-12-01');
  expect(iso(row[header.indexOf('Next QBR')])).toBe('2027-03-02');
  const log = sheetRows(runtime, 'QBR log');
  expect(log).toHaveLength(logBefore + 1);
  expect(log[log.length - 1].map(iso)).toEqual([
    'TechServices Inc.',
    '2026-12-01',
    'Agreed joint webinar',
    '2027-03-02',
  ]);
  const items = sheetRows(runtime, 'Action items');
  expect(items.slice(itemsBefore).map((x) => [x[0], iso(x[3]), x[4]])).toEqual(
    Array(4).fill(['TechServices Inc.', '2026-12-03', 'Open']),
  );
  expect(r.message).toBe('QBR with TechServices Inc. marked held on 2026-12-01.');
  expect(r.changes[0]).toBe('Partners row 2: Last QBR 2026-10-02 → 2026-12-01, Next QBR 2026-12-31 → 2027-03-02');
  expect(r.data.details!.partner.qbr).toMatchObject({ last: '2026-12-01', next: '2027-03-02' });
  expect(() => runtime.call('markQbrHeld', 'TechServices Inc.', '')).toThrow(
    'The QBR log already has a QBR with TechServices Inc. on 2026-12-01; nothing was changed.',
  );
});

test('Create QBR brief: a new tab per click, never over an existing one', async () => {
  const { runtime } = await open();
  const first = runtime.call('createQbrBrief', 'TechServices Inc.') as QbrActionResult;
  const second = runtime.call('createQbrBrief', 'TechServices Inc.') as QbrActionResult;
  expect(first.message).toBe('QBR brief created in the sheet "QBR TechServices Inc. 2026-Q4".');
  expect(second.message).toBe('QBR brief created in the sheet "QBR TechServices Inc. 2026-Q4 (2)".');
  const brief = sheetRows(runtime, 'QBR TechServices Inc. 2026-Q4');
  expect(brief[0][0]).toBe('QBR brief — TechServices Inc. — 2026-Q4');
  expect(brief.map((r) => r[0])).toEqual(
    expect.arrayContaining(['Health breakdown', 'Agenda (60 min)', 'Stuck: Litware analytics rollout']),
  );
  expect(runtime.workbook.sheet('QBR TechServices Inc. 2026-Q4')!.cell(1, 1)?.bold).toBe(true);
});

test('E-mail me the agenda goes to the active user, with the partner data escaped in the HTML', async () => {
  const { runtime, dir } = await open();
  const r = runtime.call('emailQbrAgenda', 'TechServices Inc.') as QbrActionResult;
  expect(r.message).toBe('Agenda sent to sarah@example.com.');
  await runtime.save();
  const files = readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  expect(files).toHaveLength(1);
  const eml = readFileSync(join(dir, 'outbox', files[0]), 'utf8');
  expect(eml).toMatch(/To: sarah@example.com/);
  expect(eml).toContain('QBR agenda');
});

test('the what-if model the sidebar gets reproduces every example partner’s score, tier, segment and quadrant', async () => {
  const { runtime } = await open();
  const names = (runtime.call('getQbrData', null) as QbrData).partners;
  for (const name of names) {
    // Through JSON, as google.script.run carries it.
    const d = JSON.parse(JSON.stringify(runtime.call('getQbrData', name))) as QbrData;
    const p = d.details!.partner;
    expect([name, whatIfOutcome(d.details!.whatIf, d.details!.whatIf.inputs)]).toEqual([
      name,
      { score: p.score, tier: p.tier, tierColor: p.tierColor, segment: p.segment, quadrant: p.quadrant },
    ]);
  }
});

test('what-if Apply writes only the fields that differ from the sheet, one cell each', async () => {
  const { runtime } = await open();
  runtime.calls.reset();
  const r = runtime.call('applyQbrWhatIf', 'TechServices Inc.', {
    nps: 60,
    deals: 12,
    relevance: false,
  }) as QbrActionResult;
  expect(r.changes).toEqual(['Partners row 2: NPS (blank) → 60', 'Partners row 2: Market relevance High → Low']);
  expect(runtime.calls.byMethod()['Range.setValue']).toBe(2);
  const partners = sheetRows(runtime, 'Partners');
  expect([partners[1][partners[0].indexOf('NPS')], partners[1][partners[0].indexOf('Market relevance')]]).toEqual([
    60,
    'Low',
  ]);
  const same = runtime.call('applyQbrWhatIf', 'TechServices Inc.', { nps: 60 }) as QbrActionResult;
  expect([same.message, same.changes]).toEqual(['Nothing to write: the values are those on the sheet.', []]);
});

test('no Health history sheet: the trend says how to get one', async () => {
  const { runtime } = await open();
  // The example's Health history (last quarter's snapshot for the movers) goes: this is a sheet without one.
  dropSheet(runtime, 'Health history');
  const d = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(d.details!.trend).toEqual({
    present: false,
    how: 'No "Health history" sheet yet: turn daily automation on (PartnerPulse menu) and it appends every partner\'s score once a day.',
  });
});

test('a missing optional sheet is named with how to add it', async () => {
  const { runtime } = await open();
  const sheets = runtime.workbook.sheets;
  sheets.splice(
    sheets.findIndex((s) => s.name === 'Pipeline'),
    1,
  );
  const d = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(d.details!.pipeline).toEqual({
    present: false,
    how: 'Add a sheet named "Pipeline" with the header row Partner · Opportunity · Stage · Amount · Close date · Last stage change, one row per entry.',
  });
  expect(d.details!.agenda[2].points).toEqual(['No Pipeline sheet: bring the partner’s current opportunities']);
});

test('the optional sheets are found under the names Settings gives them', async () => {
  const { runtime } = await open();
  runtime.workbook.sheet('Pipeline')!.name = 'Deals pipeline';
  runtime.workbook.sheet('Action items')!.name = 'Follow-ups';
  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify({
      version: 2,
      sheets: { pipeline: 'Deals pipeline', actionItems: 'Follow-ups', feedback: 'Partner feedback' },
    }),
  );
  const d = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(d.details!.pipeline.present).toBe(true);
  expect(d.details!.actionItems.present).toBe(true);
  expect(d.details!.feedback).toEqual({
    present: false,
    how: 'Add a sheet named "Partner feedback" with the header row Partner · Type · Summary · Date, one row per entry.',
  });
  const before = sheetRows(runtime, 'Follow-ups').length;
  runtime.call('addQbrActionItem', 'TechServices Inc.', 'Send the joint plan', 'Us', '2026-12-08');
  expect(sheetRows(runtime, 'Follow-ups')).toHaveLength(before + 1);
  expect(runtime.workbook.sheet('Action items')).toBeUndefined();
});

test('the sidebar says when the last automated run failed (a skipped run after it does not hide it)', async () => {
  const { runtime } = await open();
  expect((runtime.call('getQbrData', 'TechServices Inc.') as QbrData).automation).toBeNull();
  const log = runtime.workbook.addSheet('Run log');
  const rows: unknown[][] = [
    [
      'Started',
      'Job',
      'Status',
      'Partners read',
      'Rows recolored',
      'Sent',
      'Deferred',
      'Failed',
      'Seconds',
      'Error',
      'Service calls',
    ],
    [new Date(2026, 11, 1, 6, 0), 'hourly', 'ok', 40, 40, 5, 0, 0, 3, '', 50],
    [new Date(2026, 11, 1, 7, 0), 'hourly', 'failed', 0, 0, 0, 0, 0, 1, 'MailApp quota exhausted', 9],
    [
      new Date(2026, 11, 1, 8, 0),
      'hourly',
      'skipped',
      0,
      0,
      0,
      0,
      0,
      0,
      'Another PartnerPulse run was still working on this spreadsheet.',
      2,
    ],
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      log.ensure(r + 1, c + 1).value = v as string;
    }),
  );
  const data = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(data.automation).toBe('Automation: last run failed 2 h ago — MailApp quota exhausted');
});

test('a long Health history (200 days of every partner) gives the last 90 days and the 30-day baseline', async () => {
  const { runtime } = await open();
  const names = (runtime.call('getQbrData', null) as QbrData).partners;
  dropSheet(runtime, 'Health history'); // the example's compact one, for an old-layout one here
  const history = runtime.workbook.addSheet('Health history');
  ['Date', 'Partner', 'Score', 'Tier', 'Segment'].forEach((v, i) => {
    history.ensure(1, i + 1).value = v;
  });
  let row = 2;
  for (let daysAgo = 200; daysAgo >= 1; daysAgo--) {
    for (const name of names) {
      // TechServices scored 100 − days ago (70 thirty days ago); everyone else 50.
      [new Date(2026, 11, 1 - daysAgo), name, name === 'TechServices Inc.' ? 100 - daysAgo : 50, '', ''].forEach(
        (v, i) => {
          history.ensure(row, i + 1).value = v;
        },
      );
      row++;
    }
  }
  history.maxRows = row;
  const d = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  if (!d.details!.trend.present) throw new Error('trend missing');
  const t = d.details!.trend.value;
  expect(t.points).toHaveLength(89);
  expect([t.points[0], t.points[88]]).toEqual([
    { date: '2026-09-03', score: 11 },
    { date: '2026-11-30', score: 99 },
  ]);
  expect([t.baseline, t.change]).toEqual([70, 87 - 70]);
});

test('the sidebar is sent the numbers it prints, from Settings: tier floors, windows, next QBR after held', async () => {
  const { runtime } = await open();
  const before = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(before.facts.tierFloors).toEqual([
    { tier: 'Champion', floor: 80 },
    { tier: 'Healthy', floor: 60 },
    { tier: 'At-risk', floor: 40 },
    { tier: 'Critical', floor: 20 },
  ]);
  expect([before.facts.trendDays, before.facts.againstDaysAgo, before.facts.followUpDays]).toEqual([90, 30, 2]);
  expect(before.details!.nextSteps).toEqual({
    heldNextQbr: '2027-03-02',
    heldEveryDays: 91,
    followUpDue: '2026-12-03',
    followUps: 4,
    actionItemDue: '2026-12-08',
    milestoneDue: '2026-12-31',
  });
  runtime.call(
    'saveSettings',
    JSON.stringify({
      rules: {
        tierFloors: { Champion: 90, Healthy: 65, 'At-risk': 45, Critical: 25 },
        healthDrop: { againstDaysAgo: 14 },
        segmentPolicies: { Strategic: { qbrEveryDays: 30 } },
      },
    }),
  );
  const after = runtime.call('getQbrData', 'TechServices Inc.') as QbrData;
  expect(after.facts.tierFloors.map((t) => t.floor)).toEqual([90, 65, 45, 25]);
  expect(after.facts.againstDaysAgo).toBe(14);
  expect(after.details!.nextSteps).toMatchObject({ heldNextQbr: '2026-12-31', heldEveryDays: 30 });
  // What Mark QBR held then writes is what the sidebar was told.
  const held = runtime.call('markQbrHeld', after.details!.partner.name, '') as QbrActionResult;
  expect(held.changes[0]).toMatch(/Next QBR .* → 2026-12-31$/);
});

test('what-if Apply reads Growth sent as the percent text typed, with the sheet’s Growth reader', async () => {
  const { runtime } = await open();
  const r = runtime.call('applyQbrWhatIf', 'TechServices Inc.', { growth: '12.5%' }) as QbrActionResult;
  expect(r.changes).toEqual([expect.stringMatching(/: Growth .* → 12\.5%$/)]);
  expect(() => runtime.call('applyQbrWhatIf', 'TechServices Inc.', { growth: '12,5x%' })).toThrow(
    'Growth "12,5x%" is not a percentage',
  );
});

// examples/partners.xlsx and the partner journey (issue 20, docs/journey.md): every lifecycle stage on the
// example's day, the journey columns, a Joint plan with an overdue milestone, last quarter's snapshot.
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { parseQuarters } from '../../src/core/history/compactHistory';
import { readJointPlan } from '../../src/core/journey/jointPlan';
import { STAGES } from '../../src/core/journey/lifecycle';
import { openEscalationCounts } from '../../src/core/journey/risks';
import { journeyBlocks } from '../../src/core/journey/view';
import { mapColumns, readPartnerRows } from '../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../src/core/rules';
import { evaluatePartners } from '../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../calendars';
import { loadBundle, ROOT } from './bundle';
import { registerPartnerPulse } from './hyperformula';
import { evaluateWorkbook, readWorkbook, sheetContents } from './workbook';

const EXAMPLE = join(ROOT, 'examples', 'partners.xlsx');
const today = dayNumber(new Date(2026, 11, 1));
let workbook: ExcelJS.Workbook;
let unregister: () => void;
let partners: Array<Record<string, unknown>>;
let values: unknown[][];

beforeAll(async () => {
  workbook = await readWorkbook(EXAMPLE);
  unregister = registerPartnerPulse(loadBundle({ today: { year: 2026, month: 12, day: 1 } }));
  const hf = evaluateWorkbook(workbook);
  values = hf.getSheetValues(hf.getSheetId('Partners') as number) as unknown[][];
  const headers = values[0] as string[];
  partners = values.slice(1).map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? null])));
});
afterAll(() => unregister());

const rows = (name: string) => sheetContents(workbook.getWorksheet(name) as ExcelJS.Worksheet);

test('the Stage column is one PARTNER_STAGE formula, and on 2026-12-01 every stage occurs', () => {
  expect((workbook.getWorksheet('Partners') as ExcelJS.Worksheet).getCell('AD2').formula).toBe(
    'PARTNER_STAGE(O2:O41, P2:P41, F2:F41)',
  );
  const stageOf = (name: string) => partners.find((p) => p.Partner === name)?.Stage;
  expect(
    [
      'Cyberdyne Partners',
      'Paper Street Tech',
      'Hooli Partners',
      'Duff Distribution',
      'Kramerica',
      'TechServices Inc.',
    ].map(stageOf),
  ).toEqual(['Recruit', 'Onboard', 'Enable', 'Activate', 'Stalled', 'Active']);
  expect(new Set(partners.map((p) => p.Stage))).toEqual(new Set(STAGES));
});

test("the Joint plan sheet has an overdue milestone and each status; last quarter's snapshot is there", () => {
  const plan = readJointPlan(rows('Joint plan') as never, today, NEW_YORK);
  expect(plan.problems).toEqual([]);
  expect(plan.milestones.filter((m) => m.overdue).map((m) => [m.partner, m.milestone])).toEqual([
    ['TechServices Inc.', 'Joint booth at Dreamforce'],
  ]);
  expect(new Set(plan.milestones.map((m) => m.status))).toEqual(new Set(['Open', 'Done', 'Dropped']));
  // Last quarter's snapshot is in the Health history's compact layout (docs/limits.md), read as the movers read it.
  expect(workbook.getWorksheet('Quarter snapshots')).toBeUndefined();
  const history = rows('Health history');
  expect(history[0][4]).toBe('Quarter snapshots (latest 2026-Q3)');
  const snaps = history.slice(1).map((r) => [r[0], parseQuarters(String(r[4])).get('2026-Q3')]);
  expect(snaps).toHaveLength(6);
  expect(snaps).toContainEqual([
    'Hooli Partners',
    { tier: 'Healthy', segment: 'Growth', quadrant: 'Unpolished diamond' },
  ]);
  expect(snaps.every(([, s]) => s !== undefined)).toBe(true);
});

test('each relationship risk occurs, and the stalled list has the partners past 90 days', () => {
  // The typed cells as the add-on reads them (dates as Date; the formula columns are not needed here).
  const sheet = rows('Partners');
  const table = readPartnerRows(sheet.slice(1) as never, mapColumns(sheet[0] as never), today, DEFAULT_RULES, NEW_YORK);
  const views = evaluatePartners(table, today, DEFAULT_RULES);
  const blocks = journeyBlocks(
    views,
    openEscalationCounts(rows('Escalations') as never),
    today,
    DEFAULT_RULES,
    NEW_YORK,
  );
  const risks = Object.fromEntries(blocks.find((b) => b.title === 'Relationship risks')!.rows as [string, number][]);
  for (const count of Object.values(risks)) expect(count).toBeGreaterThan(0);
  expect(blocks.find((b) => b.title === 'Stalled partners')!.rows.map((r) => r[0])).toEqual([
    'RandomCorp',
    'Kramerica',
  ]);
});

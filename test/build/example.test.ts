// examples/partners.xlsx: the sheets and headers the add-on reads, formulas that compute in a formula engine,
// and data that shows every tier, segment and quadrant on the example's day, 2026-12-01.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { HyperFormula } from 'hyperformula';
import { DEFAULT_RULES, QUADRANTS, SEGMENTS, type Segment, TIERS } from '../../src/core/rules';
import { qbrStatus, touchStatus } from '../../src/core/segments/cadence';
import { dayNumber } from '../calendars';
import { loadBundle, ROOT } from './bundle';
import { registerPartnerPulse } from './hyperformula';
import { evaluateWorkbook, readWorkbook, sheetContents } from './workbook';

const EXAMPLE = join(ROOT, 'examples', 'partners.xlsx');
const TODAY = new Date(2026, 11, 1);

const HEADERS: Record<string, string[]> = {
  Partners: [
    'Partner',
    'Owner',
    'Revenue',
    'Revenue last year',
    'Growth',
    'Deals',
    'Leads',
    'Engagement',
    'NPS',
    'Strategic fit',
    'Market relevance',
    'Last contact',
    'Last QBR',
    'Next QBR',
    'Signed',
    'First deal',
    'Partner contact',
    'Health',
    'Tier',
    'Segment',
    'Quadrant',
    'Next touch',
  ],
  Pipeline: ['Partner', 'Opportunity', 'Stage', 'Amount', 'Close date', 'Last stage change'],
  Feedback: ['Partner', 'Type', 'Summary', 'Date'],
  'Action items': ['Partner', 'Item', 'Side', 'Due', 'Status'],
  'QBR log': ['Partner', 'Held on', 'Notes', 'Next QBR'],
  Escalations: ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
  'Joint plan': ['Partner', 'Milestone', 'Side', 'Due', 'Status', 'Target', 'Actual'],
  'Health history': [
    'Partner',
    'Scores 2026-10',
    'Scores 2026-11',
    'Earlier scores',
    'Quarter snapshots (latest 2026-Q3)',
  ],
};

// What the example shows on 2026-12-01: score, tier, segment, quadrant of every partner.
// prettier-ignore
const EXPECTED: Array<[string, number | 'Unknown', string, Segment, string]> = [
  ['TechServices Inc.', 87, 'Champion', 'Strategic', 'Key partner'],
  ['Northwind Systems', 90, 'Champion', 'Strategic', 'Key partner'],
  ['Globex Cloud', 70, 'Healthy', 'Strategic', 'Unpolished diamond'],
  ['Initech Solutions', 45, 'At-risk', 'Stable', 'Growth hacker'],
  ['Vandelay Industries', 95, 'Champion', 'Growth', 'Key partner'],
  ['Umbrella Analytics', 75, 'Healthy', 'Growth', 'Key partner'],
  ['Stark Digital', 10, 'Churning', 'At-risk', 'Dementor'],
  ['Wayne Consulting', 30, 'Critical', 'At-risk', 'Growth hacker'],
  ['Acme Integrations', 80, 'Champion', 'Stable', 'Growth hacker'],
  ['Hooli Partners', 53, 'At-risk', 'Growth', 'Unpolished diamond'],
  ['RandomCorp', 'Unknown', 'Unknown', 'Long-tail', 'Dementor'],
  ['Soylent Networks', 35, 'Critical', 'Stable', 'Dementor'],
  ['Cyberdyne Partners', 0, 'Churning', 'At-risk', 'Dementor'],
  ['Pied Piper', 'Unknown', 'Unknown', 'Long-tail', 'Key partner'],
  ['Massive Dynamic', 100, 'Champion', 'Growth', 'Key partner'],
  ['Oscorp Alliances', 60, 'Healthy', 'Stable', 'Growth hacker'],
  ['Tyrell Labs', 50, 'At-risk', 'Growth', 'Key partner'],
  ['Aperture Systems', 65, 'Healthy', 'Stable', 'Key partner'],
  ['Gringotts Payments', 10, 'Churning', 'At-risk', 'Dementor'],
  ['Duff Distribution', 15, 'Churning', 'At-risk', 'Dementor'],
  ['Wonka Software', 75, 'Healthy', 'Growth', 'Key partner'],
  ['Bluth Partners', 40, 'At-risk', 'Stable', 'Dementor'],
  ['Prestige Worldwide', 24, 'Critical', 'Long-tail', 'Dementor'],
  ['Sterling Cooper Digital', 90, 'Champion', 'Growth', 'Key partner'],
  ['Dunder Data', 60, 'Healthy', 'Stable', 'Growth hacker'],
  ['Los Pollos Cloud', 40, 'At-risk', 'Stable', 'Unpolished diamond'],
  ['Monarch Solutions', 65, 'Healthy', 'Stable', 'Key partner'],
  ['Paper Street Tech', 0, 'Churning', 'At-risk', 'Dementor'],
  ['Cheers Networks', 50, 'At-risk', 'Growth', 'Dementor'],
  ['Virtucon', 45, 'At-risk', 'Stable', 'Growth hacker'],
  ['Ollivander Apps', 80, 'Champion', 'Growth', 'Unpolished diamond'],
  ['Kramerica', 12, 'Churning', 'Long-tail', 'Dementor'],
  ['Spacely Sprockets', 60, 'Healthy', 'Stable', 'Growth hacker'],
  ['Nakatomi Trading', 55, 'At-risk', 'Stable', 'Key partner'],
  ['Zorg Industries', 50, 'At-risk', 'Growth', 'Unpolished diamond'],
  ['Frobozz Magic', 30, 'Critical', 'Long-tail', 'Dementor'],
  ['Gekko & Co', 40, 'At-risk', 'Stable', 'Growth hacker'],
  ['Bushwood Services', 35, 'Critical', 'Long-tail', 'Dementor'],
  ['Rekall Media', 85, 'Champion', 'Growth', 'Key partner'],
  ['Cogswell Cogs', 40, 'At-risk', 'Long-tail', 'Unpolished diamond'],
];

let workbook: ExcelJS.Workbook;
let hf: HyperFormula;
let unregister: () => void;
/** The Partners sheet as computed: one object per partner, keyed by header. */
let partners: Array<Record<string, unknown>>;

beforeAll(async () => {
  workbook = await readWorkbook(EXAMPLE);
  unregister = registerPartnerPulse(loadBundle({ today: { year: 2026, month: 12, day: 1 } }));
  hf = evaluateWorkbook(workbook);
  const values = hf.getSheetValues(hf.getSheetId('Partners') as number);
  const headers = values[0] as string[];
  partners = values.slice(1).map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? null])));
});

afterAll(() => unregister());

test('the checked-in workbook is what `npm run example` builds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'partnerpulse-example-'));
  try {
    const fresh = join(dir, 'partners.xlsx');
    execFileSync(process.execPath, [join(ROOT, 'examples', 'build-example.mjs'), fresh], { cwd: ROOT });
    const rebuilt = await readWorkbook(fresh);
    for (const name of Object.keys(HEADERS)) {
      expect(sheetContents(rebuilt.getWorksheet(name) as ExcelJS.Worksheet)).toEqual(
        sheetContents(workbook.getWorksheet(name) as ExcelJS.Worksheet),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000); // a node process building the workbook: seconds on a busy machine

test.each(Object.entries(HEADERS))('sheet %s: bold, frozen header row with the spec headers', (name, headers) => {
  const sheet = workbook.getWorksheet(name);
  expect(sheet).toBeDefined();
  const header = (sheet as ExcelJS.Worksheet).getRow(1);
  expect(headers.map((_, i) => header.getCell(i + 1).value)).toEqual(headers);
  expect(header.getCell(1).font?.bold).toBe(true);
  expect((sheet as ExcelJS.Worksheet).views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect((sheet as ExcelJS.Worksheet).rowCount).toBeGreaterThan(1);
});

test('40 partners, with 4–5 owners, and date and percent cells formatted as such', () => {
  const sheet = workbook.getWorksheet('Partners') as ExcelJS.Worksheet;
  expect(partners).toHaveLength(40);
  const owners = new Set(partners.map((p) => p.Owner).filter((o) => o !== null));
  expect(owners.size).toBeGreaterThanOrEqual(4);
  expect(owners.size).toBeLessThanOrEqual(5);
  for (const owner of owners) expect(owner).toMatch(/^[a-z]+@example\.com$/);
  expect(sheet.getCell('E2').numFmt).toMatch(/%/);
  expect(sheet.getCell('E2').value).toBe(0.35);
  expect(sheet.getCell('L2').numFmt).toBe('yyyy-mm-dd');
  expect(sheet.getCell('L2').value).toBeInstanceOf(Date);
  // Engagement mixes labels, last-activity dates and login counts
  const engagement = partners.map((p) => typeof p.Engagement);
  expect(new Set(engagement)).toEqual(new Set(['string', 'number']));
  const engagementCells = Array.from({ length: 40 }, (_, i) => sheet.getCell(`H${i + 2}`).value);
  expect(engagementCells.some((v) => v instanceof Date)).toBe(true);
  expect(engagementCells.some((v) => typeof v === 'number')).toBe(true);
  expect(engagementCells.some((v) => typeof v === 'string')).toBe(true);
});

test('each computed column is one formula in the first data row over bounded ranges, spilling down', () => {
  const sheet = workbook.getWorksheet('Partners') as ExcelJS.Worksheet;
  expect(sheet.getCell('R2').formula).toBe('PARTNER_HEALTH(E2:E41, F2:F41, H2:H41, I2:I41, J2:J41)');
  expect(sheet.getCell('S2').formula).toBe('PARTNER_TIER(R2:R41)');
  expect(sheet.getCell('T2').formula).toBe('SEGMENT(C2:C41, E2:E41, F2:F41, H2:H41)');
  expect(sheet.getCell('U2').formula).toBe('PARTNER_QUADRANT(G2:G41, K2:K41)');
  expect(sheet.getCell('V2').formula).toBe('NEXT_TOUCH(T2:T41, L2:L41)');
  for (const letter of ['R', 'S', 'T', 'U', 'V']) expect(sheet.getCell(`${letter}3`).value).toBeNull();
});

test('on 2026-12-01 every partner computes to its score, tier, segment and quadrant', () => {
  expect(partners.map((p) => [p.Partner, p.Health, p.Tier, p.Segment, p.Quadrant])).toEqual(EXPECTED);
});

test('together the partners show every tier, segment and quadrant', () => {
  expect(new Set(partners.map((p) => p.Tier))).toEqual(new Set(TIERS));
  expect(new Set(partners.map((p) => p.Segment))).toEqual(new Set(SEGMENTS));
  expect(new Set(partners.map((p) => p.Quadrant))).toEqual(new Set(QUADRANTS));
});

test("seed 000's partners: TechServices Inc. 87 Champion, RandomCorp Unknown with no owner", () => {
  const tech = partners.find((p) => p.Partner === 'TechServices Inc.');
  expect(tech).toMatchObject({
    Owner: 'sarah@example.com',
    Revenue: 450000,
    Growth: 0.35,
    Deals: 12,
    Health: 87,
    Tier: 'Champion',
  });
  const random = partners.find((p) => p.Partner === 'RandomCorp');
  expect(random).toMatchObject({
    Owner: null,
    Revenue: 0,
    Deals: 0,
    Engagement: 0,
    Health: 'Unknown',
    Tier: 'Unknown',
  });
  expect(random?.['Next touch']).toBe((Date.UTC(2026, 5, 30) - Date.UTC(1899, 11, 30)) / 86_400_000); // 2026-04-01 + 90 days
});

test('the breakdown columns explain each score and name the next best lift', () => {
  const cols = ['Revenue pts', 'Activity pts', 'Engagement pts', 'NPS pts', 'Fit pts', 'Next best lift'];
  const of = (name: string) => cols.map((c) => partners.find((p) => p.Partner === name)?.[c]);
  // TechServices Inc.: 35 % growth, 12 deals, 2 portal logins (Quarterly), NPS and fit not known.
  expect(of('TechServices Inc.')).toEqual([30, 25, 10, '', '', 'Weekly portal activity: +10']);
  expect(of('Massive Dynamic')).toEqual([30, 25, 20, 15, 10, '—']);
  expect(of('Hooli Partners')).toEqual([30, 0, 15, '', 0, '5+ deals this quarter: +25']);
});

test('Cheers Networks is snoozed for a week (Snooze until)', () => {
  const cheers = partners.find((p) => p.Partner === 'Cheers Networks');
  expect(cheers?.['Snooze until']).toBe((Date.UTC(2026, 11, 8) - Date.UTC(1899, 11, 30)) / 86_400_000);
});

test('some partners are touch-overdue and QBR-overdue on 2026-12-01', () => {
  const today = dayNumber(TODAY);
  const day = (serial: unknown) => (typeof serial === 'number' ? serial - 25569 : null); // serial → days since 1970-01-01
  const status = (name: string) => {
    const p = partners.find((row) => row.Partner === name);
    if (!p) throw new Error(`no partner ${name}`);
    const segment = p.Segment as Segment;
    return {
      touch: touchStatus(segment, day(p['Last contact']), today, DEFAULT_RULES).overdue,
      qbr: qbrStatus(segment, day(p['Last QBR']), day(p['Next QBR']), today, DEFAULT_RULES).overdue,
    };
  };
  expect(status('Northwind Systems')).toEqual({ touch: true, qbr: true });
  expect(status('Umbrella Analytics')).toEqual({ touch: true, qbr: false });
  expect(status('Vandelay Industries')).toEqual({ touch: false, qbr: true });
  expect(status('RandomCorp').touch).toBe(true);
  expect(status('TechServices Inc.')).toEqual({ touch: false, qbr: false });
});

test('the QBR sheets carry a stuck deal and a breached Critical escalation', () => {
  const rows = (name: string) => sheetContents(workbook.getWorksheet(name) as ExcelJS.Worksheet).slice(1);
  const stuck = rows('Pipeline').filter((r) => r[5] instanceof Date && dayNumber(TODAY) - dayNumber(r[5]) >= 30);
  expect(stuck.length).toBeGreaterThanOrEqual(1);
  const breached = rows('Escalations').filter(
    (r) =>
      r[1] === 'Critical' && r[3] === null && r[2] instanceof Date && TODAY.getTime() - r[2].getTime() > 4 * 3_600_000,
  );
  expect(breached.map((r) => r[0])).toEqual(['Northwind Systems']);
  expect(new Set(rows('Action items').map((r) => r[2]))).toEqual(new Set(['Us', 'Partner', 'Both']));
});

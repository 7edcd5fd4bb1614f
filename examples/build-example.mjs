// Builds the example workbook of the README. `npm run example` writes out/partners-example.xlsx, so the
// tracked examples/partners.xlsx changes only when asked: `npm run example -- --update`.
// (`node examples/build-example.mjs OTHER.xlsx` writes it elsewhere; the tests compare the two.)
//
// The data is written as of a fixed "today": 2026-12-01 (TODAY below). Every date in the workbook is a
// number of days before or after that day, so the mix below holds when the sheet is evaluated on 2026-12-01:
// every health tier, every segment and every quadrant occurs, and partners are overdue on purpose (Northwind
// Systems: touch and QBR; Umbrella Analytics: touch; Vandelay Industries: QBR; RandomCorp: touch, no owner). Evaluated on a later day, the date-based cells (engagement given as a last-activity date,
// last contact, QBR dates) age, as they would in a real sheet. test/build/example.test.ts checks the mix.
//
// The formulas use bounded ranges (E2:E41), not open-ended ones (E2:E): Sheets accepts both, but
// HyperFormula (the local runtime and the tests) cannot parse `E2:E`. Each formula sits in the first data
// row only and spills down one value per partner, as custom functions do in Sheets.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const here = dirname(fileURLToPath(import.meta.url));
export const OUTPUT = join(here, 'partners.xlsx');
/** Where `npm run example` writes unless --update is given. */
export const SCRATCH = join(here, '..', 'out', 'partners-example.xlsx');

/** The fixed evaluation day of the example: 2026-12-01. */
export const TODAY = { year: 2026, month: 12, day: 1 };

/** A date `offset` days from TODAY, at UTC midnight, so exceljs stores a whole-day serial number. */
function day(offset) {
  return new Date(Date.UTC(TODAY.year, TODAY.month - 1, TODAY.day + offset));
}

const SARAH = 'sarah@example.com';
const MIGUEL = 'miguel@example.com';
const PRIYA = 'priya@example.com';
const TOM = 'tom@example.com';
const LENA = 'lena@example.com';

// One partner per line. `growth` is what the Growth column shows (a fraction in a percent cell); revenue last
// year is derived from it. `engagement` is a label, a number of portal logins in the last 90 days, or
// { daysAgo } for the date of last portal activity. Date fields are days relative to TODAY (negative = past);
// null leaves the cell blank. The comment on each line is the outcome on TODAY: score tier / segment / quadrant.
// prettier-ignore
const PARTNERS = [
  // name,                     owner,  revenue, growth, deals, leads, engagement,       nps,  fit,        relevance, lastContact, lastQbr, nextQbr, signed, firstDeal
  ['TechServices Inc.', SARAH, 450000, 0.35, 12, 30, 2, null, null, 'High', -3, -60, 30, -1500, -1460], // 87 Champion / Strategic / Key partner (seed 000)
  ['Northwind Systems', MIGUEL, 520000, 0.08, 9, 25, 'Weekly', 62, 'Strong', 5, -12, -101, -10, -2000, -1950], // 90 Champion / Strategic / Key partner; touch and QBR overdue
  ['Globex Cloud', PRIYA, 380000, 0, 6, 4, 'Monthly', 40, 'Strong', 'Yes', -5, -40, 50, -1200, -1150], // 70 Healthy / Strategic / Unpolished diamond
  ['Initech Solutions', TOM, 400000, -0.1, 4, 9, 'Monthly', 20, 'Moderate', 3, -20, -80, 11, -1800, -1700], // 45 At-risk / Stable / Growth hacker
  ['Vandelay Industries', LENA, 210000, 0.25, 7, 18, { daysAgo: 3 }, 55, 'Moderate', 4, -6, -100, null, -900, -850], // 95 Champion / Growth / Key partner; QBR overdue
  ['Umbrella Analytics', SARAH, 150000, 0.12, 3, 10, 'Monthly', 30, 'Strong', 'High', -20, -30, 61, -700, -640], // 75 Healthy / Growth / Key partner; touch overdue
  ['Stark Digital', MIGUEL, 175000, -0.15, 1, 0, 'Inactive', -10, 'Weak', 'No', -4, null, null, -1100, -1000], // 10 Churning / At-risk / Dementor
  ['Wayne Consulting', PRIYA, 95000, -0.05, 2, 7, { daysAgo: 60 }, 10, 'Moderate', 2, -2, null, null, -1300, -1250], // 30 Critical / At-risk / Growth hacker
  ['Acme Integrations', TOM, 120000, 0.01, 5, 12, 'Weekly', 50, 'Strong', 'Low', -10, -70, 21, -1600, -1550], // 80 Champion / Stable / Growth hacker
  ['Hooli Partners', LENA, 60000, 0.3, 0, 1, 'Monthly', null, 'Weak', 'Yes', -9, -20, 71, -45, null], // 53 At-risk / Growth / Unpolished diamond; Enable
  ['RandomCorp', null, 0, null, 0, 0, 0, null, null, 'Low', -244, null, null, -244, null], // Unknown / Long-tail / Dementor (seed 000; no owner)
  ['Soylent Networks', SARAH, 45000, 0, 1, 2, 'Quarterly', 5, 'Weak', 1, -40, null, null, -1400, -1300], // 35 Critical / Stable / Dementor
  ['Cyberdyne Partners', MIGUEL, 8000, -0.4, 0, 0, { daysAgo: 200 }, -30, 'Weak', 'Low', -50, null, null, null, null], // 0 Churning / At-risk / Dementor; Recruit, recruiting overdue
  ['Pied Piper', PRIYA, 30000, null, 1, 6, 'Weekly', null, null, 'High', -15, null, null, -120, -60], // Unknown / Long-tail / Key partner
  ['Massive Dynamic', TOM, 260000, 0.22, 8, 22, 20, 70, 'Strong', 5, -8, -45, 46, -2100, -2050], // 100 Champion / Growth / Key partner
  ['Oscorp Alliances', LENA, 140000, 0.02, 3, 8, 'Monthly', 35, 'Moderate', 3, -25, null, null, -1500, -1400], // 60 Healthy / Stable / Growth hacker
  ['Tyrell Labs', SARAH, 70000, 0.05, 2, 5, 'Quarterly', 15, 'Moderate', 'Yes', -11, -50, 41, -800, -700], // 50 At-risk / Growth / Key partner
  ['Aperture Systems', MIGUEL, 110000, -0.01, 4, 11, { daysAgo: 20 }, 45, 'Strong', 4, -14, null, null, -1700, -1650], // 65 Healthy / Stable / Key partner
  ['Gringotts Payments', PRIYA, 55000, -0.08, 1, 3, 'Inactive', -5, 'Weak', 'No', -30, null, null, -600, -500], // 10 Churning / At-risk / Dementor
  ['Duff Distribution', TOM, 25000, -0.03, 0, 1, 'Quarterly', 0, 'Weak', 2, -60, null, null, -80, null], // 15 Churning / At-risk / Dementor; Activate, 10 days left
  ['Wonka Software', LENA, 90000, 0.15, 3, 9, 'Weekly', 25, 'Moderate', 'High', -7, -60, 31, -950, -900], // 75 Healthy / Growth / Key partner
  ['Bluth Partners', SARAH, 40000, 0, 2, 2, 'Monthly', 20, 'Weak', 1, -35, null, null, -1200, -1100], // 40 At-risk / Stable / Dementor
  ['Prestige Worldwide', MIGUEL, 20000, 0.01, 1, 0, { daysAgo: 120 }, null, 'Weak', 'No', -70, null, null, -500, -450], // 24 Critical / Long-tail / Dementor
  ['Sterling Cooper Digital', PRIYA, 130000, 0.04, 5, 14, 'Weekly', 60, 'Strong', 'Yes', -3, -10, 81, -1900, -1850], // 90 Champion / Growth / Key partner
  ['Dunder Data', TOM, 85000, 0.01, 3, 6, 5, 30, 'Moderate', 3, -18, null, null, -1000, -950], // 60 Healthy / Stable / Growth hacker
  ['Los Pollos Cloud', LENA, 35000, 0.01, 1, 1, 'Quarterly', 10, 'Moderate', 5, -45, null, null, -700, -650], // 40 At-risk / Stable / Unpolished diamond
  ['Monarch Solutions', SARAH, 100000, 0, 4, 5, 'Monthly', 50, 'Moderate', 4, -21, null, null, -1100, -1050], // 65 Healthy / Stable / Key partner
  ['Paper Street Tech', MIGUEL, 15000, -0.5, 0, 0, 'Inactive', null, null, 1, -90, null, null, -10, null], // 0 Churning / At-risk / Dementor; Onboard; silent then urgent
  ['Cheers Networks', PRIYA, 75000, 0.03, 2, 4, { daysAgo: 10 }, 20, 'Weak', 'Low', -16, -95, -3, -650, -600], // 50 At-risk / Growth / Dementor
  ['Virtucon', TOM, 65000, -0.02, 3, 7, 'Quarterly', -20, 'Moderate', 'No', -28, null, null, -1250, -1200], // 45 At-risk / Stable / Growth hacker
  ['Ollivander Apps', LENA, 50000, 0.4, 2, 3, 'Monthly', 80, 'Strong', 5, -13, -30, 61, -200, -150], // 80 Champion / Growth / Unpolished diamond
  ['Kramerica', SARAH, 10000, 0, 0, 0, 0, null, 'Weak', 'Low', -100, null, null, -91, null], // 12 Churning / Long-tail / Dementor; Stalled today (day 91)
  ['Spacely Sprockets', MIGUEL, 115000, 0, 4, 8, 'Monthly', 25, 'Moderate', 2, -22, null, null, -1450, -1400], // 60 Healthy / Stable / Growth hacker
  ['Nakatomi Trading', PRIYA, 105000, -0.06, 3, 9, 'Weekly', 35, 'Moderate', 'Yes', -5, null, null, -1650, -1600], // 55 At-risk / Stable / Key partner
  ['Zorg Industries', TOM, 80000, 0.5, 1, 2, 'Quarterly', -40, 'Weak', 'High', -12, -35, 56, -350, -300], // 50 At-risk / Growth / Unpolished diamond
  ['Frobozz Magic', LENA, 12000, -0.2, 1, 4, 'Monthly', 15, 'Weak', 'No', -33, null, null, -550, -500], // 30 Critical / Long-tail / Dementor
  ['Gekko & Co', SARAH, 88000, 0, 2, 6, 'Quarterly', 45, 'Weak', 3, -26, null, null, -1350, -1300], // 40 At-risk / Stable / Growth hacker
  ['Bushwood Services', MIGUEL, 18000, 0, 1, 1, 'Quarterly', -5, 'Moderate', 2, -80, null, null, -900, -850], // 35 Critical / Long-tail / Dementor
  ['Rekall Media', PRIYA, 92000, 0.1, 5, 15, 'Monthly', 52, 'Strong', 'High', -9, -25, 66, -1050, -1000], // 85 Champion / Growth / Key partner
  ['Cogswell Cogs', TOM, 28000, 0.02, 2, 3, { daysAgo: 45 }, 22, 'Moderate', 'Yes', -55, null, null, -750, -700], // 40 At-risk / Long-tail / Unpolished diamond
];

const CONTACTS = (name) => `partners@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`;

export const PARTNER_HEADERS = [
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
  'Snooze until',
  'Revenue pts',
  'Activity pts',
  'Engagement pts',
  'NPS pts',
  'Fit pts',
  'Next best lift',
  'Stage',
  'Recruiting since',
  'Partner contacts',
  'Executive sponsor',
  'NPS date',
];

// The partner journey (docs/journey.md): lifecycle stage, relationship risks, joint plan, quarterly movers.
/** Recruiting since, days from TODAY, for the prospects (Recruit stage). */
const RECRUITING_SINCE = { 'Cyberdyne Partners': -45 };
/** Partner contacts: names; partners not listed have two. Fewer than two is single-threaded (spec §12). */
const CONTACT_NAMES = {
  'TechServices Inc.': 'Sarah (PM); Solutions Architect; Co-marketing manager',
  'Stark Digital': 'Tony',
  RandomCorp: '',
};
/** Executive sponsors; Globex Cloud, a Strategic partner, has none (spec §12). */
const SPONSORS = { 'TechServices Inc.': 'VP Partnerships', 'Northwind Systems': 'CRO' };
/** NPS survey dates, days from TODAY: before 2026-10-01 is not surveyed this quarter; blank NPS has no date. */
const NPS_DATES = { 'Initech Solutions': -103, 'Soylent Networks': -150 };

/** Partners whose touch and QBR-overdue alerts are snoozed: name → days from TODAY. */
const SNOOZED = { 'Cheers Networks': 7 };

const FIRST = 2;
const LAST = FIRST + PARTNERS.length - 1;
const col = (letter) => `${letter}${FIRST}:${letter}${LAST}`;

/** The computed columns: one formula each, in the first data row; Sheets spills it down the column. */
export const FORMULAS = {
  Health: `PARTNER_HEALTH(${col('E')}, ${col('F')}, ${col('H')}, ${col('I')}, ${col('J')})`,
  Tier: `PARTNER_TIER(${col('R')})`,
  Segment: `SEGMENT(${col('C')}, ${col('E')}, ${col('F')}, ${col('H')})`,
  Quadrant: `PARTNER_QUADRANT(${col('G')}, ${col('K')})`,
  'Next touch': `NEXT_TOUCH(${col('T')}, ${col('L')})`,
  Stage: `PARTNER_STAGE(${col('O')}, ${col('P')}, ${col('F')})`,
  'Revenue pts': `HEALTH_BREAKDOWN(${col('E')}, ${col('F')}, ${col('H')}, ${col('I')}, ${col('J')})`,
};

const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const at = (offset, hours, minutes = 0) => new Date(day(offset).getTime() + (hours * 60 + minutes) * 60_000);

function sheetWithHeader(workbook, name, headers, widths) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function partnersSheet(workbook) {
  const widths = [
    24, 22, 12, 17, 9, 7, 7, 13, 6, 13, 17, 12, 12, 12, 12, 12, 38, 8, 10, 11, 19, 22, 13, 11, 11, 14, 8, 8, 30, 10, 15,
    40, 17, 12,
  ];
  const sheet = sheetWithHeader(workbook, 'Partners', PARTNER_HEADERS, widths);
  for (const p of PARTNERS) {
    const [
      name,
      owner,
      revenue,
      growth,
      deals,
      leads,
      engagement,
      nps,
      fit,
      relevance,
      lastContact,
      lastQbr,
      nextQbr,
      signed,
      firstDeal,
    ] = p;
    const revenueLastYear = growth === null ? null : Math.round(revenue / (1 + growth));
    const engagementCell =
      engagement !== null && typeof engagement === 'object' ? day(-engagement.daysAgo) : engagement;
    const dated = (offset) => (offset === null ? null : day(offset));
    const row = sheet.addRow([
      name,
      owner,
      revenue,
      revenueLastYear,
      growth,
      deals,
      leads,
      engagementCell,
      nps,
      fit,
      relevance,
      dated(lastContact),
      dated(lastQbr),
      dated(nextQbr),
      dated(signed),
      dated(firstDeal),
      CONTACTS(name),
      null,
      null,
      null,
      null,
      null,
      dated(SNOOZED[name] ?? null),
      null,
      null,
      null,
      null,
      null,
      null, // the breakdown spills into X:AC
      null,
      dated(RECRUITING_SINCE[name] ?? null),
      CONTACT_NAMES[name] ?? `${name.split(' ')[0]} PM; ${name.split(' ')[0]} sales lead`,
      SPONSORS[name] ?? null,
      nps === null ? null : day(NPS_DATES[name] ?? -30),
    ]);
    if (engagementCell instanceof Date) row.getCell('H').numFmt = DATE;
  }
  for (const letter of ['C', 'D']) sheet.getColumn(letter).numFmt = '$#,##0';
  sheet.getColumn('E').numFmt = '0%';
  for (const letter of ['L', 'M', 'N', 'O', 'P', 'V', 'W', 'AE', 'AH']) sheet.getColumn(letter).numFmt = DATE;
  for (const [header, formula] of Object.entries(FORMULAS)) {
    sheet.getCell(FIRST, PARTNER_HEADERS.indexOf(header) + 1).value = { formula };
  }
  sheet.getRow(1).font = { bold: true };
}

function pipelineSheet(workbook) {
  const sheet = sheetWithHeader(
    workbook,
    'Pipeline',
    ['Partner', 'Opportunity', 'Stage', 'Amount', 'Close date', 'Last stage change'],
    [24, 34, 14, 12, 12, 17],
  );
  const rows = [
    ['TechServices Inc.', 'Contoso ERP migration', 'Proposal', 180000, day(30), day(-6)],
    ['TechServices Inc.', 'Fabrikam data platform', 'Negotiation', 95000, day(14), day(-2)],
    ['TechServices Inc.', 'Litware analytics rollout', 'Discovery', 60000, day(75), day(-41)], // 87 Champion / Strategic / Key partner
    ['Northwind Systems', 'Adventure Works CRM', 'Qualified', 120000, day(60), day(-12)],
    ['Vandelay Industries', 'Tailspin cloud move', 'Proposal', 70000, day(45), day(-35)], // 95 Champion / Growth / Key partner
    ['Umbrella Analytics', 'Woodgrove BI pilot', 'Discovery', 25000, day(90), day(-5)],
    ['Massive Dynamic', 'Proseware security suite', 'Closed won', 140000, day(-4), day(-4)],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn('D').numFmt = '$#,##0';
  for (const letter of ['E', 'F']) sheet.getColumn(letter).numFmt = DATE;
}

function feedbackSheet(workbook) {
  const sheet = sheetWithHeader(workbook, 'Feedback', ['Partner', 'Type', 'Summary', 'Date'], [24, 14, 60, 12]);
  const rows = [
    ['TechServices Inc.', 'Praise', 'Co-marketing webinars brought 40 qualified leads', day(-20)],
    ['TechServices Inc.', 'Request', 'Demo environment credentials for the new integration pilot', day(-8)],
    ['Northwind Systems', 'Issue', 'Deal registration approvals take more than a week', day(-15)],
    ['Initech Solutions', 'Issue', 'Margins on renewals fell below the competitor program', day(-33)],
    ['RandomCorp', 'Request', 'Partner reached out twice asking for a contact, no response', day(-120)],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn('D').numFmt = DATE;
}

function actionItemsSheet(workbook) {
  const sheet = sheetWithHeader(
    workbook,
    'Action items',
    ['Partner', 'Item', 'Side', 'Due', 'Status'],
    [24, 44, 9, 12, 10],
  );
  const rows = [
    ['TechServices Inc.', 'Send demo environment credentials', 'Us', day(-2), 'Open'],
    ['TechServices Inc.', 'Submit Q1 marketing plan', 'Partner', day(20), 'Open'],
    ['TechServices Inc.', 'Finalize case study', 'Both', day(45), 'Open'],
    ['Northwind Systems', 'Speed up deal registration approvals', 'Us', day(-5), 'Open'],
    ['Vandelay Industries', 'Certify two more sales reps', 'Partner', day(-30), 'Done'],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn('D').numFmt = DATE;
}

function qbrLogSheet(workbook) {
  const sheet = sheetWithHeader(workbook, 'QBR log', ['Partner', 'Held on', 'Notes', 'Next QBR'], [24, 12, 60, 12]);
  const rows = [
    ['TechServices Inc.', day(-60), 'Q3 review: revenue up 35 %, joint booth at Dreamforce agreed', day(30)],
    ['Northwind Systems', day(-101), 'Pipeline review; exec sponsor asked for faster approvals', day(-10)],
    ['Vandelay Industries', day(-100), 'Kick-off of the co-branded solution guide', null],
    ['Globex Cloud', day(-40), 'Flat quarter; agreed on a training plan', day(50)],
  ];
  for (const r of rows) sheet.addRow(r);
  for (const letter of ['B', 'D']) sheet.getColumn(letter).numFmt = DATE;
}

function jointPlanSheet(workbook) {
  const sheet = sheetWithHeader(
    workbook,
    'Joint plan',
    ['Partner', 'Milestone', 'Side', 'Due', 'Status', 'Target', 'Actual'],
    [24, 40, 9, 12, 10, 10, 10],
  );
  // Seed 000's TechServices initiatives and seed 001's measurable GTM milestones.
  const rows = [
    ['TechServices Inc.', 'Joint booth at Dreamforce', 'Both', day(-5), 'Open', 1, 0], // overdue
    ['TechServices Inc.', 'Co-branded solution guide', 'Us', day(25), 'Open', null, null],
    ['TechServices Inc.', 'Certified sales reps', 'Partner', day(-20), 'Done', 8, 8],
    ['TechServices Inc.', 'Pilot new integration features', 'Both', day(60), 'Open', 3, 1],
    ['Northwind Systems', 'Joint webinars this half', 'Both', day(-10), 'Done', 2, 2],
    ['Globex Cloud', 'Trade-show presence', 'Partner', day(-30), 'Dropped', null, null],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn('D').numFmt = DATE;
}

/**
 * The Health history in its compact layout (docs/limits.md), abridged to last quarter's snapshot (spec §11) of
 * six partners and no scores yet: the first daily run of 2026-Q4 (2026-12-01, a new month) lays the sheet out
 * again and takes this quarter's snapshot in its "Quarter snapshots" column, and then Vandelay (up), Hooli
 * (down) and Zorg (quadrant up) show as movers.
 */
function healthHistorySheet(workbook) {
  const sheet = sheetWithHeader(
    workbook,
    'Health history',
    ['Partner', 'Scores 2026-10', 'Scores 2026-11', 'Earlier scores', 'Quarter snapshots (latest 2026-Q3)'],
    [24, 16, 16, 16, 44],
  );
  const rows = [
    ['TechServices Inc.', 'Champion', 'Strategic', 'Key partner'],
    ['Northwind Systems', 'Champion', 'Strategic', 'Key partner'],
    ['Globex Cloud', 'Healthy', 'Strategic', 'Unpolished diamond'],
    ['Vandelay Industries', 'Healthy', 'Growth', 'Key partner'],
    ['Hooli Partners', 'Healthy', 'Growth', 'Unpolished diamond'],
    ['Zorg Industries', 'At-risk', 'Growth', 'Dementor'],
  ];
  // `2026-Q3=Tier/Segment/Quadrant`, as the daily job writes a quarter's snapshot (src/core/history/compactHistory.ts).
  for (const [partner, tier, segment, quadrant] of rows)
    sheet.addRow([partner, null, null, null, `2026-Q3=${tier}/${segment}/${quadrant}`]);
}

function escalationsSheet(workbook) {
  const sheet = sheetWithHeader(
    workbook,
    'Escalations',
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    [24, 10, 17, 17, 17],
  );
  const rows = [
    ['Northwind Systems', 'Critical', at(-1, 14), null, null], // 90 Champion / Strategic / Key partner
    ['Initech Solutions', 'High', at(-3, 9), at(-3, 15), at(-2, 11)],
    ['Umbrella Analytics', 'Medium', at(-2, 10), at(-1, 16), null],
    ['Stark Digital', 'Low', at(-10, 8), at(-8, 9), at(-5, 17)],
    ['Paper Street Tech', 'Medium', at(-2, 11), at(-2, 15), null], // answered, not resolved; no touch for 90 days
  ];
  for (const r of rows) sheet.addRow(r);
  for (const letter of ['C', 'D', 'E']) sheet.getColumn(letter).numFmt = DATE_TIME;
}

export async function buildExample(output = OUTPUT) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PartnerPulse';
  workbook.created = day(0);
  workbook.modified = day(0);
  partnersSheet(workbook);
  pipelineSheet(workbook);
  feedbackSheet(workbook);
  actionItemsSheet(workbook);
  qbrLogSheet(workbook);
  escalationsSheet(workbook);
  jointPlanSheet(workbook);
  healthHistorySheet(workbook);
  await workbook.xlsx.writeFile(output);
  return { output, partners: PARTNERS.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const named = args.find((a) => !a.startsWith('--'));
  const output = named ?? (update ? OUTPUT : SCRATCH);
  mkdirSync(dirname(output), { recursive: true });
  buildExample(output).then(
    ({ output, partners }) => {
      console.log(`${output}: ${partners} partners`);
      if (!named && !update)
        console.log('The tracked examples/partners.xlsx is unchanged; `npm run example -- --update` rewrites it.');
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

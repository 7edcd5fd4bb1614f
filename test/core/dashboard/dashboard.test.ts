import {
  capacityStatus,
  type DashboardBlock,
  dashboardBlocks,
  metricPartnerOf,
  ownerLoads,
} from '../../../src/core/dashboard/dashboard';
import { programMetrics } from '../../../src/core/dashboard/metrics';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES, type Segment } from '../../../src/core/rules';
import { evaluatePartners, type PartnerView } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';
import { EXPECTED_METRICS, HEADER, HISTORY, ROWS, TODAY } from './dashboardFixture';

const today = dayNumber(TODAY);
const views = evaluatePartners(
  readPartnerRows(ROWS, mapColumns(HEADER), today, DEFAULT_RULES, NEW_YORK),
  today,
  DEFAULT_RULES,
);
const history = HISTORY.map(([date, partner, score]) => ({ day: dayNumber(date), partner, score }));
const block = (blocks: DashboardBlock[], title: string) => blocks.find((b) => b.title === title)!;

test('the fixture scores as worked out by hand', () => {
  expect(views.map((v) => [v.record.name, v.health.score, v.segment, v.quadrant])).toEqual([
    ['Apex', 100, 'Strategic', 'Key partner'],
    ['Beam', 70, 'Growth', 'Key partner'],
    ['Core', 25, 'At-risk', 'Dementor'],
    ['Dune', 0, 'At-risk', 'Dementor'],
    ['Echo', 47, 'Stable', 'Key partner'],
    ['Flux', 85, 'Growth', 'Dementor'],
  ]);
});

test('program metrics of spec §7 against hand-computed values', () => {
  const metrics = programMetrics(views.map(metricPartnerOf), today, DEFAULT_RULES);
  expect(metrics.map((m) => [m.metric, m.shown, m.target, m.status, m.basis])).toEqual(EXPECTED_METRICS);
  expect(metrics[0].value).toBe(31);
  expect(metrics[2].value).toBeCloseTo(5 / 6, 10);
});

test('the targets come from Settings: a lower NPS target puts the same NPS on target', () => {
  const nps = (target: number) =>
    programMetrics(views.map(metricPartnerOf), today, {
      ...DEFAULT_RULES,
      targets: { ...DEFAULT_RULES.targets, nps: target },
    })[0];
  expect([nps(50).target, nps(50).status]).toEqual(['50+', 'Below target']);
  expect([nps(30).target, nps(30).status]).toEqual(['30+', 'On target']);
});

test('no partners: every metric says No data', () => {
  expect(programMetrics([], today, DEFAULT_RULES).map((m) => [m.shown, m.status])).toEqual(
    Array(6).fill(['—', 'No data']),
  );
});

test('counts per tier, segment and quadrant; capacity; trend; biggest drops', () => {
  const blocks = dashboardBlocks(views, history, today, DEFAULT_RULES, NEW_YORK);
  expect(blocks.map((b) => b.title)).toEqual([
    'Program metrics',
    'Partners per tier',
    'Partners per segment',
    'Partners per quadrant',
    'Partner-manager capacity',
    'Inputs that cannot be read',
    'Health trend',
    'Biggest 30-day drops',
  ]);
  expect(block(blocks, 'Inputs that cannot be read').rows).toEqual([
    ['None: every input on the partner sheet can be read.', 0, ''],
  ]);
  expect(block(blocks, 'Partners per tier').rows).toEqual([
    ['Champion', 2],
    ['Healthy', 1],
    ['At-risk', 1],
    ['Critical', 1],
    ['Churning', 1],
    ['Unknown', 0],
  ]);
  expect(block(blocks, 'Partners per segment').rows).toEqual([
    ['Strategic', 1],
    ['Growth', 2],
    ['Stable', 1],
    ['At-risk', 2],
    ['Long-tail', 0],
  ]);
  expect(block(blocks, 'Partners per quadrant').rows).toEqual([
    ['Key partner', 3],
    ['Unpolished diamond', 0],
    ['Growth hacker', 0],
    ['Dementor', 3],
    ['Unknown', 0],
  ]);
  const capacity = block(blocks, 'Partner-manager capacity');
  expect(capacity.header).toEqual([
    'Owner',
    'Load',
    'Strategic (max 10)',
    'Growth (max 25)',
    'Stable (max 50)',
    'At-risk',
    'Long-tail',
    'Total',
    'Status',
  ]);
  // ann: 1/10 + 1/25 + 1/50 = 0.16; no owner: 1/25; bob: At-risk only (no ceiling)
  expect(capacity.rows).toEqual([
    ['ann@example.com', 0.16, 1, 1, 1, 0, 0, 3, 'Within capacity'],
    ['(no owner)', 0.04, 0, 1, 0, 0, 0, 1, 'Within capacity'],
    ['bob@example.com', 0, 0, 0, 0, 2, 0, 2, 'Within capacity'],
  ]);
  expect(block(blocks, 'Health trend').rows).toEqual([
    [new Date(2026, 9, 27), 74.3, 4],
    [new Date(2026, 10, 21), 30, 1],
  ]);
  // Baseline 2026-10-27 (latest on or before 30 days ago): Core 60 → 25, Beam 90 → 70; Apex and Echo unchanged
  expect(block(blocks, 'Biggest 30-day drops').rows).toEqual([
    ['Core', 'bob@example.com', 25, 60, -35],
    ['Beam', 'ann@example.com', 70, 90, -20],
  ]);
});

test('without a Health history the trend says how it fills in, and there is no drops table', () => {
  const blocks = dashboardBlocks(views, null, today, DEFAULT_RULES, NEW_YORK);
  expect(block(blocks, 'Health trend').rows[0][0]).toBe(
    'No Health history yet: it fills in once a day when daily automation is on.',
  );
  expect(blocks.some((b) => b.title.startsWith('Biggest'))).toBe(false);
});

describe('capacity (spec §3)', () => {
  const fake = (owner: string, segment: Segment, n: number) =>
    Array.from({ length: n }, () => ({ record: { owner }, segment }) as unknown as PartnerView);

  test('one segment over its ceiling is flagged with the numbers', () => {
    const [load] = ownerLoads(fake('pm@example.com', 'Strategic', 12), DEFAULT_RULES);
    expect(load).toMatchObject({ load: 1.2, over: ['Strategic 12 > 10'] });
    expect(capacityStatus(load)).toBe('Overloaded: Strategic 12 > 10');
  });

  test('a mixed portfolio over capacity is flagged though no single segment is over', () => {
    const views2 = [...fake('pm@example.com', 'Strategic', 6), ...fake('pm@example.com', 'Growth', 12)];
    const [load] = ownerLoads(views2, DEFAULT_RULES);
    expect([load.load, load.over]).toEqual([1.08, []]);
    expect(capacityStatus(load)).toBe('Overloaded (mixed portfolio over capacity)');
    expect(capacityStatus(ownerLoads(fake('pm@example.com', 'Strategic', 10), DEFAULT_RULES)[0])).toBe(
      'Within capacity',
    );
  });

  test('an owner written in two cases is one owner, as in the digests', () => {
    const loads = ownerLoads(
      [...fake('Ann@example.com', 'Strategic', 6), ...fake('ann@example.com', 'Strategic', 6)],
      DEFAULT_RULES,
    );
    expect(loads.map((l) => [l.owner, l.counts.Strategic, l.over])).toEqual([
      ['ann@example.com', 12, ['Strategic 12 > 10']],
    ]);
  });
});

test('inputs that cannot be read are counted per column, with an example, even with no formula columns', () => {
  const rows = ROWS.map((r) => [...r]);
  const at = (h: string) => HEADER.indexOf(h);
  rows[0][at('NPS')] = 140;
  rows[1][at('NPS')] = '#N/A';
  rows[2][at('Deals')] = -3;
  const bad = evaluatePartners(
    readPartnerRows(rows, mapColumns(HEADER), today, DEFAULT_RULES, NEW_YORK),
    today,
    DEFAULT_RULES,
  );
  expect(block(dashboardBlocks(bad, null, today, DEFAULT_RULES, NEW_YORK), 'Inputs that cannot be read').rows).toEqual([
    ['NPS', 2, 'NPS 140 is outside −100…100'],
    ['Deals', 1, 'Deals −3 is below 0; allowed: a whole number of deals ≥ 0'],
    ['Total', 3, "Each counts as blank; the owners' digests and the sidebar list them with their cells."],
  ]);
});

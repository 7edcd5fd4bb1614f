import {
  movers,
  moversBlock,
  partnerMoves,
  previousQuarter,
  type QuarterSnapshot,
} from '../../../src/core/journey/movers';

/** Snapshots by quarter in the shape readQuarterSnapshot gives them (partner key: trimmed, lower case). */
function snapshotsFromRows(rows: string[][]): Map<string, QuarterSnapshot> {
  const out = new Map<string, QuarterSnapshot>();
  for (const [quarter, partner, tier, segment, quadrant] of rows.slice(1)) {
    const snap = out.get(quarter) ?? new Map();
    snap.set(partner.trim().toLowerCase(), { partner, tier, segment, quadrant });
    out.set(quarter, snap);
  }
  return out;
}

const ROWS = [
  ['Quarter', 'Partner', 'Tier', 'Segment', 'Quadrant'],
  ['2026-Q2', 'Acme', 'Critical', 'Stable', 'Dementor'],
  ['2026-Q3', 'Acme', 'Healthy', 'Growth', 'Growth hacker'],
  ['2026-Q3', 'Bolt', 'Champion', 'Strategic', 'Key partner'],
  ['2026-Q3', 'Cyan', 'At-risk', 'Stable', 'Unpolished diamond'],
  ['2026-Q3', 'Dash', 'Healthy', 'Stable', 'Dementor'],
  ['2026-Q3', 'Gone', 'Healthy', 'Stable', 'Dementor'],
  ['2026-Q4', 'acme', 'Champion', 'Strategic', 'Key partner'],
  ['2026-Q4', 'Bolt', 'At-risk', 'Strategic', 'Key partner'],
  ['2026-Q4', 'Cyan', 'At-risk', 'Stable', 'Growth hacker'],
  ['2026-Q4', 'Dash', 'Healthy', 'Stable', 'Dementor'],
  ['2026-Q4', 'Newbie', 'Champion', 'Growth', 'Key partner'],
  ['2026-Q4', 'Eve', 'Unknown', 'Stable', ''],
];

describe('quarterly movers (spec §11)', () => {
  const snaps = snapshotsFromRows(ROWS);

  test('the previous quarter crosses the year', () => {
    expect([previousQuarter('2026-Q4'), previousQuarter('2026-Q1'), previousQuarter('2027-Q2')]).toEqual([
      '2026-Q3',
      '2025-Q4',
      '2027-Q1',
    ]);
  });

  test('snapshots by quarter', () => {
    expect([...snaps.keys()]).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(snaps.get('2026-Q4')!.get('acme')).toEqual({
      partner: 'acme',
      tier: 'Champion',
      segment: 'Strategic',
      quadrant: 'Key partner',
    });
  });

  test('every partner whose tier or quadrant changed, with from → to and up / down / across; new and gone partners are not movers', () => {
    const moves = movers(snaps.get('2026-Q3')!, snaps.get('2026-Q4')!, '2026-Q4');
    expect(
      moves.map((m) => [m.partner, m.tierFrom, m.tierTo, m.tierMove, m.quadrantFrom, m.quadrantTo, m.quadrantMove]),
    ).toEqual([
      ['acme', 'Healthy', 'Champion', 'up', 'Growth hacker', 'Key partner', 'up'],
      ['Cyan', 'At-risk', 'At-risk', '', 'Unpolished diamond', 'Growth hacker', 'across'],
      ['Bolt', 'Champion', 'At-risk', 'down', 'Key partner', 'Key partner', ''],
    ]);
  });

  test('a snapshot without a quadrant (converted from the old Health history layout) moves no quadrant; its tier still moves', () => {
    const old = snapshotsFromRows([
      ['Quarter', 'Partner', 'Tier', 'Segment', 'Quadrant'],
      ['2026-Q3', 'Acme', 'Healthy', 'Growth', ''],
      ['2026-Q3', 'Bolt', 'Champion', 'Strategic', ''],
      ['2026-Q4', 'Acme', 'Healthy', 'Growth', 'Key partner'],
      ['2026-Q4', 'Bolt', 'At-risk', 'Strategic', 'Key partner'],
    ]);
    expect(moversBlock(old, '2026-Q4').rows).toEqual([['Bolt', 'Champion → At-risk', 'down', 'Key partner', '—']]);
  });

  test('the dashboard table, and what it says without two snapshots', () => {
    expect(moversBlock(snaps, '2026-Q4')).toEqual({
      title: 'Movers 2026-Q3 → 2026-Q4',
      header: ['Partner', 'Tier 2026-Q3 → 2026-Q4', 'Tier move', 'Quadrant', 'Quadrant move'],
      rows: [
        ['acme', 'Healthy → Champion', 'up', 'Growth hacker → Key partner', 'up'],
        ['Cyan', 'At-risk', '—', 'Unpolished diamond → Growth hacker', 'across'],
        ['Bolt', 'Champion → At-risk', 'down', 'Key partner', '—'],
      ],
    });
    expect(moversBlock(snaps, '2027-Q1').rows).toEqual([
      [
        'No snapshot for 2027-Q1 yet: the first daily run of the quarter takes it (turn daily automation on).',
        '',
        '',
        '',
        '',
      ],
    ]);
    expect(moversBlock(snaps, '2026-Q2').rows[0][0]).toBe(
      'No snapshot for 2026-Q1: the movers show from the quarter after the first snapshot (2026-Q2 is the first).',
    );
  });

  test("a partner's last moves, latest first", () => {
    expect(partnerMoves(snaps, 'Acme').map((m) => [m.quarter, m.tierFrom, m.tierTo, m.tierMove])).toEqual([
      ['2026-Q4', 'Healthy', 'Champion', 'up'],
      ['2026-Q3', 'Critical', 'Healthy', 'up'],
    ]);
    expect(partnerMoves(snaps, 'Dash')).toEqual([]);
    expect(partnerMoves(snaps, 'Acme', 1)).toHaveLength(1);
  });
});

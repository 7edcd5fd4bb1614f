import type { DashboardBlock } from '../dashboard/dashboard';
import { quarterIndex } from '../qbr/meeting';

/**
 * Quarterly movers (docs/journey.md, docs/rules.md §11, seed 002: redo the matrix every quarter and note who moved up and who
 * moved down). Each partner's tier, segment and quadrant at the first daily run of a calendar quarter is that
 * quarter's snapshot; the movers are the partners whose tier or quadrant changed from one quarter to the next.
 * The snapshots are stored in the Health history's "Quarter snapshots" column (src/core/history/compactHistory.ts).
 */
export interface SnapshotEntry {
  partner: string;
  tier: string;
  segment: string;
  quadrant: string;
}

/** One quarter's snapshot, by partner key (trimmed, lower-case name). */
export type QuarterSnapshot = Map<string, SnapshotEntry>;

/** Champion > Healthy > At-risk > Critical > Churning; Unknown has no place in the order. */
const TIER_RANK: Record<string, number> = { Champion: 4, Healthy: 3, 'At-risk': 2, Critical: 1, Churning: 0 };
/** Key partner > Unpolished diamond = Growth hacker > Dementor. */
const QUADRANT_RANK: Record<string, number> = {
  'Key partner': 2,
  'Unpolished diamond': 1,
  'Growth hacker': 1,
  Dementor: 0,
};

export type Direction = 'up' | 'down' | 'across' | '';

function direction(rank: Record<string, number>, from: string, to: string): Direction {
  if (from === to) return '';
  const a = rank[from];
  const b = rank[to];
  if (a === undefined || b === undefined || a === b) return 'across';
  return b > a ? 'up' : 'down';
}

export interface Move {
  partner: string;
  /** The quarter moved into, like 2026-Q4 (against the quarter before it). */
  quarter: string;
  tierFrom: string;
  tierTo: string;
  tierMove: Direction;
  quadrantFrom: string;
  quadrantTo: string;
  quadrantMove: Direction;
}

/** "2026-Q4" → "2026-Q3"; "2026-Q1" → "2025-Q4". */
export function previousQuarter(quarter: string): string {
  const index = quarterIndex(quarter);
  if (index === null) throw new Error(`"${quarter}" is not a quarter like 2026-Q4`);
  const prev = index - 1;
  const q = ((((prev - 1) % 4) + 4) % 4) + 1;
  return `${(prev - q) / 4}-Q${q}`;
}

/**
 * Every partner in both snapshots whose tier or quadrant changed, up first (biggest tier step first), then
 * down, then across; partners new this quarter or gone since are not movers.
 */
export function movers(previous: QuarterSnapshot, current: QuarterSnapshot, quarter: string): Move[] {
  const moves: Move[] = [];
  for (const [key, now] of current) {
    const was = previous.get(key);
    // A snapshot without a quadrant (one converted from the old Health history layout, which kept none) moves
    // no quadrant: only the tier is compared then.
    const quadrantKnown = was !== undefined && was.quadrant !== '' && now.quadrant !== '';
    if (!was || (was.tier === now.tier && (!quadrantKnown || was.quadrant === now.quadrant))) continue;
    moves.push({
      partner: now.partner,
      quarter,
      tierFrom: was.tier,
      tierTo: now.tier,
      tierMove: direction(TIER_RANK, was.tier, now.tier),
      quadrantFrom: was.quadrant,
      quadrantTo: now.quadrant,
      quadrantMove: quadrantKnown ? direction(QUADRANT_RANK, was.quadrant, now.quadrant) : '',
    });
  }
  const score = (m: Move) => {
    const step = (rank: Record<string, number>, a: string, b: string) =>
      rank[a] !== undefined && rank[b] !== undefined ? rank[b] - rank[a] : 0;
    return step(TIER_RANK, m.tierFrom, m.tierTo) * 10 + step(QUADRANT_RANK, m.quadrantFrom, m.quadrantTo);
  };
  return moves.sort((a, b) => score(b) - score(a) || a.partner.localeCompare(b.partner));
}

/** How a move reads: "Healthy → Champion (up)"; '' when that part did not change. */
export function moveText(from: string, to: string, move: Direction): string {
  return move === '' ? '' : `${from || '—'} → ${to || '—'} (${move})`;
}

/** One partner's moves across every pair of consecutive stored quarters, latest first, at most `limit`. */
export function partnerMoves(snapshots: ReadonlyMap<string, QuarterSnapshot>, partner: string, limit = 4): Move[] {
  const key = partner.trim().toLowerCase();
  const quarters = [...snapshots.keys()].sort((a, b) => (quarterIndex(b) as number) - (quarterIndex(a) as number));
  const out: Move[] = [];
  for (const quarter of quarters) {
    const was = snapshots.get(previousQuarter(quarter))?.get(key);
    const now = snapshots.get(quarter)?.get(key);
    if (!was || !now) continue;
    out.push(...movers(new Map([[key, was]]), new Map([[key, now]]), quarter));
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** The dashboard's movers table: the current quarter against the previous one (docs/rules.md §11). */
export function moversBlock(snapshots: ReadonlyMap<string, QuarterSnapshot>, quarter: string): DashboardBlock {
  const previous = previousQuarter(quarter);
  const header = ['Partner', `Tier ${previous} → ${quarter}`, 'Tier move', 'Quadrant', 'Quadrant move'];
  const title = `Movers ${previous} → ${quarter}`;
  const now = snapshots.get(quarter);
  const before = snapshots.get(previous);
  const note = (text: string): DashboardBlock => ({ title, header, rows: [[text, '', '', '', '']] });
  if (!now)
    return note(
      `No snapshot for ${quarter} yet: the first daily run of the quarter takes it (turn daily automation on).`,
    );
  if (!before)
    return note(
      `No snapshot for ${previous}: the movers show from the quarter after the first snapshot (${quarter} is the first).`,
    );
  const moves = movers(before, now, quarter);
  if (moves.length === 0) return note(`No partner changed tier or quadrant since ${previous}.`);
  return {
    title,
    header,
    rows: moves.map((m) => [
      m.partner,
      m.tierMove === '' ? m.tierTo : `${m.tierFrom || '—'} → ${m.tierTo || '—'}`,
      m.tierMove || '—',
      m.quadrantMove === '' ? m.quadrantTo : `${m.quadrantFrom || '—'} → ${m.quadrantTo || '—'}`,
      m.quadrantMove || '—',
    ]),
  };
}

import { type QuarterSnapshot as HistorySnapshot, historyKey } from '../../core/history/compactHistory';
import type { QuarterSnapshot, SnapshotEntry } from '../../core/journey/movers';
import type { Settings } from '../../core/settings/settings';
import { readQuarterSnapshots } from './healthHistory';

/**
 * The quarterly snapshots of docs/rules.md §11 in the movers' shape. They are stored once, in the "Quarter snapshots"
 * column of the Health history (docs/limits.md): the daily job's history write takes each partner's tier,
 * segment and quadrant at the first daily run of a calendar quarter (and on the very first run).
 */

/** The stored snapshots by quarter, each by partner key (trimmed, lower case), in one read of the Health history. */
export function readQuarterSnapshot(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
): Map<string, QuarterSnapshot> {
  return snapshotsByQuarter(readQuarterSnapshots(ss, settings).values());
}

/** Partners' histories (name and quarter snapshots) in the movers' shape: by quarter, then by partner key. */
export function snapshotsByQuarter(
  histories: Iterable<{ name: string; quarters: ReadonlyMap<string, HistorySnapshot> }>,
): Map<string, QuarterSnapshot> {
  const out = new Map<string, QuarterSnapshot>();
  for (const { name, quarters } of histories) {
    if (!name.trim()) continue;
    for (const [quarter, snap] of quarters) {
      const entry: SnapshotEntry = {
        partner: name.trim(),
        tier: snap.tier,
        segment: snap.segment,
        quadrant: snap.quadrant,
      };
      const byPartner = out.get(quarter) ?? new Map<string, SnapshotEntry>();
      byPartner.set(historyKey(name), entry);
      out.set(quarter, byPartner);
    }
  }
  return out;
}

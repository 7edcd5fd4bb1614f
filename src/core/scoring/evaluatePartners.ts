import type { DayNumber } from '../reading/calendar';
import type { PartnerRecord } from '../reading/partnerTable';
import type { Quadrant, Rules, Segment } from '../rules';
import { type QbrStatus, qbrStatus, type TouchStatus, touchStatus } from '../segments/cadence';
import { assignQuadrants } from '../segments/quadrants';
import { assignSegments } from '../segments/segments';
import { type HealthScore, scoreHealth } from './health';

/** Everything the product decides about one partner on one day. */
export interface PartnerView {
  record: PartnerRecord;
  health: HealthScore;
  segment: Segment;
  quadrant: Quadrant | 'Unknown' | null;
  touch: TouchStatus;
  qbr: QbrStatus;
}

/**
 * Scores, segments and places every partner of the table, the same rules the custom functions apply cell by
 * cell, computed once for the whole table (segments and quadrants depend on the other partners).
 */
export function evaluatePartners(records: PartnerRecord[], today: DayNumber, rules: Rules): PartnerView[] {
  const segments = assignSegments(records, rules);
  const quadrants = assignQuadrants(records, rules);
  return records.map((record, i) => {
    const segment = segments[i] ?? 'Stable';
    return {
      record,
      health: scoreHealth(record, rules),
      segment,
      quadrant: quadrants[i],
      touch: touchStatus(segment, record.lastContact, today, rules),
      qbr: qbrStatus(segment, record.lastQbr, record.nextQbr, today, rules),
    };
  });
}

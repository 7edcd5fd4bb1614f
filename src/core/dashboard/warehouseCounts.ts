import { QUADRANTS, SEGMENTS, TIERS } from '../rules';
import { COUNT_DIMENSIONS, type CountDimension, NO_VALUE } from '../warehouse/queries';
import type { DashboardBlock } from './dashboard';

/** One row of the warehouse's aggregate query (core/warehouse/queries.ts countsSql). */
export interface WarehouseCount {
  dimension: string;
  value: string;
  partners: number;
}

const ORDER: Record<CountDimension, readonly string[]> = {
  tier: TIERS,
  segment: SEGMENTS,
  quadrant: [...QUADRANTS, 'Unknown'],
};

const SHOWN: Record<CountDimension, { noun: string; none: string; chart?: DashboardBlock['chart'] }> = {
  tier: {
    noun: 'Tier',
    none: 'No score (blank or invalid input)',
    chart: { type: 'column', title: 'Warehouse tier distribution', columns: 2 },
  },
  segment: {
    noun: 'Segment',
    none: 'No segment (blank or invalid input)',
    chart: { type: 'pie', title: 'Warehouse segment mix', columns: 2 },
  },
  quadrant: { noun: 'Quadrant', none: 'No data' },
};

/**
 * The dashboard's count tables for a connected warehouse table (docs/dashboard.md, "A warehouse table"): partners
 * per tier, segment and quadrant from the aggregate query, laid out as the sheet's own count tables (every value
 * in the rules' order, zeros included; rows the rules leave blank last). `source` names the table.
 */
export function warehouseCountBlocks(counts: readonly WarehouseCount[], source: string): DashboardBlock[] {
  return COUNT_DIMENSIONS.map((dimension) => {
    const of = (value: string) =>
      counts.filter((c) => c.dimension === dimension && c.value === value).reduce((n, c) => n + c.partners, 0);
    const shown = SHOWN[dimension];
    const none = of(NO_VALUE);
    return {
      title: `Warehouse partners per ${dimension} (${source})`,
      header: [shown.noun, 'Partners'],
      rows: [
        ...ORDER[dimension].map((value) => [value, of(value)] as [string, number]),
        ...(none > 0 ? [[shown.none, none] as [string, number]] : []),
      ],
      ...(shown.chart ? { chart: shown.chart } : {}),
    };
  });
}

/** How many partners the table holds: every row is counted once per dimension. */
export function warehousePartners(counts: readonly WarehouseCount[]): number {
  return counts.filter((c) => c.dimension === 'tier').reduce((n, c) => n + c.partners, 0);
}

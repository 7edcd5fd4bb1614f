// Each custom function on whole columns, called once through the built bundle in the local runtime, the
// way Sheets calls =PARTNER_HEALTH(E2:E, …) for a column: one execution over N rows, limited to 30 s.

import { CUSTOM_FUNCTION_TIME_LIMIT_MS } from '../local/runtime';
import type { CellValue } from '../local/workbook';
import { layoutHistory, type PartnerHistory, recordScore } from '../src/core/history/compactHistory';
import { type BenchResult, benchRuntime } from './measure';
import { benchPartners, seeded } from './workbook';
import { localDay } from './year';

const column = (values: CellValue[]): CellValue[][] => values.map((v) => [v]);

/** The columns the functions read, as Sheets passes them (N rows of one cell). */
export function customFunctionArgs(rows: number): Record<string, CellValue[][][]> {
  const partners = benchPartners(rows);
  const random = seeded(31);
  const segments = ['Strategic', 'Growth', 'Stable', 'At-risk', 'Long-tail'];
  const growth = column(partners.map((p) => p.growth ?? ''));
  const deals = column(partners.map((p) => p.deals ?? ''));
  const engagement = column(partners.map((p) => p.engagement ?? ''));
  const healthArgs = [
    growth,
    deals,
    engagement,
    column(partners.map((p) => p.nps ?? '')),
    column(partners.map((p) => p.fit ?? '')),
  ];
  // Two scores per partner, 30 days apart, in the Health history's compact layout (docs/limits.md) as the
  // daily run leaves it: one row per partner, header included.
  const histories = partners.map((p) => {
    const h: PartnerHistory = { name: p.name, months: new Map(), quarters: new Map() };
    recordScore(h, localDay(new Date(2026, 9, 31)), Math.floor(random() * 101));
    recordScore(h, localDay(new Date(2026, 10, 30)), Math.floor(random() * 101));
    return h;
  });
  const laid = layoutHistory(histories, '2026-11', '2026-Q4');
  const history: CellValue[][] = [laid.header, ...laid.rows];
  return {
    PARTNER_HEALTH: healthArgs,
    HEALTH_BREAKDOWN: healthArgs,
    HEALTH_CHANGE: [column(partners.map((p) => p.name)), history],
    PARTNER_TIER: [column(partners.map(() => Math.floor(random() * 101)))],
    SEGMENT: [column(partners.map((p) => p.revenue ?? '')), growth, deals, engagement],
    PARTNER_QUADRANT: [
      column(partners.map(() => Math.floor(random() * 40))),
      column(partners.map(() => 1 + Math.floor(random() * 5))),
    ],
    NEXT_TOUCH: [
      column(partners.map(() => segments[Math.floor(random() * segments.length)])),
      column(
        partners.map((p) =>
          p.lastContactDaysAgo === null || p.lastContactDaysAgo === undefined
            ? ''
            : new Date(2026, 11, 1 - p.lastContactDaysAgo),
        ),
      ),
    ],
  };
}

export const CUSTOM_FUNCTIONS = [
  'PARTNER_HEALTH',
  'PARTNER_TIER',
  'SEGMENT',
  'PARTNER_QUADRANT',
  'NEXT_TOUCH',
  'HEALTH_BREAKDOWN',
  'HEALTH_CHANGE',
];

/** One column call of `name` on `rows` rows: no service calls, so its Apps Script time is its own compute. */
export async function measureCustomFunction(name: string, rows: number): Promise<BenchResult> {
  const args = customFunctionArgs(rows)[name];
  const { benchWorkbook } = await import('./workbook');
  const { runtime } = await benchRuntime('partnerpulse', benchWorkbook(1));
  const virtualStart = runtime.now().getTime();
  const start = performance.now();
  const out = runtime.call(name, ...args) as unknown[][];
  const wallMs = performance.now() - start;
  if (!Array.isArray(out) || out.length !== rows)
    throw new Error(`${name} on ${rows} rows gave ${Array.isArray(out) ? out.length : typeof out} rows`);
  return {
    job: `${name} (column)`,
    impl: 'partnerpulse',
    rows,
    calls: runtime.calls.total(),
    cellsRead: 0,
    cellsWritten: 0,
    wallMs: Math.round(wallMs),
    estAppsScriptMs: Math.round(runtime.now().getTime() - virtualStart),
    limitMs: CUSTOM_FUNCTION_TIME_LIMIT_MS,
    extrapolated: false,
    measuredRows: rows,
  };
}

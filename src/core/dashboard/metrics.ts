import type { DayNumber } from '../reading/calendar';
import { formatNumber } from '../reading/inputError';
import { DEFAULT_RULES, type Rules, type Segment } from '../rules';
import { median } from '../segments/quadrants';

/** What the program metrics read of one partner (docs/rules.md §7); null = blank. */
export interface MetricPartner {
  revenue: number | null;
  revenueLastYear: number | null;
  growth: number | null;
  deals: number | null;
  nps: number | null;
  signed: DayNumber | null;
  firstDeal: DayNumber | null;
  segment: Segment | null;
  lastQbr: DayNumber | null;
}

export type MetricStatus = 'On target' | 'Below target' | 'No data';

export interface ProgramMetric {
  metric: string;
  /** The number (rates as fractions); null without data. */
  value: number | null;
  /** The value as a person reads it: "72%", "45 days", "31.5". */
  shown: string;
  target: string;
  status: MetricStatus;
  /** What the number was computed from, in words ("18 of 25 partners"). */
  basis: string;
}

/** The targets of docs/rules.md §7 (the defaults; Settings can change them: rules.targets). */
export const METRIC_TARGETS = DEFAULT_RULES.targets;

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Last year's revenue: the Revenue last year column, or when the sheet only has Growth, revenue / (1 + growth)
 * (the revenue that growth was measured against).
 */
export function revenueLastYearOf(p: MetricPartner): number | null {
  if (p.revenueLastYear !== null) return p.revenueLastYear;
  if (p.revenue === null || p.growth === null || !Number.isFinite(p.growth) || p.growth <= -1) return null;
  return p.revenue / (1 + p.growth);
}

/** Active this year: revenue > 0 or at least one deal (docs/rules.md §7). */
export function isActive(p: MetricPartner): boolean {
  return (p.revenue ?? 0) > 0 || (p.deals ?? 0) >= 1;
}

function metric(
  name: string,
  value: number | null,
  shown: string,
  target: string,
  onTarget: boolean | null,
  basis: string,
): ProgramMetric {
  return {
    metric: name,
    value,
    shown: value === null ? '—' : shown,
    target,
    status: onTarget === null || value === null ? 'No data' : onTarget ? 'On target' : 'Below target',
    basis,
  };
}

/**
 * The six program metrics of docs/rules.md §7 over the partner table on `today`. Where the spec leaves a definition
 * open the choice is in docs/dashboard.md: active last year = last year's revenue > 0; a QBR counts as
 * held when the Last QBR date lies within the segment's QBR cadence; revenue per partner "growing" compares
 * with last year's revenue per partner active last year.
 */
export function programMetrics(partners: readonly MetricPartner[], today: DayNumber, rules: Rules): ProgramMetric[] {
  const T = rules.targets;
  const npsValues = partners.map((p) => p.nps).filter((n): n is number => n !== null);
  const nps = npsValues.length ? npsValues.reduce((a, b) => a + b, 0) / npsValues.length : null;

  const waits = partners
    .filter((p) => p.signed !== null && p.firstDeal !== null && (p.firstDeal as number) >= (p.signed as number))
    .map((p) => (p.firstDeal as number) - (p.signed as number));
  const daysToFirstDeal = median(waits);

  const activated = partners.filter((p) => (p.deals ?? 0) >= 1).length;
  const activation = partners.length ? activated / partners.length : null;

  const activeLastYear = partners.filter((p) => (revenueLastYearOf(p) ?? 0) > 0);
  const retained = activeLastYear.filter(isActive).length;
  const retention = activeLastYear.length ? retained / activeLastYear.length : null;

  const active = partners.filter(isActive);
  const totalRevenue = partners.reduce((s, p) => s + (p.revenue ?? 0), 0);
  const revenuePerPartner = active.length ? totalRevenue / active.length : null;
  const totalLastYear = activeLastYear.reduce((s, p) => s + (revenueLastYearOf(p) ?? 0), 0);
  const lastYearPerPartner = activeLastYear.length ? totalLastYear / activeLastYear.length : null;

  const due = partners.filter((p) => p.segment !== null && rules.segmentPolicies[p.segment].qbrEveryDays !== null);
  const held = due.filter((p) => {
    const every = rules.segmentPolicies[p.segment as Segment].qbrEveryDays as number;
    return p.lastQbr !== null && p.lastQbr <= today && today - p.lastQbr <= every;
  }).length;
  const qbrCompletion = due.length ? held / due.length : null;

  const money = (x: number) => Math.round(x).toLocaleString('en-US');
  return [
    metric(
      'Partner NPS',
      nps,
      nps === null ? '' : formatNumber(Math.round(nps * 10) / 10),
      `${T.nps}+`,
      nps === null ? null : nps >= T.nps,
      `mean of ${plural(npsValues.length, 'partner')} with an NPS`,
    ),
    metric(
      'Time to first deal',
      daysToFirstDeal,
      `${daysToFirstDeal} days`,
      `< ${T.daysToFirstDeal} days`,
      daysToFirstDeal === null ? null : daysToFirstDeal < T.daysToFirstDeal,
      `median of ${plural(waits.length, 'partner')} with Signed and First deal dates`,
    ),
    metric(
      'Activation rate',
      activation,
      percent(activation ?? 0),
      `≥ ${percent(T.activation)}`,
      activation === null ? null : activation >= T.activation,
      `${activated} of ${plural(partners.length, 'partner')} with a deal`,
    ),
    metric(
      'Retention',
      retention,
      percent(retention ?? 0),
      `≥ ${percent(T.retention)}`,
      retention === null ? null : retention >= T.retention,
      `${retained} of ${plural(activeLastYear.length, 'partner')} active last year still active`,
    ),
    metric(
      'Revenue per partner',
      revenuePerPartner,
      money(revenuePerPartner ?? 0),
      lastYearPerPartner === null ? 'growing' : `growing (last year ${money(lastYearPerPartner)})`,
      revenuePerPartner === null || lastYearPerPartner === null ? null : revenuePerPartner > lastYearPerPartner,
      `${money(totalRevenue)} over ${plural(active.length, 'active partner')}`,
    ),
    metric(
      'QBR completion',
      qbrCompletion,
      percent(qbrCompletion ?? 0),
      `≥ ${percent(T.qbrCompletion)}`,
      qbrCompletion === null ? null : qbrCompletion >= T.qbrCompletion,
      `${held} of ${due.length} Strategic and Growth partners with a QBR within their cadence`,
    ),
  ];
}

// The partner's score over the trend window as an inline SVG sparkline (no chart library: the sidebar loads
// nothing from elsewhere), with the change against the health-drop baseline as the alert measures it. The
// window, the baseline's days, the score scale and the tier lines all come from the server (QbrSidebarFacts).

import { dayOfIso, type QbrSidebarFacts, type Trend } from '../../src/contracts/qbrSidebar';
import { h } from '../shared/dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH_PX = 276;
const HEIGHT_PX = 56;
/** Room kept free at each edge, so the line's stroke and the last dot are not cut. */
const INSET_PX = 3;
const DOT_PX = 3;
const LABEL_LIFT_PX = 2;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function changeText(
  change: number | null,
  againstDaysAgo: number,
): { text: string; kind: 'up' | 'down' | 'flat' | 'none' } {
  if (change === null) return { text: `no score ${againstDaysAgo} days ago`, kind: 'none' };
  if (change > 0) return { text: `▲ ${change}`, kind: 'up' };
  if (change < 0) return { text: `▼ ${-change}`, kind: 'down' };
  return { text: '= 0', kind: 'flat' };
}

/** The score range drawn: the scores shown, padded and at least `minSpan` high, inside the score's scale. */
function range(values: number[], facts: QbrSidebarFacts): [number, number] {
  const { min, max } = facts.score;
  const { minSpan, padPoints } = facts.trendScale;
  let lo = Math.max(min, Math.min(...values, max) - padPoints);
  let hi = Math.min(max, Math.max(...values, min) + padPoints);
  if (hi - lo < minSpan)
    [lo, hi] = [Math.max(min, Math.min(lo, hi - minSpan)), Math.min(max, Math.max(hi, lo + minSpan))];
  return [lo, hi];
}

export function sparkline(
  trend: Trend,
  today: string,
  current: number | 'Unknown' | null,
  facts: QbrSidebarFacts,
): HTMLElement {
  const end = dayOfIso(today) as number;
  const start = end - trend.windowDays;
  const inner = { width: WIDTH_PX - INSET_PX - INSET_PX, height: HEIGHT_PX - INSET_PX - INSET_PX };
  const x = (iso: string) => (((dayOfIso(iso) as number) - start) / trend.windowDays) * inner.width + INSET_PX;
  const values = [...trend.points.map((p) => p.score), ...(trend.baseline === null ? [] : [trend.baseline])];
  const [lo, hi] = range(values, facts);
  const y = (score: number) => HEIGHT_PX - INSET_PX - ((score - lo) / (hi - lo || 1)) * inner.height;
  const change = changeText(trend.change, trend.againstDaysAgo);
  const window = `the last ${trend.windowDays} days`;
  const label =
    trend.points.length === 0
      ? `No scores in ${window}`
      : `Score over ${window}, ${trend.points.length} days recorded, from ${trend.points[0].score} on ${trend.points[0].date} to ${trend.points[trend.points.length - 1].score}`;
  const chart = svg('svg', {
    width: WIDTH_PX,
    height: HEIGHT_PX,
    viewBox: `0 0 ${WIDTH_PX} ${HEIGHT_PX}`,
    role: 'img',
    'aria-label': label,
    class: 'spark',
  });
  // The tier floors from Settings inside the shown range, labelled, so the line reads against Champion / Healthy / …
  for (const { tier, floor } of facts.tierFloors.filter((t) => t.floor > lo && t.floor < hi)) {
    chart.append(svg('line', { x1: 0, x2: WIDTH_PX, y1: y(floor), y2: y(floor), class: 'grid', 'data-tier': tier }));
    const t = svg('text', { x: 1, y: y(floor) - LABEL_LIFT_PX, class: 'grid-label' });
    t.textContent = String(floor);
    chart.append(t);
  }
  if (trend.baseline !== null)
    chart.append(svg('line', { x1: 0, x2: WIDTH_PX, y1: y(trend.baseline), y2: y(trend.baseline), class: 'baseline' }));
  if (trend.points.length > 0) {
    chart.append(
      svg('polyline', {
        points: trend.points.map((p) => `${x(p.date).toFixed(1)},${y(p.score).toFixed(1)}`).join(' '),
        class: 'line',
      }),
    );
    const last = trend.points[trend.points.length - 1];
    chart.append(svg('circle', { cx: x(last.date), cy: y(last.score), r: DOT_PX, class: 'dot' }));
  }
  return h(
    'div',
    { class: 'trend' },
    h(
      'div',
      { class: 'trend-head' },
      h('span', { class: `change change-${change.kind}`, id: 'trend-change', text: change.text }),
      h('span', {
        class: 'quiet',
        text:
          trend.baseline === null
            ? ''
            : ` vs ${trend.baseline} ${trend.againstDaysAgo} days ago (now ${current ?? '—'})`,
      }),
    ),
    chart,
    trend.points.length === 0
      ? h('p', { class: 'quiet', text: `No scores recorded for this partner in ${window}.` })
      : null,
  );
}

// The partner's score over the last 90 days as an inline SVG sparkline (no chart library: the sidebar loads
// nothing from elsewhere), with the change against 30 days ago as the health-drop alert measures it.
import type { Trend } from '../src/core/qbr/trend';
import { dayOfIso } from '../src/core/reading/calendar';
import { h } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const W = 276;
const H = 56;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function changeText(change: number | null): { text: string; kind: 'up' | 'down' | 'flat' | 'none' } {
  if (change === null) return { text: 'no score 30 days ago', kind: 'none' };
  if (change > 0) return { text: `▲ ${change}`, kind: 'up' };
  if (change < 0) return { text: `▼ ${-change}`, kind: 'down' };
  return { text: '= 0', kind: 'flat' };
}

export function sparkline(trend: Trend, today: string, current: number | 'Unknown' | null): HTMLElement {
  const end = dayOfIso(today) as number;
  const start = end - trend.windowDays;
  const x = (iso: string) => (((dayOfIso(iso) as number) - start) / trend.windowDays) * (W - 6) + 3;
  // Scaled to the scores shown (at least 20 points high), so a move of a few points is visible.
  const values = [...trend.points.map((p) => p.score), ...(trend.baseline === null ? [] : [trend.baseline])];
  let lo = Math.max(0, Math.min(...values, 100) - 5);
  let hi = Math.min(100, Math.max(...values, 0) + 5);
  if (hi - lo < 20) [lo, hi] = [Math.max(0, Math.min(lo, hi - 20)), Math.min(100, Math.max(hi, lo + 20))];
  const y = (score: number) => H - 3 - ((score - lo) / (hi - lo || 1)) * (H - 6);
  const change = changeText(trend.change);
  const label =
    trend.points.length === 0
      ? 'No scores in the last 90 days'
      : `Score over the last 90 days, ${trend.points.length} days recorded, from ${trend.points[0].score} on ${trend.points[0].date} to ${trend.points[trend.points.length - 1].score}`;
  const chart = svg('svg', {
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': label,
    class: 'spark',
  });
  // The tier boundaries inside the shown range, labelled, so the line reads against Champion / Healthy / …
  for (const level of [80, 60, 40, 20].filter((l) => l > lo && l < hi)) {
    chart.append(svg('line', { x1: 0, x2: W, y1: y(level), y2: y(level), class: 'grid' }));
    const t = svg('text', { x: 1, y: y(level) - 2, class: 'grid-label' });
    t.textContent = String(level);
    chart.append(t);
  }
  if (trend.baseline !== null)
    chart.append(svg('line', { x1: 0, x2: W, y1: y(trend.baseline), y2: y(trend.baseline), class: 'baseline' }));
  if (trend.points.length > 0) {
    chart.append(
      svg('polyline', {
        points: trend.points.map((p) => `${x(p.date).toFixed(1)},${y(p.score).toFixed(1)}`).join(' '),
        class: 'line',
      }),
    );
    const last = trend.points[trend.points.length - 1];
    chart.append(svg('circle', { cx: x(last.date), cy: y(last.score), r: 3, class: 'dot' }));
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
      ? h('p', { class: 'quiet', text: 'No scores recorded for this partner in the last 90 days.' })
      : null,
  );
}

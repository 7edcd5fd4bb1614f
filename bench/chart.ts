// The bench chart as SVG: partner rows (log scale) against estimated Apps Script time (log scale), one
// line per job and implementation, with Apps Script's 6-minute execution limit drawn across.
import type { BenchResult } from './measure';

const W = 760;
const H = 460;
const M = { left: 70, right: 200, top: 40, bottom: 50 };
const COLORS: Record<string, string> = {
  'daily job/partnerpulse': '#1a7f37',
  'recolor/partnerpulse': '#4aa3df',
  'daily job/naive': '#cf222e',
  'recolor/naive': '#e8912d',
};

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Time ticks people read at a glance: seconds, minutes, hours. */
const Y_TICKS = [0.01, 0.1, 1, 10, 60, 600, 3600, 36_000, 360_000, 3_600_000];

function formatSeconds(s: number): string {
  if (s >= 3600) return `${(s / 3600).toLocaleString('en-US')} h`;
  if (s >= 60) return `${s / 60} min`;
  return `${s} s`;
}

export function benchChart(results: BenchResult[], limitMs = 6 * 60 * 1000): string {
  const jobs = results.filter((r) => COLORS[`${r.job}/${r.impl}`]);
  const rows = jobs.map((r) => r.rows);
  const seconds = jobs.map((r) => Math.max(r.estAppsScriptMs, 1) / 1000);
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...rows, 1000)));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...rows, 10000)));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...seconds, 1)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...seconds, (limitMs / 1000) * 10)));
  const x = (n: number) =>
    M.left + ((Math.log10(n) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - M.left - M.right);
  const y = (s: number) =>
    H -
    M.bottom -
    ((Math.log10(s) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(
    `<text x="${M.left}" y="22" font-size="15" font-weight="bold">Estimated Apps Script time vs partner rows (log–log)</text>`,
  );
  for (let v = xMin; v <= xMax; v *= 10) {
    out.push(`<line x1="${x(v)}" y1="${M.top}" x2="${x(v)}" y2="${H - M.bottom}" stroke="#eeeeee"/>`);
    out.push(`<text x="${x(v)}" y="${H - M.bottom + 16}" text-anchor="middle">${v.toLocaleString('en-US')}</text>`);
  }
  for (const v of Y_TICKS.filter((t) => t >= yMin && t <= yMax)) {
    out.push(`<line x1="${M.left}" y1="${y(v)}" x2="${W - M.right}" y2="${y(v)}" stroke="#eeeeee"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${formatSeconds(v)}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">partner rows</text>`);
  out.push(
    `<text x="16" y="${(M.top + H - M.bottom) / 2}" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})" text-anchor="middle">estimated Apps Script time</text>`,
  );
  const limit = y(limitMs / 1000);
  out.push(
    `<line x1="${M.left}" y1="${limit}" x2="${W - M.right}" y2="${limit}" stroke="#000000" stroke-dasharray="6 4"/>`,
  );
  out.push(`<text x="${W - M.right - 4}" y="${limit - 6}" text-anchor="end">6-minute execution limit</text>`);
  let legendY = M.top + 10;
  for (const [key, color] of Object.entries(COLORS)) {
    const [job, impl] = key.split('/');
    const series = jobs.filter((r) => r.job === job && r.impl === impl).sort((a, b) => a.rows - b.rows);
    if (series.length === 0) continue;
    const points = series.map((r) => `${x(r.rows).toFixed(1)},${y(Math.max(r.estAppsScriptMs, 1) / 1000).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    for (const r of series) {
      const cx = x(r.rows).toFixed(1);
      const cy = y(Math.max(r.estAppsScriptMs, 1) / 1000).toFixed(1);
      // Hollow marks: extrapolated from a smaller measured run.
      out.push(
        r.extrapolated
          ? `<circle cx="${cx}" cy="${cy}" r="4" fill="#ffffff" stroke="${color}" stroke-width="2"/>`
          : `<circle cx="${cx}" cy="${cy}" r="4" fill="${color}"/>`,
      );
    }
    out.push(
      `<line x1="${W - M.right + 14}" y1="${legendY}" x2="${W - M.right + 34}" y2="${legendY}" stroke="${color}" stroke-width="2"/>`,
    );
    out.push(
      `<text x="${W - M.right + 40}" y="${legendY + 4}">${escapeXml(`${impl === 'naive' ? 'naive' : 'PartnerPulse'} ${job}`)}</text>`,
    );
    legendY += 20;
  }
  out.push(
    `<circle cx="${W - M.right + 24}" cy="${legendY + 6}" r="4" fill="#ffffff" stroke="#555555" stroke-width="2"/>`,
  );
  out.push(`<text x="${W - M.right + 40}" y="${legendY + 10}">extrapolated</text>`);
  out.push(`<circle cx="${W - M.right + 24}" cy="${legendY + 26}" r="4" fill="#555555"/>`);
  out.push(`<text x="${W - M.right + 40}" y="${legendY + 30}">measured</text>`);
  out.push('</svg>');
  return out.join('\n');
}

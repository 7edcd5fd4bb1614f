/**
 * SVG pictures of a sheet's embedded charts (local/workbook.ts ChartModel), drawn from the cells their ranges
 * cover — what Sheets would draw, in Google Charts' default colors: column and bar charts (grouped, or stacked
 * with the isStacked option), pie charts with percentages, line charts. `npm start` writes the Dashboard
 * sheet with its charts as out/dashboard.svg; .xlsx files cannot carry the charts (exceljs writes none).
 */
import { type PictureOptions, sheetPicture } from './picture';
import { type ChartModel, isDate, type SheetModel } from './workbook';

const PALETTE = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function label(value: unknown): string {
  if (isDate(value)) return value.toISOString().slice(0, 10);
  return String(value ?? '');
}

export interface ChartData {
  categories: string[];
  series: { name: string; values: number[] }[];
}

/**
 * The chart's data: the first column of its first range gives the categories, each further column a series.
 * With numHeaders -1 (not set) the first row is a header when its series cells are text, as Sheets guesses.
 */
export function chartData(sheet: SheetModel, chart: ChartModel): ChartData {
  const range = chart.ranges[0];
  if (!range) return { categories: [], series: [] };
  const cell = (r: number, c: number) => sheet.valueAt(range.row + r, range.column + c);
  const headerRows =
    chart.numHeaders >= 0
      ? chart.numHeaders
      : range.columns > 1 && typeof cell(0, 1) === 'string' && cell(0, 1) !== ''
        ? 1
        : 0;
  const categories: string[] = [];
  const series = Array.from({ length: Math.max(0, range.columns - 1) }, (_, s) => ({
    name: headerRows ? label(cell(0, s + 1)) : `Series ${s + 1}`,
    values: [] as number[],
  }));
  for (let r = headerRows; r < range.rows; r++) {
    categories.push(label(cell(r, 0)));
    series.forEach((s, i) => {
      const v = cell(r, i + 1);
      s.values.push(typeof v === 'number' && Number.isFinite(v) ? v : 0);
    });
  }
  return { categories, series };
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

function axisNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** One chart as a standalone SVG document of `width` × `height` pixels. */
export function chartSvg(sheet: SheetModel, chart: ChartModel, width = 480, height = 300): string {
  const { categories, series } = chartData(sheet, chart);
  const title = typeof chart.options.title === 'string' ? chart.options.title : '';
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff" stroke="#cccccc"/>`];
  if (title)
    parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`);
  const top = 34;
  const stacked = chart.options.isStacked === true;

  if (chart.type === 'pie') {
    const values = series[0]?.values ?? [];
    const total = values.reduce((a, b) => a + b, 0);
    const cx = width * 0.33;
    const cy = top + (height - top) / 2;
    const radius = Math.min(cx - 10, (height - top) / 2 - 10);
    let angle = -Math.PI / 2;
    values.forEach((v, i) => {
      const color = PALETTE[i % PALETTE.length];
      if (total > 0 && v > 0) {
        const sweep = (v / total) * Math.PI * 2;
        if (v === total) parts.push(`<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${color}"/>`);
        else {
          const x1 = cx + radius * Math.cos(angle);
          const y1 = cy + radius * Math.sin(angle);
          const x2 = cx + radius * Math.cos(angle + sweep);
          const y2 = cy + radius * Math.sin(angle + sweep);
          parts.push(
            `<path d="M${cx},${cy} L${x1.toFixed(1)},${y1.toFixed(1)} A${radius},${radius} 0 ${sweep > Math.PI ? 1 : 0} 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z" fill="${color}" stroke="#ffffff"/>`,
          );
        }
        angle += sweep;
      }
      const ly = top + 10 + i * 20;
      const share = total > 0 ? ` ${Math.round((v / total) * 1000) / 10}%` : '';
      parts.push(
        `<rect x="${width * 0.66}" y="${ly}" width="12" height="12" fill="${color}"/><text x="${width * 0.66 + 18}" y="${ly + 11}">${escapeXml(categories[i] ?? '')}: ${axisNumber(v)}${share}</text>`,
      );
    });
    if (total === 0) parts.push(`<text x="${cx}" y="${cy}" text-anchor="middle">No data</text>`);
    return wrap(parts, width, height);
  }

  const horizontal = chart.type === 'bar';
  const left = horizontal ? 130 : 44;
  const bottom = horizontal ? 24 : 48;
  const plotW = width - left - 16;
  const plotH = height - top - bottom;
  const sums = categories.map((_, i) => series.reduce((s, x) => s + Math.max(0, x.values[i]), 0));
  const max = niceMax(stacked ? Math.max(0, ...sums) : Math.max(0, ...series.flatMap((s) => s.values)));
  // Value axis: five gridlines with their numbers.
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    if (horizontal) {
      const x = left + (plotW * k) / 4;
      parts.push(
        `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + plotH}" stroke="#e0e0e0"/><text x="${x}" y="${height - 8}" text-anchor="middle" font-size="10">${axisNumber(v)}</text>`,
      );
    } else {
      const y = top + plotH - (plotH * k) / 4;
      parts.push(
        `<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#e0e0e0"/><text x="${left - 4}" y="${y + 4}" text-anchor="end" font-size="10">${axisNumber(v)}</text>`,
      );
    }
  }
  const band = (horizontal ? plotH : plotW) / Math.max(1, categories.length);
  if (chart.type === 'line') {
    series.forEach((s, si) => {
      const points = s.values.map(
        (v, i) => `${(left + band * (i + 0.5)).toFixed(1)},${(top + plotH - (plotH * v) / max).toFixed(1)}`,
      );
      parts.push(
        `<polyline points="${points.join(' ')}" fill="none" stroke="${PALETTE[si % PALETTE.length]}" stroke-width="2"/>`,
      );
      points.forEach((p) => {
        const [x, y] = p.split(',');
        parts.push(`<circle cx="${x}" cy="${y}" r="3" fill="${PALETTE[si % PALETTE.length]}"/>`);
      });
    });
  } else {
    categories.forEach((_, i) => {
      let offset = 0;
      series.forEach((s, si) => {
        const v = Math.max(0, s.values[i]);
        const size = ((horizontal ? plotW : plotH) * v) / max;
        const thickness = stacked ? band * 0.7 : (band * 0.7) / Math.max(1, series.length);
        const start = band * i + band * 0.15 + (stacked ? 0 : thickness * si);
        const color = PALETTE[(series.length === 1 ? 0 : si) % PALETTE.length];
        if (horizontal)
          parts.push(
            `<rect x="${(left + offset).toFixed(1)}" y="${(top + start).toFixed(1)}" width="${size.toFixed(1)}" height="${thickness.toFixed(1)}" fill="${color}"/>`,
          );
        else
          parts.push(
            `<rect x="${(left + start).toFixed(1)}" y="${(top + plotH - offset - size).toFixed(1)}" width="${thickness.toFixed(1)}" height="${size.toFixed(1)}" fill="${color}"/>`,
          );
        if (stacked) offset += size;
      });
    });
  }
  categories.forEach((c, i) => {
    const text = escapeXml(c.length > 18 ? `${c.slice(0, 17)}…` : c);
    if (horizontal)
      parts.push(
        `<text x="${left - 6}" y="${(top + band * (i + 0.5) + 4).toFixed(1)}" text-anchor="end" font-size="11">${text}</text>`,
      );
    else
      parts.push(
        `<text x="${(left + band * (i + 0.5)).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${text}</text>`,
      );
  });
  parts.push(
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#333333"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333333"/>`,
  );
  return wrap(parts, width, height);
}

function wrap(parts: string[], width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Arial, sans-serif" font-size="12">\n${parts.join('\n')}\n</svg>\n`;
}

/**
 * A sheet with its charts: the cells (as local/picture.ts draws them) and each chart placed at its anchor
 * row, to the right of the cells.
 */
export function sheetWithChartsPicture(sheet: SheetModel, options: PictureOptions): string {
  const rowHeight = 22;
  const cells = sheetPicture(sheet, options);
  const cellsWidth = Number(/width="(\d+)"/.exec(cells)?.[1] ?? 0);
  const cellsHeight = Number(/height="(\d+)"/.exec(cells)?.[1] ?? 0);
  const x = cellsWidth + 24;
  const charts = sheet.charts.map((chart) => ({
    y: (chart.position.row - 1) * rowHeight + chart.position.offsetY,
    svg: chartSvg(sheet, chart),
  }));
  const height = Math.max(cellsHeight, ...charts.map((c) => c.y + 300));
  const body = [
    cells.replace('<svg ', '<svg x="0" y="0" '),
    ...charts.map((c) => c.svg.replace('<svg ', `<svg x="${x}" y="${c.y}" `)),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${x + 480}" height="${height}">\n<rect width="100%" height="100%" fill="#ffffff"/>\n${body.join('\n')}</svg>\n`;
}

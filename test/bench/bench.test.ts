// The bench at a small size: the JSON it writes, and the shape of the result that matters — PartnerPulse's
// service calls stay flat as the partner table grows while the naive per-row code's grow with it. No
// timing assertions: wall and estimated times depend on the machine and the latency estimates.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOM_FUNCTIONS } from '../../bench/customFunctions';
import type { BenchResult } from '../../bench/measure';
import { type BenchReport, formatReport, parseArgs, runBench, writeReport } from '../../bench/run';
import { RUN_LOG_HEADERS } from '../../src/server/sheets/logSheets';

jest.setTimeout(300_000);

let report: BenchReport;
let written: BenchResult[];
let warehouseRows: Record<string, unknown>[];
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pp-bench-'));
  const options = {
    ...parseArgs(['--rows', '200,400', '--naive-cap', '200', '--cf-rows', '200']),
    outDir,
    progress: false,
  };
  report = await runBench(options);
  writeReport(report, outDir);
  const all = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Record<string, unknown>[];
  written = all.filter((r) => r.job !== 'warehouse') as unknown as BenchResult[];
  warehouseRows = all.filter((r) => r.job === 'warehouse');
});

test('a quick run measures the warehouse once: the rules on DuckDB, and the hourly run reading only an alert page (bench/warehouse.ts)', () => {
  expect(warehouseRows).toHaveLength(1);
  const [w] = warehouseRows as {
    job: string;
    impl: string;
    rows: number;
    wallMs: number;
    script: { calls: number; cellsRead: number; emails: number };
  }[];
  expect(w).toMatchObject({ job: 'warehouse', impl: 'duckdb', rows: 400 });
  expect(Number.isInteger(w.wallMs) && w.wallMs >= 0).toBe(true);
  expect(w.script.emails).toBeGreaterThan(0);
  // 400 partners, and the script read no more than one alert page and the sheets' status: not the table.
  expect(w.script.cellsRead).toBeLessThanOrEqual(500 * 10);
}, 120_000);

const find = (job: string, impl: string, rows: number) => {
  const hit = written.find((r) => r.job === job && r.impl === impl && r.rows === rows);
  if (!hit) throw new Error(`no result for ${job} / ${impl} / ${rows}`);
  return hit;
};

test('results.json is an array of { job, impl, rows, calls, cellsRead, cellsWritten, wallMs, estAppsScriptMs }', () => {
  // 2 sizes × (2 jobs × 2 implementations + the idle hourly run), plus each custom function on one size,
  // plus the formula sheet evaluated locally on each size.
  expect(written).toHaveLength(10 + CUSTOM_FUNCTIONS.length + 2);
  for (const r of written) {
    expect(typeof r.job).toBe('string');
    expect(['partnerpulse', 'naive']).toContain(r.impl);
    for (const key of ['rows', 'calls', 'cellsRead', 'cellsWritten', 'wallMs', 'estAppsScriptMs'] as const) {
      expect(Number.isInteger(r[key]) && r[key] >= 0).toBe(true);
    }
  }
  expect(written.filter((r) => r.job.endsWith('(column)')).map((r) => r.job)).toEqual(
    [
      'PARTNER_HEALTH',
      'PARTNER_TIER',
      'SEGMENT',
      'PARTNER_QUADRANT',
      'NEXT_TOUCH',
      'HEALTH_BREAKDOWN',
      'HEALTH_CHANGE',
    ].map((f) => `${f} (column)`),
  );
});

test('the formula sheet row: every whole-column formula evaluated locally, one call per formula', () => {
  const sheet = find('formula sheet (local evaluation)', 'partnerpulse', 400);
  expect(sheet.calls).toBe(5);
  expect(formatReport(report)).toMatch(/formula sheet, every formula evaluated \| whole-column \| +400 \|/);
});

test.each(['daily job', 'recolor'])(
  '%s: PartnerPulse makes the same service calls on 400 rows as on 200; the naive code makes more',
  (job) => {
    expect(find(job, 'partnerpulse', 400).calls).toBe(find(job, 'partnerpulse', 200).calls);
    expect(find(job, 'naive', 400).calls).toBeGreaterThan(find(job, 'naive', 200).calls);
    // Both read every partner cell; the difference is in how many calls it takes.
    expect(find(job, 'partnerpulse', 400).cellsRead).toBeGreaterThanOrEqual(400 * 9);
    expect(find(job, 'naive', 400).cellsRead).toBeGreaterThanOrEqual(400 * 9);
  },
);

test("an hourly run after the day's work reads no partner row and writes nothing but its Run log row", () => {
  const idle = find('hourly run, day done', 'partnerpulse', 400);
  expect(idle.cellsRead).toBeLessThan(400);
  expect(idle.cellsRead).toBe(find('hourly run, day done', 'partnerpulse', 200).cellsRead);
  expect(idle.cellsWritten).toBe(RUN_LOG_HEADERS.length); // one Run log row
  expect(find('hourly run, day done', 'partnerpulse', 200).calls).toBe(idle.calls);
});

test('the naive run past the cap is flagged as extrapolated from the measured size, with calls scaled linearly', () => {
  const measured = find('recolor', 'naive', 200);
  const scaled = find('recolor', 'naive', 400);
  expect(measured.extrapolated).toBe(false);
  expect(scaled).toMatchObject({ extrapolated: true, measuredRows: 200, calls: measured.calls * 2 });
  expect(find('recolor', 'partnerpulse', 400).extrapolated).toBe(false);
  expect(formatReport(report)).toContain('naive figures scaled linearly from a real run on 200 rows');
});

test('under a tight limit the daily job stops, and the next hourly runs finish it without redoing the recolor or sending twice', () => {
  const { runs, totalDigests, distinctRecipients } = report.resume;
  expect(runs[0].outcome).toBe('exceeded');
  expect(runs[0].setBackgroundsCalls).toBe(1);
  expect(runs.slice(1).every((r) => r.setBackgroundsCalls === 0)).toBe(true);
  expect(runs.some((r) => r.outcome === 'ok')).toBe(true);
  expect(runs.every((r) => r.historyRows === report.resume.rows)).toBe(true);
  // 25 partner managers and the admin (partners without an owner): one digest each, none twice. A digest a run
  // was cut off while sending is reported "unconfirmed" instead of sent again (docs/decisions.md).
  const { unconfirmed } = report.resume;
  expect(distinctRecipients).toBe(totalDigests);
  expect(totalDigests).toBeLessThanOrEqual(26);
  expect(totalDigests + unconfirmed).toBeGreaterThanOrEqual(26);
});

test('the chart is an SVG with the 6-minute line; bundle sizes are reported, "not built" when missing', () => {
  const svg = readFileSync(join(outDir, 'chart.svg'), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('6-minute execution limit');
  expect(report.bundle.codeJsBytes).toBeGreaterThan(0);
  const text = formatReport({ ...report, bundle: { codeJsBytes: 2048, sidebarHtmlBytes: null } });
  expect(text).toContain('dist/Code.js 2.0 KiB · dist/Sidebar.html not built');
});

test('--rows refuses what is not a list of sizes, naming the option and the value', () => {
  expect(() => parseArgs(['--rows', '1000,abc'])).toThrow('--rows: "1000,abc" is not a list of whole numbers ≥ 1');
  expect(parseArgs(['--rows', '1000,20000']).rows).toEqual([1000, 20000]);
});

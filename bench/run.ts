// `npm run bench [-- --rows 1000,20000] [--naive-cap 10000] [--cf-rows 10000,100000] [--formula-rows 200000] [--out out/bench]`
// `npm run bench -- --rows 200000 --days 365`: a year of daily runs instead (bench/year.ts), its rows added to
// results.json next to the others.
//
// The figures a partner-ops lead or a reviewer asks for: the daily job and the recolor of PartnerPulse's
// built bundle against a naive per-row implementation (bench/naive.ts), each custom function on whole
// columns, the size of what Apps Script loads, and the daily job continuing across trigger runs under a
// tight execution limit, and how fast the local runtime evaluates a whole-column formula sheet (bench/formulaSheet.ts). Prints a table; writes results.json, summary.json and chart.svg.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { benchChart } from './chart';
import { CUSTOM_FUNCTIONS, measureCustomFunction } from './customFunctions';
import { measureFormulaSheet } from './formulaSheet';
import {
  type BenchResult,
  extrapolate,
  fileSize,
  type Impl,
  type Job,
  measureIdleHour,
  measureJob,
  ROOT,
} from './measure';
import { type ResumeDemo, resumeDemo } from './resume';
import { DEFAULT_WAREHOUSE_ROWS, measureWarehouse, type WarehouseBenchRow } from './warehouse';
import { simulateYear, type YearResult } from './year';

export const DEFAULT_ROWS = [1_000, 10_000, 50_000, 200_000];
export const DEFAULT_CUSTOM_FUNCTION_ROWS = [10_000, 100_000];
/** The local runtime's formula sheet: 200,000 partners, every computed column a whole-column formula. */
export const DEFAULT_FORMULA_SHEET_ROWS = [200_000];
/** The naive jobs really run up to this many rows; beyond, their figures are scaled linearly from here. */
export const DEFAULT_NAIVE_CAP = 10_000;
const JOBS: Job[] = ['daily job', 'recolor'];
const IMPLS: Impl[] = ['partnerpulse', 'naive'];

export interface BenchOptions {
  rows: number[];
  naiveCap: number;
  customFunctionRows: number[];
  formulaSheetRows: number[];
  /** The tight-limit demo: partner rows and the simulated execution limit. */
  resume: { rows: number; timeLimitMs: number };
  outDir: string;
  /** Generated warehouse tables (bench/warehouse.ts); the script's side is measured up to `warehouseScriptCap` rows. */
  warehouseRows: number[];
  warehouseScriptCap: number;
  /** Simulate this many consecutive days (bench/year.ts) instead of the one-day measurements. */
  days: number | null;
  /** Show a progress bar (a terminal only). */
  progress: boolean;
}

export interface BenchReport {
  results: BenchResult[];
  bundle: { codeJsBytes: number | null; sidebarHtmlBytes: number | null };
  resume: ResumeDemo;
  warehouse: WarehouseBenchRow[];
}

const positive = (flag: string, text: string): number[] => {
  const list = text.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(
      `${flag}: "${text}" is not a list of whole numbers ≥ 1 separated by commas (e.g. ${flag} 1000,20000)`,
    );
  }
  return list;
};

export function parseArgs(argv: string[]): BenchOptions {
  let rows: number[] | null = null;
  let customFunctionRows: number[] | null = null;
  let formulaSheetRows: number[] | null = null;
  let naiveCap = DEFAULT_NAIVE_CAP;
  let days: number | null = null;
  let outDir = join(ROOT, 'out', 'bench');
  let warehouseRows: number[] | null = null;
  // The hourly run's cost is flat in the table's size; measuring it once at 1M spares an hour of DuckDB at 10M.
  let warehouseScriptCap = 10_000_000;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (
      value === undefined ||
      ![
        '--rows',
        '--cf-rows',
        '--formula-rows',
        '--naive-cap',
        '--out',
        '--days',
        '--warehouse-rows',
        '--warehouse-script-cap',
      ].includes(flag)
    ) {
      throw new Error(
        `Unknown or incomplete option "${flag}". Use --rows 1000,20000 · --days 365 · --cf-rows 10000,100000 · --formula-rows 200000 · --naive-cap 10000 · --warehouse-rows 1000000,10000000 · --warehouse-script-cap 10000000 · --out DIR`,
      );
    }
    i++;
    if (flag === '--rows') rows = positive(flag, value);
    else if (flag === '--cf-rows') customFunctionRows = positive(flag, value);
    else if (flag === '--formula-rows') formulaSheetRows = positive(flag, value);
    else if (flag === '--naive-cap') naiveCap = positive(flag, value)[0];
    else if (flag === '--warehouse-rows') warehouseRows = positive(flag, value);
    else if (flag === '--warehouse-script-cap') warehouseScriptCap = positive(flag, value)[0];
    else if (flag === '--days') days = positive(flag, value)[0];
    else outDir = resolve(value);
  }
  const sizes = rows ?? DEFAULT_ROWS;
  return {
    rows: sizes,
    naiveCap,
    // A quick run (--rows given) keeps the custom-function columns to those sizes too.
    customFunctionRows: customFunctionRows ?? (rows ? sizes : DEFAULT_CUSTOM_FUNCTION_ROWS),
    formulaSheetRows: formulaSheetRows ?? (rows ? sizes : DEFAULT_FORMULA_SHEET_ROWS),
    resume: { rows: Math.min(...sizes, 1_000), timeLimitMs: 20_000 },
    outDir,
    // A quick run (--rows given) measures the warehouse once, at its largest size.
    warehouseRows: warehouseRows ?? (rows ? [Math.max(...sizes)] : DEFAULT_WAREHOUSE_ROWS),
    warehouseScriptCap,
    days,
    progress: Boolean(process.stdout.isTTY),
  };
}

/** The year rows as a table. */
export function formatYear(results: readonly YearResult[]): string {
  return table(
    [
      'partners',
      'days',
      'largest spreadsheet (cells)',
      'Health history (cells)',
      'last day: calls',
      'cells read',
      'cells written',
      'est. daily job',
      'idle hour: calls',
      'cells read',
      'est. idle hour',
      'real runs',
    ],
    results.map((r) => [
      n(r.rows),
      n(r.days),
      n(r.spreadsheetCells),
      n(r.historyCells),
      n(r.calls),
      n(r.cellsRead),
      n(r.cellsWritten),
      duration(r.estAppsScriptMs),
      n(r.idleCalls),
      n(r.idleCellsRead),
      duration(r.idleEstAppsScriptMs),
      r.realRuns.join(' '),
    ]),
  );
}

/** Adds the year rows to results.json, replacing earlier rows of the same size and days. */
export function addYearResults(outDir: string, results: readonly YearResult[]): void {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'results.json');
  const existing = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as (BenchResult & { days?: number })[])
    : [];
  const kept = existing.filter(
    (r) => !(r.job === 'year' && results.some((y) => y.rows === r.rows && y.days === r.days)),
  );
  writeFileSync(path, `${JSON.stringify([...kept, ...results], null, 2)}\n`);
}

/** Runs every measurement; `step` hears each one start (for the progress bar). */
export async function runBench(
  options: BenchOptions,
  step: (label: string) => void = () => undefined,
): Promise<BenchReport> {
  const results: BenchResult[] = [];
  const naiveAtCap = new Map<Job, BenchResult>();
  for (const rows of options.rows) {
    for (const job of JOBS) {
      for (const impl of IMPLS) {
        step(`${impl} ${job}, ${rows.toLocaleString('en-US')} rows`);
        if (impl === 'naive' && rows > options.naiveCap) {
          if (!naiveAtCap.has(job)) naiveAtCap.set(job, await measureJob(job, impl, options.naiveCap));
          results.push(extrapolate(naiveAtCap.get(job)!, rows));
        } else {
          const measured = await measureJob(job, impl, rows);
          if (impl === 'naive' && rows === options.naiveCap) naiveAtCap.set(job, measured);
          results.push(measured);
        }
      }
    }
    step(`partnerpulse hourly run with the day done, ${rows.toLocaleString('en-US')} rows`);
    results.push(await measureIdleHour(rows));
  }
  for (const rows of options.customFunctionRows) {
    for (const name of CUSTOM_FUNCTIONS) {
      step(`${name} on ${rows.toLocaleString('en-US')} rows`);
      results.push(await measureCustomFunction(name, rows));
    }
  }
  for (const rows of options.formulaSheetRows) {
    step(`formula sheet of ${rows.toLocaleString('en-US')} rows, evaluated locally`);
    results.push(await measureFormulaSheet(rows));
  }
  step(`daily job under a ${options.resume.timeLimitMs / 1000} s limit`);
  const resume = await resumeDemo(options.resume.rows, options.resume.timeLimitMs);
  const warehouse: WarehouseBenchRow[] = [];
  for (const rows of options.warehouseRows) {
    step(`warehouse rules on DuckDB, ${rows.toLocaleString('en-US')} rows`);
    warehouse.push(await measureWarehouse(rows, { script: rows <= options.warehouseScriptCap }));
  }
  return {
    results,
    bundle: { codeJsBytes: fileSize('dist/Code.js'), sidebarHtmlBytes: fileSize('dist/Sidebar.html') },
    resume,
    warehouse,
  };
}

export function stepCount(options: BenchOptions): number {
  return (
    options.rows.length * (JOBS.length * IMPLS.length + 1) +
    options.customFunctionRows.length * CUSTOM_FUNCTIONS.length +
    options.formulaSheetRows.length +
    1 +
    options.warehouseRows.length
  );
}

const n = (v: number) => v.toLocaleString('en-US');

function duration(ms: number): string {
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The report as Markdown tables (printed, and pasted into docs/performance.md). */
export function formatReport(report: BenchReport): string {
  const jobs = report.results.filter((r) => r.limitMs === 6 * 60 * 1000);
  const formulaSheets = report.results.filter((r) => r.job === 'formula sheet (local evaluation)');
  const functions = report.results.filter((r) => r.limitMs !== 6 * 60 * 1000 && !formulaSheets.includes(r));
  const parts: string[] = [];
  parts.push(
    table(
      [
        'job',
        'implementation',
        'rows',
        'service calls',
        'cells read',
        'cells written',
        'e-mails',
        'largest e-mail',
        'wall time (local)',
        'est. Apps Script time',
        'fits 6 min?',
      ],
      jobs.map((r) => [
        r.job,
        r.impl === 'naive' ? 'naive per-row' : 'PartnerPulse',
        n(r.rows) + (r.extrapolated ? '*' : ''),
        n(r.calls),
        n(r.cellsRead),
        n(r.cellsWritten),
        r.emails === undefined ? '' : n(r.emails),
        r.largestEmailBytes === undefined
          ? ''
          : r.largestEmailBytes < 1024
            ? `${r.largestEmailBytes} B`
            : `${n(Math.round(r.largestEmailBytes / 1024))} KiB`,
        duration(r.wallMs),
        duration(r.estAppsScriptMs),
        r.estAppsScriptMs <= r.limitMs ? 'yes' : 'NO',
      ]),
    ),
  );
  const cap = jobs.find((r) => r.extrapolated)?.measuredRows;
  if (cap !== undefined)
    parts.push(
      `* naive figures scaled linearly from a real run on ${n(cap)} rows (extrapolated: true in results.json).`,
    );
  if (functions.length > 0) {
    parts.push(
      table(
        ['custom function', 'implementation', 'rows', 'time per column call', 'limit', 'share of limit'],
        functions.map((r) => [
          r.job,
          'PartnerPulse',
          n(r.rows),
          duration(r.estAppsScriptMs),
          duration(r.limitMs),
          `${((r.estAppsScriptMs / r.limitMs) * 100).toFixed(1)} %`,
        ]),
      ),
    );
  }
  if (formulaSheets.length > 0) {
    parts.push(
      table(
        ['local runtime', 'formulas', 'rows', 'custom function calls', 'wall time (local)', 'under a minute?'],
        formulaSheets.map((r) => [
          'formula sheet, every formula evaluated',
          'whole-column',
          n(r.rows),
          n(r.calls),
          duration(r.wallMs),
          r.wallMs < 60_000 ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  const kib = (b: number | null) => (b === null ? 'not built' : `${(b / 1024).toFixed(1)} KiB`);
  parts.push(
    `Apps Script loads the whole project on every execution: dist/Code.js ${kib(report.bundle.codeJsBytes)} · dist/Sidebar.html ${kib(report.bundle.sidebarHtmlBytes)}.`,
  );
  const d = report.resume;
  parts.push(
    `Daily job on ${n(d.rows)} rows with a simulated ${d.timeLimitMs / 1000} s execution limit, the hourly trigger firing again each hour:`,
  );
  parts.push(
    table(
      ['run', 'outcome', 'digests sent', 'recolor writes', 'Health history rows', 'est. Apps Script time'],
      d.runs.map((r) => [
        r.at,
        r.outcome === 'exceeded' ? 'stopped by the limit' : r.outcome,
        n(r.digestsSent),
        n(r.setBackgroundsCalls),
        n(r.historyRows),
        duration(r.estAppsScriptMs),
      ]),
    ),
  );
  parts.push(`${n(d.totalDigests)} digests in all to ${n(d.distinctRecipients)} recipients: none twice.`);
  if (report.warehouse.length > 0) {
    parts.push(
      'Partner table in a warehouse (docs/warehouse.md): the rules as SQL on DuckDB, and the hourly run of the add-on over it through Connected Sheets:',
    );
    parts.push(
      table(
        [
          'job',
          'implementation',
          'rows',
          'rules query (DuckDB)',
          'hourly run: service calls',
          'cells read',
          'e-mails',
          'wall time (local)',
        ],
        report.warehouse.map((w) => [
          'warehouse',
          'duckdb',
          n(w.rows),
          duration(w.wallMs),
          w.script ? n(w.script.calls) : '—',
          w.script ? n(w.script.cellsRead) : '—',
          w.script ? n(w.script.emails) : '—',
          w.script ? duration(w.script.wallMs) : '—',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

export function writeReport(report: BenchReport, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify([...report.results, ...report.warehouse], null, 2)}\n`);
  writeFileSync(
    join(outDir, 'summary.json'),
    `${JSON.stringify({ bundle: report.bundle, resume: report.resume }, null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'chart.svg'), `${benchChart(report.results)}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.days !== null) {
    const year: YearResult[] = [];
    for (const rows of options.rows)
      year.push(await simulateYear(rows, options.days, (label) => console.log(`… ${label}`)));
    addYearResults(options.outDir, year);
    console.log(`\n${formatYear(year)}\n`);
    console.log(
      `Added ${year.length} "year" row${year.length === 1 ? '' : 's'} to ${join(options.outDir, 'results.json')}.`,
    );
    return 0;
  }
  const bar = options.progress
    ? new SingleBar({ format: 'bench [{bar}] {value}/{total} {step}', hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(stepCount(options), 0, { step: '' });
  let done = 0;
  const report = await runBench(options, (label) => {
    if (bar) bar.update(done++, { step: label });
    else console.log(`… ${label}`);
  });
  bar?.update(stepCount(options), { step: 'done' });
  bar?.stop();
  writeReport(report, options.outDir);
  console.log(`\n${formatReport(report)}\n`);
  console.log(`Wrote ${join(options.outDir, 'results.json')}, summary.json and chart.svg.`);
  return 0;
}

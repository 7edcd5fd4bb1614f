// One bench measurement: a job of PartnerPulse's built bundle (dist/Code.js) or of the naive baseline
// (bench/naive.ts), run once in the local Apps Script runtime on a generated workbook, with the service
// calls, cells and the virtual Apps Script clock read from the runtime's CallLog.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, DEFAULT_TIME_LIMIT_MS, type Runtime } from '../local/runtime';
import type { WorkbookModel } from '../local/workbook';
import { benchMailApp, type MailTally } from './mail';
import { naiveCode } from './naiveBundle';
import { benchWorkbook } from './workbook';

export type Impl = 'partnerpulse' | 'naive';
export type Job = 'daily job' | 'recolor';

export interface BenchResult {
  job: string;
  impl: Impl;
  rows: number;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  wallMs: number;
  /** The runtime's virtual Apps Script clock over the run: estimated service latencies + local compute. */
  estAppsScriptMs: number;
  /** Apps Script's limit for this kind of execution (6 min for a job, 30 s for a custom function). */
  limitMs: number;
  /** True when the figures were measured on `measuredRows` and scaled linearly to `rows`. */
  extrapolated: boolean;
  measuredRows: number;
  /** E-mails sent (jobs only). */
  emails?: number;
  /** The largest e-mail body, bytes (jobs only). */
  largestEmailBytes?: number;
}

export const ROOT = join(__dirname, '..');
/** The example's fixed morning, at the daily hour: runHourly does the day's work. */
export const BENCH_NOW = new Date(2026, 11, 1, 7, 0);
/** Measurement runs get no execution limit, so a naive run shows how far past 6 minutes it would go. */
const NO_LIMIT_MS = 24 * 60 * 60 * 1000;
export const ADMIN = 'admin@example.com';

const ENTRY: Record<Impl, Record<Job, string>> = {
  partnerpulse: { 'daily job': 'runHourly', recolor: 'recolorNow' },
  naive: { 'daily job': 'naiveDaily', recolor: 'naiveRecolor' },
};

export interface BenchRuntime {
  runtime: Runtime;
  tally: MailTally;
}

/** A runtime on `workbook` with the bench's MailApp and the admin address set, its counters at zero. */
export async function benchRuntime(
  impl: Impl,
  workbook: WorkbookModel,
  options: { timeLimitMs?: number; now?: Date; statePath?: string } = {},
): Promise<BenchRuntime> {
  const runtime = await createRuntime({
    workbook,
    code: impl === 'naive' ? naiveCode() : undefined,
    now: options.now ?? BENCH_NOW,
    timeLimitMs: options.timeLimitMs ?? NO_LIMIT_MS,
    timeZone: 'America/New_York',
    userEmail: ADMIN,
    statePath: options.statePath,
    // The script's own time is this process's CPU time: the bench machine may be shared (docs/limits.md).
    clock: 'cpu',
  });
  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify({ adminEmail: ADMIN }),
  );
  const { MailApp, tally } = benchMailApp(runtime.calls);
  runtime.context.MailApp = MailApp;
  runtime.calls.reset();
  return { runtime, tally };
}

/** The status and error of the last Run log row (PartnerPulse records a failed run instead of throwing). */
export function lastRun(runtime: Runtime): { status: string; error: string } | null {
  const sheet = runtime.workbook.sheet('Run log');
  if (!sheet || sheet.lastRow() < 2) return null;
  return { status: String(sheet.valueAt(sheet.lastRow(), 3)), error: String(sheet.valueAt(sheet.lastRow(), 10)) };
}

/** Runs `job` of `impl` once on `rows` generated partners and reads the counters. */
export async function measureJob(job: Job, impl: Impl, rows: number): Promise<BenchResult> {
  const { runtime, tally } = await benchRuntime(impl, benchWorkbook(rows));
  const virtualStart = runtime.now().getTime();
  const start = performance.now();
  runtime.call(ENTRY[impl][job]);
  const wallMs = performance.now() - start;
  const estAppsScriptMs = runtime.now().getTime() - virtualStart;
  if (impl === 'partnerpulse') {
    const run = lastRun(runtime);
    if (run?.status !== 'ok') throw new Error(`${job} on ${rows} rows did not finish: ${run?.status} ${run?.error}`);
  }
  return {
    job,
    impl,
    rows,
    calls: runtime.calls.total(),
    cellsRead: runtime.calls.cellsRead(),
    cellsWritten: runtime.calls.cellsWritten(),
    wallMs: Math.round(wallMs),
    estAppsScriptMs: Math.round(estAppsScriptMs),
    limitMs: DEFAULT_TIME_LIMIT_MS,
    extrapolated: false,
    measuredRows: rows,
    ...(job === 'daily job' ? { emails: tally.messages, largestEmailBytes: tally.largestBodyBytes } : {}),
  };
}

/**
 * What the hourly trigger costs in an hour with nothing to do (the day's work done, no escalation due):
 * Apps Script counts every trigger run against the daily trigger-runtime quota (90 min on gmail.com).
 */
export async function measureIdleHour(rows: number): Promise<BenchResult> {
  const { runtime } = await benchRuntime('partnerpulse', benchWorkbook(rows));
  runtime.call('runHourly');
  if (lastRun(runtime)?.status !== 'ok')
    throw new Error(`the daily run on ${rows} rows did not finish: ${lastRun(runtime)?.error}`);
  runtime.calls.reset();
  const virtualStart = runtime.now().getTime();
  const start = performance.now();
  runtime.call('runHourly');
  const wallMs = performance.now() - start;
  return {
    job: 'hourly run, day done',
    impl: 'partnerpulse',
    rows,
    calls: runtime.calls.total(),
    cellsRead: runtime.calls.cellsRead(),
    cellsWritten: runtime.calls.cellsWritten(),
    wallMs: Math.round(wallMs),
    estAppsScriptMs: Math.round(runtime.now().getTime() - virtualStart),
    limitMs: DEFAULT_TIME_LIMIT_MS,
    extrapolated: false,
    measuredRows: rows,
  };
}

/** A measurement on fewer rows scaled linearly to `rows` (the naive jobs do the same work per row). */
export function extrapolate(measured: BenchResult, rows: number): BenchResult {
  const k = rows / measured.rows;
  const scale = (n: number) => Math.round(n * k);
  return {
    ...measured,
    rows,
    calls: scale(measured.calls),
    cellsRead: scale(measured.cellsRead),
    cellsWritten: scale(measured.cellsWritten),
    wallMs: scale(measured.wallMs),
    estAppsScriptMs: scale(measured.estAppsScriptMs),
    extrapolated: true,
    measuredRows: measured.rows,
    ...(measured.emails === undefined ? {} : { emails: scale(measured.emails) }),
  };
}

/** Bytes of a built file, or null when it is not built. */
export function fileSize(relative: string): number | null {
  try {
    return statSync(join(ROOT, relative)).size;
  } catch {
    return null;
  }
}

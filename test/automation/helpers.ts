// Shared fixtures of the automation end-to-end tests: small partner workbooks written as .xlsx in a tmp
// folder, the built bundle (dist/Code.js) run in the local Apps Script runtime, a loopback SMTP sink in a
// child process, and readers for what a user sees (Alert log, Run log, outbox, received mail).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../local/runtime';
import { type CellValue, WorkbookModel } from '../../local/workbook';
import { saveWorkbook } from '../../local/xlsxFile';

export const TIME_ZONE = 'America/New_York';
/** A local wall-clock time in the spreadsheet's zone (jest runs with TZ=America/New_York). */
export const at = (iso: string): Date => new Date(iso);

export interface PartnerRow {
  name: string;
  owner: string | null;
  /** Days before 2026-12-01 of the last contact; null = never contacted (touch overdue). */
  lastContactDaysAgo?: number | null;
  revenue?: number;
  growth?: number;
  deals?: number;
  engagement?: string;
  nps?: number;
  fit?: string;
}

export const HEADERS = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Strategic fit',
  'Last contact',
];

/** Five owners, one partner each, never contacted: five digests on 2026-12-01, one per owner. */
export const OWNERS = ['ann@example.com', 'bob@example.com', 'cho@example.com', 'dev@example.com', 'eve@example.com'];
export const FIVE_PARTNERS: PartnerRow[] = [
  { name: 'Alpha Cloud', owner: OWNERS[0], deals: 0, engagement: 'Inactive', nps: -10, fit: 'Weak' },
  { name: 'Beta Systems', owner: OWNERS[1], deals: 1, engagement: 'Quarterly', nps: 5, fit: 'Weak' },
  { name: 'Gamma Data', owner: OWNERS[2], deals: 3, engagement: 'Monthly', nps: 30, fit: 'Moderate' },
  { name: 'Delta Apps', owner: OWNERS[3], deals: 5, engagement: 'Monthly', nps: 40, fit: 'Moderate' },
  { name: 'Epsilon Labs', owner: OWNERS[4], deals: 6, engagement: 'Weekly', nps: 60, fit: 'Strong' },
];

export function tmp(prefix = 'pp-auto-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The partner sheet as a model: header row and one row per partner (row 2 = first partner). */
export function partnerWorkbook(partners: PartnerRow[], name = 'Partners test'): WorkbookModel {
  const model = new WorkbookModel('fixture', name, TIME_ZONE);
  const sheet = model.addSheet('Partners');
  HEADERS.forEach((h, i) => {
    sheet.ensure(1, i + 1).value = h;
    sheet.ensure(1, i + 1).bold = true;
  });
  partners.forEach((p, k) => {
    const r = k + 2;
    const lastContact =
      p.lastContactDaysAgo === undefined || p.lastContactDaysAgo === null
        ? ''
        : new Date(2026, 11, 1 - p.lastContactDaysAgo);
    const values: CellValue[] = [
      p.name,
      p.owner ?? '',
      p.revenue ?? 100000,
      p.growth ?? 0.05,
      p.deals ?? 2,
      p.engagement ?? 'Monthly',
      p.nps ?? 20,
      p.fit ?? 'Moderate',
      lastContact,
    ];
    values.forEach((v, c) => {
      if (v !== '') sheet.ensure(r, c + 1).value = v;
    });
  });
  return model;
}

/** Writes the workbook into a fresh tmp folder; state, locks and outbox go beside it. */
export async function writeWorkbook(model: WorkbookModel, dir = tmp()): Promise<string> {
  const path = join(dir, 'partners.xlsx');
  await saveWorkbook(model, path);
  return path;
}

export type RunOptions = Partial<RuntimeOptions> & { workbookPath: string };

/** One Apps Script execution: open the workbook, run `fn`, save the workbook and state (also on failure). */
export async function runOnce(
  options: RunOptions,
  fn: string,
  ...args: unknown[]
): Promise<{ runtime: Runtime; result: unknown; error: Error | null }> {
  const runtime = await createRuntime({
    timeZone: TIME_ZONE,
    outboxDir: join(options.workbookPath, '..', 'outbox'),
    ...options,
  });
  let result: unknown;
  let error: Error | null = null;
  try {
    result = runtime.call(fn, ...args);
  } catch (e) {
    error = e as Error;
  }
  // Sheets keeps every write a run made before it ended, so the workbook is saved whatever happened.
  await runtime.save();
  return { runtime, result, error };
}

/** Sets the document property `partnerpulse.settings` (JSON overlaid on the defaults). */
export async function setSettings(workbookPath: string, settings: object): Promise<void> {
  const runtime = await createRuntime({ workbookPath, timeZone: TIME_ZONE, code: '' });
  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify(settings),
  );
  runtime.services.save();
}

export function sheetRows(runtime: Runtime, name: string): CellValue[][] {
  return workbookRows(runtime.workbook, name);
}

/** Every value of a sheet of a workbook model, row by row ([] when there is no such sheet). */
export function workbookRows(model: WorkbookModel, name: string): CellValue[][] {
  const sheet = model.sheet(name);
  if (!sheet) return [];
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.lastRow(); r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= sheet.lastColumn(); c++) row.push(sheet.valueAt(r, c));
    rows.push(row);
  }
  return rows;
}

export interface AlertLogRow {
  day: string;
  recipient: string;
  what: string;
  items: number;
  status: string;
  detail: string;
}

/** The Alert log under its header, as the user reads it. */
export function alertLog(runtime: Runtime): AlertLogRow[] {
  return sheetRows(runtime, 'Alert log')
    .slice(1)
    .map((r) => ({
      day: String(r[0]).replace(/^'/, ''),
      recipient: String(r[1]),
      what: String(r[2]),
      items: Number(r[3]),
      status: String(r[4]),
      detail: String(r[6] ?? ''),
    }));
}

export function emlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

export async function parseAll(files: string[]): Promise<ParsedMail[]> {
  return Promise.all(files.map((f) => simpleParser(readFileSync(f))));
}

export function recipientsOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a) => a.value.map((v) => String(v.address).toLowerCase()));
}

/** A loopback SMTP server in a child process; `acceptMax` messages, then 421 for every new one. */
export interface Sink {
  port: number;
  dir: string;
  files(): string[];
  stop(): Promise<void>;
}

export async function startSink(acceptMax?: number): Promise<Sink> {
  const dir = tmp('pp-sink-');
  const args = [join(__dirname, 'fixtures', 'smtpSink.cjs'), dir];
  if (acceptMax !== undefined) args.push(String(acceptMax));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.on('exit', (code) => reject(new Error(`SMTP sink exited with ${code}`)));
  });
  return {
    port,
    dir,
    files: () => emlFiles(dir),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const ROOT = resolve(__dirname, '..', '..');

/** Runs `npm run local -- <args>` as its own OS process (a separate Apps Script execution), collecting its output. */
export function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--local', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => done({ code, out }));
  });
}

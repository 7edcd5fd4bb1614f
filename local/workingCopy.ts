/**
 * The file the local runtime works on. A user's own workbook is never written: the runtime works on a
 * copy in out/ (out/<name>.xlsx, or --out FILE), and a .csv is converted into one. The copy remembers which
 * file it came from and that file's content hash (`<copy>.source.json`), so when the user edits their own
 * file between runs, that file is the truth and the copy starts again from it (docs/local-runtime.md).
 */

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { type Settings, settingsFromJson } from '../src/core/settings/settings';
import { STORED } from '../src/core/store/storedKeys';

export const ROOT = resolve(__dirname, '..');
export const OUT_DIR = join(ROOT, 'out');

export interface WorkingCopy {
  /** The .xlsx the runtime opens and saves. */
  path: string;
  /** The user's file it was made from (null: the runtime's own file, worked on in place). */
  source: string | null;
  /** What happened to the copy, for the user ("Working on a copy…", "Took your edits…"). */
  messages: string[];
}

/** A one-line error for the user (no stack): a missing, unreadable or damaged file. */
export class UserError extends Error {}

/** A path as the user would type it: relative to the current folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function hashOf(path: string): string {
  return createHash('sha1').update(readFileSync(path)).digest('hex');
}

/** The .xlsx the results of `input` go to: --out, the file itself when it is already in out/, else out/<name>.xlsx. */
export function outputFor(input: string, out?: string): string {
  if (out) return resolve(out);
  const isCsv = extname(input).toLowerCase() === '.csv';
  if (!isCsv && !relative(OUT_DIR, input).startsWith('..')) return input;
  return join(OUT_DIR, `${basename(input, extname(input))}.xlsx`);
}

/** Files the runtime keeps beside a workbook: state, live copy, source record, outbox. */
export function sideFiles(workbook: string) {
  const base = workbook.replace(/\.xlsx$/i, '');
  return {
    state: `${base}.state.json`,
    live: `${base}.live.json`,
    source: `${base}.source.json`,
    outbox: join(dirname(workbook), 'outbox'),
  };
}

/**
 * Makes sure the working copy of `input` exists and is current. `fresh` (the tour) always starts from the
 * input with no state, as the demo starts from the example.
 */
export async function workingCopy(
  input: string,
  options: { out?: string; fresh?: boolean } = {},
): Promise<WorkingCopy> {
  const source = resolve(input);
  if (!existsSync(source)) throw new UserError(`No file at ${shown(source)}.`);
  const path = outputFor(source, options.out);
  if (path === source) return { path, source: null, messages: [] };
  const record = sideFiles(path).source;
  let hash: string;
  try {
    hash = hashOf(source);
  } catch (error) {
    throw new UserError(
      `Cannot read ${shown(source)}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message}.`,
    );
  }
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(record, 'utf8')) as { source: string; hash: string };
    } catch {
      return null;
    }
  })();
  const messages: string[] = [];
  const current = previous && previous.source === source && existsSync(path);
  if (current && previous.hash === hash && !options.fresh) return { path, source, messages };
  if (current && previous.hash !== hash)
    messages.push(
      `Took your edits: ${shown(source)} changed since the last run, so ${shown(path)} starts again from it.`,
    );
  else messages.push(`Working on a copy: ${shown(source)} stays as it is; results go to ${shown(path)}.`);
  mkdirSync(dirname(path), { recursive: true });
  if (extname(source).toLowerCase() === '.csv') {
    const sheetName = partnerSheetName(path);
    await csvToXlsx(source, path, sheetName);
    messages.push(`Converted the CSV into sheet "${sheetName}" (the partner sheet Settings names).`);
  } else {
    copyFileSync(source, path);
  }
  const side = sideFiles(path);
  // The copy's live state belonged to the old copy. Properties and triggers belong to the spreadsheet: kept
  // when the user edited the same file, dropped for another file of the same name (out/partners.xlsx from
  // the demo, then ~/partners.xlsx) and for the tour, which starts afresh.
  rmSync(side.live, { force: true });
  if (options.fresh || previous?.source !== source) rmSync(side.state, { force: true });
  if (options.fresh) rmSync(side.outbox, { recursive: true, force: true });
  writeFileSync(record, `${JSON.stringify({ source, hash })}\n`);
  return { path, source, messages };
}

/** One line for a workbook that would not open (a CSV renamed, a damaged download), naming the user's file. */
export function unreadable(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new UserError(`No file at ${shown(path)}.`);
  if (code === 'EACCES') return new UserError(`Cannot read ${shown(path)}: permission denied.`);
  if (code === 'EISDIR') return new UserError(`${shown(path)} is a folder, not a workbook.`);
  return new UserError(
    `Cannot read ${shown(path)}: it is not an .xlsx workbook, or it is damaged. In Sheets use File → Download → Microsoft Excel (.xlsx), or give a .csv.`,
  );
}

/**
 * The Settings stored beside a working copy (its state file), read without the runtime and without counting a
 * service call; the defaults when there is no state yet.
 */
export function settingsBeside(workbook: string): Settings {
  let json: string | null = null;
  try {
    const state = JSON.parse(readFileSync(sideFiles(workbook).state, 'utf8')) as {
      properties?: { document?: Record<string, string> };
    };
    json = state.properties?.document?.[STORED.settings.key] ?? null;
  } catch {
    // no state yet: the defaults
  }
  return settingsFromJson(json);
}

/** The partner sheet's name from the Settings stored beside the copy, or the default ("Partners"). */
function partnerSheetName(workbook: string): string {
  return settingsBeside(workbook).sheets.partners;
}

/**
 * A CSV as Sheets imports it: numbers, percentages, dates (yyyy-mm-dd or mm/dd/yyyy) and TRUE/FALSE become
 * values of their kind, with a matching number format; everything else stays text.
 */
export async function csvToXlsx(csv: string, xlsx: string, sheetName: string): Promise<void> {
  const text = new ExcelJS.Workbook();
  let worksheet: ExcelJS.Worksheet;
  try {
    worksheet = await text.csv.readFile(csv, { sheetName: 'csv', map: (v: unknown) => v } as never);
  } catch (error) {
    throw new UserError(`Cannot read ${shown(csv)} as CSV: ${(error as Error).message}.`);
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  worksheet.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const typed = csvValue(String(cell.value ?? ''));
      const target = sheet.getCell(r, c);
      target.value = typed.value;
      if (typed.numFmt) target.numFmt = typed.numFmt;
    });
  });
  if (sheet.rowCount > 0) sheet.getRow(1).font = { bold: true };
  await book.xlsx.writeFile(xlsx);
}

export function csvValue(text: string): { value: ExcelJS.CellValue; numFmt?: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const money = /^(-?)\$(\d{1,3}(,\d{3})*|\d+)(\.\d+)?$/.exec(t);
  if (money) return { value: Number(`${money[1]}${money[2].replace(/,/g, '')}${money[4] ?? ''}`), numFmt: '$#,##0' };
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, '')) };
  if (/^-?\d+(\.\d+)?%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100, numFmt: '0%' };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), numFmt: 'yyyy-mm-dd' };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return { value: new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]))), numFmt: 'yyyy-mm-dd' };
  return { value: text };
}

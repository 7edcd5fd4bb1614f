/**
 * The workbook a command works on and the runtime over it: the user's file copied (or converted) into out/ or
 * out/partners.xlsx (local/workingCopy.ts), and a file that is not a workbook said in one line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../runtime';
import { OUT_DIR, shown, UserError, unreadable, type WorkingCopy, workingCopy } from '../workingCopy';
import type { CliOptions } from './options';
import { stepBar } from './progress';

export const DEFAULT_WORKBOOK = join(OUT_DIR, 'partners.xlsx');

async function open(options: CliOptions, copy: WorkingCopy, code?: string): Promise<Runtime> {
  try {
    return await createRuntime({
      workbookPath: copy.path,
      now: options.now,
      timeZone: options.timeZone,
      locale: options.locale,
      userEmail: options.userEmail,
      outboxDir: options.outbox,
      dailyMailQuota: options.quota,
      timeLimitMs: options.timeLimitMs,
      selection: options.selection,
      smtp: options.smtp,
      warehouse: options.warehouse,
      ...options.google,
      code,
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = (error as Error)?.message ?? '';
    // What exceljs/jszip throw for a file that is not a workbook: said in one line, naming the user's file.
    if (
      (error as NodeJS.ErrnoException)?.code ||
      /zip|central directory|end of data|corrupt|invalid|signature|Unexpected|XML/i.test(message)
    )
      throw unreadable(copy.source ?? copy.path, error);
    throw error;
  }
}

/** The working copy for a run: the user's file copied (or converted) into out/, or out/partners.xlsx. */
export async function workbookFor(options: CliOptions, fresh: boolean): Promise<WorkingCopy> {
  if (options.workbook) return workingCopy(options.workbook, { out: options.out, fresh });
  if (!existsSync(DEFAULT_WORKBOOK))
    throw new UserError(
      `No workbook at ${shown(DEFAULT_WORKBOOK)}. Run \`npm start\` first (it writes it) or pass --workbook FILE.`,
    );
  return options.out
    ? workingCopy(DEFAULT_WORKBOOK, { out: options.out, fresh })
    : { path: DEFAULT_WORKBOOK, source: null, messages: [] };
}

/** The flags that name the same workbook again, for the hints printed at the end. */
export function workbookFlags(options: CliOptions): string {
  return `${options.workbook ? ` --workbook ${options.workbook}` : ''}${options.out ? ` --out ${options.out}` : ''}`;
}

/** The working copy each runtime was opened on, for reading its state file. */
export const paths = new WeakMap<Runtime, string>();
export function runtimePath(runtime: Runtime): string {
  return paths.get(runtime) ?? DEFAULT_WORKBOOK;
}

/** Opens the runtime over the working copy (a bar on a terminal) and prints what the user should hear first. */
export async function openCopy(options: CliOptions, copy: WorkingCopy): Promise<Runtime> {
  const bar = stepBar(1);
  bar.step('opening the workbook');
  const runtime = await open(options, copy);
  paths.set(runtime, copy.path);
  bar.done();
  for (const line of [...copy.messages, ...runtime.notices]) console.log(line);
  return runtime;
}

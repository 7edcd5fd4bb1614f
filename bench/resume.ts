// The daily job outgrowing one execution: runHourly with a tight simulated execution limit, fired hour
// after hour on the same workbook and state, as the hourly trigger would. Each run is stopped where the
// limit falls ("Exceeded maximum execution time"); the next run continues from there — the recolor and
// the Health history are not redone, and no digest goes twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXCEEDED_MESSAGE } from '../local/runtime';
import { benchRuntime } from './measure';
import { benchWorkbook } from './workbook';

export interface ResumeRun {
  at: string;
  /** "exceeded" when the limit stopped it, "ok" when the day's work finished. */
  outcome: 'exceeded' | 'ok' | 'nothing to do';
  digestsSent: number;
  setBackgroundsCalls: number;
  /** Rows in the Health history after the run: written once, by the first run. */
  historyRows: number;
  estAppsScriptMs: number;
}

export interface ResumeDemo {
  rows: number;
  timeLimitMs: number;
  runs: ResumeRun[];
  totalDigests: number;
  distinctRecipients: number;
  /** Digests a run was cut off while sending: reported "unconfirmed" in the Alert log, never sent twice. */
  unconfirmed: number;
}

export async function resumeDemo(rows: number, timeLimitMs: number, maxRuns = 8): Promise<ResumeDemo> {
  const workbook = benchWorkbook(rows);
  const statePath = join(mkdtempSync(join(tmpdir(), 'pp-bench-resume-')), 'state.json');
  const runs: ResumeRun[] = [];
  const recipients: string[] = [];
  for (let hour = 7; hour < 7 + maxRuns; hour++) {
    const now = new Date(2026, 11, 1, hour, 0);
    const { runtime, tally } = await benchRuntime('partnerpulse', workbook, { timeLimitMs, now, statePath });
    const sent: string[] = [];
    const send = (runtime.context.MailApp as { sendEmail: (m: { to: string }) => void }).sendEmail;
    (runtime.context.MailApp as { sendEmail: (m: { to: string }) => void }).sendEmail = (m) => {
      send(m);
      sent.push(String(m.to));
    };
    const virtualStart = runtime.now().getTime();
    let outcome: ResumeRun['outcome'] = 'ok';
    try {
      runtime.call('runHourly');
    } catch (error) {
      if (!String((error as Error).message).includes(EXCEEDED_MESSAGE)) throw error;
      outcome = 'exceeded';
    }
    runtime.services.save();
    const byMethod = runtime.calls.byMethod();
    if (outcome === 'ok' && sent.length === 0 && !byMethod['Range.setBackgrounds']) outcome = 'nothing to do';
    recipients.push(...sent);
    runs.push({
      at: `${String(hour).padStart(2, '0')}:00`,
      outcome,
      digestsSent: tally.messages,
      setBackgroundsCalls: byMethod['Range.setBackgrounds'] ?? 0,
      historyRows: Math.max(0, (runtime.workbook.sheet('Health history')?.lastRow() ?? 1) - 1),
      estAppsScriptMs: Math.round(runtime.now().getTime() - virtualStart),
    });
    if (outcome === 'nothing to do') break;
  }
  let unconfirmed = 0;
  {
    const { runtime } = await benchRuntime('partnerpulse', workbook, {
      timeLimitMs,
      now: new Date(2026, 11, 1, 23, 0),
      statePath,
    });
    const log = runtime.workbook.sheet('Alert log');
    for (let r = 2; log && r <= log.lastRow(); r++) if (log.valueAt(r, 5) === 'unconfirmed') unconfirmed++;
  }
  return {
    rows,
    timeLimitMs,
    runs,
    totalDigests: recipients.length,
    distinctRecipients: new Set(recipients).size,
    unconfirmed,
  };
}

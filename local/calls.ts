/**
 * Cost accounting for the local Apps Script runtime. Every service method the add-on calls is counted,
 * and each call advances a virtual Apps Script clock by the latency that kind of call has in Google's
 * runtime, so a run can report its estimated Apps Script time and hit the execution limit where Apps Script
 * would. Services count through `CallLog.count`; nothing else touches the numbers.
 */
export interface CallLatencies {
  /** Milliseconds per call, by "Service.method" (e.g. "Range.getValues"); `default` for the rest. */
  [serviceMethod: string]: number;
  default: number;
}

export class CallLog {
  private readonly counts = new Map<string, number>();
  private estimatedMs = 0;
  private read = 0;
  private written = 0;
  private standIn = 0;

  constructor(private readonly latencies: CallLatencies) {}

  /** Records one call of `service.method` (e.g. count('Range', 'getValues')). */
  count(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.estimatedMs += this.latencies[key] ?? this.latencies.default;
  }

  /**
   * Records the cells one call read or wrote (values, formulas, backgrounds, notes, formats alike): a
   * batched call and a per-cell loop touch the same cells, so the counts show what the call count alone hides.
   */
  countCells(kind: 'read' | 'written', cells: number): void {
    if (kind === 'read') this.read += cells;
    else this.written += cells;
    // A call's time grows with the cells it moves (local/latencies.ts, "cells.read" / "cells.written").
    this.estimatedMs += cells * (this.latencies[kind === 'read' ? 'cells.read' : 'cells.written'] ?? 0);
  }

  /**
   * Records real time a local stand-in spent doing, in a process of its own, the work of a call whose Apps
   * Script time is already estimated (MailApp.sendEmail's mail built by nodemailer): the virtual clock leaves it
   * out, or that call would count twice. Time the stand-in spends for a call with no estimate (BigQuery's query
   * on DuckDB) is not recorded here: it stands for the service's own time.
   */
  addStandInTime(ms: number): void {
    this.standIn += ms;
  }

  /** Real milliseconds recorded by addStandInTime. */
  standInMs(): number {
    return this.standIn;
  }

  /** Cells handed to the script by range reads (getValues, getBackgrounds, getValue, …). */
  cellsRead(): number {
    return this.read;
  }

  /** Cells changed by range and sheet writes (setValues, setBackgrounds, appendRow, …). */
  cellsWritten(): number {
    return this.written;
  }

  /** Calls per "Service.method", sorted by name. */
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Calls to one service ("SpreadsheetApp", "Range", "MailApp", …), all methods together. */
  totalFor(service: string): number {
    let sum = 0;
    for (const [key, n] of this.counts) if (key.startsWith(`${service}.`)) sum += n;
    return sum;
  }

  /** The script paused (Utilities.sleep): Apps Script's clock and execution time move on by `ms`. */
  wait(ms: number): void {
    this.estimatedMs += ms;
  }

  /** Estimated time these calls take in Apps Script, from the per-call latencies (and pauses). */
  estimatedAppsScriptMs(): number {
    return this.estimatedMs;
  }

  reset(): void {
    this.counts.clear();
    this.estimatedMs = 0;
    this.read = 0;
    this.written = 0;
  }
}

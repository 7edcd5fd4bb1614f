/**
 * The virtual Apps Script clock. Inside the add-on's context `Date.now()` / `new Date()` read: the `now` option
 * + real elapsed time (less a stand-in's own time for calls already estimated) + the estimated Apps Script time
 * of the service calls made so far (local/latencies.ts,
 * docs/local-runtime.md "Cost accounting"). So the add-on sees time pass as it would in Google, and the
 * execution time limit (6 min for a run, 30 s for a custom function —
 * https://developers.google.com/apps-script/guides/services/quotas) can end a run where Google would.
 */
import vm from 'node:vm';
import { CallLog } from './calls';

export const EXCEEDED_MESSAGE = 'Exceeded maximum execution time';
export const DEFAULT_TIME_LIMIT_MS = 6 * 60 * 1000;
export const CUSTOM_FUNCTION_TIME_LIMIT_MS = 30 * 1000;
export const SIMPLE_TRIGGER_TIME_LIMIT_MS = 30 * 1000;

/** A CallLog that also enforces the authorization mode and the execution time limit on every service call. */
export class TimedCallLog extends CallLog {
  onCall: (() => void) | null = null;
  authorize: ((service: string, method: string) => void) | null = null;
  override count(service: string, method: string): void {
    this.authorize?.(service, method);
    super.count(service, method);
    this.onCall?.();
  }
}

/** Replaces Date in the context with one that reads the virtual clock; instanceof Date keeps working. */
const VIRTUAL_DATE = `(function (clock) {
  var RealDate = globalThis.Date;
  var VirtualDate = function Date() {
    if (!new.target) return new RealDate(clock()).toString();
    return arguments.length === 0 ? new RealDate(clock()) : new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
  };
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = function () { return clock(); };
  VirtualDate.UTC = RealDate.UTC;
  VirtualDate.parse = RealDate.parse;
  globalThis.Date = VirtualDate;
})`;

/**
 * Puts the virtual clock into `context` and returns it (ms since the epoch): it starts at `now` (default the real
 * time) and moves with real time ('wall') or this process's CPU time ('cpu': what the bench uses, so a machine
 * shared with other jobs does not add their time), plus the estimated time of the calls in `calls`.
 */
export function virtualClock(context: vm.Context, calls: CallLog, now?: Date, clock?: 'wall' | 'cpu'): () => number {
  const startMs = (now ?? new Date()).getTime();
  const elapsed =
    clock === 'cpu'
      ? () => {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1000;
        }
      : () => performance.now();
  const realStart = elapsed();
  // A stand-in's own real time for an already estimated call (CallLog.addStandInTime) is left out; the 'cpu'
  // clock never had it (a child process's time is not this process's CPU time).
  const standInMs = clock === 'cpu' ? () => 0 : () => calls.standInMs();
  const virtualMs = () => startMs + (elapsed() - realStart - standInMs()) + calls.estimatedAppsScriptMs();
  vm.runInContext(VIRTUAL_DATE, context)(virtualMs);
  return virtualMs;
}

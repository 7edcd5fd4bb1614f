/**
 * Counts the Apps Script service calls a run makes, for the Run log's "Service calls" column. Apps Script
 * has no such counter of its own, and the call count is what decides a run's time (each call costs tens of
 * milliseconds or more), so the log shows it next to the duration.
 *
 * The spreadsheet a run works on is wrapped in a Proxy that counts every method call on it and on the
 * sheets, ranges and builders it hands out; the mail calls are counted where they are made. Objects handed out
 * are proxies: passed back to a method of the wrapped tree they are unwrapped, but code inside a counted run
 * must not hand them to another service (SpreadsheetApp.setActiveSheet, a data-validation builder, …), which
 * would receive a Proxy; none does today (the counted runs are the recolor, the daily work and the digests).
 */
let counted = 0;

/** Adds calls made outside the wrapped spreadsheet (MailApp). */
export function countServiceCalls(n = 1): void {
  counted += n;
}

export function serviceCallsSoFar(): number {
  return counted;
}

const targets = new WeakMap<object, object>();

function isServiceObject(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.toString.call(value) !== '[object Date]'
  );
}

/** The real object behind one of our proxies (services refuse a Proxy as an argument), or the value itself. */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && isServiceObject(value[0])) return value.map(unwrap);
  return isServiceObject(value) ? (targets.get(value) ?? value) : value;
}

function wrapResult(value: unknown, cache: WeakMap<object, object>): unknown {
  // Values come back as plain arrays of cells and are left alone; arrays of sheets or ranges are wrapped.
  if (Array.isArray(value))
    return value.length > 0 && isServiceObject(value[0]) ? value.map((v) => counting(v as object, cache)) : value;
  return isServiceObject(value) ? counting(value, cache) : value;
}

function counting<T extends object>(target: T, cache: WeakMap<object, object>): T {
  const known = cache.get(target);
  if (known) return known as T;
  const proxy = new Proxy(target, {
    get(obj, key) {
      const member = (obj as Record<PropertyKey, unknown>)[key];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        counted++;
        return wrapResult((member as (...a: unknown[]) => unknown).apply(obj, args.map(unwrap)), cache);
      };
    },
  });
  cache.set(target, proxy);
  targets.set(proxy, target);
  return proxy;
}

/** The spreadsheet, counting every service call made through it from now on. */
export function countingSpreadsheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return counting(ss, new WeakMap());
}

import type { CallLog } from '../calls';

/** Which calls of a wrapped object are service calls, and what else a call costs besides being counted. */
export interface Counting<T> {
  /**
   * The Apps Script methods the object implements: only these are counted, so the runtime's own helpers on the
   * same object (a sheet's `rangeAt`, a range's `select`) stay free. Default: every function the object itself
   * holds (an object literal's), not what it inherits (`toString`).
   */
  methods?: Iterable<string>;
  /** Runs after a call is counted and before it runs, e.g. to count the cells it moves (local/calls.ts). */
  onCall?(method: string, target: T): void;
}

/**
 * The one place services touch the accounting: a Proxy over `target` that counts each call of its methods in
 * the CallLog as "Service.method" (which also advances the virtual Apps Script clock, docs/local-runtime.md
 * "Cost accounting"), so no method can be forgotten or counted twice.
 *
 * A counted method runs with the unwrapped object as `this`, so what it calls on itself is not counted again;
 * when it returns that object (a chained setter), the caller gets the wrapped one back. Methods are looked up
 * at each call, so a test that replaces one on the prototype is seen.
 */
export function track<T extends object>(calls: CallLog, service: string, target: T, counting: Counting<T> = {}): T {
  const counted = counting.methods ? new Set(counting.methods) : null;
  const proxy: T = new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      if (counted ? !counted.has(key) : !Object.hasOwn(object, key)) return value;
      return (...args: unknown[]) => {
        calls.count(service, key);
        counting.onCall?.(key, object);
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        return result === object ? proxy : result;
      };
    },
  });
  return proxy;
}

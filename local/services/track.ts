import type { CallLog } from '../calls';

/**
 * Wraps every method of `target` so each call is counted in the CallLog as "Service.method" —
 * the one place services touch the accounting, so no method can be forgotten or counted twice.
 */
export function track<T extends object>(calls: CallLog, service: string, target: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const value = (target as Record<string, unknown>)[key];
    if (typeof value === 'function') {
      wrapped[key] = (...args: unknown[]) => {
        calls.count(service, key);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    } else {
      wrapped[key] = value;
    }
  }
  return wrapped as T;
}

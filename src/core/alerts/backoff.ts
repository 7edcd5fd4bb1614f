/**
 * What a failed Apps Script service call means for a job. Google words its limits in the error text:
 * "Service invoked too many times for one day: email." is the daily quota (no retry helps until tomorrow);
 * "Service invoked too many times in a short time: … Try Utilities.sleep(1000) between calls." is a rate
 * limit that passes after a pause.
 */
export type FailureKind = 'daily quota' | 'rate limit' | 'other';

export function classifyServiceError(message: string): FailureKind {
  if (/in a short time|rate limit|try utilities\.sleep/i.test(message)) return 'rate limit';
  if (/for one day|quota|too many times/i.test(message)) return 'daily quota';
  return 'other';
}

export interface BackoffOptions {
  /** Pauses before the 2nd, 3rd … attempt, in milliseconds. */
  delaysMs: readonly number[];
  /** Pauses the script (Utilities.sleep in Apps Script). */
  sleep: (ms: number) => void;
  /** The current time in milliseconds (Date.now in Apps Script). */
  now: () => number;
  /** No pause is started that would end past this instant: the run must stop in time to log itself. */
  deadline: number;
}

/** One, two, four, eight seconds: Google's advice is exponential back-off starting around a second. */
export const RATE_LIMIT_DELAYS_MS = [1_000, 2_000, 4_000, 8_000] as const;

/**
 * Runs `attempt`, and when it fails with a rate limit pauses and tries again, each pause longer. A daily
 * quota or any other error is thrown at once: retrying would only burn the run's time.
 */
export function withBackoff<T>(attempt: () => T, options: BackoffOptions): T {
  for (let i = 0; ; i++) {
    try {
      return attempt();
    } catch (error) {
      const delay = options.delaysMs[i];
      const rateLimited = classifyServiceError(String((error as Error)?.message ?? error)) === 'rate limit';
      if (!rateLimited || delay === undefined || options.now() + delay > options.deadline) throw error;
      options.sleep(delay);
    }
  }
}

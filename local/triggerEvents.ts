/** The event objects Google hands a trigger's function, as the runtime builds them. */

/**
 * The time-driven event object (guides/triggers/events, "Time-driven events"): authMode, triggerUid and the
 * firing time's fields in UTC, as Google's example shows them (timezone "UTC").
 */
export function timeDrivenEvent(triggerUid: string, at: Date): Record<string, unknown> {
  const start = Date.UTC(at.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((at.getTime() - start) / 86_400_000 + new Date(start).getUTCDay() + 1) / 7);
  return {
    authMode: 'FULL',
    triggerUid,
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    'day-of-month': at.getUTCDate(),
    'day-of-week': at.getUTCDay() === 0 ? 7 : at.getUTCDay(),
    'week-of-year': week,
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
    timezone: 'UTC',
  };
}

/** The event's `user`: a User whose getEmail() is the user's address. */
export function userObject(email = 'pm@example.com'): { getEmail(): string; toString(): string } {
  return { getEmail: () => email, toString: () => email };
}

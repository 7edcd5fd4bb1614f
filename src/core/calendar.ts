/**
 * Calendar days. The spec judges dates as calendar dates in the spreadsheet's time zone (§5). Sheets hands
 * date cells over as `Date` at local midnight, and Apps Script runs in the script's time zone, which the
 * manifest sets to the spreadsheet's, so local date parts are the calendar date. A day number (days since
 * 1970-01-01 of that calendar) makes "days since" plain subtraction, immune to daylight-saving hours.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

export function dayNumber(date: Date): DayNumber {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / MS_PER_DAY);
}

/** The local-midnight `Date` of a day number, as Sheets shows a date cell. */
export function dateOfDay(day: DayNumber): Date {
  const utc = new Date(day * MS_PER_DAY);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

/** `YYYY-MM-DD` of a day number: how dates cross google.script.run and appear in messages. */
export function isoOfDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` (what the sidebar and the CLI send); null when it is not one. */
export function dayOfIso(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const utc = Date.UTC(y, mo, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo || check.getUTCDate() !== d) return null;
  return utc / MS_PER_DAY;
}

/**
 * Whether a value is a Date. Not `instanceof`: a Date made in another JavaScript realm (a test harness, the
 * local runtime) is still a date cell, and Apps Script gives no guarantee either way.
 */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Calendar fields of an instant in a named time zone, through Intl — the same tz database Apps Script's
 * Java runtime uses, so DST transitions land on the same instants.
 */

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekDay: number;
  /** Short zone name as Intl gives it for en-US: "EST", "EDT", "GMT+1", "UTC". */
  zoneName: string;
  /** Offset from UTC in minutes (east positive). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
        timeZoneName: 'short',
      });
    } catch {
      throw new Error(`Invalid argument: timeZone (${timeZone})`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(date: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekDay: WEEKDAYS.indexOf(parts.weekday),
    zoneName: parts.timeZoneName,
    offsetMinutes: Math.round((asUtc - wholeSeconds) / 60000),
  };
}

/** Days since 1970-01-01 of a local calendar date: whole-day arithmetic free of DST. */
export function dayNumber(p: Pick<LocalParts, 'year' | 'month' | 'day'>): number {
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * How a date cell crosses between the workbook model and the script (docs/time-zones.md). The model keeps
 * what a cell shows — its wall-clock date and time — as a Date of this process's zone (the script's zone, from
 * the manifest). Sheets hands the script the instant of that wall clock *in the spreadsheet's zone*, and
 * takes an instant back as the wall clock it shows there. With both zones equal these are identities.
 */
export function wallClockToInstant(wallClock: Date, spreadsheetZone: string): Date {
  const wall = Date.UTC(
    wallClock.getFullYear(),
    wallClock.getMonth(),
    wallClock.getDate(),
    wallClock.getHours(),
    wallClock.getMinutes(),
    wallClock.getSeconds(),
    wallClock.getMilliseconds(),
  );
  const guess = wall - localParts(new Date(wall), spreadsheetZone).offsetMinutes * 60_000;
  return new Date(wall - localParts(new Date(guess), spreadsheetZone).offsetMinutes * 60_000);
}

export function instantToWallClock(instant: Date, spreadsheetZone: string): Date {
  const p = localParts(instant, spreadsheetZone);
  return new Date(
    p.year,
    p.month - 1,
    p.day,
    p.hour,
    p.minute,
    p.second,
    instant.getTime() - Math.floor(instant.getTime() / 1000) * 1000,
  );
}

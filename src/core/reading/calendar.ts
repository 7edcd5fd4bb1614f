/**
 * Calendar days in the spreadsheet's time zone (docs/rules.md §5; docs/time-zones.md).
 *
 * Two zones meet in every run. The script runs in the manifest's zone (`America/New_York` for every user of
 * the published add-on), while each spreadsheet has its own zone, and Sheets hands a date cell over as the
 * instant of 00:00 of that day *in the spreadsheet's zone*. A Berlin sheet's 2026-12-01 therefore arrives as
 * 2026-11-30 18:00 in the script's zone, so local date parts (`getDate()`) are a day off. Everything here
 * works from the spreadsheet's zone, passed in explicitly: `SheetCalendar.dayOf` reads a date cell,
 * `SheetCalendar.dateOf` makes the instant Sheets shows as a day's 00:00.
 *
 * A day number (days since 1970-01-01 of that calendar) makes "days since" plain subtraction, immune to
 * daylight-saving hours.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/**
 * What a calendar needs to know about a time zone. Pure code cannot ask Apps Script, so the caller supplies
 * these two questions (server code answers them with `Utilities.formatDate`, tests with `Intl`).
 */
export interface ZoneRules {
  /** `YYYY-MM-DD` of the instant in the zone. */
  isoDay(instant: Date): string;
  /** The zone's offset from UTC at the instant, in minutes (Berlin in winter: 60). */
  offsetMinutes(instant: Date): number;
}

/** How one spreadsheet turns instants into calendar dates and back, and reads dates typed as text. */
export interface SheetCalendar {
  /** The spreadsheet's time zone (IANA name, e.g. `Europe/Berlin`). */
  readonly timeZone: string;
  /** The spreadsheet's locale (`en_US`, `de_DE`, …), which decides how `11/12/2026` reads. */
  readonly locale: string;
  /** The calendar day an instant (a date cell, `new Date()`) shows in the spreadsheet's zone. */
  dayOf(instant: Date): DayNumber;
  /** The instant Sheets shows as 00:00 of the day in the spreadsheet's zone: what a date cell holds. */
  dateOf(day: DayNumber): Date;
  /** A date typed as text, as Sheets would read it in the spreadsheet's locale (see `readTextDate`). */
  readText(text: string): TextDate;
}

/** Builds the calendar of a spreadsheet. Conversions are remembered: a column repeats few distinct dates. */
export function sheetCalendar(timeZone: string, locale: string, zone: ZoneRules): SheetCalendar {
  const days = new Map<number, DayNumber>();
  const midnights = new Map<DayNumber, number>();
  return {
    timeZone,
    locale,
    dayOf(instant: Date): DayNumber {
      const ms = instant.getTime();
      let day = days.get(ms);
      if (day === undefined) {
        day = dayOfIso(zone.isoDay(instant)) as DayNumber;
        days.set(ms, day);
      }
      return day;
    },
    dateOf(day: DayNumber): Date {
      let ms = midnights.get(day);
      if (ms === undefined) {
        // 00:00 UTC of the day, moved by the zone's offset; the offset is asked again at the result, because
        // a daylight-saving change between the two instants changes it. Where the zone skips midnight
        // itself, the result is the first instant of the day, as Sheets shows it.
        const utcMidnight = day * MS_PER_DAY;
        const first = utcMidnight - zone.offsetMinutes(new Date(utcMidnight)) * 60_000;
        const second = utcMidnight - zone.offsetMinutes(new Date(first)) * 60_000;
        ms = dayOfIso(zone.isoDay(new Date(second))) === day ? second : first;
        midnights.set(day, ms);
      }
      return new Date(ms);
    },
    readText: (text: string) => readTextDate(text, locale),
  };
}

/** Zone rules from the platform's `Intl` (tests and the local tools; the add-on asks Utilities.formatDate). */
export function intlZoneRules(timeZone: string): ZoneRules {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  } as Intl.DateTimeFormatOptions);
  const parts = (instant: Date) => {
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(instant)) p[part.type] = part.value;
    return p;
  };
  return {
    isoDay(instant) {
      const p = parts(instant);
      return `${p.year}-${p.month}-${p.day}`;
    },
    offsetMinutes(instant) {
      const p = parts(instant);
      const asUtc = Date.UTC(
        Number(p.year),
        Number(p.month) - 1,
        Number(p.day),
        Number(p.hour),
        Number(p.minute),
        Number(p.second),
      );
      return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
    },
  };
}

/** `YYYY-MM-DD` of a day number: how dates cross google.script.run and appear in messages. */
export function isoOfDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` (what the sidebar and the CLI send); null when it is not one. */
export function dayOfIso(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return dayOfParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The day number of a year, month (1–12) and day; null when there is no such date (31 April). */
function dayOfParts(year: number, month: number, day: number): DayNumber | null {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc / MS_PER_DAY;
}

/** The weekday of a day number, 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

/**
 * Whether a value is a Date. Not `instanceof`: a Date made in another JavaScript realm (a test harness, the
 * local runtime) is still a date cell, and Apps Script gives no guarantee either way.
 */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

// ---------------------------------------------------------------------------------------------------------
// Dates typed as text (docs/time-zones.md, "Dates typed as text")

/** A text that was read as a date, was not a date at all, or looks like a date that cannot be read safely. */
export type TextDate = { kind: 'date'; day: DayNumber } | { kind: 'none' } | { kind: 'unreadable'; why: string };

/**
 * Locales whose numeric dates put the month first (11/20/2026). Sheets reads `a/b/yyyy` by the spreadsheet's
 * locale; for these it is month/day, for every other locale day/month, except where a four-digit year comes
 * first (2026/11/20, as in ja_JP, zh_CN, ko_KR), which is year/month/day everywhere.
 */
export const MONTH_FIRST_LOCALES: readonly string[] = [
  'en_US',
  'en_PH',
  'es_US',
  'fil_PH',
  'en_AS',
  'en_GU',
  'en_MH',
  'en_MP',
  'en_PR',
  'en_UM',
  'en_VI',
  'en_CA_US',
];

/** Month names and abbreviations a text date may use (lower case), to the month's number 1–12. */
export const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'enero', 'ene', 'gennaio', 'gen', 'janeiro'],
  ['february', 'feb', 'februar', 'février', 'fév', 'févr', 'febrero', 'febbraio', 'fevereiro', 'fev'],
  ['march', 'mar', 'märz', 'mär', 'mrz', 'mars', 'marzo', 'março'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  ['august', 'aug', 'août', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'set', 'setembro'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro'],
];
MONTH_NAMES.forEach((names, i) => {
  for (const name of names) MONTHS[name] = i + 1;
});

/** Two-digit years below this are 20xx, the rest 19xx (the warehouse SQL reads them alike, docs/warehouse.md). */
export const TWO_DIGIT_YEAR_PIVOT = 30;

/** Two-digit years as Sheets reads them: 00–29 are 2000–2029, 30–99 are 1930–1999. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < TWO_DIGIT_YEAR_PIVOT ? 2000 + n : 1900 + n;
}

/**
 * Reads a date typed as text the way a person in the spreadsheet's locale means it: ISO `2026-11-20`,
 * `11/20/2026` in en_US, `20/11/2026` or `20.11.2026` in en_GB and de_DE, `20 Nov 2026`, `Nov 20, 2026`,
 * `20. November 2026`. Text that looks like a date but cannot be one in this locale (`13/20/2026` in en_US)
 * is `unreadable` with the reason, never taken as blank; text that does not look like a date is `none`.
 */
export function readTextDate(text: string, locale: string): TextDate {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return dated(dayOfParts(Number(iso[1]), Number(iso[2]), Number(iso[3])), 'there is no such day');
  const numeric = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})\.?$/.exec(t);
  if (numeric) {
    const [a, b, c] = [numeric[1], numeric[3], numeric[4]];
    if (a.length === 4) return dated(dayOfParts(Number(a), Number(b), Number(c)), 'there is no such day');
    if (c.length !== 4 && c.length !== 2) return { kind: 'unreadable', why: 'the year is not 2 or 4 digits' };
    const monthFirst = MONTH_FIRST_LOCALES.includes(locale);
    const [month, day] = monthFirst ? [Number(a), Number(b)] : [Number(b), Number(a)];
    const order = monthFirst ? 'month/day/year' : 'day/month/year';
    // Readable the other way round: say how this locale reads dates; readable neither way: no such day.
    const swapped = dayOfParts(fullYear(c), day, month) !== null;
    return dated(
      dayOfParts(fullYear(c), month, day),
      swapped ? `in this spreadsheet's locale (${locale}) dates read ${order}` : 'there is no such day',
    );
  }
  const dayFirst = /^(\d{1,2})\.? ([a-zäéû]+)\.?,? (\d{2}|\d{4})$/.exec(t);
  const monthFirst = /^([a-zäéû]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$/.exec(t);
  const named = dayFirst
    ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] }
    : monthFirst
      ? { day: monthFirst[2], month: monthFirst[1], year: monthFirst[3] }
      : null;
  if (!named) return { kind: 'none' };
  const month = MONTHS[named.month];
  if (month === undefined) return { kind: 'unreadable', why: `"${named.month}" is not a month name` };
  return dated(dayOfParts(fullYear(named.year), month, Number(named.day)), 'there is no such day');
}

function dated(day: DayNumber | null, why: string): TextDate {
  return day === null ? { kind: 'unreadable', why } : { kind: 'date', day };
}

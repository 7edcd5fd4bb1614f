import { MONTH_FIRST_LOCALES, MONTHS, readTextDate, TWO_DIGIT_YEAR_PIVOT } from '../reading/calendar';
import { type Dialect, sqlString } from './dialect';

/**
 * Dates typed as text, read in SQL as core/reading/calendar.ts readTextDate reads them in the spreadsheet's
 * locale (docs/warehouse.md, "Text dates"): ISO `2026-11-20`, `11/20/2026` (month first, en_US),
 * `20/11/2026` and `20.11.2026` (day first, en_GB, de_DE), `2026/11/20`, `20 Nov 2026`, `Nov 20, 2026`,
 * `20. November 2026`, two-digit years as Sheets reads them. Text that looks like a date but is none in the
 * locale gets the reader's own reason. The day is computed with plain arithmetic, so both dialects read it
 * alike and nothing can raise an error on a row.
 *
 * Two stages: `parts` finds the form and cuts the text into its three parts, `day` and `why` read them.
 */

// readTextDate's numeric form `^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})\.?$`; RE2 has no back-references, so the
// same separator twice is one alternative per separator, and the parts are cut with any separator.
const NUMERIC_SAME_SEPARATOR = ['/', '[.]', '-'].map((s) => `^[0-9]{1,4}${s}[0-9]{1,2}${s}[0-9]{1,4}[.]?$`).join('|');
const NUMERIC_PARTS = '^([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})[.]?$';
const LETTER = '[a-zäéû]';

/**
 * The stages that read a text column as a date: each a list of columns to add to the row (`SELECT *, …`),
 * in order. The last adds `<name>_day`, the day number (days since 1970-01-01) of a text that is a date, and
 * `<name>_why`, why a text that looks like a date cannot be read (readTextDate's reason); both NULL otherwise.
 */
export type TextDateStages = string[][];

/** The reasons readTextDate gives, taken from the reader itself so a reworded reason changes the SQL too. */
function reasons(locale: string, monthFirst: boolean) {
  const why = (sample: string) => {
    const typed = readTextDate(sample, locale);
    if (typed.kind !== 'unreadable') throw new Error(`readTextDate read "${sample}"; the warehouse needs it refused`);
    return typed.why;
  };
  const monthWord = why('1 zqx 2026');
  const at = monthWord.indexOf('zqx');
  return {
    noSuchDay: why('2026-02-30'),
    yearDigits: why('1/2/3'),
    otherOrder: why(monthFirst ? '13/12/2026' : '12/13/2026'),
    monthBefore: monthWord.slice(0, at),
    monthAfter: monthWord.slice(at + 3),
  };
}

/**
 * `text` is a column holding trimmed text or NULL; `name` prefixes the columns made here; `space` is the
 * whitespace class of JavaScript's trim (the reader collapses runs of it into one space).
 */
export function textDateStages(
  text: string,
  name: string,
  locale: string,
  dialect: Dialect,
  space: string,
): TextDateStages {
  const d = dialect;
  const monthFirst = MONTH_FIRST_LOCALES.includes(locale);
  const lower = `LOWER(${text})`;
  const dayFirstNamed = `^([0-9]{1,2})[.]?${space}+(${LETTER}+)[.]?,?${space}+([0-9]{2}|[0-9]{4})$`;
  const monthFirstNamed = `^(${LETTER}+)[.]?${space}+([0-9]{1,2})(?:st|nd|rd|th)?,?${space}+([0-9]{2}|[0-9]{4})$`;
  const [f, a, b, c, y, m, day] = ['form', 'a', 'b', 'c', 'y', 'm', 'd'].map((k) => `${name}_${k}`);

  // Stage 1: which form the text has.
  const form = `CASE WHEN ${text} IS NULL THEN NULL WHEN ${d.regexContains(text, d.regex(NUMERIC_SAME_SEPARATOR))} THEN 'numeric' WHEN ${d.regexContains(lower, d.regex(dayFirstNamed))} THEN 'dayFirst' WHEN ${d.regexContains(lower, d.regex(monthFirstNamed))} THEN 'monthFirst' END`;

  // Stage 2: its parts: a, b, c as typed for the numeric form; day, month word, year for the named ones.
  const group = (pattern: string, n: number) => `REGEXP_REPLACE(${lower}, ${d.regex(pattern)}, ${d.regex(`\\${n}`)})`;
  const part = (numeric: number, dayFirst: number, monthFirstGroup: number) =>
    `CASE ${f} WHEN 'numeric' THEN ${group(NUMERIC_PARTS, numeric)} WHEN 'dayFirst' THEN ${group(dayFirstNamed, dayFirst)} WHEN 'monthFirst' THEN ${group(monthFirstNamed, monthFirstGroup)} END`;

  // Stage 3: year, month and day as the reader takes them (month/day in the locale's order); NULL month: an
  // unknown month word; NULL year: a numeric year of neither 2 nor 4 digits.
  const int = (x: string) => `CAST(${x} AS ${d.intType})`;
  const fullYear = (x: string) =>
    `CASE WHEN LENGTH(${x}) = 2 THEN (CASE WHEN ${int(x)} < ${TWO_DIGIT_YEAR_PIVOT} THEN 2000 + ${int(x)} ELSE 1900 + ${int(x)} END) ELSE ${int(x)} END`;
  const monthOfWord = `CASE ${b} ${Object.entries(MONTHS)
    .map(([word, n]) => `WHEN ${sqlString(word)} THEN ${n}`)
    .join(' ')} END`;
  const yearFirst = `(${f} = 'numeric' AND LENGTH(${a}) = 4)`;
  const badYear = `(${f} = 'numeric' AND LENGTH(${a}) <> 4 AND LENGTH(${c}) NOT IN (2, 4))`;
  const [first, second] = monthFirst ? [a, b] : [b, a];
  const ymd = [
    `CASE WHEN ${f} IS NULL OR ${badYear} THEN NULL WHEN ${yearFirst} THEN ${int(a)} ELSE ${fullYear(c)} END AS ${y}`,
    `CASE WHEN ${f} IS NULL OR ${badYear} THEN NULL WHEN ${yearFirst} THEN ${int(b)} WHEN ${f} = 'numeric' THEN ${int(first)} ELSE ${monthOfWord} END AS ${m}`,
    `CASE WHEN ${f} IS NULL OR ${badYear} THEN NULL WHEN ${yearFirst} THEN ${int(c)} WHEN ${f} = 'numeric' THEN ${int(second)} ELSE ${int(a)} END AS ${day}`,
  ];

  // Stage 4: the day number, or the reason.
  const isDay = (yv: string, mv: string, dv: string) => {
    const leap = `(MOD(${yv}, 4) = 0 AND (MOD(${yv}, 100) <> 0 OR MOD(${yv}, 400) = 0))`;
    const lastDay = `CASE WHEN ${mv} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${mv} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
    // Years before 100 are none: the reader's Date.UTC takes them as 19xx (calendar.ts dayOfParts).
    return `(${yv} >= 100 AND ${mv} BETWEEN 1 AND 12 AND ${dv} >= 1 AND ${dv} <= ${lastDay})`;
  };
  // Days since 1970-01-01 of a proleptic Gregorian date (days-from-civil; every term ≥ 0 for years ≥ 100).
  const floorDiv = (x: string, n: number) => `CAST(FLOOR((${x}) / ${n}) AS ${d.intType})`;
  const yAdj = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = floorDiv(yAdj, 400);
  const yoe = `(${yAdj} - ${era} * 400)`;
  const doy = `(${floorDiv(`153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2`, 5)} + ${day} - 1)`;
  const doe = `(${yoe} * 365 + ${floorDiv(yoe, 4)} - ${floorDiv(yoe, 100)} + ${doy})`;
  const r = reasons(locale, monthFirst);
  const valid = isDay(y, m, day);
  const result = [
    `CASE WHEN ${m} IS NOT NULL AND ${valid} THEN ${era} * 146097 + ${doe} - 719468 END AS ${name}_day`,
    `CASE WHEN ${f} IS NULL THEN NULL WHEN ${y} IS NULL THEN ${d.quote(r.yearDigits)}` +
      ` WHEN ${m} IS NULL THEN ${d.quote(r.monthBefore)} || ${b} || ${d.quote(r.monthAfter)} WHEN ${valid} THEN NULL` +
      ` WHEN ${f} = 'numeric' AND LENGTH(${a}) <> 4 AND ${isDay(y, day, m)} THEN ${d.quote(r.otherOrder)} ELSE ${d.quote(r.noSuchDay)} END AS ${name}_why`,
  ];
  return [
    [`${form} AS ${f}`],
    [`${part(1, 1, 2)} AS ${a}`, `${part(2, 2, 1)} AS ${b}`, `${part(3, 3, 3)} AS ${c}`],
    ymd,
    result,
  ];
}

import { type DayNumber, intlZoneRules, type SheetCalendar, sheetCalendar } from '../src/core/reading/calendar';
import { DEFAULT_RULES, type Rules } from '../src/core/rules';
import type { FormulaContext } from '../src/customFunctions/columns';

/** A spreadsheet's calendar for tests: its zone's rules from Intl, as the local runtime's Utilities has them. */
export function calendarIn(timeZone: string, locale = 'en_US'): SheetCalendar {
  return sheetCalendar(timeZone, locale, intlZoneRules(timeZone));
}

/** The calendar of a New York spreadsheet, the zone the tests' process runs in (test/globalSetup.js). */
export const NEW_YORK = calendarIn('America/New_York');

/** The calendar day of a date made with this process's zone (`new Date(2026, 10, 20)`). */
export const dayNumber = (date: Date): DayNumber => NEW_YORK.dayOf(date);

/** What a formula computes with at `now` in a New York spreadsheet. */
export function at(now: Date, rules: Rules = DEFAULT_RULES, calendar: SheetCalendar = NEW_YORK): FormulaContext {
  return { rules, calendar, today: calendar.dayOf(now) };
}

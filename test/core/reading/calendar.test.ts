// The spreadsheet's calendar (docs/time-zones.md): date cells read in the sheet's zone, dates written as 00:00
// there, and dates typed as text read the way a person in the sheet's locale means them (issue #15.3).
import { dayOfIso, isoOfDay, readTextDate } from '../../../src/core/reading/calendar';
import { readDate, readEngagement } from '../../../src/core/reading/cells';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { calendarIn } from '../../calendars';

const day = (iso: string) => dayOfIso(iso) as number;

describe('a date cell is the calendar day it shows in the spreadsheet zone, whatever the script zone', () => {
  // Sheets hands 2026-12-01 of a Berlin sheet over as 2026-11-30T23:00Z: 18:00 on Nov 30 in New York.
  test.each([
    ['Europe/Berlin', '2026-11-30T23:00:00Z'],
    ['America/Los_Angeles', '2026-12-01T08:00:00Z'],
    ['Asia/Kolkata', '2026-11-30T18:30:00Z'],
    ['Pacific/Auckland', '2026-11-30T11:00:00Z'],
    ['Asia/Tokyo', '2026-11-30T15:00:00Z'],
  ])('%s: 00:00 on 2026-12-01 is %s', (zone, instant) => {
    const calendar = calendarIn(zone);
    expect(isoOfDay(calendar.dayOf(new Date(instant)))).toBe('2026-12-01');
    expect(calendar.dateOf(day('2026-12-01')).toISOString()).toBe(new Date(instant).toISOString());
  });

  test.each([
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z'],
    ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00Z'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T07:00:00Z'],
    ['America/Los_Angeles', '2026-11-02', '2026-11-02T08:00:00Z'],
    ['Pacific/Auckland', '2026-04-05', '2026-04-04T11:00:00Z'],
    ['Pacific/Auckland', '2026-04-06', '2026-04-05T12:00:00Z'],
  ])('around daylight saving, %s %s starts at %s', (zone, iso, instant) => {
    const calendar = calendarIn(zone);
    expect(calendar.dateOf(day(iso)).toISOString()).toBe(new Date(instant).toISOString());
    expect(isoOfDay(calendar.dayOf(new Date(instant)))).toBe(iso);
  });
});

describe('dates typed as text, in the spreadsheet locale', () => {
  test.each([
    ['11/20/2026', 'en_US', '2026-11-20'],
    ['20/11/2026', 'en_GB', '2026-11-20'],
    ['20.11.2026', 'de_DE', '2026-11-20'],
    ['20 Nov 2026', 'en_US', '2026-11-20'],
    ['20 Nov 2026', 'de_DE', '2026-11-20'],
    ['Nov 20, 2026', 'en_GB', '2026-11-20'],
    ['20. November 2026', 'de_DE', '2026-11-20'],
    ['2026-11-20', 'de_DE', '2026-11-20'],
    ['2026/11/20', 'ja_JP', '2026-11-20'],
    ['3/4/26', 'en_US', '2026-03-04'],
    ['3/4/26', 'en_GB', '2026-04-03'],
  ])('%s in %s is %s', (text, locale, iso) => {
    const read = readTextDate(text, locale);
    expect(read).toEqual({ kind: 'date', day: day(iso) });
  });

  test('a text that looks like a date but is none in this locale is unreadable, with the reason', () => {
    expect(readTextDate('20/11/2026', 'en_US')).toEqual({
      kind: 'unreadable',
      why: "in this spreadsheet's locale (en_US) dates read month/day/year",
    });
    expect(readTextDate('31 Nov 2026', 'en_GB')).toEqual({ kind: 'unreadable', why: 'there is no such day' });
    expect(readTextDate('20 Nuv 2026', 'en_GB')).toEqual({ kind: 'unreadable', why: '"nuv" is not a month name' });
    expect(readTextDate('soon', 'en_US')).toEqual({ kind: 'none' });
  });

  test('readDate takes typed dates and never turns an unreadable one into a blank', () => {
    const us = calendarIn('America/New_York', 'en_US');
    const de = calendarIn('Europe/Berlin', 'de_DE');
    expect(readDate('11/20/2026', 'Last contact', us)).toBe(day('2026-11-20'));
    expect(readDate('20.11.2026', 'Last contact', de)).toBe(day('2026-11-20'));
    expect(() => readDate('20/11/2026', 'Last contact', us)).toThrow(
      'Last contact "20/11/2026" is not a date it can read (in this spreadsheet\'s locale (en_US) dates read month/day/year); allowed: a date cell or text like 11/25/2026 or 2026-11-25',
    );
    expect(() => readDate('next week', 'Last contact', de)).toThrow(
      'Last contact "next week" is not a date; allowed: a date cell or text like 25/11/2026 or 2026-11-25',
    );
  });

  test('engagement typed as a date is judged like a date cell', () => {
    const gb = calendarIn('Europe/London', 'en_GB');
    expect(readEngagement('28/11/2026', day('2026-12-01'), DEFAULT_RULES, gb)).toBe('Weekly');
    expect(readEngagement('20 Oct 2026', day('2026-12-01'), DEFAULT_RULES, gb)).toBe('Quarterly');
    expect(() => readEngagement('31/02/2026', day('2026-12-01'), DEFAULT_RULES, gb)).toThrow(
      'Engagement "31/02/2026" is not a date it can read (there is no such day)',
    );
  });
});

import { intlZoneRules, readTextDate, sheetCalendar } from '../reading/calendar';
import {
  readDeals,
  readEngagement,
  readFit,
  readGrowth,
  readLeads,
  readNps,
  readRelevance,
  readRevenue,
} from '../reading/cells';
import { describeValue } from '../reading/inputError';
import { DEFAULT_RULES } from '../rules';

/**
 * The problem messages of the generated SQL are the custom functions' own messages: each template is taken
 * from the error the cell reader (core/reading/cells.ts) throws for a sample value, split around that value. So a
 * reworded message changes the SQL too, and a warehouse row's `problems` read exactly like the cell's error.
 */
export interface MessageTemplate {
  before: string;
  after: string;
}

const SAMPLE_NUMBER = -987654.25;
const SAMPLE_TEXT = 'zq9sample';
// The samples below read alike in every locale; the calendar's zone does not change any message.
const CALENDAR = sheetCalendar('UTC', 'en_US', intlZoneRules('UTC'));

function templateOf(read: () => unknown, shown: string): MessageTemplate {
  try {
    read();
  } catch (error) {
    const message = (error as Error).message;
    const at = message.indexOf(shown);
    if (at < 0) throw new Error(`The message "${message}" does not show the value ${shown}`);
    return { before: message.slice(0, at), after: message.slice(at + shown.length) };
  }
  throw new Error(`The reader accepted the sample value ${shown}; the warehouse messages need it refused`);
}

const number = (read: (v: number) => unknown, sample = SAMPLE_NUMBER) =>
  templateOf(() => read(sample), describeValue(sample));
const text = (read: (v: string) => unknown) => templateOf(() => read(SAMPLE_TEXT), SAMPLE_TEXT);

export const MESSAGES = {
  revenueNotNumber: number(readRevenue, NaN),
  revenueBelow: number(readRevenue),
  revenueLastYearNotNumber: number((v) => readRevenue(v, 'Revenue last year'), NaN),
  revenueLastYearBelow: number((v) => readRevenue(v, 'Revenue last year')),
  growthNotNumber: number(readGrowth, NaN),
  growthBelow: number(readGrowth),
  dealsBelow: number(readDeals, -987654),
  leadsBelow: number(readLeads, -987654),
  npsNotNumber: number(readNps, NaN),
  npsOutside: number(readNps),
  engagementBelow: number((v) => readEngagement(v, 0, DEFAULT_RULES, CALENDAR), -987654),
  /** The raw text is shown in quotes: the template keeps them. */
  engagementNotOneOf: text((v) => readEngagement(v, 0, DEFAULT_RULES, CALENDAR)),
  /** Text that looks like a date but cannot be read as one: the raw text, then the reader's reason. */
  engagementUnreadable: unreadableTemplate(),
  fitNotOneOf: text(readFit),
  relevanceNotOneOf: text((v) => readRelevance(v, DEFAULT_RULES)),
  relevanceOutside: templateOf(() => readRelevance('987654', DEFAULT_RULES), '987654'),
};

/** A message with two holes: the value, then why the text date cannot be read (readTextDate's `why`). */
export interface UnreadableTemplate {
  before: string;
  between: string;
  after: string;
}

function unreadableTemplate(): UnreadableTemplate {
  const sample = '2026-02-30';
  const typed = readTextDate(sample, CALENDAR.locale);
  if (typed.kind !== 'unreadable')
    throw new Error(`The text date reader read ${sample}; the warehouse needs it refused`);
  const { before, after } = templateOf(() => readEngagement(sample, 0, DEFAULT_RULES, CALENDAR), sample);
  const at = after.indexOf(typed.why);
  if (at < 0) throw new Error(`The message "${before}${sample}${after}" does not show the reason "${typed.why}"`);
  return { before, between: after.slice(0, at), after: after.slice(at + typed.why.length) };
}

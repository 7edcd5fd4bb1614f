/**
 * Every property PartnerPulse keeps, in one registry (docs/limits.md#stored-state): which store holds it
 * (the document's, shared by every collaborator, or the user's), what it holds, and how its text is read and
 * written. `src/server/platform/store.ts` is the only code that touches PropertiesService, and it takes an
 * entry of this table, never a key of its own. The formats are those of earlier versions, so properties stored
 * by them read unchanged: plain text where a day, an address or a word was stored, JSON elsewhere.
 */
import { readStoredSettings, type Settings } from '../settings/settings';

export type PropertyScope = 'document' | 'user';

/** How a stored value is written as text and read back. */
export interface Codec<T> {
  /** What the text is, for the registry's table (docs/limits.md#stored-state). */
  type: string;
  encode(value: T): string;
  /** The value, or undefined when the stored text is not one (damaged, or written by something else). */
  decode(raw: string): T | undefined;
}

export interface StoredKey<T> {
  scope: PropertyScope;
  /** The property's key; for a family (one property per partner, per trigger …) the prefix of every key. */
  key: string;
  /** A family of keys: `key` + a name (see `propertyKey`). */
  family?: true;
  /** What it holds, as an error message names it: "the Settings", "the long snoozes' first days". */
  holds: string;
  codec: Codec<T>;
  /**
   * What a value that cannot be read means: `absent` (read as never stored: what it holds is rebuilt or only
   * costs time) or `error` (the run stops with a message naming the property: guessing would mislead).
   */
  unreadable: 'absent' | 'error';
  /** What to do when it does not fit (added to the store's message). */
  whenFull?: string;
}

/** A day (YYYY-MM-DD), an address, a trigger's id or a word, stored as the text itself. */
export const TEXT: Codec<string> = { type: 'text', encode: (value) => value, decode: (raw) => raw };

/** JSON that `shape` accepts (undefined: not this kind of value). */
export function json<T>(type: string, shape: (parsed: unknown) => T | undefined): Codec<T> {
  return {
    type: `JSON: ${type}`,
    encode: (value) => JSON.stringify(value),
    decode(raw) {
      try {
        return shape(JSON.parse(raw));
      } catch {
        return undefined;
      }
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of texts; entries of another type are dropped (earlier versions wrote only texts). */
const textList = (parsed: unknown): string[] | undefined =>
  Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : undefined;

/** How far today's daily work got, so an unfinished run is continued, not repeated. */
export interface DailyState {
  day: string;
  recolored: boolean;
  history: boolean;
  /** The as-of cells formulas take were brought to today (server/sheets/asOfSheet.ts). */
  asOf?: boolean;
  digestsDone: boolean;
  /** Digests given up today (see MAX_TRIES): every later run that day reports it, so the warning stays. */
  gaveUp?: string;
  /** Items that reached nobody today, with what to fix: every later run that day warns of it. */
  undeliverable?: string;
}

/** A BigQuery partner table (docs/warehouse.md). */
export interface WarehouseConnection {
  /** The Google Cloud project billed for the queries. */
  projectId: string;
  /** `dataset.table`, or `project.dataset.table` for a table in another project. */
  table: string;
}

/** The spreadsheet a trigger was turned on in, kept for the runs that find no spreadsheet. */
export interface TriggerHome {
  id: string;
  name: string;
  url: string;
}

const strings = <K extends string>(v: unknown, keys: readonly K[]): v is Record<K, string> =>
  isRecord(v) && keys.every((k) => typeof v[k] === 'string');

/** First-seen days of long snoozes, by "partner|snooze-until day" (the sheet's and the warehouse's alike). */
const SNOOZES_SEEN = json('{ "partner|YYYY-MM-DD": "YYYY-MM-DD" }', (v) =>
  isRecord(v)
    ? (Object.fromEntries(Object.entries(v).filter(([, d]) => typeof d === 'string')) as Record<string, string>)
    : undefined,
);

/** The registry: every property PartnerPulse reads or writes. */
export const STORED = {
  settings: {
    scope: 'document',
    key: 'partnerpulse.settings',
    holds: 'the Settings',
    codec: {
      type: 'JSON: the Settings object (docs/settings.md), read through readStoredSettings',
      encode: (value: Settings) => JSON.stringify(value),
      decode: (raw: string) => readStoredSettings(raw).settings,
    },
    // readStoredSettings reads anything: damaged Settings are the defaults, with the problem shown in the dialog.
    unreadable: 'absent',
    whenFull: 'Remove some column aliases in Settings.',
  } as StoredKey<Settings>,
  daily: {
    scope: 'document',
    key: 'partnerpulse.daily',
    holds: "the day's progress of the daily run",
    codec: json<DailyState>('{ day, recolored, history, asOf, digestsDone, gaveUp, undeliverable }', (v) =>
      isRecord(v) && typeof v.day === 'string' ? (v as unknown as DailyState) : undefined,
    ),
    unreadable: 'error',
  } as StoredKey<DailyState>,
  undelivered: {
    scope: 'document',
    key: 'partnerpulse.undelivered',
    holds: 'the items that reached nobody (for the admin’s next digest)',
    codec: json('list of texts', textList),
    unreadable: 'absent',
  } as StoredKey<string[]>,
  snoozesSeen: {
    scope: 'document',
    key: 'partnerpulse.snoozesSeen',
    holds: 'the days the long snoozes were first seen',
    codec: SNOOZES_SEEN,
    unreadable: 'absent',
  } as StoredKey<Record<string, string>>,
  escalationsHandled: {
    scope: 'document',
    key: 'partnerpulse.escalationsHandled',
    holds: 'the escalation alerts already handled',
    codec: json('list of short hashes', textList),
    unreadable: 'absent',
  } as StoredKey<string[]>,
  failureMailDay: {
    scope: 'document',
    key: 'partnerpulse.failureMailDay',
    holds: 'the day the admin was last mailed about a failed run',
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
  automationOwner: {
    scope: 'document',
    key: 'partnerpulse.automationOwner',
    holds: 'the address of whoever turned automation on',
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
  warehouse: {
    scope: 'document',
    key: 'partnerpulse.warehouse',
    holds: 'the BigQuery connection',
    codec: json<WarehouseConnection>('{ projectId, table }', (v) =>
      strings(v, ['projectId', 'table'] as const) ? v : undefined,
    ),
    // A damaged connection must not quietly switch the spreadsheet back to reading its own partner sheet.
    unreadable: 'error',
  } as StoredKey<WarehouseConnection>,
  warehouseSnoozesSeen: {
    scope: 'document',
    key: 'partnerpulse.warehouse.snoozesSeen',
    holds: 'the days the long snoozes of the Warehouse snoozes sheet were first seen',
    codec: SNOOZES_SEEN,
    unreadable: 'absent',
  } as StoredKey<Record<string, string>>,
  warehouseDigestsDone: {
    scope: 'document',
    key: 'partnerpulse.warehouse.digestsDone',
    holds: 'the day the warehouse digests went',
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
  checklist: {
    scope: 'document',
    key: 'partnerpulse.qbr.checklist.',
    family: true,
    holds: "a partner's QBR checklist ticks",
    codec: json(
      'list of checklist item ids; one key per quarter and partner: <YYYY-Qn>.<partner, lower case>',
      textList,
    ),
    unreadable: 'absent',
    whenFull:
      'Checklist ticks of quarters before the last are removed as you tick; ask whoever set up PartnerPulse to clear old document properties.',
  } as StoredKey<string[]>,
  automation: {
    scope: 'user',
    key: 'partnerpulse.automation.',
    family: true,
    holds: "whether this user's automation is on in a spreadsheet",
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
  triggerHome: {
    scope: 'user',
    key: 'partnerpulse.trigger.',
    family: true,
    holds: 'the spreadsheet a trigger was turned on in',
    codec: json<TriggerHome>('{ id, name, url }; one key per trigger id', (v) =>
      strings(v, ['id', 'name', 'url'] as const) ? v : undefined,
    ),
    unreadable: 'absent',
  } as StoredKey<TriggerHome>,
  ownerNotice: {
    scope: 'user',
    key: 'partnerpulse.notice.',
    family: true,
    holds: "the day the trigger's owner was last told of a kind of problem",
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
  testTrigger: {
    scope: 'user',
    key: 'partnerpulse.testTrigger',
    holds: 'the one-off trigger of Test: run the hourly trigger in a minute',
    codec: TEXT,
    unreadable: 'absent',
  } as StoredKey<string>,
} as const;

/** The property key of an entry: its key, or for a family its prefix and `name`. */
export function propertyKey(entry: StoredKey<unknown>, name?: string): string {
  if (entry.family && name === undefined) throw new Error(`${entry.key} is a family of keys: name one of them`);
  if (!entry.family && name !== undefined) throw new Error(`${entry.key} is one key, not a family`);
  return entry.family ? entry.key + name : entry.key;
}

/** The entry a stored property key belongs to, or null for a key PartnerPulse does not own. */
export function entryOfKey(key: string): StoredKey<unknown> | null {
  const entries = Object.values(STORED) as StoredKey<unknown>[];
  return (
    entries.find((e) => !e.family && e.key === key) ??
    entries.find((e) => e.family && key.startsWith(e.key) && key.length > e.key.length) ??
    null
  );
}

/**
 * The JSON state file beside the workbook: properties, cache entries, triggers and the mail quota.
 *
 * In Apps Script these live on Google's servers and every read sees the latest write, even one made
 * by another execution a moment ago. Two CLI runs (or a run and a trigger) must behave the same way —
 * the digest job's "never two digests the same day" guard is a property read under a lock — so every
 * change is written through at once (read-modify-write under a short file lock, then an atomic rename),
 * and reads reload the file whenever it changed on disk. `save()` only makes sure the file exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileLock } from './fileLock';

export type Scope = 'document' | 'script' | 'user';

export interface CacheEntry {
  value: string;
  /** Epoch milliseconds, against the services' `now()`. */
  expires: number;
}

export type ClockKind = 'minutes' | 'hours' | 'days' | 'weeks' | 'once';

export interface TriggerRecord {
  id: string;
  handler: string;
  /** ScriptApp.EventType name: CLOCK, ON_OPEN, ON_EDIT, ON_CHANGE, ON_FORM_SUBMIT. */
  eventType: string;
  /** ScriptApp.TriggerSource name: CLOCK or SPREADSHEETS. */
  source: string;
  /** Spreadsheet id for spreadsheet triggers, null for time-driven ones. */
  sourceId: string | null;
  /** The user who created it: installable triggers run as, and are listed for, their creator. */
  user: string;
  /** ISO time of creation (the services' `now()`). */
  created: string;
  /** ISO time a clock trigger was last fired by `npm run local -- fire` (it fires what is due since then). */
  lastFired?: string;
  clock?: {
    kind: ClockKind;
    /** Interval in minutes/hours/days/weeks; unused for `once`. */
    every: number;
    /** Local hour (0–23) for daily and weekly triggers. */
    hour: number | null;
    /** Local minute; Apps Script picks one within ±15 min of it, we use it exactly. */
    minute: number | null;
    /** 0 = Sunday … 6 = Saturday, for weekly triggers. */
    weekDay: number | null;
    timeZone: string;
    /** ISO time of a one-off trigger (`at`, `after`). */
    at: string | null;
  };
}

export interface ServicesState {
  version: 1;
  properties: {
    document: Record<string, string>;
    script: Record<string, string>;
    /** Per user e-mail: user properties are private to each user. */
    user: Record<string, Record<string, string>>;
  };
  cache: {
    document: Record<string, CacheEntry>;
    script: Record<string, CacheEntry>;
    user: Record<string, Record<string, CacheEntry>>;
  };
  triggers: TriggerRecord[];
  /** Per user e-mail: recipients sent in the current 24-hour window and when it began. */
  mailQuota: Record<string, { windowStart: string; used: number }>;
}

export function emptyState(): ServicesState {
  return {
    version: 1,
    properties: { document: {}, script: {}, user: {} },
    cache: { document: {}, script: {}, user: {} },
    triggers: [],
    mailQuota: {},
  };
}

/** Fills in sections an older or hand-written file lacks, so callers never meet undefined. */
function normalize(raw: Partial<ServicesState>): ServicesState {
  const empty = emptyState();
  return {
    version: 1,
    properties: { ...empty.properties, ...raw.properties },
    cache: { ...empty.cache, ...raw.cache },
    triggers: raw.triggers ?? [],
    mailQuota: raw.mailQuota ?? {},
  };
}

export class StateStore {
  private state: ServicesState = emptyState();
  /** Identity of the file version `state` was read from; a rename gives a new inode. */
  private loadedStamp = '';
  private readonly mutex: FileLock;

  constructor(
    readonly statePath: string,
    executionToken: string,
  ) {
    this.mutex = new FileLock(`${statePath}.state.lock`, executionToken, 2);
    this.reloadIfChanged();
  }

  private stamp(): string {
    try {
      const s = fs.statSync(this.statePath);
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      return 'missing';
    }
  }

  private reloadIfChanged(): void {
    const stamp = this.stamp();
    if (stamp === this.loadedStamp) return;
    if (stamp === 'missing') {
      this.state = emptyState();
    } else {
      const text = fs.readFileSync(this.statePath, 'utf8');
      try {
        this.state = normalize(JSON.parse(text) as Partial<ServicesState>);
      } catch (error) {
        throw new Error(`State file ${this.statePath} is not valid JSON: ${(error as Error).message}`);
      }
    }
    this.loadedStamp = stamp;
  }

  /** The current state, re-read if another process changed it. Do not mutate; use `update`. */
  read(): ServicesState {
    this.reloadIfChanged();
    return this.state;
  }

  /** Applies `change` to the latest state on disk and writes it back, atomically for other processes. */
  update<T>(change: (state: ServicesState) => T): T {
    if (!this.mutex.acquire(30_000)) {
      throw new Error(`Could not lock the state file ${this.statePath} within 30 s`);
    }
    try {
      this.reloadIfChanged();
      const result = change(this.state);
      fs.mkdirSync(path.dirname(this.statePath), { recursive: true });
      const temp = `${this.statePath}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(this.state, null, 2)}\n`);
      fs.renameSync(temp, this.statePath);
      this.loadedStamp = this.stamp();
      return result;
    } catch (error) {
      // `change` may have half-applied itself to the in-memory copy: forget it and re-read next time.
      this.loadedStamp = '';
      throw error;
    } finally {
      this.mutex.release();
    }
  }
}

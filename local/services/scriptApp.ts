/**
 * ScriptApp's installable triggers, kept in the state file so a trigger created in one CLI run is there
 * in the next, plus `dueTimeTriggers` for the runtime to fire the time-driven ones.
 *
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder
 * https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
 * https://developers.google.com/apps-script/reference/script/trigger
 * Add-on limits: https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions
 */
import { randomUUID } from 'node:crypto';
import type { CallLog } from '../calls';
import type { ClockKind, StateStore, TriggerRecord } from './state';
import { dayNumber, isValidTimeZone, localParts } from './time';
import { track } from './track';

export type ScriptAppApi = Pick<
  GoogleAppsScript.Script.ScriptApp,
  | 'newTrigger'
  | 'getProjectTriggers'
  | 'getUserTriggers'
  | 'deleteTrigger'
  | 'getAuthorizationInfo'
  | 'getInstallationSource'
  | 'AuthMode'
  | 'AuthorizationStatus'
  | 'InstallationSource'
  | 'EventType'
  | 'TriggerSource'
  | 'WeekDay'
>;

/**
 * Apps Script's enums print as their names and compare by identity; string values do both, and
 * `t.getEventType() == ScriptApp.EventType.CLOCK` works either way.
 */
const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' };
const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
};
const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
};
const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
};
const WEEKDAY_NAMES = Object.keys(WeekDay);
const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
const InstallationSource = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
};

/** ClockTriggerBuilder reference: the only intervals Apps Script accepts. */
const VALID_MINUTES = [1, 5, 10, 15, 30];
const VALID_HOURS = [1, 2, 4, 6, 8, 12];

export interface DueTrigger {
  /** When the trigger would have fired (Apps Script adds up to ±15 min of jitter; we use none). */
  at: Date;
  handler: string;
  triggerId: string;
  trigger: GoogleAppsScript.Script.Trigger;
  /** Whose trigger it is: it runs as this user. */
  user?: string;
}

export interface ScriptAppOptions {
  timeZone: string;
  userEmail: string;
  now: () => Date;
  /**
   * Enforce the editor add-on trigger restrictions (default true — PartnerPulse ships as an editor
   * add-on): at most one trigger of each event type per user per document, and time-driven triggers
   * no more often than hourly (everyMinutes is refused).
   */
  editorAddOn: boolean;
  /**
   * The user's authorization lapsed (an update added a scope they have not granted yet):
   * getAuthorizationInfo(FULL).getAuthorizationStatus() is REQUIRED until they open the add-on again.
   */
  authorizationRequired?: () => boolean;
  /** getInstallationSource(): NONE for a bound script, WEB_STORE_ADD_ON for an installed add-on. */
  installationSource?: 'NONE' | 'WEB_STORE_ADD_ON' | 'APPS_MARKETPLACE_DOMAIN_ADD_ON';
}

function triggerObject(calls: CallLog, record: TriggerRecord): GoogleAppsScript.Script.Trigger {
  const trigger = track(calls, 'Trigger', {
    getHandlerFunction: () => record.handler,
    getEventType: () => record.eventType as unknown as GoogleAppsScript.Script.EventType,
    getTriggerSource: () => record.source as unknown as GoogleAppsScript.Script.TriggerSource,
    // Time-driven triggers have no source document; Apps Script returns null for them too.
    getTriggerSourceId: () => record.sourceId as string,
    getUniqueId: () => record.id,
  });
  return trigger;
}

function sourceIdOf(source: unknown): string {
  if (typeof source === 'string') return source;
  if (source && typeof (source as { getId?: unknown }).getId === 'function') {
    return String((source as { getId(): unknown }).getId());
  }
  throw new Error('Invalid argument: key');
}

/** The add-on message Apps Script gives when a second trigger of a type is created (restrictions). */
function tooManyMessage(eventType: string): string {
  const kind = eventType === 'CLOCK' ? 'time-based' : eventType.replace('ON_', '').toLowerCase().replace('_', '-');
  return `This add-on has created too many ${kind} triggers in this document for this Google user account.`;
}

export function createScriptApp(calls: CallLog, store: StateStore, options: ScriptAppOptions) {
  const { userEmail, now } = options;

  const mine = () => store.read().triggers.filter((t) => t.user === userEmail);

  const insert = (record: TriggerRecord): GoogleAppsScript.Script.Trigger => {
    store.update((state) => {
      if (options.editorAddOn && state.triggers.some((t) => t.user === userEmail && t.eventType === record.eventType)) {
        throw new Error(tooManyMessage(record.eventType));
      }
      state.triggers.push(record);
    });
    return triggerObject(calls, record);
  };

  const baseRecord = (handler: string, eventType: string, source: string, sourceId: string | null): TriggerRecord => ({
    id: randomUUID().replace(/-/g, '').slice(0, 20),
    handler,
    eventType,
    source,
    sourceId,
    user: userEmail,
    created: now().toISOString(),
  });

  function clockBuilder(handler: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    let kind: ClockKind | null = null;
    let every = 1;
    let hour: number | null = null;
    let minute: number | null = null;
    let weekDay: number | null = null;
    let timeZone = options.timeZone;
    let at: Date | null = null;

    const integer = (value: number, name: string, min: number, max: number): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Invalid argument: ${name}`);
      return n;
    };
    const setKind = (next: ClockKind) => {
      if (kind !== null && kind !== next) {
        throw new Error('Already chose a recurrence for this trigger; a clock trigger has exactly one.');
      }
      kind = next;
    };

    let builder: GoogleAppsScript.Script.ClockTriggerBuilder;
    const api = {
      everyMinutes(n: number) {
        if (!VALID_MINUTES.includes(Number(n))) {
          throw new Error(`The value passed to everyMinutes must be one of ${VALID_MINUTES.join(', ')}.`);
        }
        // Editor add-ons may not run time-driven triggers more often than once an hour.
        if (options.editorAddOn)
          throw new Error('Add-ons can only create time-based triggers that run at most once per hour.');
        setKind('minutes');
        every = Number(n);
        return builder;
      },
      everyHours(n: number) {
        if (!VALID_HOURS.includes(Number(n))) {
          throw new Error(`The value passed to everyHours must be one of ${VALID_HOURS.join(', ')}.`);
        }
        setKind('hours');
        every = Number(n);
        return builder;
      },
      everyDays(n: number) {
        setKind('days');
        every = integer(n, 'n', 1, 365);
        return builder;
      },
      everyWeeks(n: number) {
        setKind('weeks');
        every = integer(n, 'n', 1, 52);
        return builder;
      },
      atHour(h: number) {
        hour = integer(h, 'hour', 0, 23);
        return builder;
      },
      nearMinute(m: number) {
        minute = integer(m, 'minute', 0, 59);
        return builder;
      },
      onWeekDay(day: GoogleAppsScript.Base.Weekday) {
        const index = WEEKDAY_NAMES.indexOf(String(day));
        if (index < 0) throw new Error('Invalid argument: day');
        weekDay = index;
        return builder;
      },
      inTimezone(zone: string) {
        if (!isValidTimeZone(zone)) throw new Error(`Invalid argument: timezone (${zone})`);
        timeZone = zone;
        return builder;
      },
      at(date: Date) {
        setKind('once');
        at = new Date(date.getTime());
        return builder;
      },
      after(durationMilliseconds: number) {
        setKind('once');
        at = new Date(now().getTime() + Number(durationMilliseconds));
        return builder;
      },
      create() {
        if (kind === null)
          throw new Error('Trigger needs a recurrence: call everyHours, everyDays, everyWeeks, at or after.');
        if (hour !== null && kind !== 'days' && kind !== 'weeks') {
          throw new Error('atHour can only be used with everyDays or everyWeeks.');
        }
        if (weekDay !== null && kind !== 'weeks') throw new Error('onWeekDay can only be used with everyWeeks.');
        // Without atHour/nearMinute, Apps Script picks a time and keeps it; we pick the creation time.
        const created = localParts(now(), timeZone);
        const record = baseRecord(handler, EventType.CLOCK, TriggerSource.CLOCK, null);
        record.clock = {
          kind,
          every,
          hour: kind === 'days' || kind === 'weeks' ? (hour ?? created.hour) : null,
          minute: kind === 'once' ? null : (minute ?? (kind === 'minutes' ? 0 : created.minute)),
          weekDay: kind === 'weeks' ? (weekDay ?? created.weekDay) : null,
          timeZone,
          at: at ? (at as Date).toISOString() : null,
        };
        return insert(record);
      },
    };
    builder = track(calls, 'ClockTriggerBuilder', api) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
    return builder;
  }

  function spreadsheetBuilder(handler: string, sourceId: string): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    let eventType: string | null = null;
    let builder: GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
    const choose = (type: string) => () => {
      eventType = type;
      return builder;
    };
    builder = track(calls, 'SpreadsheetTriggerBuilder', {
      onOpen: choose(EventType.ON_OPEN),
      onEdit: choose(EventType.ON_EDIT),
      onChange: choose(EventType.ON_CHANGE),
      onFormSubmit: choose(EventType.ON_FORM_SUBMIT),
      create() {
        if (eventType === null)
          throw new Error('Trigger needs an event: call onOpen, onEdit, onChange or onFormSubmit.');
        return insert(baseRecord(handler, eventType, TriggerSource.SPREADSHEETS, sourceId));
      },
    });
    return builder;
  }

  const api = {
    AuthMode: AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode,
    EventType: EventType as unknown as typeof GoogleAppsScript.Script.EventType,
    TriggerSource: TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource,
    WeekDay: WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday,
    AuthorizationStatus: AuthorizationStatus as unknown as typeof GoogleAppsScript.Script.AuthorizationStatus,
    InstallationSource: InstallationSource as unknown as typeof GoogleAppsScript.Script.InstallationSource,
    /** reference/script/authorization-info: whether the user must authorize again, and where. */
    getAuthorizationInfo(_authMode: GoogleAppsScript.Script.AuthMode) {
      const required = options.authorizationRequired?.() ?? false;
      return track(calls, 'AuthorizationInfo', {
        getAuthorizationStatus: () =>
          (required
            ? AuthorizationStatus.REQUIRED
            : AuthorizationStatus.NOT_REQUIRED) as unknown as GoogleAppsScript.Script.AuthorizationStatus,
        getAuthorizationUrl: () =>
          (required ? 'https://script.google.com/macros/d/partnerpulse-local/authorize' : null) as unknown as string,
        getAuthorizedScopes: () => null as unknown as string[],
      }) as unknown as GoogleAppsScript.Script.AuthorizationInfo;
    },
    getInstallationSource() {
      return (options.installationSource ??
        InstallationSource.WEB_STORE_ADD_ON) as unknown as GoogleAppsScript.Script.InstallationSource;
    },
    newTrigger(functionName: string) {
      const handler = String(functionName);
      return track(calls, 'TriggerBuilder', {
        timeBased: () => clockBuilder(handler),
        forSpreadsheet: (sheet: unknown) => spreadsheetBuilder(handler, sourceIdOf(sheet)),
      }) as unknown as GoogleAppsScript.Script.TriggerBuilder;
    },
    /** "All installable triggers associated with the current project and current user." */
    getProjectTriggers() {
      return mine().map((t) => triggerObject(calls, t));
    },
    /**
     * This user's triggers for the given spreadsheet. The state file belongs to one spreadsheet, so
     * time-driven triggers (no source id) belong to it as well.
     */
    getUserTriggers(spreadsheet: unknown) {
      const id = sourceIdOf(spreadsheet);
      return mine()
        .filter((t) => t.sourceId === null || t.sourceId === id)
        .map((t) => triggerObject(calls, t));
    },
    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger) {
      const id = trigger.getUniqueId();
      store.update((state) => {
        state.triggers = state.triggers.filter((t) => t.id !== id);
      });
    },
  };
  const scriptApp = track(calls, 'ScriptApp', api) as unknown as ScriptAppApi;

  /**
   * The time-driven triggers (of every user) that would have fired in (since, until], in firing order.
   * Not a ScriptApp method, so it is not counted as an Apps Script call.
   */
  function dueTimeTriggers(since: Date, until: Date): DueTrigger[] {
    const due: DueTrigger[] = [];
    const from = since.getTime();
    const to = until.getTime();
    for (const record of store.read().triggers) {
      if (!record.clock) continue;
      for (const time of firingTimes(record, from, to)) {
        due.push({
          at: new Date(time),
          handler: record.handler,
          triggerId: record.id,
          trigger: triggerObject(calls, record),
        });
      }
    }
    return due.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /**
   * The clock triggers (of every user) due at `at`: those with a firing time after they were last fired (or
   * created) and not after `at`. Marks them fired at `at`, so each is fired once per due time. Not counted.
   */
  function takeDueTriggers(at: Date): DueTrigger[] {
    const to = at.getTime();
    return store.update((state) => {
      const due: DueTrigger[] = [];
      for (const record of state.triggers) {
        if (!record.clock) continue;
        const since = Date.parse(record.lastFired ?? record.created);
        const times = firingTimes(record, since, to);
        if (times.length === 0) continue;
        record.lastFired = at.toISOString();
        due.push({
          at: new Date(times[times.length - 1]),
          handler: record.handler,
          triggerId: record.id,
          trigger: triggerObject(calls, record),
          user: record.user,
        });
      }
      return due.sort((a, b) => a.at.getTime() - b.at.getTime());
    });
  }

  return { scriptApp, dueTimeTriggers, takeDueTriggers };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Instants in (from, to] at which a clock trigger fires; a trigger never fires before it was created. */
export function firingTimes(record: TriggerRecord, from: number, to: number): number[] {
  const clock = record.clock;
  if (!clock) return [];
  const created = Date.parse(record.created);
  const start = Math.max(from, created);
  const times: number[] = [];
  if (clock.kind === 'once') {
    const at = Date.parse(clock.at ?? '');
    if (at > from && at <= to && at >= created) times.push(at);
    return times;
  }
  if (clock.kind === 'minutes') {
    // Every n minutes on the n-minute marks of the hour (zone offsets are whole quarter hours).
    const step = clock.every * MINUTE;
    for (let t = Math.floor(start / step) * step + step; t <= to; t += step) times.push(t);
    return times;
  }
  // Hourly, daily and weekly triggers fire at a local minute of some hours: walk the UTC hours and
  // find, in each, the instant whose local minute is the trigger's (offsets are constant within an hour
  // except at a DST change, which the check of the local fields catches).
  const createdLocal = localParts(new Date(created), clock.timeZone);
  const createdDay = dayNumber(createdLocal);
  const targetMinute = clock.minute ?? 0;
  for (let hourStart = Math.floor(start / HOUR) * HOUR; hourStart <= to; hourStart += HOUR) {
    const atStart = localParts(new Date(hourStart), clock.timeZone);
    const t = hourStart + ((((targetMinute - atStart.minute) % 60) + 60) % 60) * MINUTE;
    if (t <= start || t > to) continue;
    const local = localParts(new Date(t), clock.timeZone);
    if (local.minute !== targetMinute) continue;
    const days = dayNumber(local) - createdDay;
    let fires: boolean;
    if (clock.kind === 'hours') fires = local.hour % clock.every === 0;
    else if (clock.kind === 'days') fires = local.hour === clock.hour && days % clock.every === 0;
    else
      fires = local.hour === clock.hour && local.weekDay === clock.weekDay && Math.floor(days / 7) % clock.every === 0;
    if (fires) times.push(t);
  }
  return times;
}

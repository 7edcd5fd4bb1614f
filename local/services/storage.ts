/**
 * PropertiesService and CacheService over the shared state file.
 *
 * Properties: https://developers.google.com/apps-script/reference/properties/properties
 * Cache:      https://developers.google.com/apps-script/reference/cache/cache
 */
import type { CallLog } from '../calls';
import type { CacheEntry, Scope, ServicesState, StateStore } from './state';
import { track } from './track';

type PropertiesApi = Pick<
  GoogleAppsScript.Properties.Properties,
  | 'getProperty'
  | 'setProperty'
  | 'setProperties'
  | 'getProperties'
  | 'deleteProperty'
  | 'deleteAllProperties'
  | 'getKeys'
>;
export type PropertiesServiceApi = Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'
>;
type CacheApi = Pick<GoogleAppsScript.Cache.Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'>;
export type CacheServiceApi = Pick<
  GoogleAppsScript.Cache.CacheService,
  'getDocumentCache' | 'getScriptCache' | 'getUserCache'
>;

/** Apps Script's total per property store (quotas page: "Properties value size 9 KB / total 500 KB"). */
const PROPERTY_STORE_BYTES = 500 * 1024;
/** And per value (same line of the quotas page); Apps Script refuses a larger one with "Argument too large". */
export const PROPERTY_VALUE_BYTES = 9 * 1024;

/**
 * Apps Script stores only strings and converts anything else with JavaScript's String():
 * setProperty('n', 5) reads back '5', an object reads back '[object Object]'.
 */
function asString(value: unknown): string {
  return String(value);
}

function propertyBag(state: ServicesState, scope: Scope, user: string, create: boolean): Record<string, string> {
  if (scope !== 'user') return state.properties[scope];
  const bag = state.properties.user[user];
  if (bag) return bag;
  const fresh: Record<string, string> = {};
  if (create) state.properties.user[user] = fresh;
  return fresh;
}

function storeBytes(bag: Record<string, string>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(bag)) bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  return bytes;
}

function checkQuota(bag: Record<string, string>): void {
  for (const value of Object.values(bag)) {
    if (Buffer.byteLength(value) > PROPERTY_VALUE_BYTES) throw new Error('Argument too large: value');
  }
  if (storeBytes(bag) > PROPERTY_STORE_BYTES) {
    throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
}

function createProperties(calls: CallLog, store: StateStore, scope: Scope, user: string): PropertiesApi {
  const read = () => propertyBag(store.read(), scope, user, false);
  const write = (change: (bag: Record<string, string>) => void) =>
    store.update((state) => {
      const bag = propertyBag(state, scope, user, true);
      const before = { ...bag };
      change(bag);
      try {
        checkQuota(bag);
      } catch (error) {
        for (const key of Object.keys(bag)) delete bag[key];
        Object.assign(bag, before);
        throw error;
      }
    });

  // Methods return the same (tracked) object so calls chain as in Apps Script.
  let self: PropertiesApi;
  const api: PropertiesApi = {
    getProperty(key: string) {
      const bag = read();
      return Object.hasOwn(bag, key) ? bag[key] : null;
    },
    setProperty(key: string, value: string) {
      write((bag) => {
        bag[String(key)] = asString(value);
      });
      return self;
    },
    setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean) {
      write((bag) => {
        if (deleteAllOthers) for (const key of Object.keys(bag)) delete bag[key];
        for (const [key, value] of Object.entries(properties)) bag[key] = asString(value);
      });
      return self;
    },
    getProperties() {
      return { ...read() };
    },
    deleteProperty(key: string) {
      write((bag) => {
        delete bag[key];
      });
      return self;
    },
    deleteAllProperties() {
      write((bag) => {
        for (const key of Object.keys(bag)) delete bag[key];
      });
      return self;
    },
    getKeys() {
      return Object.keys(read());
    },
  };
  self = track(calls, 'Properties', api);
  return self;
}

export function createPropertiesService(calls: CallLog, store: StateStore, user: string): PropertiesServiceApi {
  const stores = {
    document: createProperties(calls, store, 'document', user),
    script: createProperties(calls, store, 'script', user),
    user: createProperties(calls, store, 'user', user),
  };
  return track(calls, 'PropertiesService', {
    getDocumentProperties: () => stores.document as GoogleAppsScript.Properties.Properties,
    getScriptProperties: () => stores.script as GoogleAppsScript.Properties.Properties,
    getUserProperties: () => stores.user as GoogleAppsScript.Properties.Properties,
  });
}

/** Default and maximum lifetimes from the Cache reference: 600 s unless given, at most 21600 s (6 h). */
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21600;
const CACHE_MAX_KEY_CHARS = 250;
const CACHE_MAX_VALUE_BYTES = 100 * 1024;

function cacheBag(state: ServicesState, scope: Scope, user: string, create: boolean): Record<string, CacheEntry> {
  if (scope !== 'user') return state.cache[scope];
  const bag = state.cache.user[user];
  if (bag) return bag;
  const fresh: Record<string, CacheEntry> = {};
  if (create) state.cache.user[user] = fresh;
  return fresh;
}

function createCache(calls: CallLog, store: StateStore, scope: Scope, user: string, now: () => Date): CacheApi {
  const live = (entry: CacheEntry | undefined): string | null =>
    entry !== undefined && entry.expires > now().getTime() ? entry.value : null;

  const validated = (key: string, value: unknown): [string, string] => {
    const k = String(key);
    const v = asString(value);
    if (k.length > CACHE_MAX_KEY_CHARS) throw new Error('Argument too large: key');
    if (Buffer.byteLength(v) > CACHE_MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    return [k, v];
  };

  // Out-of-range lifetimes are clamped to what Apps Script allows rather than rejected.
  const lifetime = (seconds: number | undefined): number =>
    seconds === undefined ? CACHE_DEFAULT_SECONDS : Math.min(Math.max(Number(seconds), 1), CACHE_MAX_SECONDS);

  const putEntries = (entries: [string, string][], seconds: number | undefined) => {
    const expires = now().getTime() + lifetime(seconds) * 1000;
    store.update((state) => {
      const bag = cacheBag(state, scope, user, true);
      // Expired entries are dropped on every write so the state file does not grow without end.
      const t = now().getTime();
      for (const [key, entry] of Object.entries(bag)) if (entry.expires <= t) delete bag[key];
      for (const [key, value] of entries) bag[key] = { value, expires };
    });
  };

  return track(calls, 'Cache', {
    get(key: string) {
      return live(cacheBag(store.read(), scope, user, false)[key]);
    },
    getAll(keys: string[]) {
      const bag = cacheBag(store.read(), scope, user, false);
      const found: Record<string, string> = {};
      for (const key of keys) {
        const value = live(bag[key]);
        if (value !== null) found[key] = value;
      }
      return found;
    },
    put(key: string, value: string, expirationInSeconds?: number) {
      putEntries([validated(key, value)], expirationInSeconds);
    },
    putAll(values: { [key: string]: unknown }, expirationInSeconds?: number) {
      putEntries(
        Object.entries(values).map(([k, v]) => validated(k, v)),
        expirationInSeconds,
      );
    },
    remove(key: string) {
      store.update((state) => {
        delete cacheBag(state, scope, user, true)[key];
      });
    },
    removeAll(keys: string[]) {
      store.update((state) => {
        const bag = cacheBag(state, scope, user, true);
        for (const key of keys) delete bag[key];
      });
    },
  });
}

export function createCacheService(calls: CallLog, store: StateStore, user: string, now: () => Date): CacheServiceApi {
  const caches = {
    document: createCache(calls, store, 'document', user, now) as GoogleAppsScript.Cache.Cache,
    script: createCache(calls, store, 'script', user, now) as GoogleAppsScript.Cache.Cache,
    user: createCache(calls, store, 'user', user, now) as GoogleAppsScript.Cache.Cache,
  };
  return track(calls, 'CacheService', {
    // Non-null: the add-on is always bound to (run against) a spreadsheet here.
    getDocumentCache: () => caches.document,
    getScriptCache: () => caches.script,
    getUserCache: () => caches.user,
  });
}

import { DEFAULT_ALIASES, type Field } from '../reading/partnerTable';
import { DEFAULT_RULES, type Rules } from '../rules';
import { validateSettings } from './validation';

export interface SheetNames {
  partners: string;
  escalations: string;
  alertLog: string;
  runLog: string;
  healthHistory: string;
  pipeline: string;
  feedback: string;
  actionItems: string;
  qbrLog: string;
  dashboard: string;
  /** Optional joint business plan milestones (docs/rules.md §10). */
  jointPlan: string;
}

/**
 * What a partner-ops lead can set for the whole spreadsheet (docs/rules.md §8). Stored as JSON in the document
 * properties, so every collaborator, the triggers and the sidebar read the same rules.
 */
export interface Settings {
  version: typeof SETTINGS_VERSION;
  rules: Rules;
  sheets: SheetNames;
  /** Extra header texts per field, accepted next to the built-in aliases of docs/rules.md §1. */
  aliases: Partial<Record<Field, string[]>>;
  adminEmail: string | null;
  escalation: { vpPartnerships: string | null; director: string | null; partnerSupport: string | null };
  /** Hour of the daily run, 0–23, in the spreadsheet's time zone. */
  dailyHour: number;
  /** Color whole partner rows, or only the Health cell. */
  recolorTarget: 'row' | 'health';
}

/**
 * Version 1: rules, five sheet names, addresses, daily hour, recolor target.
 * Version 2: adds column aliases and the names of the optional sheets (Pipeline … Dashboard).
 */
export const SETTINGS_VERSION = 2 as const;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  rules: DEFAULT_RULES,
  sheets: {
    partners: 'Partners',
    escalations: 'Escalations',
    alertLog: 'Alert log',
    runLog: 'Run log',
    healthHistory: 'Health history',
    pipeline: 'Pipeline',
    feedback: 'Feedback',
    actionItems: 'Action items',
    qbrLog: 'QBR log',
    dashboard: 'Dashboard',
    jointPlan: 'Joint plan',
  },
  aliases: {},
  adminEmail: null,
  escalation: { vpPartnerships: null, director: null, partnerSupport: null },
  dailyHour: 7,
  recolorTarget: 'row',
};

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Defaults overlaid with what was stored; keys the stored copy lacks (an older version) keep their default. */
export function overlay<T>(base: T, stored: unknown): T {
  if (!isObject(base) || !isObject(stored)) return stored === undefined ? base : (stored as T);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const key of Object.keys(base as Record<string, unknown>)) {
    if (key in stored) out[key] = overlay((base as Record<string, unknown>)[key], stored[key]);
  }
  return out as T;
}

/**
 * Brings stored settings of an older version to the current shape. Each step takes version n to n + 1, so
 * a copy saved years ago still loads. A copy without a version is version 1 (the first release wrote it).
 */
export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  let current = { ...stored };
  let version = typeof current.version === 'number' ? current.version : 1;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    current = step(current);
    version = current.version as number;
  }
  return current;
}

const MIGRATIONS: Record<number, (s: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 1 had no aliases and named only five sheets; the new names take their defaults in the overlay.
  // Names no longer used (a stored sheets.quarterSnapshots, before the snapshots moved into the Health
  // history) are dropped there too: the overlay walks the defaults' keys only.
  1: (s) => ({ ...s, aliases: {}, version: 2 }),
};

/** Stored settings as the add-on uses them, and what had to be put back to its default to get there. */
export interface LoadedSettings {
  settings: Settings;
  /** Problems found in the stored copy (edited by hand, or valid under an older version's rules). */
  problems: { field: string; message: string }[];
}

/**
 * Settings from their stored JSON (null: nothing stored yet). Unreadable JSON gives the defaults; a stored
 * field that is no longer valid falls back to its default alone, so one bad value never costs the admin
 * address or the rest.
 */
export function readStoredSettings(json: string | null): LoadedSettings {
  if (!json) return { settings: DEFAULT_SETTINGS, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ field: 'settings', message: 'The stored settings are not readable JSON; the defaults are used.' }],
    };
  }
  if (!isObject(parsed))
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ field: 'settings', message: 'The stored settings are not an object; the defaults are used.' }],
    };
  const migrated = migrateSettings(parsed);
  const candidate = overlay(DEFAULT_SETTINGS, migrated);
  // Aliases are a map whose keys the defaults do not list, so the overlay (which walks the defaults) skips them.
  candidate.aliases = (isObject(migrated.aliases) ? migrated.aliases : {}) as Settings['aliases'];
  candidate.version = SETTINGS_VERSION;
  const first = validateSettings(candidate);
  if (first.errors.length === 0) return { settings: first.settings, problems: [] };
  let repaired: unknown = first.settings;
  for (const error of first.errors) repaired = resetPath(repaired, error.field.split('.'), DEFAULT_SETTINGS);
  const second = validateSettings(repaired);
  return { settings: second.errors.length === 0 ? second.settings : DEFAULT_SETTINGS, problems: first.errors };
}

export function settingsFromJson(json: string | null): Settings {
  return readStoredSettings(json).settings;
}

/** A copy of `target` with the value at `path` taken from `defaults`. */
function resetPath(target: unknown, path: string[], defaults: unknown): unknown {
  if (path.length === 0) return defaults;
  if (!isObject(target)) return target;
  const [head, ...rest] = path;
  const base = isObject(defaults) ? defaults[head] : undefined;
  if (rest.length === 0 && base === undefined) {
    const copy = { ...target };
    delete copy[head];
    return copy;
  }
  return { ...target, [head]: resetPath(target[head], rest, base) };
}

/** The header aliases in force: docs/rules.md §1's, then the ones added in Settings. */
export function aliasesOf(settings: Settings): Record<Field, string[]> {
  const out = {} as Record<Field, string[]>;
  for (const field of Object.keys(DEFAULT_ALIASES) as Field[])
    out[field] = [...DEFAULT_ALIASES[field], ...(settings.aliases[field] ?? [])];
  return out;
}

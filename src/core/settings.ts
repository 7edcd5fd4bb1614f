import { DEFAULT_RULES, Rules } from './rules';

/**
 * What a partner-ops lead can set for the whole spreadsheet (spec §8). Stored as JSON in the document
 * properties, so every collaborator, the triggers and the sidebar read the same rules.
 */
export interface Settings {
  version: 1;
  rules: Rules;
  sheets: { partners: string; escalations: string; alertLog: string; runLog: string; healthHistory: string };
  adminEmail: string | null;
  escalation: { vpPartnerships: string | null; director: string | null; partnerSupport: string | null };
  /** Hour of the daily run, 0–23, in the spreadsheet's time zone. */
  dailyHour: number;
  /** Color whole partner rows, or only the Health cell. */
  recolorTarget: 'row' | 'health';
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  rules: DEFAULT_RULES,
  sheets: { partners: 'Partners', escalations: 'Escalations', alertLog: 'Alert log', runLog: 'Run log', healthHistory: 'Health history' },
  adminEmail: null,
  escalation: { vpPartnerships: null, director: null, partnerSupport: null },
  dailyHour: 7,
  recolorTarget: 'row',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Defaults overlaid with what was stored; keys the stored copy lacks (an older version) keep their default. */
function overlay<T>(base: T, stored: unknown): T {
  if (!isObject(base) || !isObject(stored)) return (stored === undefined ? base : (stored as T));
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const key of Object.keys(base as Record<string, unknown>)) {
    if (key in stored) out[key] = overlay((base as Record<string, unknown>)[key], stored[key]);
  }
  return out as T;
}

/** Settings from their stored JSON (null: nothing stored yet). Unreadable JSON falls back to the defaults. */
export function settingsFromJson(json: string | null): Settings {
  if (!json) return DEFAULT_SETTINGS;
  try {
    return overlay(DEFAULT_SETTINGS, JSON.parse(json));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

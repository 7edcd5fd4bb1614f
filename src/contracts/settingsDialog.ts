// The Settings dialog's contract (docs/settings.md): every type that crosses google.script.run between
// ui/settings/ and src/server/settings/dialog.ts. The dialog imports nothing from src/ but this module; the
// server's entries are checked against `SettingsDialogServer` in src/contracts/conformance.ts.

/** How a field is typed: a percent field shows a fraction as "20%"; a list field is comma-separated text. */
export type SettingsFieldKind = 'text' | 'percent' | 'color' | 'choice' | 'list';

export interface SettingsDialogField {
  /** Where the value goes in the settings, such as `rules.weights.revenue` (also the error's `field`). */
  path: string;
  label: string;
  kind: SettingsFieldKind;
  /** The stored value as typed in the input ("20%" for a percent field, "" for a blank). */
  value: string;
  /** A choice field's options. */
  options: string[];
  /** Shown greyed in an empty input: the built-in column headers of a list field. */
  placeholder: string;
  /** A color field's stored color, when it is one (for the swatch); null otherwise. */
  swatch: string | null;
}

export interface SettingsDialogData {
  groups: { title: string; fields: SettingsDialogField[] }[];
  /** Problems with the stored copy: those fields are at their defaults (docs/settings.md). */
  problems: string[];
}

/** One refused field: `field` is a field's path, a group's path (a rule over several fields) or "settings". */
export interface SettingsError {
  field: string;
  message: string;
}

export interface SaveResult {
  saved: boolean;
  errors: SettingsError[];
}

/** The server functions the dialog calls through google.script.run. */
export interface SettingsDialogServer {
  getSettingsDialog(): SettingsDialogData;
  /** The form as JSON (`settingsJson`); a partial object changes only what it names. */
  saveSettings(json: string): SaveResult;
}

/**
 * The form's values as saveSettings reads them: each path's value at its place in one object
 * (`rules.weights.fit` → `{ rules: { weights: { fit } } }`), list fields as arrays of their trimmed items.
 */
export function settingsJson(values: readonly { path: string; value: string; list: boolean }[]): string {
  const out: Record<string, unknown> = {};
  for (const { path, value, list } of values) {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = list
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  }
  return JSON.stringify(out);
}

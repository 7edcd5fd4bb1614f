import type { SettingsDialogData, SettingsDialogField } from '../../contracts/settingsDialog';
import { DEFAULT_ALIASES } from '../reading/partnerTable';
import { ALIAS_FIELDS, getPath, SETTING_FIELDS, type SettingField } from './fields';
import type { Settings } from './settings';
import { fieldName, type SettingsError } from './validation';

const COLOR = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i;

/** How a stored value shows in its input: fractions of percent fields as "20%", blanks empty. */
function inputValue(field: SettingField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind.type === 'number' && field.kind.percent && typeof value === 'number')
    return `${Math.round(value * 10000) / 100}%`;
  return String(value);
}

function dialogField(field: SettingField, value: unknown): SettingsDialogField {
  const kind = field.kind;
  return {
    path: field.path,
    label: field.label,
    kind:
      kind.type === 'number' && kind.percent
        ? 'percent'
        : kind.type === 'color' || kind.type === 'choice'
          ? kind.type
          : 'text',
    value: inputValue(field, value),
    options: kind.type === 'choice' ? [...kind.options] : [],
    placeholder: '',
    swatch: kind.type === 'color' && COLOR.test(String(value)) ? String(value) : null,
  };
}

/**
 * What the Settings dialog (ui/settings/) shows: every setting in its group with its stored value as text, the
 * column aliases, and the problems with the stored copy on top (docs/settings.md). The dialog puts every
 * value on the page as text, so none is escaped here.
 */
export function settingsDialogData(settings: Settings, problems: readonly SettingsError[] = []): SettingsDialogData {
  const groups = new Map<string, SettingsDialogField[]>();
  for (const f of SETTING_FIELDS)
    groups.set(f.group, [...(groups.get(f.group) ?? []), dialogField(f, getPath(settings, f.path))]);
  const aliases = ALIAS_FIELDS.map(
    (field): SettingsDialogField => ({
      path: `aliases.${field}`,
      label: fieldName(field),
      kind: 'list',
      value: (settings.aliases[field] ?? []).join(', '),
      options: [],
      placeholder: DEFAULT_ALIASES[field].join(', '),
      swatch: null,
    }),
  );
  return {
    groups: [
      ...[...groups].map(([title, fields]) => ({ title, fields })),
      { title: 'Other column headers (comma-separated, on top of the built-in ones shown in grey)', fields: aliases },
    ],
    problems: problems.map((p) => p.message),
  };
}

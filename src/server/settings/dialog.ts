import { settingsFormHtml } from '../../core/settings/form';
import { isObject, overlay, readStoredSettings, type Settings } from '../../core/settings/settings';
import { type SettingsError, validateSettings } from '../../core/settings/validation';
import { calendarOf, SETTINGS_KEY } from '../platform/spreadsheetContext';
import { keepFormulasCurrent } from '../sheets/asOfSheet';

export interface SaveResult {
  saved: boolean;
  errors: SettingsError[];
}

function storedSettings() {
  return readStoredSettings(PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY));
}

/** Menu: Settings… — a modal dialog over the stored settings (problems with the stored copy shown on top). */
export function openSettings(): void {
  const { settings, problems } = storedSettings();
  const html = HtmlService.createHtmlOutput(settingsFormHtml(settings, problems)).setWidth(760).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, 'PartnerPulse settings');
}

/**
 * Saves settings sent as JSON (the dialog sends the whole form; a partial object changes only what it names).
 * Nothing is saved when any field is refused; every refusal comes back with its field.
 */
export function saveSettings(json: string): SaveResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(json));
  } catch {
    return {
      saved: false,
      errors: [
        {
          field: 'settings',
          message:
            'Settings could not be read: the dialog sent something that is not JSON. Reopen Settings and try again.',
        },
      ],
    };
  }
  if (!isObject(parsed))
    return {
      saved: false,
      errors: [{ field: 'settings', message: 'Settings must be an object of fields and values.' }],
    };
  const current = storedSettings().settings;
  const merged: Settings = overlay(current, parsed);
  if ('aliases' in parsed) merged.aliases = parsed.aliases as Settings['aliases'];
  merged.version = current.version;
  const { settings, errors } = validateSettings(merged);
  if (errors.length > 0) return { saved: false, errors };
  const stored = JSON.stringify(settings);
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, stored);
  // Formulas that take PartnerPulse!B1:B2 recalculate now under the new Settings.
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (ss) {
    const calendar = calendarOf(ss);
    keepFormulasCurrent(ss, calendar, calendar.dayOf(new Date()), stored);
  }
  return { saved: true, errors: [] };
}

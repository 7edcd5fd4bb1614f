import type { SaveResult, SettingsDialogData } from '../../contracts/settingsDialog';
import { settingsDialogData } from '../../core/settings/form';
import { isObject, overlay, type Settings } from '../../core/settings/settings';
import { validateSettings } from '../../core/settings/validation';
import { STORED } from '../../core/store/storedKeys';
import { calendarOf, storedSettings } from '../platform/spreadsheetContext';
import { write } from '../platform/store';
import { keepFormulasCurrent } from '../sheets/asOfSheet';

/**
 * Menu: Settings… — a modal dialog over the stored settings: dist/Settings.html, built from ui/settings/ by
 * scripts/build-ui.mjs, which asks getSettingsDialog for what to show.
 */
export function openSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile('Settings').setWidth(760).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, 'PartnerPulse settings');
}

/** What the dialog shows: every setting with its stored value, and the problems with the stored copy. */
export function getSettingsDialog(): SettingsDialogData {
  const { settings, problems } = storedSettings();
  return settingsDialogData(settings, problems);
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
  // Settings over Google's 9 KB a property are refused with a message the dialog shows (the store's).
  write(STORED.settings, settings);
  const stored = STORED.settings.codec.encode(settings);
  // Formulas that take PartnerPulse!B1:B2 recalculate now under the new Settings.
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (ss) {
    const calendar = calendarOf(ss);
    keepFormulasCurrent(ss, calendar, calendar.dayOf(new Date()), stored);
  }
  return { saved: true, errors: [] };
}

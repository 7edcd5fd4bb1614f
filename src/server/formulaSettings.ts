import { DEFAULT_SETTINGS, Settings, settingsFromJson } from '../core/settings';
import { SETTINGS_KEY } from './context';

/**
 * The settings a custom function works with. Google's custom-function guide lists the Properties service
 * among those a custom function may call, so the formulas read the same stored settings as the menu and the
 * triggers. Where no document properties exist (a script that is neither an add-on nor bound to a file gets
 * null) the defaults apply.
 */
export function settingsForFormulas(): Settings {
  try {
    const props = typeof PropertiesService === 'undefined' ? null : PropertiesService.getDocumentProperties();
    return props ? settingsFromJson(props.getProperty(SETTINGS_KEY)) : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

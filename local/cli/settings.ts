/** `npm run local -- settings [--set key=value …]`: Settings listed, or changed through the dialog's own saveSettings. */

import { ALIAS_FIELDS, getPath, SETTING_FIELDS } from '../../src/core/settings/fields';
import { readStoredSettings } from '../../src/core/settings/settings';
import { shown } from '../workingCopy';
import { helpText } from './help';
import { openCopy, workbookFor } from './opening';
import { parseArgs } from './options';
import { SETTINGS_KEY } from './report';

/** The settings keys and their values as text, as the Settings dialog shows them. */
function settingLines(settings: unknown): string[] {
  const text = (v: unknown) => (v === null || v === undefined ? '(blank)' : String(v));
  const width = Math.max(
    ...SETTING_FIELDS.map((f) => f.path.length),
    ...ALIAS_FIELDS.map((f) => `aliases.${f}`.length),
  );
  const lines: string[] = [];
  let group = '';
  for (const f of SETTING_FIELDS) {
    if (f.group !== group) {
      group = f.group;
      lines.push(`${group}:`);
    }
    lines.push(`  ${f.path.padEnd(width)}  ${text(getPath(settings, f.path)).padEnd(12)}  ${f.label}`);
  }
  lines.push('Column aliases (extra header texts, comma-separated):');
  for (const f of ALIAS_FIELDS) {
    const list = (getPath(settings, `aliases.${f}`) as string[] | undefined) ?? [];
    lines.push(`  ${`aliases.${f}`.padEnd(width)}  ${list.length ? list.join(', ') : '(none)'}`);
  }
  return lines;
}

export async function runSettings(argv: string[]): Promise<number> {
  const options = parseArgs(argv, 'settings');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  const copy = await workbookFor(options, false);
  const runtime = await openCopy(options, copy);
  const read = () =>
    readStoredSettings(runtime.services.PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY));
  if (!options.sets?.length) {
    const { settings, problems } = read();
    console.log(`Settings of ${shown(copy.path)} (change with --set KEY=VALUE):`);
    for (const p of problems)
      console.log(`  stored setting refused, default used: ${typeof p === 'string' ? p : JSON.stringify(p)}`);
    console.log(settingLines(settings).join('\n'));
    return 0;
  }
  const change: Record<string, unknown> = {};
  const current = read().settings;
  for (const pair of options.sets) {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      console.error(`--set ${pair}: write it as KEY=VALUE, such as --set rules.weights.revenue=30`);
      return 2;
    }
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    if (key.startsWith('aliases.')) {
      const field = key.slice('aliases.'.length);
      if (!(ALIAS_FIELDS as string[]).includes(field)) {
        console.error(`--set ${key}: no such column; allowed: ${ALIAS_FIELDS.map((f) => `aliases.${f}`).join(', ')}`);
        return 2;
      }
      change.aliases ??= { ...current.aliases };
      (change.aliases as Record<string, unknown>)[field] = value;
      continue;
    }
    if (!SETTING_FIELDS.some((f) => f.path === key)) {
      console.error(`--set ${key}: no such setting; \`npm run local -- settings\` lists them`);
      return 2;
    }
    const keys = key.split('.');
    let node = change;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  // The Settings dialog's own server function: the same validation, the same "nothing saved when one is refused".
  const result = runtime.call('saveSettings', JSON.stringify(change)) as {
    saved: boolean;
    errors: { field: string; message: string }[];
  };
  if (!result.saved) {
    for (const e of result.errors) console.error(`Not saved: ${e.message}`);
    return 1;
  }
  runtime.services.save();
  const saved = read().settings;
  for (const pair of options.sets) {
    const key = pair.slice(0, pair.indexOf('=')).trim();
    const value = getPath(saved, key);
    console.log(
      `Saved ${key} = ${Array.isArray(value) ? value.join(', ') : value === null ? '(blank)' : String(value)}`,
    );
  }
  return 0;
}

import { escapeHtml } from '../html';
import { DEFAULT_ALIASES } from '../reading/partnerTable';
import { ALIAS_FIELDS, getPath, SETTING_FIELDS, type SettingField } from './fields';
import type { Settings } from './settings';
import { fieldName, type SettingsError } from './validation';

/** How a stored value shows in its input: fractions of percent fields as "20%", blanks empty. */
function inputValue(field: SettingField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind.type === 'number' && field.kind.percent && typeof value === 'number')
    return `${Math.round(value * 10000) / 100}%`;
  return String(value);
}

function input(field: SettingField, value: unknown): string {
  const v = escapeHtml(inputValue(field, value));
  const path = escapeHtml(field.path);
  const control =
    field.kind.type === 'choice'
      ? `<select data-path="${path}">${field.kind.options.map((o) => `<option${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`).join('')}</select>`
      : `<input data-path="${path}" value="${v}"${field.kind.type === 'color' ? ' class="color"' : ''}>`;
  const swatch =
    field.kind.type === 'color'
      ? `<span class="swatch" style="background:${/^#[0-9a-f]{3,6}$/i.test(String(value)) ? v : '#fff'}"></span>`
      : '';
  return `<label><span class="name">${escapeHtml(field.label)}</span>${control}${swatch}<span class="err" data-err-for="${path}"></span></label>`;
}

/**
 * The Settings dialog: one form over every setting, values escaped, no script but the static one below,
 * which sends the form as JSON to saveSettings and shows each refusal next to its field.
 */
export function settingsFormHtml(settings: Settings, problems: readonly SettingsError[] = []): string {
  const groups = new Map<string, SettingField[]>();
  for (const f of SETTING_FIELDS) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  const sections = [...groups].map(
    ([group, fields]) =>
      `<fieldset><legend>${escapeHtml(group)}</legend>${fields.map((f) => input(f, getPath(settings, f.path))).join('')}</fieldset>`,
  );
  const aliasRows = ALIAS_FIELDS.map((field) => {
    const path = escapeHtml(`aliases.${field}`);
    return `<label><span class="name">${escapeHtml(fieldName(field))}</span><input data-path="${path}" data-list="1" value="${escapeHtml((settings.aliases[field] ?? []).join(', '))}" placeholder="${escapeHtml(DEFAULT_ALIASES[field].join(', '))}"><span class="err" data-err-for="${path}"></span></label>`;
  });
  sections.push(
    `<fieldset><legend>Other column headers (comma-separated, on top of the built-in ones shown in grey)</legend>${aliasRows.join('')}</fieldset>`,
  );
  const stored = problems.length
    ? `<div class="problems">Some stored settings were not valid and are at their defaults:<ul>${problems.map((p) => `<li>${escapeHtml(p.message)}</li>`).join('')}</ul></div>`
    : '';
  return `<!DOCTYPE html>
<html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:8px}fieldset{border:1px solid #ddd;margin:0 0 10px;padding:6px 10px}
legend{font-weight:bold}label{display:flex;align-items:center;gap:8px;margin:3px 0}.name{width:280px}
input,select{width:200px}.swatch{display:inline-block;width:16px;height:16px;border:1px solid #999}
.err{color:#c5221f}.problems,#summary{background:#fce8e6;padding:6px;margin-bottom:8px}#summary:empty{display:none}
.saved{background:#e6f4ea!important}.bar{position:sticky;bottom:0;background:#fff;padding:6px 0}
</style></head><body>
${stored}<div id="summary"></div>
<form id="settings">${sections.join('\n')}</form>
<div class="bar"><button id="save">Save</button> <button id="cancel">Close</button></div>
<script>
(function () {
  function collect() {
    var out = {};
    document.querySelectorAll('[data-path]').forEach(function (el) {
      var keys = el.getAttribute('data-path').split('.'), node = out;
      for (var i = 0; i < keys.length - 1; i++) node = node[keys[i]] = node[keys[i]] || {};
      var value = el.value;
      if (el.getAttribute('data-list')) value = value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
      node[keys[keys.length - 1]] = value;
    });
    return out;
  }
  function slotFor(field) {
    // The field's own slot, else (a rule over several fields, such as rules.weights) its group's first field.
    var all = document.querySelectorAll('[data-err-for]');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-err-for') === field) return all[i];
    for (var j = 0; j < all.length; j++) if (all[j].getAttribute('data-err-for').indexOf(field + '.') === 0) return all[j];
    return null;
  }
  function show(result) {
    var summary = document.getElementById('summary');
    document.querySelectorAll('.err').forEach(function (e) { e.textContent = ''; });
    summary.className = '';
    if (result.saved) { summary.textContent = 'Saved. Every collaborator now works with these settings.'; summary.className = 'saved'; return; }
    summary.textContent = result.errors.length + (result.errors.length === 1 ? ' setting needs' : ' settings need') + ' fixing; nothing was saved.';
    result.errors.forEach(function (e) {
      var slot = slotFor(e.field);
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + e.message;
      else summary.textContent += ' ' + e.message;
    });
  }
  document.getElementById('save').addEventListener('click', function (ev) {
    ev.preventDefault();
    google.script.run.withSuccessHandler(show).withFailureHandler(function (e) { show({ saved: false, errors: [{ field: 'settings', message: String(e.message || e) }] }); }).saveSettings(JSON.stringify(collect()));
  });
  document.getElementById('cancel').addEventListener('click', function (ev) { ev.preventDefault(); google.script.host.close(); });
})();
</script></body></html>`;
}

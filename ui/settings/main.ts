// The Settings dialog (docs/settings.md): one form over every setting of this spreadsheet, filled from
// getSettingsDialog and sent whole to saveSettings, with each refusal shown next to its field. Every value goes
// on the page through h() (textContent and attributes), never as HTML, so a sheet name with markup is text.
import {
  type SaveResult,
  type SettingsDialogData,
  type SettingsDialogField,
  type SettingsDialogServer,
  settingsJson,
} from '../../src/contracts/settingsDialog';
import { clear, h } from '../shared/dom';
import { closeDialog, errorText, scriptRun } from '../shared/scriptRun';

const call = scriptRun<SettingsDialogServer>();
const form = document.getElementById('settings') as HTMLFormElement;
const stored = document.getElementById('stored') as HTMLElement;
const summary = document.getElementById('summary') as HTMLElement;
const save = document.getElementById('save') as HTMLButtonElement;

function input(field: SettingsDialogField): HTMLElement {
  const control =
    field.kind === 'choice'
      ? h(
          'select',
          { 'data-path': field.path },
          field.options.map((o) => h('option', { value: o, text: o, selected: o === field.value })),
        )
      : h('input', {
          'data-path': field.path,
          'data-list': field.kind === 'list' ? '1' : null,
          value: field.value,
          placeholder: field.placeholder || null,
          class: field.kind === 'color' ? 'color' : null,
        });
  const swatch = field.kind === 'color' ? h('span', { class: 'swatch' }) : null;
  if (swatch) swatch.style.background = field.swatch ?? '#fff';
  return h(
    'label',
    {},
    h('span', { class: 'name', text: field.label }),
    control,
    swatch,
    h('span', { class: 'err', 'data-err-for': field.path }),
  );
}

function show(data: SettingsDialogData): void {
  clear(stored);
  stored.hidden = data.problems.length === 0;
  stored.append(
    'Some stored settings were not valid and are at their defaults:',
    h(
      'ul',
      {},
      data.problems.map((p) => h('li', { text: p })),
    ),
  );
  clear(form);
  for (const group of data.groups)
    form.append(h('fieldset', {}, h('legend', { text: group.title }), group.fields.map(input)));
  form.setAttribute('aria-busy', 'false');
  save.disabled = false;
}

function values(): { path: string; value: string; list: boolean }[] {
  return [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-path]')].map((el) => ({
    path: el.getAttribute('data-path') as string,
    value: el.value,
    list: el.hasAttribute('data-list'),
  }));
}

/** The field's own slot, else (a rule over several fields, such as rules.weights) its group's first field. */
function slotFor(field: string): Element | null {
  const slots = [...form.querySelectorAll('[data-err-for]')];
  return (
    slots.find((s) => s.getAttribute('data-err-for') === field) ??
    slots.find((s) => (s.getAttribute('data-err-for') ?? '').startsWith(`${field}.`)) ??
    null
  );
}

function showResult(result: SaveResult): void {
  for (const e of form.querySelectorAll('.err')) e.textContent = '';
  summary.className = '';
  if (result.saved) {
    summary.textContent = 'Saved. Every collaborator now works with these settings.';
    summary.className = 'saved';
    return;
  }
  const n = result.errors.length;
  summary.textContent = `${n} ${n === 1 ? 'setting needs' : 'settings need'} fixing; nothing was saved.`;
  for (const e of result.errors) {
    const slot = slotFor(e.field);
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent} ${e.message}` : e.message;
    else summary.textContent += ` ${e.message}`;
  }
}

save.addEventListener('click', (event) => {
  event.preventDefault();
  save.disabled = true;
  call('saveSettings', settingsJson(values()))
    .then(showResult, (error) =>
      showResult({ saved: false, errors: [{ field: 'settings', message: errorText(error) }] }),
    )
    .finally(() => {
      save.disabled = false;
    });
});
document.getElementById('cancel')?.addEventListener('click', (event) => {
  event.preventDefault();
  closeDialog();
});

call('getSettingsDialog').then(show, (error) => {
  summary.textContent = `Settings could not be loaded: ${errorText(error)}`;
});

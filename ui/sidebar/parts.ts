// Pieces every sidebar section is built from (CONTRIBUTING.md "Add a sidebar section"). Text only through h()
// (textContent), see ui/shared/dom.ts.
import type { Side } from '../../src/contracts/qbrSidebar';
import { h } from '../shared/dom';

/** A collapsible section of the sidebar, open at first; its id is `section-ID`. */
export function section(id: string, title: string, ...body: (Node | null | false)[]): HTMLElement {
  return h(
    'details',
    { class: 'section', id: `section-${id}`, open: true },
    h('summary', {}, h('h2', { text: title })),
    ...body,
  );
}

export function badge(text: string, kind: 'late' | 'soon' | 'ok'): HTMLElement {
  return h('span', { class: `badge ${kind}`, text });
}

/** An optional sheet is missing: how to add it. */
export function missingSheet(how: string): HTMLElement {
  return h('p', { class: 'missing-sheet', role: 'note' }, h('strong', { text: 'Sheet missing. ' }), how);
}

/** One row of a list of things to do (action items, milestones): who, what, when, and a Done button if open. */
export function itemRow(item: {
  side: Side | null;
  text: string;
  meta: (Node | string | null)[];
  done: boolean;
  doneId: string;
  onDone: () => void;
}): HTMLElement {
  return h(
    'li',
    { class: item.done ? 'done' : '' },
    h('span', { class: `side side-${(item.side ?? 'none').toLowerCase()}`, text: item.side ?? '?' }),
    h('span', { class: 'item-text', text: item.text }),
    h('span', { class: 'item-meta' }, ...item.meta),
    item.done
      ? null
      : h('button', {
          type: 'button',
          class: 'secondary small',
          id: item.doneId,
          'aria-label': `Mark "${item.text}" done`,
          text: 'Done',
          onclick: item.onDone,
        }),
  );
}

/**
 * The form that adds a thing to do: its text, side and due date (ids `ID-text`, `ID-side`, `ID-due`, `ID-add`),
 * with `extra` inputs before the button; `submit` gets the trimmed text, side and due date.
 */
export function addForm(form: {
  id: string;
  label: string;
  what: string;
  placeholder: string;
  maxLength: number;
  sides: Side[];
  due: string;
  extra?: Node[];
  submit: (text: string, side: string, due: string) => void;
}): HTMLFormElement {
  const { id } = form;
  const el = h(
    'form',
    { class: 'add-item', id: `add-${id}-form`, 'aria-label': `Add ${form.what}` },
    h('label', { for: `${id}-text`, text: form.label }),
    h('input', {
      id: `${id}-text`,
      type: 'text',
      required: true,
      maxlength: form.maxLength,
      placeholder: form.placeholder,
    }),
    h(
      'div',
      { class: 'row' },
      h('label', { for: `${id}-side`, class: 'inline', text: 'Side' }),
      h(
        'select',
        { id: `${id}-side` },
        form.sides.map((s) => h('option', { value: s, text: s })),
      ),
      h('label', { for: `${id}-due`, class: 'inline', text: 'Due' }),
      h('input', { id: `${id}-due`, type: 'date', required: true, value: form.due }),
    ),
    ...(form.extra ?? []),
    h('button', { type: 'submit', id: `${id}-add`, text: `Add ${form.what.replace(/^an? /, '')}` }),
  );
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => (document.getElementById(`${id}-${name}`) as HTMLInputElement).value.trim();
    if (value('text') && value('due')) form.submit(value('text'), value('side'), value('due'));
  });
  return el;
}

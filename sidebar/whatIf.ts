// What-if (issue #10): change the partner's inputs and see score, tier, segment and quadrant at once, computed
// here in the browser by the same core rules the server uses (src/core, bundled in), not a copy of them.
// Nothing is written until Apply and its confirmation; Apply sends only the fields that changed.
import type { QbrDetails } from '../src/core/qbr/view';
import { readDeals, readFit, readLeads, readNps } from '../src/core/reading/cells';
import { ENGAGEMENT_LEVELS } from '../src/core/rules';
import {
  changedFields,
  describeField,
  WHAT_IF_FIELDS,
  WHAT_IF_LABELS,
  type WhatIfField,
  type WhatIfInputs,
  type WhatIfOutcome,
  whatIfOutcome,
} from '../src/core/scoring/whatIf';
import type { WhatIfChanges } from '../src/server/qbr/whatIf';
import { clear, h } from './dom';

const HEX = /^#[0-9a-f]{6}$/i;

function growthText(g: number | null): string {
  if (g === null || g > 1e6) return '';
  return String(Math.round(g * 1000) / 10);
}

function initialText(field: WhatIfField, value: WhatIfInputs[WhatIfField]): string {
  if (value === null) return '';
  if (field === 'growth') return growthText(value as number);
  if (field === 'relevance') return value ? 'High' : 'Low';
  return String(value);
}

/** Reads one field's control with the core cell readers; their messages name the field and what is allowed. */
function readField(field: WhatIfField, text: string, original: WhatIfInputs[WhatIfField]): WhatIfInputs[WhatIfField] {
  const t = text.trim();
  switch (field) {
    case 'growth': {
      if (t === growthText(original as number | null)) return original;
      if (t === '') return null;
      const n = Number(t);
      if (!Number.isFinite(n) || n < -100)
        throw new Error(`Growth "${t}" is not a percentage; allowed: a number of percent ≥ −100`);
      return n / 100;
    }
    case 'deals':
      return readDeals(t);
    case 'leads':
      return readLeads(t);
    case 'nps':
      return readNps(t);
    case 'fit':
      return readFit(t);
    case 'engagement':
      return t === '' ? null : (ENGAGEMENT_LEVELS.find((l) => l === t) ?? null);
    case 'relevance':
      return t === '' ? null : t === 'High';
  }
}

function control(field: WhatIfField, value: string, disabled: boolean): HTMLInputElement | HTMLSelectElement {
  const id = `whatif-${field}`;
  const options = (list: readonly string[]) =>
    h(
      'select',
      { id, disabled },
      ['', ...list].map((o) => h('option', { value: o, text: o === '' ? '(blank)' : o })),
    );
  let el: HTMLInputElement | HTMLSelectElement;
  if (field === 'engagement') el = options(ENGAGEMENT_LEVELS);
  else if (field === 'fit') el = options(['Strong', 'Moderate', 'Weak']);
  else if (field === 'relevance') el = options(['High', 'Low']);
  else
    el = h('input', {
      id,
      type: 'number',
      inputmode: 'decimal',
      step: field === 'growth' ? '0.1' : '1',
      min: field === 'nps' ? -100 : field === 'growth' ? -100 : 0,
      max: field === 'nps' ? 100 : null,
      disabled,
    });
  el.value = value;
  return el;
}

function outcomeRow(label: string, before: string, after: string): HTMLElement {
  const changed = before !== after;
  return h(
    'div',
    { class: `outcome-row${changed ? ' changed' : ''}` },
    h('span', { class: 'quiet', text: label }),
    h('strong', { text: after }),
    changed ? h('span', { class: 'was', text: `was ${before}` }) : null,
  );
}

export function whatIfPanel(d: QbrDetails, apply: (changes: WhatIfChanges) => Promise<boolean>): HTMLElement {
  const model = d.whatIf;
  const before = whatIfOutcome(model, model.inputs);
  const initial = Object.fromEntries(WHAT_IF_FIELDS.map((f) => [f, initialText(f, model.inputs[f])])) as Record<
    WhatIfField,
    string
  >;
  const controls = Object.fromEntries(WHAT_IF_FIELDS.map((f) => [f, control(f, initial[f], false)])) as Record<
    WhatIfField,
    HTMLInputElement | HTMLSelectElement
  >;
  const result = h('div', { class: 'outcome', id: 'whatif-outcome', 'aria-live': 'polite' });
  const problems = h('ul', { class: 'problems', id: 'whatif-problems' });
  const confirmBox = h('div', { class: 'confirm', id: 'whatif-confirm', hidden: true });
  const applyButton = h('button', { type: 'button', id: 'whatif-apply', disabled: true, text: 'Apply…' });
  const resetButton = h('button', { type: 'button', class: 'secondary', id: 'whatif-reset', text: 'Reset' });
  let current: WhatIfInputs = { ...model.inputs };
  let changed: WhatIfField[] = [];

  const score = (o: WhatIfOutcome) =>
    `${o.score ?? '—'}${o.tier && o.tier !== 'Unknown' ? ` ${o.tier}` : o.tier === 'Unknown' ? ' (Unknown)' : ''}`;
  const recompute = () => {
    clear(problems);
    confirmBox.hidden = true;
    const next: WhatIfInputs = { ...model.inputs };
    let ok = true;
    for (const f of WHAT_IF_FIELDS) {
      try {
        (next as unknown as Record<string, unknown>)[f] =
          controls[f].value === initial[f] ? model.inputs[f] : readField(f, controls[f].value, model.inputs[f]);
        controls[f].removeAttribute('aria-invalid');
      } catch (error) {
        ok = false;
        controls[f].setAttribute('aria-invalid', 'true');
        problems.append(h('li', { text: (error as Error).message }));
      }
    }
    current = next;
    changed = ok ? changedFields(model.inputs, next) : [];
    const after = whatIfOutcome(model, next);
    clear(result);
    const tierChip = h('span', { class: 'chip', text: score(after) });
    tierChip.style.background = HEX.test(after.tierColor) ? after.tierColor : '#efefef';
    result.append(
      h(
        'div',
        { class: `outcome-row${score(before) !== score(after) ? ' changed' : ''}` },
        h('span', { class: 'quiet', text: 'Score' }),
        tierChip,
        score(before) !== score(after) ? h('span', { class: 'was', text: `was ${score(before)}` }) : null,
      ),
      outcomeRow('Segment', before.segment, after.segment),
      outcomeRow('Quadrant', before.quadrant ?? '—', after.quadrant ?? '—'),
    );
    applyButton.disabled = !ok || changed.length === 0;
    applyButton.textContent =
      changed.length === 0 ? 'Apply…' : `Apply ${changed.length} change${changed.length === 1 ? '' : 's'}…`;
  };

  applyButton.addEventListener('click', () => {
    clear(confirmBox);
    const lacking = changed.filter((f) => !model.columns.includes(f));
    confirmBox.append(
      h('p', {
        text: `Write ${changed.length} cell${changed.length === 1 ? '' : 's'} on ${d.partner.name}'s row (row ${d.partner.row}):`,
      }),
      h(
        'ul',
        {},
        changed.map((f) =>
          h('li', {
            text: `${WHAT_IF_LABELS[f]}: ${describeField(f, model.inputs[f])} → ${describeField(f, current[f])}`,
          }),
        ),
      ),
      lacking.length > 0
        ? h('p', {
            class: 'warn',
            text: `The sheet has no ${lacking.map((f) => WHAT_IF_LABELS[f]).join(', ')} column; reset ${lacking.length === 1 ? 'it' : 'them'} to apply the rest.`,
          })
        : '',
      h(
        'div',
        { class: 'row' },
        h('button', {
          type: 'button',
          id: 'whatif-confirm-button',
          disabled: lacking.length > 0,
          text: 'Confirm: write',
          onclick: () => {
            const changes: WhatIfChanges = {};
            for (const f of changed) {
              const v = current[f];
              changes[f] = v === null ? null : f === 'relevance' ? (v as boolean) : (v as number | string);
            }
            void apply(changes);
          },
        }),
        h('button', {
          type: 'button',
          class: 'secondary',
          id: 'whatif-cancel',
          text: 'Cancel',
          onclick: () => {
            confirmBox.hidden = true;
            applyButton.focus();
          },
        }),
      ),
    );
    confirmBox.hidden = false;
    (document.getElementById('whatif-confirm-button') as HTMLButtonElement | null)?.focus();
  });
  resetButton.addEventListener('click', () => {
    for (const f of WHAT_IF_FIELDS) controls[f].value = initial[f];
    recompute();
  });
  for (const f of WHAT_IF_FIELDS)
    controls[f].addEventListener(controls[f] instanceof HTMLSelectElement ? 'change' : 'input', recompute);
  recompute();

  return h(
    'details',
    { class: 'section', id: 'section-whatif' },
    h('summary', {}, h('h2', { text: 'What if…' })),
    h('p', {
      class: 'quiet',
      text: 'Change an input to see the score, tier, segment and quadrant the rules would give. Nothing is written until you apply and confirm.',
    }),
    h(
      'div',
      { class: 'whatif-grid' },
      WHAT_IF_FIELDS.flatMap((f) => [
        h('label', { for: `whatif-${f}`, class: 'inline', text: f === 'growth' ? 'Growth %' : WHAT_IF_LABELS[f] }),
        controls[f],
      ]),
    ),
    problems,
    result,
    h('div', { class: 'row' }, applyButton, resetButton),
    confirmBox,
  );
}

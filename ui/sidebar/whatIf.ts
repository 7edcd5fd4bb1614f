// What-if (issue #10): change the partner's inputs and see score, tier, segment and quadrant at once, computed
// here in the browser by the same rules and cell readers the server uses (src/core, bundled in through the
// contract src/contracts/qbrSidebar.ts), not a copy of them. The fields, their bounds and choices come from the
// server (QbrSidebarFacts.whatIf). Nothing is written until Apply and its confirmation; Apply sends only the
// fields that changed, Growth as the percent text typed, which the server reads again.
import {
  changedFields,
  describeField,
  type QbrDetails,
  type QbrSidebarFacts,
  readWhatIfText,
  WHAT_IF_FIELDS,
  WHAT_IF_LABELS,
  type WhatIfChanges,
  type WhatIfControl,
  type WhatIfField,
  type WhatIfInputs,
  type WhatIfOutcome,
  whatIfChange,
  whatIfOutcome,
  whatIfText,
} from '../../src/contracts/qbrSidebar';
import { clear, h, tierBackground } from '../shared/dom';

/** One field's control as the server describes it (QbrSidebarFacts.whatIf): a number box or a list. */
function control(c: WhatIfControl, value: string): HTMLInputElement | HTMLSelectElement {
  const id = `whatif-${c.field}`;
  const el =
    c.kind === 'choice'
      ? h(
          'select',
          { id },
          ['', ...c.options].map((o) => h('option', { value: o, text: o === '' ? '(blank)' : o })),
        )
      : h('input', { id, type: 'number', inputmode: 'decimal', step: c.step, min: c.min, max: c.max });
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

export function whatIfPanel(
  d: QbrDetails,
  facts: QbrSidebarFacts,
  apply: (changes: WhatIfChanges) => Promise<boolean>,
): HTMLElement {
  const model = d.whatIf;
  const before = whatIfOutcome(model, model.inputs);
  const initial = Object.fromEntries(WHAT_IF_FIELDS.map((f) => [f, whatIfText(f, model.inputs[f])])) as Record<
    WhatIfField,
    string
  >;
  const controls = Object.fromEntries(facts.whatIf.map((c) => [c.field, control(c, initial[c.field])])) as Record<
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
          controls[f].value === initial[f] ? model.inputs[f] : readWhatIfText(f, controls[f].value);
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
    tierChip.style.background = tierBackground(after.tierColor);
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
            for (const f of changed) changes[f] = whatIfChange(f, controls[f].value, current[f]);
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
      facts.whatIf.flatMap((c) => [
        h('label', { for: `whatif-${c.field}`, class: 'inline', text: c.label }),
        controls[c.field],
      ]),
    ),
    problems,
    result,
    h('div', { class: 'row' }, applyButton, resetButton),
    confirmBox,
  );
}

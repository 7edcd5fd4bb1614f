// The partner-journey sections of the sidebar (docs/journey.md): lifecycle stage, relationship risks.
// Text only through h() (textContent), see dom.ts.

import type { LifecycleView, RisksView } from '../src/core/journey/view';
import type { QbrDetails } from '../src/core/qbr/view';
import { h } from './dom';
import type { Actions } from './main';

function section(id: string, title: string, ...body: (Node | null | false)[]): HTMLElement {
  return h(
    'details',
    { class: 'section', id: `section-${id}`, open: true },
    h('summary', {}, h('h2', { text: title })),
    ...body,
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function lifecycle(l: LifecycleView): HTMLElement {
  if (l.stage === null)
    return section(
      'lifecycle',
      'Lifecycle',
      h('p', { class: 'problems', role: 'note', text: l.problem ?? 'The stage cannot be told.' }),
    );
  const late = l.stage === 'Stalled';
  const stage = h('span', {
    class: `badge stage stage-${l.stage.toLowerCase()} ${late ? 'late' : l.stage === 'Active' ? 'ok' : 'soon'}`,
    id: 'lifecycle-stage',
    text: l.stage,
  });
  let toTarget: string;
  if (l.stage === 'Active') toTarget = l.firstDeal ? `First deal ${l.firstDeal}` : 'Has deals this quarter';
  else if (l.stage === 'Recruit') toTarget = 'Not signed yet';
  else if (l.daysLeft !== null && l.daysLeft < 0) toTarget = `Missed by ${plural(-l.daysLeft, 'day')}`;
  else toTarget = `${plural(l.daysLeft ?? 0, 'day')} left`;
  return section(
    'lifecycle',
    'Lifecycle',
    h(
      'dl',
      { class: 'dates' },
      h('dt', { text: 'Stage' }),
      h('dd', {}, stage),
      h('dt', { text: 'Signed' }),
      h('dd', {
        id: 'lifecycle-signed',
        text: l.signed === null ? 'not signed' : `${l.signed} (${plural(l.daysSinceSigned ?? 0, 'day')} ago)`,
      }),
      h('dt', { text: `First deal (${l.target} d)` }),
      h('dd', { id: 'lifecycle-target', text: toTarget }),
    ),
  );
}

function risks(r: RisksView): HTMLElement {
  return section(
    'risks',
    `Relationship risks${r.risks.length ? ` (${r.risks.length})` : ''}`,
    r.risks.length === 0
      ? h('p', { class: 'quiet', text: 'No relationship risk found.' })
      : h(
          'ul',
          { class: 'risks' },
          r.risks.map((x) =>
            h(
              'li',
              { class: `risk risk-${x.flag}` },
              h('strong', { text: x.label }),
              h('span', { text: ` — ${x.reason}` }),
              h('p', { class: 'advice', text: x.advice }),
            ),
          ),
        ),
    r.notJudged.length > 0
      ? h('p', { class: 'quiet not-judged', text: `Not checked: ${r.notJudged.join('; ')}.` })
      : null,
  );
}

function moves(d: QbrDetails): HTMLElement | null {
  if (!d.journey) return null;
  const list = d.journey.moves;
  const part = (what: string, from: string, to: string, move: string) =>
    move === ''
      ? null
      : h(
          'span',
          { class: `move move-${move}` },
          `${what} ${from || '—'} → ${to || '—'} `,
          h('span', {
            class: `badge ${move === 'up' ? 'ok' : move === 'down' ? 'late' : 'soon'}`,
            text: move === 'up' ? '▲ up' : move === 'down' ? '▼ down' : '↔ across',
          }),
        );
  return section(
    'moves',
    'Quarterly moves',
    list.length === 0
      ? h('p', {
          class: 'quiet',
          text: 'No move of tier or quadrant between quarterly snapshots yet (the first daily run of each quarter takes one).',
        })
      : h(
          'ul',
          { class: 'moves' },
          list.map((m) =>
            h(
              'li',
              {},
              h('strong', { text: `${m.quarter}: ` }),
              part('Tier', m.tierFrom, m.tierTo, m.tierMove),
              m.tierMove && m.quadrantMove ? ' · ' : null,
              part('Quadrant', m.quadrantFrom, m.quadrantTo, m.quadrantMove),
            ),
          ),
        ),
  );
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function plan(d: QbrDetails, today: string, actions: Actions): HTMLElement | null {
  if (!d.journey) return null;
  const form = h(
    'form',
    { class: 'add-item', id: 'add-milestone-form', 'aria-label': 'Add a milestone' },
    h('label', { for: 'milestone-text', text: 'New milestone' }),
    h('input', {
      id: 'milestone-text',
      type: 'text',
      required: true,
      maxlength: 500,
      placeholder: 'e.g. Run 2 joint webinars',
    }),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'milestone-side', class: 'inline', text: 'Side' }),
      h(
        'select',
        { id: 'milestone-side' },
        ['Both', 'Us', 'Partner'].map((s) => h('option', { value: s, text: s })),
      ),
      h('label', { for: 'milestone-due', class: 'inline', text: 'Due' }),
      h('input', { id: 'milestone-due', type: 'date', required: true, value: addDays(today, 30) }),
    ),
    h('label', { for: 'milestone-target', text: 'Target (optional)' }),
    h('input', { id: 'milestone-target', type: 'text', maxlength: 200, placeholder: 'e.g. 2' }),
    h('button', { type: 'submit', id: 'milestone-add', text: 'Add milestone' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim();
    if (value('milestone-text') && value('milestone-due'))
      void actions.addMilestone(
        d,
        value('milestone-text'),
        value('milestone-side'),
        value('milestone-due'),
        value('milestone-target'),
      );
  });
  const p = d.journey.plan;
  if (!p.present)
    return section(
      'plan',
      'Joint plan',
      h(
        'p',
        { class: 'missing-sheet', role: 'note' },
        h('strong', { text: 'Sheet missing. ' }),
        `${p.how} Adding a milestone below creates it.`,
      ),
      form,
    );
  const v = p.value;
  const list =
    v.milestones.length === 0
      ? h('p', { class: 'quiet', text: 'No milestones agreed with this partner yet.' })
      : h(
          'ul',
          { class: 'items milestones' },
          v.milestones.map((m) =>
            h(
              'li',
              { class: m.status === 'Open' ? '' : 'done' },
              h('span', { class: `side side-${(m.side ?? 'none').toLowerCase()}`, text: m.side ?? '?' }),
              h('span', { class: 'item-text', text: m.milestone }),
              h(
                'span',
                { class: 'item-meta' },
                m.due ? `due ${m.due}` : 'no due date',
                m.target !== '' || m.actual !== ''
                  ? ` · target ${m.target === '' ? '—' : m.target} vs actual ${m.actual === '' ? '—' : m.actual}`
                  : '',
                ' ',
                m.overdue ? h('span', { class: 'badge late', text: `overdue ${m.daysOverdue} d` }) : null,
                m.status !== 'Open' ? h('span', { class: 'badge ok', text: m.status }) : null,
              ),
              m.status === 'Open'
                ? h('button', {
                    type: 'button',
                    class: 'secondary small',
                    id: `milestone-done-${m.row}`,
                    'aria-label': `Mark "${m.milestone}" done`,
                    text: 'Done',
                    onclick: () => void actions.completeMilestone(d, m.row, m.milestone),
                  })
                : null,
            ),
          ),
        );
  return section(
    'plan',
    `Joint plan (${v.done}/${v.total} done)`,
    v.overdue > 0 ? h('p', {}, h('span', { class: 'badge late', text: `${v.overdue} overdue` })) : null,
    list,
    p.problems.length > 0
      ? h(
          'ul',
          { class: 'problems' },
          p.problems.map((x) => h('li', { text: x })),
        )
      : null,
    form,
  );
}

/** The journey sections, or nothing when the server sent none. */
export function journeySections(d: QbrDetails, today: string, actions: Actions): HTMLElement[] {
  if (!d.journey) return [];
  return [lifecycle(d.journey.lifecycle), risks(d.journey.risks), moves(d), plan(d, today, actions)].filter(
    (x): x is HTMLElement => x !== null,
  );
}

// The partner-journey sections of the sidebar (docs/journey.md): lifecycle stage, relationship risks.
// Text only through h() (textContent), see ui/shared/dom.ts.

import type { LifecycleView, QbrDetails, QbrSidebarFacts, RisksView } from '../../src/contracts/qbrSidebar';
import { h } from '../shared/dom';
import type { Actions } from './main';
import { addForm, badge, itemRow, missingSheet, section } from './parts';

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

function plan(d: QbrDetails, facts: QbrSidebarFacts, actions: Actions): HTMLElement | null {
  if (!d.journey) return null;
  const form = addForm({
    id: 'milestone',
    label: 'New milestone',
    what: 'a milestone',
    placeholder: 'e.g. Run 2 joint webinars',
    maxLength: facts.maxLength.milestone,
    sides: facts.sides.milestone,
    due: d.nextSteps.milestoneDue,
    extra: [
      h('label', { for: 'milestone-target', text: 'Target (optional)' }),
      h('input', { id: 'milestone-target', type: 'text', maxlength: facts.maxLength.target, placeholder: 'e.g. 2' }),
    ],
    submit: (text, side, due) => {
      const target = (document.getElementById('milestone-target') as HTMLInputElement).value.trim();
      void actions.addMilestone(d, text, side, due, target);
    },
  });
  const p = d.journey.plan;
  if (!p.present)
    return section('plan', 'Joint plan', missingSheet(`${p.how} Adding a milestone below creates it.`), form);
  const v = p.value;
  const list =
    v.milestones.length === 0
      ? h('p', { class: 'quiet', text: 'No milestones agreed with this partner yet.' })
      : h(
          'ul',
          { class: 'items milestones' },
          v.milestones.map((m) =>
            itemRow({
              side: m.side,
              text: m.milestone,
              meta: [
                m.due ? `due ${m.due}` : 'no due date',
                m.target !== '' || m.actual !== ''
                  ? ` · target ${m.target === '' ? '—' : m.target} vs actual ${m.actual === '' ? '—' : m.actual}`
                  : '',
                ' ',
                m.overdue ? badge(`overdue ${m.daysOverdue} d`, 'late') : null,
                m.status !== 'Open' ? badge(m.status, 'ok') : null,
              ],
              done: m.status !== 'Open',
              doneId: `milestone-done-${m.row}`,
              onDone: () => void actions.completeMilestone(d, m.row, m.milestone),
            }),
          ),
        );
  return section(
    'plan',
    `Joint plan (${v.done}/${v.total} done)`,
    v.overdue > 0 ? h('p', {}, badge(`${v.overdue} overdue`, 'late')) : null,
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
export function journeySections(d: QbrDetails, facts: QbrSidebarFacts, actions: Actions): HTMLElement[] {
  if (!d.journey) return [];
  return [lifecycle(d.journey.lifecycle), risks(d.journey.risks), moves(d), plan(d, facts, actions)].filter(
    (x): x is HTMLElement => x !== null,
  );
}

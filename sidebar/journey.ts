// The partner-journey sections of the sidebar (docs/journey.md): lifecycle stage, relationship risks.
// Text only through h() (textContent), see dom.ts.
import type { QbrDetails } from '../src/core/qbrView';
import type { LifecycleView, RisksView } from '../src/core/journeyView';
import { h } from './dom';

function section(id: string, title: string, ...body: (Node | null | false)[]): HTMLElement {
  return h('details', { class: 'section', id: `section-${id}`, open: true }, h('summary', {}, h('h2', { text: title })), ...body);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function lifecycle(l: LifecycleView): HTMLElement {
  if (l.stage === null) return section('lifecycle', 'Lifecycle', h('p', { class: 'problems', role: 'note', text: l.problem ?? 'The stage cannot be told.' }));
  const late = l.stage === 'Stalled';
  const stage = h('span', { class: `badge stage stage-${l.stage.toLowerCase()} ${late ? 'late' : l.stage === 'Active' ? 'ok' : 'soon'}`, id: 'lifecycle-stage', text: l.stage });
  let toTarget: string;
  if (l.stage === 'Active') toTarget = l.firstDeal ? `First deal ${l.firstDeal}` : 'Has deals this quarter';
  else if (l.stage === 'Recruit') toTarget = 'Not signed yet';
  else if (l.daysLeft !== null && l.daysLeft < 0) toTarget = `Missed by ${plural(-l.daysLeft, 'day')}`;
  else toTarget = `${plural(l.daysLeft ?? 0, 'day')} left`;
  return section('lifecycle', 'Lifecycle',
    h('dl', { class: 'dates' },
      h('dt', { text: 'Stage' }), h('dd', {}, stage),
      h('dt', { text: 'Signed' }), h('dd', { id: 'lifecycle-signed', text: l.signed === null ? 'not signed' : `${l.signed} (${plural(l.daysSinceSigned ?? 0, 'day')} ago)` }),
      h('dt', { text: `First deal (${l.target} d)` }), h('dd', { id: 'lifecycle-target', text: toTarget })));
}

function risks(r: RisksView): HTMLElement {
  return section('risks', `Relationship risks${r.risks.length ? ` (${r.risks.length})` : ''}`,
    r.risks.length === 0
      ? h('p', { class: 'quiet', text: 'No relationship risk found.' })
      : h('ul', { class: 'risks' }, r.risks.map((x) => h('li', { class: `risk risk-${x.flag}` },
          h('strong', { text: x.label }), h('span', { text: ` — ${x.reason}` }),
          h('p', { class: 'advice', text: x.advice })))),
    r.notJudged.length > 0 ? h('p', { class: 'quiet not-judged', text: `Not checked: ${r.notJudged.join('; ')}.` }) : null);
}

/** The journey sections, or nothing when the server sent none. */
export function journeySections(d: QbrDetails): HTMLElement[] {
  if (!d.journey) return [];
  return [lifecycle(d.journey.lifecycle), risks(d.journey.risks)];
}

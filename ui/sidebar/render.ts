// The sections of the sidebar for one partner. Text only through h() (textContent), see ui/shared/dom.ts;
// every number shown that is not the partner's own comes from the server (QbrSidebarFacts, QbrNextSteps).
import { agendaMinutes, type QbrDetails, type QbrPartner, type QbrSidebarFacts } from '../../src/contracts/qbrSidebar';
import { h, tierBackground } from '../shared/dom';
import { journeySections } from './journey';
import type { Actions } from './main';
import { addForm, badge, itemRow, missingSheet, section } from './parts';
import { sparkline } from './trend';
import { whatIfPanel } from './whatIf';

function amount(n: number | null): string {
  return n === null ? '—' : Math.round(n).toLocaleString('en-US');
}

function header(p: QbrPartner & { duplicates?: number[] }): HTMLElement {
  const color = tierBackground(p.tierColor);
  const score = h(
    'div',
    { class: 'score', 'aria-label': `Health score ${p.score ?? 'blank'}, ${p.tier ?? 'no tier'}` },
    h('span', { class: 'score-number', text: p.score ?? '—' }),
    h('span', { class: 'score-tier', text: p.tier ?? 'No data' }),
  );
  score.style.background = color;
  return h(
    'header',
    { class: 'partner' },
    h(
      'div',
      { class: 'partner-top' },
      h(
        'div',
        { class: 'partner-id' },
        h('h1', { id: 'partner-name', text: p.name }),
        h(
          'p',
          { class: 'owner' },
          p.owner ? `Owner: ${p.owner}` : h('span', { class: 'warn', text: `Owner: ${p.ownerProblem ?? 'none'}` }),
        ),
      ),
      score,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', { text: 'Segment' }),
      h(
        'dd',
        {},
        h('strong', { text: p.segment }),
        ` — ${p.approach}. Touch every ${p.touchEveryDays} days${p.qbrEveryDays ? `, QBR every ${p.qbrEveryDays} days` : ', no QBR cadence'}.`,
      ),
      h('dt', { text: 'Quadrant' }),
      h('dd', {}, h('strong', { text: p.quadrant ?? '—' }), p.play ? ` — ${p.play}` : ''),
    ),
    p.duplicates && p.duplicates.length > 0
      ? h('p', {
          class: 'duplicates warn',
          role: 'note',
          id: 'duplicates',
          text: `Row ${p.row} is shown. Another partner row has this name too: row${p.duplicates.length === 1 ? '' : 's'} ${p.duplicates.join(', ')}. Select that row on the sheet and reopen to see it; give each row its own name so alerts and history can tell them apart.`,
        })
      : null,
    p.problems.length > 0
      ? h(
          'div',
          { class: 'problems-box' },
          h('p', { class: 'problems-title', text: `Inputs that cannot be read (row ${p.row}; each counts as blank):` }),
          h(
            'ul',
            { class: 'problems', 'aria-label': 'Problems with this row' },
            p.problems.map((x) => h('li', { text: x })),
          ),
        )
      : null,
  );
}

function breakdown(p: QbrPartner): HTMLElement {
  return section(
    'health',
    'Health breakdown',
    h(
      'table',
      { class: 'breakdown' },
      h(
        'tbody',
        {},
        p.breakdown.map((d) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', text: d.label }),
            h(
              'td',
              { class: 'pts' },
              h('meter', { min: 0, max: d.max, value: d.earned, 'aria-hidden': 'true' }),
              h('span', { text: `${d.earned}/${d.max}` }),
            ),
          ),
        ),
      ),
    ),
    p.lift === '—'
      ? h('p', { class: 'quiet', text: 'Every input present is at its top band.' })
      : h('p', { class: 'lift' }, h('b', { text: 'Next best lift: ' }), h('span', { text: p.lift })),
    h(
      'ul',
      { class: 'reasons' },
      p.breakdown.map((d) => h('li', { text: `${d.label}: ${d.reason}` })),
    ),
    p.missing.length > 0
      ? h(
          'div',
          { class: 'missing' },
          h('p', { text: 'Missing inputs (left out of the score):' }),
          h(
            'ul',
            {},
            p.missing.map((m) => h('li', { text: `${m.label} (${m.max} points) — fill the ${m.column} column` })),
          ),
        )
      : h('p', { class: 'quiet', text: 'All five inputs present.' }),
  );
}

function dates(p: QbrPartner): HTMLElement {
  const touchBadge =
    p.touch.unreadable && p.touch.last === null
      ? badge('Date unreadable', 'late')
      : p.touch.overdue
        ? badge(p.touch.daysOverdue === null ? 'Never contacted' : `Overdue ${p.touch.daysOverdue} d`, 'late')
        : badge('On time', 'ok');
  let qbrBadge: HTMLElement | null = null;
  if (p.qbr.overdue)
    qbrBadge = badge(p.qbr.daysOverdue === null ? 'No QBR yet' : `Overdue ${p.qbr.daysOverdue} d`, 'late');
  else if (p.qbr.comingUp)
    qbrBadge = badge(p.qbr.daysUntil === 0 ? 'Today' : `In ${p.qbr.daysUntil} d — send the agenda`, 'soon');
  else if (p.qbr.expected) qbrBadge = badge('On time', 'ok');
  return section(
    'dates',
    'Touches and QBRs',
    h(
      'dl',
      { class: 'dates' },
      h('dt', { text: 'Last touch' }),
      h('dd', { text: p.touch.last ?? p.touch.unreadable ?? 'never' }),
      h('dt', { text: 'Next touch' }),
      h('dd', {}, p.touch.next ?? 'now', ' ', touchBadge),
      h('dt', { text: 'Last QBR' }),
      h('dd', { text: p.qbr.last ?? 'none' }),
      h('dt', { text: 'Next QBR' }),
      h('dd', {}, p.qbr.next ?? (p.qbr.expected ? 'not scheduled' : '—'), ' ', qbrBadge),
    ),
  );
}

function trend(d: QbrDetails, today: string, facts: QbrSidebarFacts): HTMLElement {
  return section(
    'trend',
    `Score, last ${facts.trendDays} days`,
    d.trend.present ? sparkline(d.trend.value, today, d.partner.score, facts) : missingSheet(d.trend.how),
  );
}

function performance(p: QbrPartner): HTMLElement {
  return section(
    'performance',
    'Performance',
    h(
      'dl',
      { class: 'perf' },
      p.performance.flatMap((x) => [h('dt', { text: x.label }), h('dd', { text: x.value })]),
    ),
  );
}

function pipeline(d: QbrDetails, facts: QbrSidebarFacts): HTMLElement {
  if (!d.pipeline.present) return section('pipeline', 'Pipeline', missingSheet(d.pipeline.how));
  const pl = d.pipeline.value;
  return section(
    'pipeline',
    'Pipeline',
    pl.open.length === 0
      ? h('p', { class: 'quiet', text: 'No open opportunities.' })
      : h(
          'table',
          { class: 'stages' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { text: 'Stage' }), h('th', { text: 'Deals' }), h('th', { text: 'Amount' })),
          ),
          h(
            'tbody',
            {},
            pl.byStage.map((s) =>
              h('tr', {}, h('td', { text: s.stage }), h('td', { text: s.count }), h('td', { text: amount(s.amount) })),
            ),
          ),
          h(
            'tfoot',
            {},
            h(
              'tr',
              {},
              h('th', { text: 'Forecast' }),
              h('td', { text: pl.open.length }),
              h('td', { text: amount(pl.forecast) }),
            ),
          ),
        ),
    pl.stuck.length > 0
      ? h(
          'div',
          { class: 'stuck' },
          h('p', {}, badge(`${pl.stuck.length} stuck`, 'late'), ` no stage change for ${facts.stuckAfterDays}+ days:`),
          h(
            'ul',
            {},
            pl.stuck.map((s) => h('li', { text: `${s.opportunity} — ${s.stage}, ${s.daysInStage} days` })),
          ),
        )
      : pl.open.length > 0
        ? h('p', { class: 'quiet', text: 'No stuck deals.' })
        : null,
    h(
      'ul',
      { class: 'deals' },
      pl.open.map((o) =>
        h('li', {
          text: `${o.opportunity} · ${o.stage} · ${amount(o.amount)}${o.close ? ` · closes ${o.close}` : ''}`,
        }),
      ),
    ),
  );
}

function feedback(d: QbrDetails): HTMLElement {
  if (!d.feedback.present) return section('feedback', 'Feedback', missingSheet(d.feedback.how));
  const list = d.feedback.value;
  return section(
    'feedback',
    'Feedback',
    list.length === 0
      ? h('p', { class: 'quiet', text: 'No feedback recorded for this partner.' })
      : h(
          'ul',
          { class: 'feedback' },
          list.map((f) =>
            h(
              'li',
              {},
              h('span', { class: 'tag', text: f.type || 'Feedback' }),
              ' ',
              f.summary,
              f.date ? h('span', { class: 'quiet', text: ` (${f.date})` }) : null,
            ),
          ),
        ),
  );
}

function agenda(d: QbrDetails): HTMLElement {
  return section(
    'agenda',
    `Agenda (${agendaMinutes(d.agenda)} min)`,
    h(
      'ol',
      { class: 'agenda' },
      d.agenda.map((s) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'agenda-head' },
            h('span', { class: 'min', text: `${s.minutes} min` }),
            h('strong', { text: s.title }),
          ),
          h('p', { class: 'quiet', text: s.purpose }),
          s.points.length > 0
            ? h(
                'ul',
                {},
                s.points.map((x) => h('li', { text: x })),
              )
            : null,
        ),
      ),
    ),
  );
}

function checklists(d: QbrDetails, actions: Actions): HTMLElement {
  return section(
    'checklists',
    `Checklists (${d.quarter})`,
    ...d.checklists.map((list) =>
      h(
        'fieldset',
        { class: 'checklist' },
        h('legend', { text: list.title }),
        list.items.map((item) => {
          const id = `tick-${item.id.replace(/\W/g, '-')}`;
          const box = h('input', { type: 'checkbox', id, checked: item.done }) as HTMLInputElement;
          box.addEventListener('change', () => {
            box.disabled = true;
            void actions.tick(d, item.id, box.checked).then((ok) => {
              if (!ok) box.checked = !box.checked;
              box.disabled = false;
            });
          });
          return h(
            'div',
            { class: 'check' },
            box,
            h(
              'label',
              { for: id },
              item.text,
              item.detail ? h('span', { class: 'quiet detail', text: item.detail }) : null,
            ),
          );
        }),
      ),
    ),
  );
}

function actionItems(d: QbrDetails, facts: QbrSidebarFacts, actions: Actions): HTMLElement {
  const form = addForm({
    id: 'item',
    label: 'New action item',
    what: 'an action item',
    placeholder: 'e.g. Send demo credentials',
    maxLength: facts.maxLength.item,
    sides: facts.sides.actionItem,
    due: d.nextSteps.actionItemDue,
    submit: (text, side, due) => void actions.addItem(d, text, side, due),
  });
  const body: (Node | null)[] = [];
  if (!d.actionItems.present) {
    body.push(missingSheet(`${d.actionItems.how} Adding an item below creates it.`));
  } else if (d.actionItems.value.length === 0) {
    body.push(h('p', { class: 'quiet', text: 'No action items yet.' }));
  } else {
    body.push(
      h(
        'ul',
        { class: 'items' },
        d.actionItems.value.map((a) =>
          itemRow({
            side: a.side,
            text: a.item,
            meta: [
              a.due ? `due ${a.due}` : 'no due date',
              ' ',
              a.overdue ? badge('overdue', 'late') : null,
              a.done ? badge(a.status, 'ok') : null,
            ],
            done: a.done,
            doneId: `complete-${a.row}`,
            onDone: () => void actions.completeItem(d, a.row, a.item),
          }),
        ),
      ),
    );
  }
  return section('actions', 'Action items', ...body, form);
}

/** What Mark QBR held will write, with the dates the server gives for this partner's segment. */
function heldText(d: QbrDetails, facts: QbrSidebarFacts): string {
  const n = d.nextSteps;
  const cadence =
    d.partner.qbrEveryDays === null ? 'no QBR cadence for its segment' : `the ${d.partner.segment} QBR cadence`;
  return `This sets Last QBR to today and Next QBR to ${n.heldNextQbr} (in ${n.heldEveryDays} days: ${cadence}) for ${d.partner.name}, adds a row to the QBR log and ${n.followUps} follow-up action items due ${n.followUpDue} (in ${facts.followUpDays} days).`;
}

function qbrActions(d: QbrDetails, facts: QbrSidebarFacts, actions: Actions): HTMLElement {
  const confirmBox = h(
    'div',
    { class: 'confirm', id: 'held-confirm', hidden: true, role: 'group', 'aria-label': 'Confirm QBR held' },
    h('p', { id: 'held-text', text: heldText(d, facts) }),
    h('label', { for: 'held-notes', text: 'Notes for the QBR log (optional)' }),
    h('textarea', { id: 'held-notes', maxlength: facts.maxLength.notes }),
    h(
      'div',
      { class: 'row' },
      h('button', {
        type: 'button',
        id: 'held-confirm-button',
        text: 'Confirm: QBR held today',
        onclick: () => {
          const notes = (document.getElementById('held-notes') as HTMLTextAreaElement).value;
          void actions.held(d, notes);
        },
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        id: 'held-cancel',
        text: 'Cancel',
        onclick: () => {
          confirmBox.hidden = true;
          (document.getElementById('held-open') as HTMLButtonElement).focus();
        },
      }),
    ),
  );
  return h(
    'section',
    { class: 'section actions', 'aria-label': 'QBR actions' },
    h('h2', { text: 'Actions' }),
    h(
      'div',
      { class: 'row pair' },
      h('button', {
        type: 'button',
        class: 'secondary',
        id: 'brief',
        text: 'Create QBR brief',
        onclick: () => void actions.brief(d),
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        id: 'email',
        text: 'E-mail me the agenda',
        onclick: () => void actions.email(d),
      }),
    ),
    h('button', {
      type: 'button',
      id: 'held-open',
      text: 'Mark QBR held…',
      onclick: () => {
        confirmBox.hidden = false;
        (document.getElementById('held-notes') as HTMLTextAreaElement).focus();
      },
    }),
    confirmBox,
  );
}

export function renderDetails(
  d: QbrDetails,
  today: string,
  facts: QbrSidebarFacts,
  actions: Actions,
): DocumentFragment {
  const frag = document.createDocumentFragment();
  frag.append(
    header(d.partner),
    qbrActions(d, facts, actions),
    breakdown(d.partner),
    trend(d, today, facts),
    whatIfPanel(d, facts, actions.whatIf),
    dates(d.partner),
    ...journeySections(d, facts, actions),
    performance(d.partner),
    pipeline(d, facts),
    feedback(d),
    agenda(d),
    checklists(d, actions),
    actionItems(d, facts, actions),
  );
  if (d.sheetProblems.length > 0)
    frag.append(
      section(
        'problems',
        'Problems in the sheets',
        h(
          'ul',
          { class: 'problems' },
          d.sheetProblems.map((x) => h('li', { text: x })),
        ),
      ),
    );
  return frag;
}

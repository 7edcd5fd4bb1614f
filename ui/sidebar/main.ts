// The QBR prep sidebar (docs/rules.md §6, issue #7): one partner's health, dates, performance, pipeline,
// feedback, agenda, checklists and action items, with the actions that follow a QBR.

import type {
  QbrActionResult,
  QbrData,
  QbrDetails,
  QbrSidebarServer,
  WhatIfChanges,
} from '../../src/contracts/qbrSidebar';
import { clear, h } from '../shared/dom';
import { errorText, scriptRun } from '../shared/scriptRun';
import { renderDetails } from './render';

const call = scriptRun<QbrSidebarServer>();

const app = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
const search = document.getElementById('partner-search') as HTMLInputElement;
const options = document.getElementById('partner-options') as HTMLDataListElement;
const searchForm = document.getElementById('search-form') as HTMLFormElement;

let data: QbrData | null = null;

function setBusy(busy: boolean, label = 'Loading…'): void {
  document.body.classList.toggle('busy', busy);
  app.setAttribute('aria-busy', String(busy));
  if (busy) showStatus('info', label);
}

function showStatus(kind: 'info' | 'ok' | 'error', message: string, lines: string[] = [], retry?: () => void): void {
  clear(status);
  if (!message) return;
  status.className = `status ${kind}`;
  status.append(h('p', { text: message }));
  if (lines.length > 0)
    status.append(
      h(
        'ul',
        {},
        lines.map((l) => h('li', { text: l })),
      ),
    );
  if (retry) status.append(h('button', { type: 'button', class: 'secondary', onclick: retry, text: 'Try again' }));
}

function fillSearch(partners: string[]): void {
  clear(options);
  for (const name of partners) options.append(h('option', { value: name }));
}

function render(): void {
  const focusId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  clear(app);
  if (!data) return;
  fillSearch(data.partners);
  if (data.automation) app.append(h('p', { class: 'automation-warning', role: 'alert', text: `⚠ ${data.automation}` }));
  if (!data.details) {
    app.append(
      h(
        'section',
        { class: 'empty' },
        h('h2', { text: 'No partner selected' }),
        h('p', { text: data.note ?? 'Search for a partner above.' }),
        data.partners.length === 0 ? h('p', { text: 'The partner sheet has no partners yet.' }) : null,
      ),
    );
    return;
  }
  search.value = data.details.partner.name;
  app.append(renderDetails(data.details, data.today, data.facts, actions));
  if (focusId) document.getElementById(focusId)?.focus();
}

let loading: string | null | undefined;

async function load(name: string | null): Promise<void> {
  // Enter in the search box fires both "change" and "submit": one load is enough.
  if (loading === name) return;
  loading = name;
  setBusy(true, name ? `Loading ${name}…` : 'Loading the selected partner…');
  try {
    data = await call('getQbrData', name);
    showStatus('info', '');
    status.className = 'status';
    render();
  } catch (error) {
    showStatus('error', errorText(error), [], () => void load(name));
  } finally {
    loading = undefined;
    setBusy(false);
  }
}

/** Runs one server action, then shows what it changed and the data after it. */
async function run(label: string, work: () => Promise<QbrActionResult>, quiet = false): Promise<boolean> {
  setBusy(true, label);
  try {
    const result = await work();
    data = result.data;
    render();
    if (quiet) {
      clear(status);
      status.className = 'status';
    } else {
      showStatus('ok', result.message, result.changes);
    }
    return true;
  } catch (error) {
    showStatus('error', errorText(error));
    return false;
  } finally {
    setBusy(false);
  }
}

export interface Actions {
  tick(d: QbrDetails, itemId: string, done: boolean): Promise<boolean>;
  addItem(d: QbrDetails, item: string, side: string, due: string): Promise<boolean>;
  completeItem(d: QbrDetails, row: number, item: string): Promise<boolean>;
  brief(d: QbrDetails): Promise<boolean>;
  email(d: QbrDetails): Promise<boolean>;
  held(d: QbrDetails, notes: string): Promise<boolean>;
  whatIf(changes: WhatIfChanges): Promise<boolean>;
  addMilestone(d: QbrDetails, milestone: string, side: string, due: string, target: string): Promise<boolean>;
  completeMilestone(d: QbrDetails, row: number, milestone: string): Promise<boolean>;
}

/**
 * The row the sidebar shows, as it read it: every action works on that row, and the server refuses it when the
 * row moved or changed since (another partner of the same name is never touched).
 */
const ref = (d: QbrDetails) => ({ row: d.partner.row, fingerprint: d.partner.fingerprint, name: d.partner.name });

const actions: Actions = {
  tick: (d, itemId, done) => run('Saving…', () => call('setQbrChecklistItem', ref(d), d.quarter, itemId, done), true),
  addItem: (d, item, side, due) =>
    run('Adding the action item…', () => call('addQbrActionItem', ref(d), item, side, due)),
  completeItem: (d, row, item) => run('Completing…', () => call('completeQbrActionItem', ref(d), row, item)),
  brief: (d) => run('Creating the QBR brief…', () => call('createQbrBrief', ref(d))),
  email: (d) => run('Sending the agenda…', () => call('emailQbrAgenda', ref(d))),
  held: (d, notes) => run('Recording the QBR…', () => call('markQbrHeld', ref(d), notes)),
  whatIf: (changes) =>
    run('Writing the changed cells…', () =>
      data?.details
        ? call('applyQbrWhatIf', ref(data.details), changes)
        : Promise.reject(new Error('No partner is open.')),
    ),
  addMilestone: (d, milestone, side, due, target) =>
    run('Adding the milestone…', () => call('addJointPlanMilestone', ref(d), milestone, side, due, target)),
  completeMilestone: (d, row, milestone) =>
    run('Completing…', () => call('completeJointPlanMilestone', ref(d), row, milestone)),
};

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = search.value.trim();
  if (name) void load(name);
});
search.addEventListener('change', () => {
  const name = search.value.trim();
  if (data?.partners.includes(name) && name !== data.details?.partner.name) void load(name);
});

void load(null);

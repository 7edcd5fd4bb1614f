import { escapeHtml } from '../escapeHtml';
import { agendaMinutes } from './meeting';
import type { QbrDetails } from './view';

/**
 * The QBR brief (a sheet tab laid out to print or share) and the agenda e-mail, both from the sidebar's data.
 * Pure: the server writes the rows in one setValues and sends the mail.
 */

export const BRIEF_WIDTH = 4;

export interface BriefLayout {
  rows: (string | number)[][];
  /** Rows (0-based) shown in bold: the title and the section headings. */
  bold: number[];
}

/** Sheet tab names are at most 100 characters in Sheets. */
const MAX_SHEET_NAME = 100;

/** "QBR TechServices Inc. 2026-Q4", and " (2)", " (3)"… when taken; null when every candidate is taken. */
export function briefSheetName(partner: string, quarter: string, taken: (name: string) => boolean): string | null {
  for (let n = 1; n <= 20; n++) {
    const suffix = ` ${quarter}${n === 1 ? '' : ` (${n})`}`;
    const name = `QBR ${partner.slice(0, MAX_SHEET_NAME - 4 - suffix.length)}${suffix}`;
    if (!taken(name)) return name;
  }
  return null;
}

export function briefLayout(d: QbrDetails, today: string): BriefLayout {
  const rows: (string | number)[][] = [];
  const bold: number[] = [];
  const p = d.partner;
  const add = (...cells: (string | number | null)[]) => rows.push(cells.map((c) => c ?? ''));
  const heading = (...cells: string[]) => {
    bold.push(rows.length);
    add(...cells);
  };
  const gap = () => add('');

  heading(`QBR brief — ${p.name} — ${d.quarter}`);
  add(
    `Prepared ${today} by PartnerPulse`,
    p.owner ? `Owner: ${p.owner}` : `Owner: none (${p.ownerProblem ?? 'not set'})`,
  );
  gap();
  heading('Partner', '', '', '');
  add('Health', p.score ?? '—', p.tier ?? '—');
  add(
    'Segment',
    p.segment,
    p.approach,
    `Touch every ${p.touchEveryDays} days${p.qbrEveryDays ? `, QBR every ${p.qbrEveryDays} days` : ''}`,
  );
  add('Quadrant', p.quadrant ?? '—', p.play ?? '');
  add('Last touch', p.touch.last ?? 'never', 'Next touch due', p.touch.next ?? 'now');
  add('Last QBR', p.qbr.last ?? 'none', 'Next QBR', p.qbr.next ?? 'not scheduled');
  gap();
  heading('Health breakdown', 'Points', 'Of', 'Why');
  for (const b of p.breakdown) add(b.label, b.earned, b.max, b.reason);
  for (const m of p.missing) add(m.label, '—', m.max, `missing: fill the ${m.column} column`);
  gap();
  heading('Performance', 'Value');
  for (const x of p.performance) add(x.label, x.value);
  gap();
  if (d.pipeline.present) {
    const pl = d.pipeline.value;
    heading('Pipeline by stage', 'Open deals', 'Amount');
    for (const s of pl.byStage) add(s.stage, s.count, s.amount);
    add('Forecast (open deals)', pl.open.length, pl.forecast);
    for (const s of pl.stuck)
      add(`Stuck: ${s.opportunity}`, s.stage, s.amount ?? '', `${s.daysInStage} days without a stage change`);
  } else {
    heading('Pipeline');
    add(d.pipeline.how);
  }
  gap();
  if (d.feedback.present) {
    heading('Feedback', 'Type', 'Date');
    for (const f of d.feedback.value) add(f.summary, f.type, f.date ?? '');
    if (d.feedback.value.length === 0) add('No feedback recorded');
  } else {
    heading('Feedback');
    add(d.feedback.how);
  }
  gap();
  heading('Agenda (60 min)', 'Minutes', 'Purpose', 'Talking points');
  for (const s of d.agenda) add(s.title, s.minutes, s.purpose, s.points.join('; '));
  gap();
  if (d.actionItems.present) {
    heading('Action items', 'Side', 'Due', 'Status');
    for (const a of d.actionItems.value) add(a.item, a.side ?? '', a.due ?? '', a.status);
    if (d.actionItems.value.length === 0) add('No action items yet');
  } else {
    heading('Action items');
    add(d.actionItems.how);
  }
  gap();
  if (d.journey?.plan.present) {
    const plan = d.journey.plan.value;
    heading(`Joint plan (${plan.done} of ${plan.total} done)`, 'Side', 'Due', 'Status · target vs actual');
    for (const m of plan.milestones)
      add(
        m.milestone,
        m.side ?? '',
        m.due ?? '',
        [
          m.overdue ? `Overdue ${m.daysOverdue} d` : m.status,
          m.target !== '' || m.actual !== ''
            ? `target ${m.target === '' ? '—' : m.target}, actual ${m.actual === '' ? '—' : m.actual}`
            : '',
        ]
          .filter(Boolean)
          .join(' · '),
      );
    if (plan.milestones.length === 0) add('No milestones yet');
    gap();
  }
  heading('Checklist', 'When', 'Done');
  for (const list of d.checklists) for (const item of list.items) add(item.text, list.phase, item.done ? '✓' : '☐');
  return {
    rows: rows.map((r) => [...r, ...Array(Math.max(0, BRIEF_WIDTH - r.length)).fill('')].slice(0, BRIEF_WIDTH)),
    bold,
  };
}

export interface AgendaMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** The agenda e-mail, ready to forward to the partner: agenda with talking points and the open action items. */
export function agendaMail(d: QbrDetails): AgendaMail {
  const p = d.partner;
  const subject = `QBR agenda — ${p.name} — ${d.quarter}`;
  const open = d.actionItems.present ? d.actionItems.value.filter((a) => !a.done) : [];
  const when = p.qbr.next ? `QBR on ${p.qbr.next}` : 'QBR date not set yet';
  const text = [
    `${subject} (${when}, ${agendaMinutes(d.agenda)} minutes)`,
    '',
    ...d.agenda.flatMap((s) => [`${s.minutes} min — ${s.title}: ${s.purpose}`, ...s.points.map((x) => `   • ${x}`)]),
    '',
    open.length > 0 ? 'Open action items:' : 'No open action items.',
    ...open.map((a) => `   • [${a.side ?? '?'}] ${a.item}${a.due ? ` (due ${a.due})` : ''}`),
    '',
    'Topics you would like to add? Reply to this e-mail.',
  ].join('\n');
  const li = (x: string) => `<li>${escapeHtml(x)}</li>`;
  const html =
    `<h2>${escapeHtml(subject)}</h2><p>${escapeHtml(when)}, ${agendaMinutes(d.agenda)} minutes</p>` +
    `<table cellpadding="4" style="border-collapse:collapse">` +
    d.agenda
      .map(
        (s) =>
          `<tr><td valign="top"><b>${s.minutes} min</b></td><td><b>${escapeHtml(s.title)}</b> — ${escapeHtml(s.purpose)}<ul>${s.points.map(li).join('')}</ul></td></tr>`,
      )
      .join('') +
    `</table>` +
    (open.length > 0
      ? `<h3>Open action items</h3><ul>${open.map((a) => li(`[${a.side ?? '?'}] ${a.item}${a.due ? ` (due ${a.due})` : ''}`)).join('')}</ul>`
      : '<p>No open action items.</p>') +
    '<p>Topics you would like to add? Reply to this e-mail.</p>';
  return { subject, body: text, htmlBody: html };
}

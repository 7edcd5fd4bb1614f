import { type DayNumber, isoOfDay } from '../reading/calendar';

/**
 * The QBR framework of seed 000 (docs/rules.md §6): the 60-minute agenda, the before / during / after
 * checklists, and the calendar facts the sidebar and its actions share.
 */

export interface AgendaSection {
  title: string;
  minutes: number;
  /** What the section is for, in seed 000's words. */
  purpose: string;
}

export const QBR_AGENDA: readonly AgendaSection[] = [
  { title: 'Relationship check', minutes: 5, purpose: "How's the partnership going?" },
  { title: 'Performance review', minutes: 15, purpose: 'Metrics, wins, gaps' },
  { title: 'Pipeline review', minutes: 15, purpose: 'Current opps, forecast' },
  { title: 'Joint planning', minutes: 15, purpose: 'Next quarter initiatives' },
  { title: 'Resources/Support', minutes: 10, purpose: 'What do you need from us?' },
];

/** How long a QBR on this agenda takes: the sum of its sections. */
export function agendaMinutes(agenda: readonly { minutes: number }[]): number {
  return agenda.reduce((sum, section) => sum + section.minutes, 0);
}

export type ChecklistPhase = 'before' | 'during' | 'after';
export const CHECKLIST_PHASES: readonly ChecklistPhase[] = ['before', 'during', 'after'];

export interface ChecklistItem {
  /** Stable key under which a tick is saved; never shown. */
  id: string;
  text: string;
  detail: string;
}

export interface Checklist {
  phase: ChecklistPhase;
  title: string;
  items: readonly ChecklistItem[];
}

/** Seed 000: after the QBR, within 48 hours. */
export const FOLLOW_UP_DAYS = 2;

export const QBR_CHECKLISTS: readonly Checklist[] = [
  {
    phase: 'before',
    title: 'Before the QBR (1 week prior)',
    items: [
      {
        id: 'before.performance',
        text: 'Pull performance data',
        detail: 'Revenue (sourced, influenced); deals (registered, closed); activity (training, portal)',
      },
      {
        id: 'before.pipeline',
        text: 'Prepare pipeline report',
        detail: 'Current opportunities; forecast by stage; stuck deals',
      },
      { id: 'before.feedback', text: 'Gather feedback', detail: 'Support tickets; product requests; concerns raised' },
      { id: 'before.agenda', text: 'Draft agenda and share', detail: 'Send 3 days ahead; ask for partner topics' },
      {
        id: 'before.opportunities',
        text: 'Identify opportunities',
        detail: 'Co-marketing proposals; new products/features; expansion possibilities',
      },
    ],
  },
  {
    phase: 'during',
    title: 'During the QBR',
    items: [
      { id: 'during.temperature', text: 'Start with relationship temperature', detail: '' },
      { id: 'during.wins', text: 'Celebrate wins together', detail: '' },
      { id: 'during.issues', text: 'Address issues directly', detail: '' },
      { id: 'during.actions', text: 'Document action items', detail: '' },
      { id: 'during.nextSteps', text: 'Agree on next steps', detail: '' },
    ],
  },
  {
    phase: 'after',
    title: `After the QBR (within ${FOLLOW_UP_DAYS * 24} hours)`,
    items: [
      { id: 'after.notes', text: 'Send meeting notes', detail: '' },
      { id: 'after.tasks', text: 'Create tasks for action items', detail: '' },
      { id: 'after.followUp', text: 'Follow up on commitments', detail: '' },
      { id: 'after.schedule', text: 'Schedule next QBR', detail: '' },
    ],
  },
];

export function isChecklistItemId(id: string): boolean {
  return QBR_CHECKLISTS.some((list) => list.items.some((item) => item.id === id));
}

export type Side = 'Us' | 'Partner' | 'Both';
export const SIDES: readonly Side[] = ['Us', 'Partner', 'Both'];

/** The sidebar's Add action item form suggests a due date a week out. */
export const ACTION_ITEM_DUE_DAYS = 7;

/** The sidebar's Add milestone form suggests a due date a month out. */
export const MILESTONE_DUE_DAYS = 30;

/** The next QBR when a segment has no QBR cadence: seed 000's quarterly "schedule next QBR". */
export const QBR_EVERY_DAYS_WITHOUT_CADENCE = 91;

/**
 * The Next QBR that Mark QBR held writes: today plus the segment's QBR cadence from Settings, so the next QBR
 * and the QBR-overdue alert agree (docs/qbr-sidebar.md).
 */
export function nextQbrAfterHeld(today: DayNumber, policy: { qbrEveryDays: number | null }): DayNumber {
  return today + (policy.qbrEveryDays ?? QBR_EVERY_DAYS_WITHOUT_CADENCE);
}

/** The follow-up action items "Mark QBR held" adds: seed 000's after-the-QBR list, due within 48 hours. */
export function followUpItems(today: DayNumber, nextQbr: DayNumber): { item: string; side: Side; due: DayNumber }[] {
  const due = today + FOLLOW_UP_DAYS;
  return [
    { item: 'Send meeting notes', side: 'Us', due },
    { item: 'Create tasks for the action items agreed', side: 'Us', due },
    { item: 'Follow up on commitments', side: 'Both', due },
    { item: `Send the invitation for the next QBR (${isoOfDay(nextQbr)})`, side: 'Us', due },
  ];
}

/** "2026-Q4": the calendar quarter of a day, the key under which a QBR's checklist ticks are kept. */
export function quarterKey(day: DayNumber): string {
  const iso = isoOfDay(day);
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** A quarter key such as "2026-Q4" as a count of quarters (consecutive quarters differ by 1), or null. */
export function quarterIndex(text: string): number | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(text);
  return m ? Number(m[1]) * 4 + Number(m[2]) : null;
}

/** Whether text is a quarter key such as "2026-Q4". */
export function isQuarterKey(text: string): boolean {
  return quarterIndex(text) !== null;
}

import { type DayNumber, isoOfDay, type SheetCalendar } from '../reading/calendar';
import { type CellValue, isBlank, readDate } from '../reading/cells';
import { describeValue } from '../reading/inputError';
import { normalizeHeader } from '../reading/partnerTable';
import { SIDES, type Side } from './meeting';

/**
 * The optional sheets the QBR prep reads when present (docs/rules.md §6), by header text like the partner
 * sheet. Pure: rows in, typed rows for one partner out; a cell that cannot be read becomes a problem naming
 * the sheet, row and value instead of hiding the whole section.
 */
export const OPTIONAL_SHEET_HEADERS = {
  pipeline: ['Partner', 'Opportunity', 'Stage', 'Amount', 'Close date', 'Last stage change'],
  feedback: ['Partner', 'Type', 'Summary', 'Date'],
  actionItems: ['Partner', 'Item', 'Side', 'Due', 'Status'],
  qbrLog: ['Partner', 'Held on', 'Notes', 'Next QBR'],
  jointPlan: ['Partner', 'Milestone', 'Side', 'Due', 'Status', 'Target', 'Actual'],
} as const;

/** The optional sheets, by their key in Settings' sheet names (which give each one's name). */
export type OptionalSheet = keyof typeof OPTIONAL_SHEET_HEADERS;

/** How to add a missing optional sheet, named `name` in Settings, in words a partner manager can follow. */
export function howToAdd(sheet: OptionalSheet, name: string): string {
  const headers = OPTIONAL_SHEET_HEADERS[sheet];
  return `Add a sheet named "${name}" with the header row ${headers.join(' · ')}, one row per ${sheet === 'qbrLog' ? 'QBR' : sheet === 'jointPlan' ? 'milestone' : 'entry'}.`;
}

/** Days without a stage change after which an open deal is stuck (docs/rules.md §6). */
export const STUCK_AFTER_DAYS = 30;

export function samePartner(a: unknown, b: string): boolean {
  return (
    String(a ?? '')
      .trim()
      .toLowerCase() === b.trim().toLowerCase()
  );
}

interface Table {
  /** Column index of each spec header, or -1 when the sheet lacks it. */
  col: (header: string) => number;
  rows: CellValue[][];
}

function table(values: readonly CellValue[][]): Table {
  const header = (values[0] ?? []).map(normalizeHeader);
  return { col: (h) => header.indexOf(normalizeHeader(h)), rows: values.slice(1) as CellValue[][] };
}

function text(row: CellValue[], index: number): string {
  return index < 0 ? '' : String(row[index] ?? '').trim();
}

function dateOr(
  problems: string[],
  where: string,
  row: CellValue[],
  index: number,
  field: string,
  calendar: SheetCalendar,
): DayNumber | null {
  if (index < 0) return null;
  try {
    return readDate(row[index], field, calendar);
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
    return null;
  }
}

export interface Deal {
  opportunity: string;
  stage: string;
  amount: number | null;
  close: string | null;
  lastStageChange: string | null;
  /** Days since the last stage change; null when that date is blank. */
  daysInStage: number | null;
  open: boolean;
  stuck: boolean;
}

export interface PipelineSummary {
  open: Deal[];
  byStage: { stage: string; count: number; amount: number }[];
  /** Sum of the open deals' amounts. */
  forecast: number;
  stuck: Deal[];
  closedCount: number;
  problems: string[];
}

/** A deal is closed when its stage says so ("Closed won", "Won", "Lost"…); every other stage is open. */
export function isClosedStage(stage: string): boolean {
  return /^(closed\b|won\b|lost\b)/i.test(stage.trim());
}

/** The partner's deals from the Pipeline sheet: open ones by stage (in sheet order), forecast, stuck deals. */
export function pipelineFor(
  values: readonly CellValue[][],
  partner: string,
  today: DayNumber,
  calendar: SheetCalendar,
): PipelineSummary {
  const t = table(values);
  const c = {
    partner: t.col('Partner'),
    opp: t.col('Opportunity'),
    stage: t.col('Stage'),
    amount: t.col('Amount'),
    close: t.col('Close date'),
    change: t.col('Last stage change'),
  };
  const problems: string[] = [];
  const deals: Deal[] = [];
  t.rows.forEach((row, i) => {
    if (!samePartner(row[c.partner], partner)) return;
    const where = `Pipeline row ${i + 2}`;
    const raw = c.amount < 0 ? '' : row[c.amount];
    let amount: number | null = null;
    if (typeof raw === 'number' && Number.isFinite(raw)) amount = raw;
    else if (!isBlank(raw)) problems.push(`${where}: Amount "${String(raw)}" is not a number`);
    const close = dateOr(problems, where, row, c.close, 'Close date', calendar);
    const change = dateOr(problems, where, row, c.change, 'Last stage change', calendar);
    const stage = text(row, c.stage) || '(no stage)';
    const open = !isClosedStage(stage);
    const daysInStage = change === null ? null : today - change;
    deals.push({
      opportunity: text(row, c.opp) || '(unnamed opportunity)',
      stage,
      amount,
      close: close === null ? null : isoOfDay(close),
      lastStageChange: change === null ? null : isoOfDay(change),
      daysInStage,
      open,
      stuck: open && daysInStage !== null && daysInStage >= STUCK_AFTER_DAYS,
    });
  });
  const open = deals.filter((d) => d.open);
  const byStage: PipelineSummary['byStage'] = [];
  for (const d of open) {
    let s = byStage.find((x) => x.stage.toLowerCase() === d.stage.toLowerCase());
    if (!s) byStage.push((s = { stage: d.stage, count: 0, amount: 0 }));
    s.count += 1;
    s.amount += d.amount ?? 0;
  }
  return {
    open,
    byStage,
    forecast: open.reduce((sum, d) => sum + (d.amount ?? 0), 0),
    stuck: open.filter((d) => d.stuck).sort((a, b) => (b.daysInStage ?? 0) - (a.daysInStage ?? 0)),
    closedCount: deals.length - open.length,
    problems,
  };
}

export interface FeedbackEntry {
  type: string;
  summary: string;
  date: string | null;
}

/** The partner's feedback, newest first (undated last). */
export function feedbackFor(
  values: readonly CellValue[][],
  partner: string,
  calendar: SheetCalendar,
): { entries: FeedbackEntry[]; problems: string[] } {
  const t = table(values);
  const c = { partner: t.col('Partner'), type: t.col('Type'), summary: t.col('Summary'), date: t.col('Date') };
  const problems: string[] = [];
  const dated: { day: DayNumber | null; entry: FeedbackEntry }[] = [];
  t.rows.forEach((row, i) => {
    if (!samePartner(row[c.partner], partner)) return;
    const day = dateOr(problems, `Feedback row ${i + 2}`, row, c.date, 'Date', calendar);
    dated.push({
      day,
      entry: { type: text(row, c.type), summary: text(row, c.summary), date: day === null ? null : isoOfDay(day) },
    });
  });
  dated.sort((a, b) => (b.day ?? -Infinity) - (a.day ?? -Infinity));
  return { entries: dated.map((d) => d.entry), problems };
}

export interface ActionItem {
  /** Sheet row (1-based), so "complete" writes the right cell. */
  row: number;
  item: string;
  side: Side | null;
  due: string | null;
  status: string;
  done: boolean;
  overdue: boolean;
}

export function readSide(value: unknown): Side | null {
  const t = String(value ?? '')
    .trim()
    .toLowerCase();
  return SIDES.find((s) => s.toLowerCase() === t) ?? null;
}

/** Done, Closed, Complete(d), Cancelled: an item nobody has to act on any more. */
export function isDoneStatus(status: string): boolean {
  return /^(done|closed|complete|completed|cancel+ed)$/i.test(status.trim());
}

/** The partner's action items in sheet order: open first, then done. */
export function actionItemsFor(
  values: readonly CellValue[][],
  partner: string,
  today: DayNumber,
  calendar: SheetCalendar,
): { items: ActionItem[]; problems: string[] } {
  const t = table(values);
  const c = {
    partner: t.col('Partner'),
    item: t.col('Item'),
    side: t.col('Side'),
    due: t.col('Due'),
    status: t.col('Status'),
  };
  const problems: string[] = [];
  const items: ActionItem[] = [];
  t.rows.forEach((row, i) => {
    if (!samePartner(row[c.partner], partner)) return;
    const due = dateOr(problems, `Action items row ${i + 2}`, row, c.due, 'Due', calendar);
    const status = text(row, c.status) || 'Open';
    const done = isDoneStatus(status);
    const rawSide = c.side < 0 ? '' : row[c.side];
    const side = readSide(rawSide);
    if (side === null && !isBlank(rawSide)) {
      problems.push(`Action items row ${i + 2}: Side ${describeValue(rawSide)} is not one of ${SIDES.join(', ')}`);
    }
    items.push({
      row: i + 2,
      item: text(row, c.item),
      side,
      due: due === null ? null : isoOfDay(due),
      status,
      done,
      overdue: !done && due !== null && due < today,
    });
  });
  return { items: [...items.filter((x) => !x.done), ...items.filter((x) => x.done)], problems };
}

/** Whether the QBR log already has a QBR for the partner on that day (so "Mark QBR held" is not doubled). */
export function loggedOn(
  values: readonly CellValue[][],
  partner: string,
  day: DayNumber,
  calendar: SheetCalendar,
): boolean {
  const t = table(values);
  const c = { partner: t.col('Partner'), held: t.col('Held on') };
  return t.rows.some((row) => {
    if (!samePartner(row[c.partner], partner) || c.held < 0) return false;
    try {
      return readDate(row[c.held], 'Held on', calendar) === day;
    } catch {
      return false;
    }
  });
}

/**
 * A row to append under an existing header, each value in the column whose header names it (in any order,
 * compared like the partner sheet's headers); other columns stay blank. A missing column is an error that
 * names it, because writing the value elsewhere would put it under the wrong heading.
 */
export function rowForHeader(
  header: readonly CellValue[],
  sheetName: string,
  values: Record<string, CellValue>,
): CellValue[] {
  const names = header.map(normalizeHeader);
  const row: CellValue[] = header.map(() => '');
  const missing: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const index = names.indexOf(normalizeHeader(name));
    if (index < 0) missing.push(name);
    else row[index] = value;
  }
  if (missing.length > 0) {
    throw new Error(
      `The "${sheetName}" sheet has no ${missing.map((m) => `"${m}"`).join(', ')} column; add ${missing.length === 1 ? 'it' : 'them'} to its first row.`,
    );
  }
  return row;
}

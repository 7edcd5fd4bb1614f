import { escapeHtml } from '../escapeHtml';
import type { Rules } from '../rules';
import { type AlertItem, type AlertKind, REMINDER_KINDS } from './alerts';

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

export interface DigestContext {
  /** The day, YYYY-MM-DD in the spreadsheet's time zone. */
  day: string;
  spreadsheetName: string;
  spreadsheetUrl: string;
  /** The partner sheet's id (gid), so a link opens the sheet at the partner's row. */
  sheetId: number;
  rules: Rules;
}

const KIND_LABELS: Record<AlertKind, string> = {
  escalation: 'Escalation',
  healthDrop: 'Health drop',
  qbrOverdue: 'QBR overdue',
  touchOverdue: 'Touch overdue',
  noOwner: 'No owner',
  qbrComingUp: 'QBR coming up',
  stalled: 'Stalled',
  firstDealDue: 'First deal due',
  recruitingOverdue: 'Recruiting overdue',
  milestoneOverdue: 'Milestone overdue',
};

export function rowLink(ctx: DigestContext, row: number | null, column = 'A'): string {
  return row === null ? ctx.spreadsheetUrl : `${ctx.spreadsheetUrl}#gid=${ctx.sheetId}&range=${column}${row}`;
}

/** An input of one of the recipient's partners that could not be read, with the cell it is in. */
export interface DigestProblem {
  partner: string;
  /** Sheet row (1-based) and column letter of the cell. */
  row: number;
  column: string;
  /** Field, value and what is allowed: `NPS 140 is outside −100…100`. */
  message: string;
}

/** What a digest carries besides its alerts (docs/alerts-and-data-problems.md). */
export interface DigestExtras {
  /** For the admin: what earlier runs could not deliver, with what to fix; listed first. */
  notices?: string[];
  /** The recipient's partners' unreadable inputs, listed last. */
  problems?: DigestProblem[];
}

function late(item: AlertItem): string {
  if (item.hoursOverdue !== undefined) return `${item.hoursOverdue} h`;
  if (item.unreadable) return 'date unreadable';
  if (item.daysOverdue === null)
    return REMINDER_KINDS.includes(item.kind) || item.kind === 'healthDrop' || item.kind === 'noOwner' ? '—' : 'never';
  return `${item.daysOverdue} d`;
}

function scoreText(item: AlertItem): string {
  return item.score === null ? '—' : String(item.score);
}

/**
 * Bytes of text and HTML body a digest may take. Google refuses a message body over 200 KB on consumer
 * accounts (400 KB on Workspace); a refused digest would fail every hour and never arrive, so a very long one
 * lists the worst items up to this size and counts the rest, with a link to the sheet that holds them all.
 */
export const DIGEST_BODY_BUDGET = 120_000;

/** Unreadable inputs listed in one digest (a column of bad values would otherwise fill it); the rest are counted. */
export const MAX_PROBLEMS_LISTED = 50;

/** UTF-8 length without TextEncoder, which Apps Script's runtime does not promise. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The one e-mail a recipient gets for a day (docs/rules.md §5): every item, worst first, with partner, segment,
 * score, tier, reason, days overdue and a link to the row. Plain text and HTML; every cell value escaped.
 * Past `budget` bytes of body the rest are counted instead of listed (see DIGEST_BODY_BUDGET).
 */
export function composeDigest(
  all: readonly AlertItem[],
  ctx: DigestContext,
  budget = DIGEST_BODY_BUDGET,
  extras: DigestExtras = {},
): Digest {
  const n = all.length;
  const partners = new Set(all.map((i) => i.partner)).size;
  const notices = extras.notices ?? [];
  const problems = extras.problems ?? [];
  const subject =
    n > 0
      ? `PartnerPulse ${ctx.day}: ${partners} partner${partners === 1 ? '' : 's'} need${partners === 1 ? 's' : ''} you (${n} item${n === 1 ? '' : 's'})`
      : notices.length > 0
        ? `PartnerPulse ${ctx.day}: alerts that reached nobody — what to fix`
        : `PartnerPulse ${ctx.day}: ${problems.length} input${problems.length === 1 ? '' : 's'} to fix on the partner sheet`;
  const color = (item: AlertItem) => (item.tier ? ctx.rules.tierColors[item.tier] : '#ffffff');
  const lineOf = (item: AlertItem, k: number) =>
    `${k + 1}. [${KIND_LABELS[item.kind]}] ${item.partner} — ${item.reason}\n` +
    `   Segment: ${item.segment ?? '—'} · Score: ${scoreText(item)} (${item.tier ?? '—'}) · Overdue: ${late(item)}\n` +
    `   ${rowLink(ctx, item.row)}`;
  const rowOf = (item: AlertItem) =>
    '<tr>' +
    `<td style="padding:4px 8px">${escapeHtml(KIND_LABELS[item.kind])}</td>` +
    `<td style="padding:4px 8px"><a href="${escapeHtml(rowLink(ctx, item.row))}">${escapeHtml(item.partner)}</a></td>` +
    `<td style="padding:4px 8px">${escapeHtml(item.segment ?? '—')}</td>` +
    `<td style="padding:4px 8px;background:${escapeHtml(color(item))}">${escapeHtml(scoreText(item))} ${escapeHtml(item.tier ?? '')}</td>` +
    `<td style="padding:4px 8px">${escapeHtml(item.reason)}</td>` +
    `<td style="padding:4px 8px;text-align:right">${escapeHtml(late(item))}</td>` +
    '</tr>';
  // The items, worst first, whose text line and HTML row fit the budget (at least one), measured as sent.
  const lines: string[] = [];
  const rows: string[] = [];
  let used = 3_000; // greeting, headers, the "more" line and the footer of both parts
  for (const item of all) {
    const line = lineOf(item, lines.length);
    const row = rowOf(item);
    used += utf8Bytes(line) + utf8Bytes(row) + 2;
    if (used > budget && lines.length > 0) break;
    lines.push(line);
    rows.push(row);
  }
  const rest = n - lines.length;
  const restText =
    rest === 0
      ? ''
      : `… and ${rest} more item${rest === 1 ? '' : 's'}, too many for one e-mail: see them all in the sheet, ${ctx.spreadsheetUrl}\n\n`;
  const restHtml =
    rest === 0
      ? ''
      : `<p><b>… and ${rest} more item${rest === 1 ? '' : 's'}</b>, too many for one e-mail: see them all in <a href="${escapeHtml(ctx.spreadsheetUrl)}">the sheet</a>.</p>`;
  const noticeText =
    notices.length === 0
      ? ''
      : `PartnerPulse could not deliver everything:\n${notices.map((x) => `- ${x}`).join('\n')}\n\n`;
  const noticeHtml =
    notices.length === 0
      ? ''
      : `<div style="border:1px solid #e0a800;background:#fff8e1;padding:6px 10px;margin-bottom:8px"><p><b>PartnerPulse could not deliver everything:</b></p><ul>${notices.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul></div>`;
  // The unreadable inputs go last and are kept short: they must not push the alerts out of the budget.
  const shownProblems = problems.slice(0, MAX_PROBLEMS_LISTED);
  const moreProblems = problems.length - shownProblems.length;
  const problemText =
    problems.length === 0
      ? ''
      : `Inputs PartnerPulse could not read (each counts as blank until fixed):\n${shownProblems.map((p) => `- ${p.partner}: ${p.message} — cell ${p.column}${p.row}: ${rowLink(ctx, p.row, p.column)}`).join('\n')}\n` +
        (moreProblems > 0 ? `… and ${moreProblems} more: see the sheet.\n` : '') +
        '\n';
  const problemHtml =
    problems.length === 0
      ? ''
      : '<p><b>Inputs PartnerPulse could not read</b> (each counts as blank until fixed):</p><ul>' +
        shownProblems
          .map(
            (p) =>
              `<li>${escapeHtml(p.partner)}: ${escapeHtml(p.message)} — <a href="${escapeHtml(rowLink(ctx, p.row, p.column))}">cell ${escapeHtml(p.column)}${p.row}</a></li>`,
          )
          .join('') +
        `</ul>${moreProblems > 0 ? `<p>… and ${moreProblems} more: see the sheet.</p>` : ''}`;
  const listText =
    n === 0
      ? ''
      : `Your PartnerPulse digest for ${ctx.day} from "${ctx.spreadsheetName}", worst first:\n\n${lines.join('\n\n')}\n\n`;
  const text =
    (n === 0 ? `Your PartnerPulse digest for ${ctx.day} from "${ctx.spreadsheetName}".\n\n` : '') +
    noticeText +
    listText +
    restText +
    problemText +
    "You get one digest a day. Update the partner sheet and tomorrow's digest follows.\n";
  const html =
    '<div style="font-family:Arial,sans-serif;font-size:13px">' +
    `<p>Your PartnerPulse digest for <b>${escapeHtml(ctx.day)}</b> from <a href="${escapeHtml(ctx.spreadsheetUrl)}">${escapeHtml(ctx.spreadsheetName)}</a>${n > 0 ? ', worst first' : ''}:</p>` +
    noticeHtml +
    (n === 0
      ? ''
      : '<table style="border-collapse:collapse" border="1" cellspacing="0">' +
        '<tr><th>What</th><th>Partner</th><th>Segment</th><th>Score</th><th>Reason</th><th>Overdue</th></tr>' +
        rows.join('') +
        '</table>') +
    `${restHtml}${problemHtml}<p style="color:#666">You get one digest a day.</p></div>`;
  return { subject, text, html };
}

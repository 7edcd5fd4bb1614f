import { AlertItem, AlertKind } from './alerts';
import { escapeHtml } from './html';
import { Rules } from './rules';

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
};

export function rowLink(ctx: DigestContext, row: number | null): string {
  return row === null ? ctx.spreadsheetUrl : `${ctx.spreadsheetUrl}#gid=${ctx.sheetId}&range=A${row}`;
}

function late(item: AlertItem): string {
  if (item.hoursOverdue !== undefined) return `${item.hoursOverdue} h`;
  if (item.daysOverdue === null) return item.kind === 'qbrComingUp' || item.kind === 'healthDrop' || item.kind === 'noOwner' ? '—' : 'never';
  return `${item.daysOverdue} d`;
}

function scoreText(item: AlertItem): string {
  return item.score === null ? '—' : String(item.score);
}

/**
 * The one e-mail a recipient gets for a day (spec §5): every item, worst first, with partner, segment,
 * score, tier, reason, days overdue and a link to the row. Plain text and HTML; every cell value escaped.
 */
export function composeDigest(items: readonly AlertItem[], ctx: DigestContext): Digest {
  const n = items.length;
  const partners = new Set(items.map((i) => i.partner)).size;
  const subject = `PartnerPulse ${ctx.day}: ${partners} partner${partners === 1 ? '' : 's'} need${partners === 1 ? 's' : ''} you (${n} item${n === 1 ? '' : 's'})`;
  const lines = items.map((item, k) =>
    `${k + 1}. [${KIND_LABELS[item.kind]}] ${item.partner} — ${item.reason}\n` +
    `   Segment: ${item.segment ?? '—'} · Score: ${scoreText(item)} (${item.tier ?? '—'}) · Overdue: ${late(item)}\n` +
    `   ${rowLink(ctx, item.row)}`,
  );
  const text = `Your PartnerPulse digest for ${ctx.day} from "${ctx.spreadsheetName}", worst first:\n\n${lines.join('\n\n')}\n\n` +
    'You get one digest a day. Update the partner sheet and tomorrow\'s digest follows.\n';
  const color = (item: AlertItem) => (item.tier ? ctx.rules.tierColors[item.tier] : '#ffffff');
  const rows = items.map((item) =>
    '<tr>' +
    `<td style="padding:4px 8px">${escapeHtml(KIND_LABELS[item.kind])}</td>` +
    `<td style="padding:4px 8px"><a href="${escapeHtml(rowLink(ctx, item.row))}">${escapeHtml(item.partner)}</a></td>` +
    `<td style="padding:4px 8px">${escapeHtml(item.segment ?? '—')}</td>` +
    `<td style="padding:4px 8px;background:${escapeHtml(color(item))}">${escapeHtml(scoreText(item))} ${escapeHtml(item.tier ?? '')}</td>` +
    `<td style="padding:4px 8px">${escapeHtml(item.reason)}</td>` +
    `<td style="padding:4px 8px;text-align:right">${escapeHtml(late(item))}</td>` +
    '</tr>',
  );
  const html =
    '<div style="font-family:Arial,sans-serif;font-size:13px">' +
    `<p>Your PartnerPulse digest for <b>${escapeHtml(ctx.day)}</b> from <a href="${escapeHtml(ctx.spreadsheetUrl)}">${escapeHtml(ctx.spreadsheetName)}</a>, worst first:</p>` +
    '<table style="border-collapse:collapse" border="1" cellspacing="0">' +
    '<tr><th>What</th><th>Partner</th><th>Segment</th><th>Score</th><th>Reason</th><th>Overdue</th></tr>' +
    rows.join('') +
    '</table><p style="color:#666">You get one digest a day.</p></div>';
  return { subject, text, html };
}

import { ALERT_ORDER, type AlertItem, groupByRecipient } from '../../core/alerts/alerts';
import { classifyServiceError, RATE_LIMIT_DELAYS_MS, withBackoff } from '../../core/alerts/backoff';
import {
  composeDigest,
  type Digest,
  type DigestContext,
  type DigestExtras,
  type DigestProblem,
} from '../../core/alerts/digest';
import { dayOfIso, isDate, isoOfDay } from '../../core/reading/calendar';
import { isEmail } from '../../core/reading/cells';
import type { Settings } from '../../core/settings/settings';
import { countServiceCalls } from '../platform/serviceCalls';
import { ALERT_LOG_HEADERS, asText, ensureLogSheet, readLogRows } from '../sheets/logSheets';

export interface SendOutcome {
  sent: number;
  deferred: number;
  failed: number;
  alreadySent: number;
  /** Of `failed`: sends the mail service refused (not a missing or invalid address), worth another try. */
  retryable: number;
  /** Stopped at the deadline with digests left: the next hourly run continues. */
  unfinished: boolean;
  /** Digests given up today after MAX_TRIES failed sends, each with its last error: someone must look. */
  gaveUp: string[];
  /** Digests that cannot reach anyone (no address, an address the mail service refuses), each with what to fix. */
  undeliverable: string[];
  /** Whether a digest carrying notices went in this run: the notices can be cleared. */
  noticesDelivered: boolean;
}

/** Sends of one digest in one day before PartnerPulse stops retrying it and says so (Run log, menu, admin). */
export const MAX_TRIES = 3;

export interface PlannedDigest {
  recipient: string | null;
  items: AlertItem[];
  digest: Digest;
  /** What the Alert log calls this mail, when not the run's (one escalation alert per breach). */
  what?: string;
  /** Notices of undelivered items this digest carries (cleared once it is sent). */
  notices?: string[];
}

/** What the daily digests carry besides the alerts: unreadable inputs per recipient, notices for the admin. */
export interface DigestAdditions {
  /** Per recipient (lower case), their partners' unreadable inputs. */
  problems?: Map<string, { recipient: string; problems: DigestProblem[] }>;
  /** What earlier runs could not deliver, for the admin's digest. */
  notices?: { recipient: string; lines: string[] };
}

/**
 * The day's digests, the recipient with the worst item first (they go first when the quota is short). A
 * recipient with unreadable inputs or notices but no alert still gets a digest: nothing stays unseen.
 */
export function planDigests(items: AlertItem[], ctx: DigestContext, additions: DigestAdditions = {}): PlannedDigest[] {
  const groups = new Map<string | null, { recipient: string | null; items: AlertItem[] }>();
  for (const [key, list] of groupByRecipient(items))
    groups.set(key, { recipient: key === null ? null : list[0].recipient, items: list });
  for (const [key, entry] of additions.problems ?? [])
    if (!groups.has(key)) groups.set(key, { recipient: entry.recipient, items: [] });
  const notices = additions.notices;
  if (notices && notices.lines.length > 0 && !groups.has(notices.recipient.toLowerCase()))
    groups.set(notices.recipient.toLowerCase(), { recipient: notices.recipient, items: [] });
  const plans = [...groups].map(([key, group]) => {
    const extras: DigestExtras = {
      problems: key === null ? [] : (additions.problems?.get(key)?.problems ?? []),
      notices: key !== null && notices && notices.recipient.toLowerCase() === key ? notices.lines : [],
    };
    return {
      recipient: group.recipient,
      items: group.items,
      digest: composeDigest(group.items, ctx, undefined, extras),
      ...(extras.notices?.length ? { notices: extras.notices } : {}),
    };
  });
  return plans.sort((a, b) => worstRank(a.items[0]) - worstRank(b.items[0]));
}

function worstRank(item: AlertItem | undefined): number {
  if (item === undefined) return ALERT_ORDER.length * 100_000;
  return ALERT_ORDER.indexOf(item.kind) * 100_000 - (item.daysOverdue ?? 0);
}

/**
 * Sends each planned digest at most once per day and recipient. The Alert log is read once and consulted
 * before sending; each digest is logged right after it goes (one row per digest), so a run cut off half-way
 * or a second run never sends a digest twice. What the daily quota cannot carry is logged as deferred and
 * goes with a later run; a bad address is logged and skipped. A rate limit ("too many times in a short time")
 * is waited out with growing pauses; the daily quota is not retried.
 *
 * `logBatch` > 1 (the warehouse digests, docs/warehouse.md): the "sending" rows of the next `logBatch` digests
 * are written in one call before the first of them goes, and their outcomes in one call after the last, instead
 * of two calls per digest. The deadline is checked before each batch, not inside it; a run that ends inside a
 * batch for another reason leaves its unsent digests "sending", reported as unconfirmed like a cut single one.
 */
export function sendDigests(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  day: string,
  planned: PlannedDigest[],
  deadline: number,
  what = 'Daily digest',
  keepDays: number | null = null,
  logBatch = 1,
): SendOutcome {
  const log = ensureLogSheet(ss, settings.sheets.alertLog, ALERT_LOG_HEADERS);
  // Rows older than `keepDays` at the top of the log (it is written in time order), dropped after sending.
  const cutoff = keepDays === null ? null : isoOfDay((dayOfIso(day) as number) - keepDays);
  let expired = 0;
  let counting = cutoff !== null;
  const lastStatus = new Map<string, string>();
  const failures = new Map<string, number>();
  // Per-breach mails (a plan with its own `what`) go once, ever: the daily digest keeps listing the breach.
  const sentEver = new Set<string>();
  // Per recipient, the latest earlier day with a digest of this kind and how it ended that day.
  const earlier = new Map<string, { day: string; sent: boolean; deferred: boolean }>();
  // We write the day as text; a Date there (a log edited by hand) is read in the spreadsheet's time zone.
  let timeZone: string | null = null;
  for (const row of readLogRows(log)) {
    const rowDay = isDate(row[0])
      ? Utilities.formatDate(row[0], (timeZone ??= ss.getSpreadsheetTimeZone()), 'yyyy-MM-dd')
      : String(row[0]);
    const who = String(row[1]).toLowerCase();
    const key = `${rowDay}|${who}|${String(row[2])}`;
    const status = String(row[4]);
    if (counting && cutoff !== null && /^\d{4}-\d{2}-\d{2}$/.test(rowDay) && rowDay < cutoff) expired++;
    else counting = false;
    if (lastStatus.get(key) !== 'sent') lastStatus.set(key, status);
    if (status === 'failed') failures.set(key, (failures.get(key) ?? 0) + 1);
    if (status === 'sent') sentEver.add(`${who}|${String(row[2])}`);
    if (rowDay < day && String(row[2]) === what) {
      const e = earlier.get(who);
      const entry =
        e && e.day === rowDay ? e : e && e.day > rowDay ? null : { day: rowDay, sent: false, deferred: false };
      if (entry) {
        entry.sent ||= status === 'sent';
        entry.deferred ||= status === 'deferred';
        earlier.set(who, entry);
      }
    }
  }
  // Deferred, not lost: a recipient whose digest the quota held back on the last day they had one (and who
  // got none that day) goes first, so a short quota does not serve the same worst-first recipients daily.
  const heldBack = (p: PlannedDigest) => {
    const e = p.recipient === null ? undefined : earlier.get(p.recipient.toLowerCase());
    return e?.deferred && !e.sent ? 0 : 1;
  };
  planned = [...planned].sort((a, b) => heldBack(a) - heldBack(b));
  const outcome: SendOutcome = {
    sent: 0,
    deferred: 0,
    failed: 0,
    alreadySent: 0,
    retryable: 0,
    unfinished: false,
    gaveUp: [],
    undeliverable: [],
    noticesDelivered: false,
  };
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  let quota = MailApp.getRemainingDailyQuota();
  countServiceCalls();
  // Day is written as text so that the log reads the same in every time zone.
  const logRow = (plan: PlannedDigest, recipient: string, items: number, status: string, detail = '') => [
    `'${day}`,
    asText(recipient),
    asText(plan.what ?? what),
    items,
    status,
    new Date(),
    asText(detail),
  ];
  const batch = logBatch > 1 ? batchedLog(log) : null;
  // Whether a digest will be handed to MailApp (the checks of the loop below, quota aside): batched rows are
  // written only for those.
  const willSend = (p: PlannedDigest) => {
    if (p.recipient === null || !isEmail(p.recipient)) return false;
    const k = `${day}|${p.recipient.toLowerCase()}|${p.what ?? what}`;
    const b = lastStatus.get(k);
    if (b === 'sent' || b === SENDING || b === UNCONFIRMED || (failures.get(k) ?? 0) >= MAX_TRIES) return false;
    return !(p.what !== undefined && sentEver.has(`${p.recipient.toLowerCase()}|${p.what}`));
  };
  for (const [index, plan] of planned.entries()) {
    const planWhat = plan.what ?? what;
    const mark = (recipient: string, items: number, status: string, detail = '') => {
      if (batch?.settle(plan, status, detail)) return;
      log.appendRow(logRow(plan, recipient, items, status, detail));
    };
    const recipient = plan.recipient ?? '(no address)';
    const key = `${day}|${recipient.toLowerCase()}|${planWhat}`;
    const before = lastStatus.get(key);
    if (before === 'sent' || (plan.what !== undefined && sentEver.has(`${recipient.toLowerCase()}|${planWhat}`))) {
      outcome.alreadySent++;
      continue;
    }
    if (before === SENDING || before === UNCONFIRMED) {
      // A run ended (time limit, crash) between handing this digest to MailApp and logging it: it may have gone.
      // Sending again could mail it twice, which the spec forbids, so it is reported instead (once).
      if (before === SENDING)
        mark(
          recipient,
          plan.items.length,
          UNCONFIRMED,
          'A run ended while sending this digest; it may not have gone. Check your Sent mail; PartnerPulse will not send it twice.',
        );
      outcome.failed++;
      continue;
    }
    if (!batch?.has(plan) && Date.now() > deadline) {
      outcome.unfinished = true;
      break;
    }
    if (plan.recipient === null) {
      if (before !== 'no address') mark(recipient, plan.items.length, 'no address', NO_ADDRESS_FIX);
      outcome.failed++;
      outcome.undeliverable.push(
        `${items(plan.items.length)} (${[...new Set(plan.items.map((i) => i.partner))].slice(0, 3).join(', ')}) had nobody to go to: ${NO_ADDRESS_FIX}`,
      );
      continue;
    }
    if (!isEmail(plan.recipient)) {
      if (before !== 'invalid address')
        mark(recipient, plan.items.length, 'invalid address', `"${plan.recipient}" is not an e-mail address`);
      outcome.failed++;
      outcome.undeliverable.push(
        `${items(plan.items.length)} for "${plan.recipient}" could not be sent: it is not an e-mail address; correct it on the partner sheet or in Settings`,
      );
      continue;
    }
    if ((failures.get(key) ?? 0) >= MAX_TRIES) {
      // Given up earlier today; the run that gave up said so. Tomorrow's digest tries again.
      outcome.failed++;
      continue;
    }
    if (quota < 1) {
      if (before !== 'deferred' || batch?.has(plan))
        mark(recipient, plan.items.length, 'deferred', 'Daily e-mail quota used up; goes with the next run.');
      outcome.deferred++;
      continue;
    }
    const message = {
      to: plan.recipient,
      subject: plan.digest.subject,
      body: plan.digest.text,
      htmlBody: plan.digest.html,
      name: 'PartnerPulse',
    };
    // Logged before it goes and confirmed after: a run cut off in between (Apps Script ends an execution at
    // any call) leaves "sending", and the next run does not send it again.
    let settle: (status: string, detail?: string) => void;
    if (batch) {
      if (!batch.has(plan)) {
        const next = planned.slice(index).filter(willSend).slice(0, Math.min(logBatch, quota));
        // `plan` passed the same checks, so it is the first of `next`.
        batch.write(next.map((p) => ({ plan: p, row: logRow(p, p.recipient as string, p.items.length, SENDING) })));
      }
      settle = (status, detail = '') => batch.settle(plan, status, detail);
    } else {
      mark(plan.recipient, plan.items.length, SENDING);
      const row = log.getLastRow();
      settle = (status, detail = '') => log.getRange(row, 5, 1, 3).setValues([[status, new Date(), asText(detail)]]);
    }
    try {
      withBackoff(
        () => {
          countServiceCalls();
          MailApp.sendEmail(message);
        },
        { delaysMs: RATE_LIMIT_DELAYS_MS, sleep: (ms) => Utilities.sleep(ms), now: () => Date.now(), deadline },
      );
    } catch (error) {
      const message = (error as Error).message;
      if (classifyServiceError(message) === 'daily quota') {
        quota = 0;
        settle('deferred', message);
        outcome.deferred++;
      } else if (/^Invalid email/i.test(message)) {
        // MailApp's own verdict on the address: no retry can help.
        settle('invalid address', message);
        outcome.failed++;
        outcome.undeliverable.push(
          `${items(plan.items.length)} for ${recipient} could not be sent (${message}): correct the address on the partner sheet or in Settings`,
        );
      } else {
        settle('failed', message);
        outcome.failed++;
        const tries = (failures.get(key) ?? 0) + 1;
        failures.set(key, tries);
        if (tries >= MAX_TRIES) outcome.gaveUp.push(`${recipient}: ${message}`);
        else outcome.retryable++;
      }
      continue;
    }
    quota--;
    settle('sent');
    lastStatus.set(key, 'sent');
    outcome.sent++;
    if (plan.notices) outcome.noticesDelivered = true;
  }
  batch?.flush();
  // One call, after the new rows are in (Sheets refuses to delete every non-frozen row of a sheet).
  if (expired > 0 && log.getLastRow() > expired + 1) log.deleteRows(2, expired);
  return outcome;
}

/**
 * The Alert log written a batch at a time: `write` puts the "sending" rows of the digests about to go (one
 * call), `settle` records a digest's outcome in memory, and the batch's outcomes go in one call once each of
 * its digests has one (or at `flush`).
 */
function batchedLog(log: GoogleAppsScript.Spreadsheet.Sheet) {
  let first = 0;
  let rows = new Map<PlannedDigest, number>();
  let outcomes: (unknown[] | null)[] = [];
  const flush = () => {
    if (outcomes.length === 0) return;
    // Digests of the batch that never got an outcome (the run stopped) stay "sending": written as they are.
    const values = outcomes.map((o) => o ?? [SENDING, new Date(), '']);
    log.getRange(first, 5, values.length, 3).setValues(values);
    outcomes = [];
    rows = new Map();
  };
  return {
    has: (plan: PlannedDigest) => rows.has(plan),
    write(next: { plan: PlannedDigest; row: unknown[] }[]) {
      flush();
      first = log.getLastRow() + 1;
      log.getRange(first, 1, next.length, 7).setValues(next.map((n) => n.row));
      next.forEach((n, i) => rows.set(n.plan, first + i));
      outcomes = next.map(() => null);
    },
    /** Records the outcome of a digest of the batch; false when the digest has no row in it. */
    settle(plan: PlannedDigest, status: string, detail: string): boolean {
      const row = rows.get(plan);
      if (row === undefined) return false;
      outcomes[row - first] = [status, new Date(), asText(detail)];
      if (outcomes.every((o) => o !== null)) flush();
      return true;
    },
    flush,
  };
}

/** What to do when items have nobody to go to (Alert log detail, Run log, menu, sidebar). */
export const NO_ADDRESS_FIX =
  'set the admin address in PartnerPulse → Settings, or turn daily automation on (its owner gets them)';

/** Alert log statuses of a digest handed to MailApp whose outcome no run saw (see sendDigests). */
const SENDING = 'sending';
const UNCONFIRMED = 'unconfirmed';

/** Days of Alert log kept: the log is read every hour, and what it decides needs only the last few days. */
export const ALERT_LOG_KEEP_DAYS = 90;

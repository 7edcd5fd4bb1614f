import { ALERT_ORDER, type AlertItem, type AlertKind } from '../alerts/alerts';
import type { DayNumber } from '../reading/calendar';
import { type Rules, SEGMENTS, type Segment, type Tier } from '../rules';
import { type Dialect, sqlNumber, sqlString } from './dialect';
import { asOfDay, type RulesSqlOptions, rulesSql, SPACE } from './rulesSql';

/**
 * The queries the add-on runs over a connected warehouse table besides the rules themselves
 * (docs/warehouse.md): the day's alerts, at most a page of recipients at a time, and the dashboard's counts.
 * Both read the rules query as a subquery, so they see exactly the scores the data source sheet shows.
 */

/** Items per recipient a warehouse digest lists; the digest says how many more there are. */
export const ITEMS_PER_RECIPIENT = 20;
/** A data source sheet previews at most 500 rows (developers.google.com/sheets/api/guides/connected-sheets). */
export const PREVIEW_ROWS = 500;
/** The alert query gives one row per recipient: a page is as many recipients as a data source sheet shows. */
export const RECIPIENTS_PER_PAGE = PREVIEW_ROWS;

/** The columns of the alert query, in order: one row per recipient, its listed items encoded in `items`. */
export const ALERT_COLUMNS = ['recipient', 'recipient_key', 'recipient_items', 'items'] as const;

/** Separators of the `items` column: between an item's fields, and after each item (ASCII unit and record separators). */
const FIELD_SEPARATOR = 31;
const ITEM_END = 30;
/** The fields of an item in `items`, in order. */
const ITEM_FIELDS = ['kind', 'partner', 'segment', 'health', 'tier', 'days_overdue', 'reason'] as const;

export interface AlertQueryOptions extends RulesSqlOptions {
  /** Where digests of partners without a valid owner go (Settings); null: those items have no recipient. */
  adminEmail: string | null;
  /** Recipients after this one (in the query's order) only: the next page. '' for the first page. */
  after: string;
  /** Partners (trimmed, lower case) whose snooze holds today: their touch and QBR-overdue alerts are left out. */
  snoozed?: readonly string[];
  /** Escalations past their response window (core/alerts/escalations.ts), listed in their recipients' digests. */
  escalations?: readonly WarehouseEscalation[];
}

/** A breached escalation for the alert query: its partner's owner, segment and score come from the table. */
export interface WarehouseEscalation {
  partner: string;
  reason: string;
  /** The escalation path's address (Settings), or null for the admin. */
  recipient: string | null;
  /** Medium escalations go to the partner's owner (the admin when it has none). */
  toOwner: boolean;
}

// core/reading/cells.ts EMAIL, in RE2 without \s.
const EMAIL = '^[^[:space:]@<>(),;:"]+@[^[:space:]@<>(),;:"]+[.][^[:space:]@<>(),;:"]+$';

/**
 * Spec §5's partner alerts for one day, as core/alerts/alerts.ts partnerAlerts words them: touch overdue, QBR overdue,
 * QBR coming up, no owner. One row per recipient, so the whole day's digests come from one query (one run of the
 * rules over the table): the recipient, the count of all its items (`recipient_items`) and its worst
 * ITEMS_PER_RECIPIENT items, worst first, encoded in `items` (read back with `decodeAlertItems`);
 * RECIPIENTS_PER_PAGE recipients per page, in recipient order, after `after`. A row with no segment counts as
 * Stable, as the daily job's evaluatePartners does.
 */
export function alertsSql(rules: Rules, dialect: Dialect, options: AlertQueryOptions): string {
  const num = (n: number) => sqlNumber(n, dialect);
  const today: DayNumber = asOfDay(options.asOf);
  const days = (date: string) => `(${today} - ${dialect.unixDate(date)})`;
  const seg = `COALESCE(r.segment, 'Stable')`;
  const touchEvery = `CASE ${seg} ${SEGMENTS.map((s) => `WHEN ${sqlString(s)} THEN ${num(rules.segmentPolicies[s].touchEveryDays)}`).join(' ')} END`;
  const qbrSegments = SEGMENTS.filter((s) => rules.segmentPolicies[s].qbrEveryDays !== null);
  const qbrEvery = `CASE ${seg} ${qbrSegments.map((s) => `WHEN ${sqlString(s)} THEN ${num(rules.segmentPolicies[s].qbrEveryDays as number)}`).join(' ')} END`;
  const owner = `REGEXP_REPLACE(REGEXP_REPLACE(r.owner, ${dialect.regex(`^${SPACE}+`)}, ''), ${dialect.regex(`${SPACE}+$`)}, '')`;
  const validOwner = `COALESCE(${dialect.regexContains(owner, dialect.regex(EMAIL))}, FALSE)`;
  const admin = options.adminEmail === null ? `CAST(NULL AS ${dialect.stringType})` : dialect.quote(options.adminEmail);
  const plural = (n: string, word: string) => `${n} || ' ${word}' || CASE WHEN ${n} = '1' THEN '' ELSE 's' END`;
  const text = (x: string) => `CAST(${x} AS ${dialect.stringType})`;
  interface ItemKind {
    kind: AlertKind;
    when: string;
    daysOverdue: string;
    reason: string;
    recipient: string;
  }
  const item = (
    kind: AlertKind,
    when: string,
    daysOverdue: string,
    reason: string,
    recipient = `CASE WHEN ${validOwner} THEN ${owner} ELSE ${admin} END`,
  ): ItemKind => ({ kind, when, daysOverdue, reason, recipient });
  const touchLate = `${days('r.last_contact')} - ${touchEvery}`;
  const qbrLate = `CASE WHEN r.next_qbr IS NOT NULL THEN ${days('r.next_qbr')} WHEN r.last_qbr IS NULL THEN NULL ELSE ${days('r.last_qbr')} - ${qbrEvery} END`;
  const untilQbr = `(${dialect.unixDate('r.next_qbr')} - ${today})`;
  const named = `r.partner IS NOT NULL AND TRIM(r.partner) <> ''`;
  const trim = (x: string) =>
    `REGEXP_REPLACE(REGEXP_REPLACE(${x}, ${dialect.regex(`^${SPACE}+`)}, ''), ${dialect.regex(`${SPACE}+$`)}, '')`;
  // As core/alerts/alerts.ts snoozeKey: the partner trimmed, lower case.
  const partnerKey = `LOWER(${trim('r.partner')})`;
  const snoozed = options.snoozed ?? [];
  // A snooze holds the touch and QBR-overdue alerts only, as in the sheet (docs/alerts-and-data-problems.md).
  const notSnoozed = snoozed.length
    ? ` AND ${partnerKey} NOT IN (${snoozed.map((k) => dialect.quote(k)).join(', ')})`
    : '';
  const escalations = options.escalations ?? [];
  const kinds = [
    item(
      'noOwner',
      `${named} AND NOT ${validOwner}`,
      `CAST(NULL AS ${dialect.intType})`,
      `CASE WHEN r.owner IS NULL OR ${owner} = '' THEN 'No owner: no owner assigned' ELSE 'No owner: Owner "' || r.owner || '" is not an e-mail address' END`,
      admin,
    ),
    item(
      'qbrOverdue',
      `${named} AND ${seg} IN (${qbrSegments.map((s) => sqlString(s)).join(', ')}) AND (r.next_qbr IS NULL AND r.last_qbr IS NULL OR ${qbrLate} > 0)${notSnoozed}`,
      qbrLate,
      `CASE WHEN ${qbrLate} IS NULL THEN 'QBR overdue: no QBR held or scheduled' ELSE 'QBR overdue by ' || ${plural(text(qbrLate), 'day')} END`,
    ),
    item(
      'touchOverdue',
      `${named} AND (r.last_contact IS NULL OR ${touchLate} > 0)${notSnoozed}`,
      touchLate,
      `CASE WHEN r.last_contact IS NULL THEN 'Never contacted' ELSE 'Touch overdue by ' || ${plural(text(touchLate), 'day')} || ' (' || ${seg} || ' cadence)' END`,
    ),
    item(
      'qbrComingUp',
      `${named} AND r.next_qbr IS NOT NULL AND ${untilQbr} >= 0 AND ${untilQbr} <= ${num(rules.qbr.reminderDaysAhead)}`,
      `CAST(NULL AS ${dialect.intType})`,
      `'QBR ' || CASE WHEN ${untilQbr} = 0 THEN 'today' WHEN ${untilQbr} = 1 THEN 'tomorrow' ELSE 'in ' || ${text(untilQbr)} || ' days' END || ': send the agenda'`,
    ),
  ];
  // One pass over the rules' rows for every kind (a row gives up to three items): BigQuery runs a WITH query
  // once per reference, so four references would read and score the table four times.
  const byKind = (part: (k: ItemKind) => string) =>
    `CASE k.kind ${kinds.map((k) => `WHEN '${k.kind}' THEN ${part(k)}`).join(' ')} END`;
  const items = [
    `SELECT ${byKind((k) => k.recipient)} AS recipient, k.kind, r.partner, r.segment, r.health, r.tier, ${byKind((k) => k.daysOverdue)} AS days_overdue, ${byKind((k) => k.reason)} AS reason` +
      ` FROM pp_rules AS r CROSS JOIN (${kinds.map((k) => `SELECT '${k.kind}' AS kind`).join(' UNION ALL ')}) AS k` +
      ` WHERE ${kinds.map((k) => `(k.kind = '${k.kind}' AND ${k.when})`).join(' OR ')}`,
  ];
  if (escalations.length) {
    const str = dialect.stringType;
    const rows = escalations.map(
      (e) =>
        `SELECT ${dialect.quote(e.partner.trim().toLowerCase())} AS k, ${dialect.quote(e.partner)} AS partner, ${dialect.quote(e.reason)} AS reason, ` +
        `${e.recipient === null ? `CAST(NULL AS ${str})` : dialect.quote(e.recipient)} AS path_recipient, ${e.toOwner ? 'TRUE' : 'FALSE'} AS to_owner`,
    );
    items.push(
      `SELECT CASE WHEN e.to_owner THEN (CASE WHEN ${validOwner} THEN ${owner} ELSE ${admin} END) ELSE COALESCE(e.path_recipient, ${admin}) END AS recipient, ` +
        `'escalation' AS kind, e.partner, r.segment, r.health, r.tier, CAST(NULL AS ${dialect.intType}) AS days_overdue, e.reason ` +
        `FROM (${rows.join(' UNION ALL ')}) AS e LEFT JOIN pp_rules AS r ON e.k = ${partnerKey}`,
    );
  }
  const kindRank = `CASE kind ${ALERT_ORDER.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END`;
  const lateness = `COALESCE(days_overdue, CASE WHEN kind = 'qbrComingUp' THEN 0 ELSE 10000 END)`;
  const key = `COALESCE(LOWER(recipient), '')`;
  const us = dialect.codePoint(FIELD_SEPARATOR);
  const rs = dialect.codePoint(ITEM_END);
  // Text fields lose the two separator characters (never typed in a name or an address), so an item splits back.
  const field = (x: string) => `COALESCE(REPLACE(REPLACE(${text(x)}, ${us}, ' '), ${rs}, ' '), '')`;
  const encoded = `${ITEM_FIELDS.map(field).join(` || ${us} || `)} || ${rs}`;
  return [
    `-- PartnerPulse alerts (docs/rules.md §5) as of ${options.asOf}, a page of recipients; see docs/warehouse.md`,
    `WITH pp_rules AS (\n${rulesSql(rules, dialect, options)}\n),`,
    `pp_items AS (\n  ${items.join('\n  UNION ALL\n  ')}\n),`,
    `pp_ranked AS (\n  SELECT *, ${key} AS recipient_key, ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${kindRank}, ${lateness} DESC, COALESCE(health, 101), partner) AS item_rank,`,
    `    COUNT(*) OVER (PARTITION BY ${key}) AS recipient_items FROM pp_items WHERE ${key} > ${dialect.quote(options.after.toLowerCase())}\n)`,
    `SELECT MAX(CASE WHEN item_rank = 1 THEN recipient END) AS recipient, recipient_key, MAX(recipient_items) AS recipient_items,`,
    `  STRING_AGG(CASE WHEN item_rank <= ${ITEMS_PER_RECIPIENT} THEN ${encoded} END, '' ORDER BY item_rank) AS items`,
    `FROM pp_ranked GROUP BY recipient_key ORDER BY recipient_key LIMIT ${RECIPIENTS_PER_PAGE}`,
  ].join('\n');
}

/** What the aggregate query counts partners by, in the dashboard's order. */
export const COUNT_DIMENSIONS = ['tier', 'segment', 'quadrant'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];
/** The count query's value for partners the rules give no tier, segment or quadrant (blank or invalid input). */
export const NO_VALUE = '(blank or invalid)';

/**
 * The dashboard's counts (docs/dashboard.md): partners per tier, segment and quadrant, one row per (dimension,
 * value). An aggregate: BigQuery reads the table, the script reads a couple of dozen rows.
 */
export function countsSql(rules: Rules, dialect: Dialect, options: RulesSqlOptions): string {
  return [
    `-- PartnerPulse counts per tier, segment and quadrant as of ${options.asOf}; see docs/warehouse.md`,
    `WITH pp_rules AS (\n${rulesSql(rules, dialect, options)}\n)`,
    COUNT_DIMENSIONS.map(
      (c) =>
        `SELECT '${c}' AS dimension, COALESCE(${c}, '${NO_VALUE}') AS value, COUNT(*) AS partners FROM pp_rules GROUP BY ${c}`,
    ).join('\nUNION ALL\n'),
    `ORDER BY dimension, value`,
  ].join('\n');
}

/** The items of one recipient's row of the alert query (its `items` column), worst first. */
export function decodeAlertItems(recipient: string | null, items: string): AlertItem[] {
  return items
    .split(String.fromCharCode(ITEM_END))
    .filter((item) => item !== '')
    .map((item) => {
      const f = Object.fromEntries(
        item.split(String.fromCharCode(FIELD_SEPARATOR)).map((v, i) => [ITEM_FIELDS[i], v]),
      ) as Record<(typeof ITEM_FIELDS)[number], string>;
      return {
        kind: f.kind as AlertKind,
        recipient,
        partner: f.partner,
        segment: f.segment === '' ? null : (f.segment as Segment),
        score: f.health === '' ? (f.tier === 'Unknown' ? 'Unknown' : null) : Number(f.health),
        tier: f.tier === '' ? null : (f.tier as Tier),
        reason: f.reason,
        daysOverdue: f.days_overdue === '' ? null : Number(f.days_overdue),
        row: null,
      };
    });
}

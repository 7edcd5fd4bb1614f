import { type DayNumber, isoOfDay } from '../reading/calendar';
import type { Segment, Tier } from '../rules';
import type { PartnerView } from '../scoring/evaluatePartners';

export type AlertKind =
  | 'escalation'
  | 'healthDrop'
  | 'stalled'
  | 'qbrOverdue'
  | 'milestoneOverdue'
  | 'touchOverdue'
  | 'recruitingOverdue'
  | 'noOwner'
  | 'firstDealDue'
  | 'qbrComingUp';

/**
 * Worst first: a breached escalation before a health drop before a partner that just missed its first-deal
 * target before an overdue QBR, … reminders (first deal due, QBR coming up) last (docs/journey.md).
 */
export const ALERT_ORDER: readonly AlertKind[] = [
  'escalation',
  'healthDrop',
  'stalled',
  'qbrOverdue',
  'milestoneOverdue',
  'touchOverdue',
  'recruitingOverdue',
  'noOwner',
  'firstDealDue',
  'qbrComingUp',
];

/** Reminders: nothing is late yet, so they sort by kind alone and show no days overdue. */
export const REMINDER_KINDS: readonly AlertKind[] = ['qbrComingUp', 'firstDealDue'];

export interface AlertItem {
  kind: AlertKind;
  /** Who is told: the owner, the admin (no owner) or the escalation path; null when no address is known. */
  recipient: string | null;
  partner: string;
  segment: Segment | null;
  score: number | 'Unknown' | null;
  tier: Tier | null;
  reason: string;
  /** Days late; null for "never" (never contacted, no QBR ever held) and for reminders. */
  daysOverdue: number | null;
  /** Sheet row of the partner (1-based), for the link; null for an escalation row of another sheet. */
  row: number | null;
  /** Hours past the response window, for escalations. */
  hoursOverdue?: number;
  /** The escalation's severity, for escalations that could be checked. */
  severity?: 'Critical' | 'High' | 'Medium' | 'Low';
  /** Which escalation, for escalations: "partner · severity · opened …", the same every hour it stays open. */
  escalation?: string;
  /** Held by the partner's snooze until this ISO day: listed in the preview, left out of the digest. */
  snoozedUntil?: string;
  /** The date the item depends on could not be read (its text is in the reason): not "never". */
  unreadable?: true;
}

/** A snooze longer than this counts as this long, from the day PartnerPulse first saw it. */
export const SNOOZE_MAX_DAYS = 90;

export interface Snooze {
  /** The day in the Snooze until column. */
  asked: DayNumber;
  /** When alerts come back: `asked`, or `SNOOZE_MAX_DAYS` after it was first seen when that is sooner. */
  until: DayNumber;
  capped: boolean;
}

/** The snooze that applies to a `Snooze until` date first seen on `firstSeen`. */
export function effectiveSnooze(asked: DayNumber, firstSeen: DayNumber, maxDays = SNOOZE_MAX_DAYS): Snooze {
  const limit = firstSeen + maxDays;
  return asked > limit ? { asked, until: limit, capped: true } : { asked, until: asked, capped: false };
}

/** The key under which the day a snooze was first seen is remembered: partner and asked day. */
export function snoozeKey(partner: string, asked: DayNumber): string {
  return `${partner.trim().toLowerCase()}|${isoOfDay(asked)}`;
}

export interface SnoozeContext {
  today: DayNumber;
  /** First-seen day per snoozeKey; a snooze not in it is seen for the first time today. */
  firstSeen: ReadonlyMap<string, DayNumber>;
}

export interface AlertSettings {
  adminEmail: string | null;
}

/** A row of the health history: one partner's score on one day. */
export interface HealthSnapshot {
  day: DayNumber;
  partner: string;
  score: number | 'Unknown';
}

/**
 * The score each partner had `daysAgo` days before `today`: the latest snapshot on or before that day, so a
 * missed daily run still leaves a baseline.
 */
export function baselineScores(
  history: readonly HealthSnapshot[],
  today: DayNumber,
  daysAgo: number,
): Map<string, number> {
  const cutoff = today - daysAgo;
  const best = new Map<string, HealthSnapshot>();
  for (const snap of history) {
    if (snap.day > cutoff || typeof snap.score !== 'number') continue;
    const key = snap.partner.trim().toLowerCase();
    const seen = best.get(key);
    if (!seen || snap.day > seen.day) best.set(key, snap);
  }
  return new Map([...best].map(([k, s]) => [k, s.score as number]));
}

const SHEET_HEADER_ROWS = 1;

/** Partner alerts of docs/rules.md §5 (all but escalations, which come from their own sheet). */
export function partnerAlerts(
  views: readonly PartnerView[],
  baseline: Map<string, number>,
  dropPoints: number,
  settings: AlertSettings,
  snoozes?: SnoozeContext,
): AlertItem[] {
  const items: AlertItem[] = [];
  for (const v of views) {
    const r = v.record;
    if (r.unnamed) continue;
    // A snooze holds only the touch and QBR-overdue alerts: never an escalation, a health drop or a missing owner.
    const snooze =
      snoozes && r.snoozeUntil !== null
        ? effectiveSnooze(r.snoozeUntil, snoozes.firstSeen.get(snoozeKey(r.name, r.snoozeUntil)) ?? snoozes.today)
        : null;
    const held = snooze !== null && snoozes !== undefined && snoozes.today < snooze.until;
    const snoozable = (item: AlertItem): AlertItem => {
      if (snooze === null) return item;
      if (held)
        return {
          ...item,
          snoozedUntil: isoOfDay(snooze.until),
          reason: `${item.reason} — snoozed until ${isoOfDay(snooze.until)}${snooze.capped ? ` (asked ${isoOfDay(snooze.asked)}; a snooze counts at most ${SNOOZE_MAX_DAYS} days)` : ''}`,
        };
      if (snooze.capped && snoozes !== undefined && snoozes.today < snooze.asked) {
        return {
          ...item,
          reason: `${item.reason} — snoozed until ${isoOfDay(snooze.asked)}, but a snooze counts at most ${SNOOZE_MAX_DAYS} days: it ended ${isoOfDay(snooze.until)}`,
        };
      }
      return item;
    };
    const base = {
      partner: r.name,
      segment: v.segment,
      score: v.health.score,
      tier: v.health.tier,
      row: r.index + SHEET_HEADER_ROWS + 1,
    };
    const owner = r.owner;
    if (owner === null) {
      items.push({
        ...base,
        kind: 'noOwner',
        recipient: settings.adminEmail,
        daysOverdue: null,
        reason: `No owner: ${r.ownerProblem ?? 'no owner assigned'}`,
      });
    }
    const was = baseline.get(r.name.trim().toLowerCase());
    if (typeof v.health.score === 'number' && was !== undefined && was - v.health.score >= dropPoints) {
      items.push({
        ...base,
        kind: 'healthDrop',
        recipient: owner ?? settings.adminEmail,
        daysOverdue: null,
        reason: `Health fell ${was - v.health.score} points (${was} → ${v.health.score})`,
      });
    }
    // A date that could not be read is not a blank one: the alert says so, with the text, instead of "never".
    const unreadable = (...fields: string[]) =>
      (r.inputProblems ?? []).filter((p) => fields.includes(p.field)).map((p) => p.message);
    if (v.qbr.overdue) {
      const badDates = v.qbr.daysOverdue === null ? unreadable('lastQbr', 'nextQbr') : [];
      items.push(
        snoozable({
          ...base,
          kind: 'qbrOverdue',
          recipient: owner ?? settings.adminEmail,
          daysOverdue: v.qbr.daysOverdue,
          ...(badDates.length > 0 ? { unreadable: true as const } : {}),
          reason:
            badDates.length > 0
              ? `QBR date unreadable, so the QBR counts as overdue: ${badDates.join('; ')}`
              : v.qbr.daysOverdue === null
                ? 'QBR overdue: no QBR held or scheduled'
                : `QBR overdue by ${v.qbr.daysOverdue} day${v.qbr.daysOverdue === 1 ? '' : 's'}`,
        }),
      );
    }
    if (v.touch.overdue) {
      const badDates = v.touch.daysOverdue === null ? unreadable('lastContact') : [];
      items.push(
        snoozable({
          ...base,
          kind: 'touchOverdue',
          recipient: owner ?? settings.adminEmail,
          daysOverdue: v.touch.daysOverdue,
          ...(badDates.length > 0 ? { unreadable: true as const } : {}),
          reason:
            badDates.length > 0
              ? `Last contact unreadable, not "never contacted": ${badDates.join('; ')}`
              : v.touch.daysOverdue === null
                ? 'Never contacted'
                : `Touch overdue by ${v.touch.daysOverdue} day${v.touch.daysOverdue === 1 ? '' : 's'} (${v.segment} cadence)`,
        }),
      );
    }
    if (v.qbr.comingUp) {
      const when = v.qbr.daysUntil === 0 ? 'today' : v.qbr.daysUntil === 1 ? 'tomorrow' : `in ${v.qbr.daysUntil} days`;
      items.push({
        ...base,
        kind: 'qbrComingUp',
        recipient: owner ?? settings.adminEmail,
        daysOverdue: null,
        reason: `QBR ${when}: send the agenda`,
      });
    }
  }
  return items;
}

/** Worst first: by kind, then most days (or hours) late, then lowest score. */
export function sortWorstFirst(items: AlertItem[]): AlertItem[] {
  const kindRank = (k: AlertKind) => ALERT_ORDER.indexOf(k);
  const lateness = (i: AlertItem) =>
    (i.hoursOverdue ?? 0) / 24 + (i.daysOverdue ?? (REMINDER_KINDS.includes(i.kind) ? 0 : 10_000));
  const scoreOf = (i: AlertItem) => (typeof i.score === 'number' ? i.score : 101);
  return [...items].sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) ||
      lateness(b) - lateness(a) ||
      scoreOf(a) - scoreOf(b) ||
      a.partner.localeCompare(b.partner),
  );
}

/** One digest's worth of items per recipient, each list worst first; items with no recipient under null. */
export function groupByRecipient(items: AlertItem[]): Map<string | null, AlertItem[]> {
  const groups = new Map<string | null, AlertItem[]>();
  for (const item of items) {
    const key = item.recipient === null ? null : item.recipient.toLowerCase();
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  for (const [k, list] of groups) groups.set(k, sortWorstFirst(list));
  return groups;
}

import { effectiveSnooze, snoozeKey } from '../../core/alerts/alerts';
import { type DayNumber, dayOfIso, isoOfDay } from '../../core/reading/calendar';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import { firstEntriesThatFit } from '../../core/store/propertyLimits';
import { STORED } from '../../core/store/storedKeys';
import { fits, read, readText, write } from '../platform/store';

/** Where first-seen days are kept: the partner sheet's snoozes, or the Warehouse snoozes sheet's. */
type SnoozesSeenKey = typeof STORED.snoozesSeen | typeof STORED.warehouseSnoozesSeen;

/**
 * The day each snooze was first seen, kept in the document properties: a snooze more than 90 days out counts
 * as 90 days from then, which needs to know when "then" was (a cap counted from today would never end).
 * A damaged entry only restarts the snoozes' 90 days; alerts are never lost by it.
 */
export function loadSnoozesSeen(stored: SnoozesSeenKey = STORED.snoozesSeen): Map<string, DayNumber> {
  const seen = new Map<string, DayNumber>();
  for (const [key, iso] of Object.entries(read(stored) ?? {})) {
    const day = dayOfIso(iso);
    if (day !== null) seen.set(key, day);
  }
  return seen;
}

/**
 * Remembers the snoozes the 90-day cap applies to (new ones as first seen today) and forgets the rest. A
 * snooze within 90 days of when it was first seen can never be capped later, so only the long ones are kept.
 * A property holds 9 KB (about 200 long snoozes): past that the ones seen first are kept (their days do not
 * move). Returns what the run must say when some could not be remembered (their cap counts from today until
 * there is room, which holds their alerts longer; docs/automation.md), or null.
 */
export function rememberSnoozes(
  views: readonly PartnerView[],
  seen: ReadonlyMap<string, DayNumber>,
  today: DayNumber,
): string | null {
  return rememberSnoozeDays(
    views.map((v) => ({ partner: v.record.name, asked: v.record.snoozeUntil })),
    seen,
    today,
  );
}

/** rememberSnoozes for any list of snoozes (the warehouse's keep their own key, docs/warehouse.md). */
export function rememberSnoozeDays(
  snoozes: readonly { partner: string; asked: DayNumber | null }[],
  seen: ReadonlyMap<string, DayNumber>,
  today: DayNumber,
  stored: SnoozesSeenKey = STORED.snoozesSeen,
): string | null {
  const capped: [string, DayNumber][] = [];
  for (const { partner, asked } of snoozes) {
    if (asked === null) continue;
    const key = snoozeKey(partner, asked);
    const firstSeen = seen.get(key) ?? today;
    if (effectiveSnooze(asked, firstSeen).capped) capped.push([key, firstSeen]);
  }
  const all = Object.fromEntries(capped.map(([key, day]) => [key, isoOfDay(day)]));
  // Past the limit, oldest first (a stable sort keeps the sheet's order among equals): a stored day stays.
  const { kept, left } = fits(stored, all)
    ? { kept: all, left: [] }
    : firstEntriesThatFit([...capped].sort((a, b) => a[1] - b[1]).map(([key, day]) => [key, isoOfDay(day)] as const));
  const after = ', so their alerts wait longer; shorten or clear some snoozes';
  try {
    if (stored.codec.encode(kept) !== (readText(stored) ?? '{}')) write(stored, kept);
  } catch (error) {
    // The document's properties are full: the day's colors, history and digests still go, and the run says so.
    return `${(error as Error).message} The long snoozes' 90 days count from today until there is room${after}`;
  }
  if (left.length === 0) return null;
  const named = left.slice(0, 3).map((key) => key.replace('|', ' until '));
  return `${left.length} long snooze${left.length === 1 ? '' : 's'} could not be remembered (Google keeps 9 KB in one document property): their 90 days count from today until there is room${after} (${named.join(', ')}${left.length > 3 ? ', …' : ''})`;
}

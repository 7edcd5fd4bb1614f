import { effectiveSnooze, snoozeKey } from '../../core/alerts/alerts';
import { type DayNumber, dayOfIso, isoOfDay } from '../../core/reading/calendar';
import type { PartnerView } from '../../core/scoring/evaluatePartners';
import { firstEntriesThatFit } from '../../core/store/propertyLimits';
import { STORED } from '../../core/store/storedKeys';
import { fits, read, readText, write } from '../platform/store';

/**
 * The day each snooze was first seen, kept in the document properties: a snooze more than 90 days out counts
 * as 90 days from then, which needs to know when "then" was (a cap counted from today would never end).
 * A damaged entry only restarts the snoozes' 90 days; alerts are never lost by it.
 */
export function loadSnoozesSeen(): Map<string, DayNumber> {
  const seen = new Map<string, DayNumber>();
  for (const [key, iso] of Object.entries(read(STORED.snoozesSeen) ?? {})) {
    const day = dayOfIso(iso);
    if (day !== null) seen.set(key, day);
  }
  return seen;
}

/**
 * Remembers the snoozes the 90-day cap applies to (new ones as first seen today) and forgets the rest. A
 * snooze within 90 days of when it was first seen can never be capped later, so only the long ones are kept.
 * A property holds 9 KB (about 200 long snoozes): past that the ones seen first are kept (their days do not
 * move), and the ones left out are returned, for the run to say so: their cap counts from today until there is
 * room, which holds their alerts longer (docs/automation.md).
 */
export function rememberSnoozes(
  views: readonly PartnerView[],
  seen: ReadonlyMap<string, DayNumber>,
  today: DayNumber,
): string[] {
  const capped: [string, DayNumber][] = [];
  for (const v of views) {
    const asked = v.record.snoozeUntil;
    if (asked === null) continue;
    const key = snoozeKey(v.record.name, asked);
    const firstSeen = seen.get(key) ?? today;
    if (effectiveSnooze(asked, firstSeen).capped) capped.push([key, firstSeen]);
  }
  const all = Object.fromEntries(capped.map(([key, day]) => [key, isoOfDay(day)]));
  // Past the limit, oldest first (a stable sort keeps the sheet's order among equals): a stored day stays.
  const { kept, left } = fits(STORED.snoozesSeen, all)
    ? { kept: all, left: [] }
    : firstEntriesThatFit([...capped].sort((a, b) => a[1] - b[1]).map(([key, day]) => [key, isoOfDay(day)] as const));
  if (STORED.snoozesSeen.codec.encode(kept) !== (readText(STORED.snoozesSeen) ?? '{}')) write(STORED.snoozesSeen, kept);
  return left;
}

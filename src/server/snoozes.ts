import { snoozeKey } from '../core/alerts';
import { DayNumber, dayOfIso, isoOfDay } from '../core/calendar';
import { PartnerView } from '../core/evaluate';

/**
 * The day each snooze was first seen, kept in the document properties: a snooze more than 90 days out counts
 * as 90 days from then, which needs to know when "then" was (a cap counted from today would never end).
 */
export const SNOOZE_SEEN_KEY = 'partnerpulse.snoozesSeen';

export function loadSnoozesSeen(): Map<string, DayNumber> {
  const raw = PropertiesService.getDocumentProperties().getProperty(SNOOZE_SEEN_KEY);
  const seen = new Map<string, DayNumber>();
  if (!raw) return seen;
  try {
    for (const [key, iso] of Object.entries(JSON.parse(raw) as Record<string, string>)) {
      const day = dayOfIso(iso);
      if (day !== null) seen.set(key, day);
    }
  } catch {
    // A damaged entry only restarts the snoozes' 90 days; alerts are never lost by it.
  }
  return seen;
}

/** Remembers today's snoozes (new ones as first seen today) and forgets the ones no longer in the sheet. */
export function rememberSnoozes(views: readonly PartnerView[], seen: ReadonlyMap<string, DayNumber>, today: DayNumber): void {
  const next: Record<string, string> = {};
  for (const v of views) {
    if (v.record.snoozeUntil === null) continue;
    const key = snoozeKey(v.record.name, v.record.snoozeUntil);
    next[key] = isoOfDay(seen.get(key) ?? today);
  }
  const props = PropertiesService.getDocumentProperties();
  const json = JSON.stringify(next);
  if (json !== (props.getProperty(SNOOZE_SEEN_KEY) ?? '{}')) props.setProperty(SNOOZE_SEEN_KEY, json);
}

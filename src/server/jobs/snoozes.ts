import { effectiveSnooze, snoozeKey } from '../../core/alerts/alerts';
import { type DayNumber, dayOfIso, isoOfDay } from '../../core/reading/calendar';
import type { PartnerView } from '../../core/scoring/evaluatePartners';

/**
 * The day each snooze was first seen, kept in the document properties: a snooze more than 90 days out counts
 * as 90 days from then, which needs to know when "then" was (a cap counted from today would never end).
 */
export const SNOOZE_SEEN_KEY = 'partnerpulse.snoozesSeen';

export function loadSnoozesSeen(key = SNOOZE_SEEN_KEY): Map<string, DayNumber> {
  const raw = PropertiesService.getDocumentProperties().getProperty(key);
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

/**
 * Remembers the snoozes the 90-day cap applies to (new ones as first seen today) and forgets the rest. A
 * snooze within 90 days of when it was first seen can never be capped later, so only the long ones are kept:
 * a property holds 9 KB, and a few hundred snoozed partners must not fill it.
 */
export function rememberSnoozes(
  views: readonly PartnerView[],
  seen: ReadonlyMap<string, DayNumber>,
  today: DayNumber,
): void {
  rememberSnoozeDays(
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
  propertyKey = SNOOZE_SEEN_KEY,
): void {
  const next: Record<string, string> = {};
  for (const { partner, asked } of snoozes) {
    if (asked === null) continue;
    const key = snoozeKey(partner, asked);
    const firstSeen = seen.get(key) ?? today;
    if (effectiveSnooze(asked, firstSeen).capped) next[key] = isoOfDay(firstSeen);
  }
  const props = PropertiesService.getDocumentProperties();
  const json = JSON.stringify(next);
  if (json === (props.getProperty(propertyKey) ?? '{}')) return;
  try {
    props.setProperty(propertyKey, json);
  } catch (error) {
    // Too many long snoozes for one property: the cap then counts from today for the ones not stored, which
    // holds their alerts longer, but the day's colors, history and digests still go.
    console.warn(
      `PartnerPulse could not remember ${Object.keys(next).length} long snoozes: ${(error as Error).message}`,
    );
  }
}

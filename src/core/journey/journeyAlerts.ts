import type { AlertItem, AlertSettings } from '../alerts/alerts';
import type { DayNumber } from '../reading/calendar';
import type { Rules } from '../rules';
import type { PartnerView } from '../scoring/evaluatePartners';
import { lifecycleAlert } from './lifecycle';
import { lifecycleFor } from './view';

/**
 * The lifecycle alerts of docs/rules.md §9 for the owners' digests: stalled, first deal due, recruiting overdue.
 * Each to the owner (the admin when there is none, as the other partner alerts). A partner whose row cannot
 * be staged (a signed date after today, an unreadable Signed or First deal) gets none: the sidebar shows why.
 */
export function lifecycleAlerts(
  views: readonly PartnerView[],
  today: DayNumber,
  rules: Rules,
  settings: AlertSettings,
): AlertItem[] {
  const items: AlertItem[] = [];
  for (const v of views) {
    const r = v.record;
    if (r.unnamed) continue;
    const { life } = lifecycleFor(v, today, rules);
    const alert = life === null ? null : lifecycleAlert(life, r.recruitingSince ?? null, today, rules);
    if (!alert) continue;
    items.push({
      kind: alert.kind,
      recipient: r.owner ?? settings.adminEmail,
      partner: r.name,
      segment: v.segment,
      score: v.health.score,
      tier: v.health.tier,
      reason: alert.reason,
      daysOverdue: alert.daysOverdue,
      row: r.index + 2,
    });
  }
  return items;
}

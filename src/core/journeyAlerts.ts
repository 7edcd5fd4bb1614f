import { AlertItem, AlertSettings } from './alerts';
import { DayNumber } from './calendar';
import { PartnerView } from './evaluate';
import { lifecycleAlert, lifecycleOf } from './lifecycle';
import { Rules } from './rules';

/**
 * The lifecycle alerts of spec §9 for the owners' digests: stalled, first deal due, recruiting overdue.
 * Each to the owner (the admin when there is none, as the other partner alerts). A partner whose row cannot
 * be staged (a signed date after today) gets none: the sidebar shows the problem.
 */
export function lifecycleAlerts(views: readonly PartnerView[], today: DayNumber, rules: Rules, settings: AlertSettings): AlertItem[] {
  const items: AlertItem[] = [];
  for (const v of views) {
    const r = v.record;
    if (r.unnamed) continue;
    let alert;
    try {
      alert = lifecycleAlert(lifecycleOf(r, today, rules), r.recruitingSince ?? null, today, rules);
    } catch {
      continue;
    }
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

import { AlertItem } from '../core/alerts';
import { DayNumber } from '../core/calendar';
import { lifecycleAlerts } from '../core/journeyAlerts';
import { Settings } from '../core/settings';
import { PartnerTable } from './partnerSheet';

/** The partner-journey items of the day's digests (spec §9, §10; docs/journey.md). */
export function journeyAlerts(settings: Settings, table: PartnerTable, today: DayNumber): AlertItem[] {
  return lifecycleAlerts(table.views, today, settings.rules, { adminEmail: settings.adminEmail });
}

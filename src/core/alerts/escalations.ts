import { isDate } from '../reading/calendar';
import { type CellValue, isBlank } from '../reading/cells';
import { normalizeHeader } from '../reading/partnerTable';
import { DEFAULT_RULES } from '../rules';
import type { PartnerView } from '../scoring/evaluatePartners';
import type { AlertItem } from './alerts';

export type Severity = 'Critical' | 'High' | 'Medium' | 'Low';
export const SEVERITIES: readonly Severity[] = ['Critical', 'High', 'Medium', 'Low'];

/** Response windows (the defaults; Settings can change them) and escalation paths from seed 000 (docs/rules.md §5). */
export const RESPONSE_HOURS: Record<Severity, number> = DEFAULT_RULES.escalationHours;
export const ESCALATION_PATH: Record<Severity, string> = {
  Critical: 'VP Partnerships',
  High: 'Director',
  Medium: 'Partner manager',
  Low: 'Partner support',
};

/** Addresses of the escalation path (Settings); Medium goes to the partner's owner. */
export interface EscalationAddresses {
  vpPartnerships: string | null;
  director: string | null;
  partnerSupport: string | null;
  admin: string | null;
}

const HOUR = 3_600_000;

/**
 * Escalations past their response window with no response yet (docs/rules.md §5). `rows` is the `Escalations` sheet
 * (header row first). A row that cannot be read is reported to the admin instead of being skipped.
 */
export function escalationBreaches(
  rows: CellValue[][],
  now: Date,
  partners: readonly PartnerView[],
  addresses: EscalationAddresses,
  responseHours: Record<Severity, number> = RESPONSE_HOURS,
): AlertItem[] {
  if (rows.length < 2) return [];
  const header = rows[0].map(normalizeHeader);
  const col = (name: string) => header.indexOf(normalizeHeader(name));
  const [cPartner, cSeverity, cOpened, cResponded, cResolved] = [
    'Partner',
    'Severity',
    'Opened',
    'Responded',
    'Resolved',
  ].map(col);
  const byName = new Map(partners.map((p) => [p.record.name.trim().toLowerCase(), p]));
  const items: AlertItem[] = [];
  rows.slice(1).forEach((row, i) => {
    const cell = (c: number): CellValue => (c < 0 ? '' : row[c]);
    if (row.every((v) => isBlank(v))) return;
    if (!isBlank(cell(cResponded)) || !isBlank(cell(cResolved))) return;
    const partner = String(cell(cPartner) ?? '').trim();
    const view = byName.get(partner.toLowerCase());
    const base = {
      partner: partner || `(Escalations row ${i + 2})`,
      segment: view?.segment ?? null,
      score: view?.health.score ?? null,
      tier: view?.health.tier ?? null,
      row: view ? view.record.index + 2 : null,
      daysOverdue: null,
    };
    const severity = SEVERITIES.find(
      (s) =>
        s.toLowerCase() ===
        String(cell(cSeverity) ?? '')
          .trim()
          .toLowerCase(),
    );
    const opened = cell(cOpened);
    if (!severity || !isDate(opened) || Number.isNaN(opened.getTime())) {
      const problem = !severity
        ? `Severity "${String(cell(cSeverity) ?? '')}" is not one of ${SEVERITIES.join(', ')}`
        : `Opened "${String(opened ?? '')}" is not a date and time`;
      items.push({
        ...base,
        kind: 'escalation',
        recipient: addresses.admin,
        reason: `Escalations row ${i + 2} cannot be checked: ${problem}`,
      });
      return;
    }
    const hoursOpen = (now.getTime() - opened.getTime()) / HOUR;
    const late = hoursOpen - responseHours[severity];
    if (late <= 0) return;
    const path = ESCALATION_PATH[severity];
    const recipient =
      severity === 'Critical'
        ? addresses.vpPartnerships
        : severity === 'High'
          ? addresses.director
          : severity === 'Medium'
            ? (view?.record.owner ?? null)
            : addresses.partnerSupport;
    items.push({
      ...base,
      kind: 'escalation',
      recipient: recipient ?? addresses.admin,
      hoursOverdue: Math.floor(late),
      severity,
      escalation: `${base.partner} · ${severity} · opened ${opened.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      reason: `${severity} escalation unanswered for ${Math.floor(hoursOpen)} h (respond within ${responseHours[severity]} h; path: ${path})`,
    });
  });
  return items;
}

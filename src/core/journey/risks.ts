import { type DayNumber, dayOfIso, isDate, isoOfDay } from '../reading/calendar';
import { type CellValue, isBlank, readNumber } from '../reading/cells';
import { InputError } from '../reading/inputError';
import type { Rules, Segment } from '../rules';

/**
 * Relationship risks (docs/journey.md, docs/rules.md §12): seed 000's anti-patterns that the sheet can show. Flags for the
 * sidebar and the dashboard only; they are not e-mailed (docs/journey.md).
 */
export type RiskFlag = 'singleThreaded' | 'noExecutiveSponsor' | 'npsNotSurveyed' | 'silentThenUrgent';
export const RISK_FLAGS: readonly RiskFlag[] = [
  'singleThreaded',
  'noExecutiveSponsor',
  'npsNotSurveyed',
  'silentThenUrgent',
];

export const RISK_LABELS: Record<RiskFlag, string> = {
  singleThreaded: 'Single-threaded',
  noExecutiveSponsor: 'No executive sponsor',
  npsNotSurveyed: 'NPS not surveyed this quarter',
  silentThenUrgent: 'Silent then urgent',
};

/** What seed 000 says about each anti-pattern, and what it does instead. */
export const RISK_ADVICE: Record<RiskFlag, string> = {
  singleThreaded:
    'When your contact leaves, the relationship dies. Build a multi-threaded relationship: an executive sponsor, a partner manager, a technical and a marketing contact.',
  noExecutiveSponsor:
    'Strategic partners need exec relationships: white glove, with an executive sponsor who meets them quarterly.',
  npsNotSurveyed: 'Run the NPS survey quarterly, for all partners: "How likely are you to recommend our program?"',
  silentThenUrgent:
    'Months of silence then urgent asks is inconsistent communication. Be proactive, not reactive: keep the touch cadence of the segment, not only when there is a problem.',
};

const CONTACTS_ALLOWED = 'a number of contacts, or their names separated by commas or semicolons';

/** The `Partner contacts` cell as a count: a number, or how many names a list separated by , or ; holds. */
export function readContactCount(value: CellValue): number | null {
  if (isBlank(value)) return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value))) {
    return readNumber(value, { field: 'Partner contacts', min: 0, floor: true, allowed: CONTACTS_ALLOWED });
  }
  if (typeof value === 'string') return value.split(/[,;]/).filter((name) => name.trim() !== '').length;
  throw new InputError('Partner contacts', value, `is not ${CONTACTS_ALLOWED}`);
}

/** The first day of the calendar quarter that holds `day`. */
export function quarterStart(day: DayNumber): DayNumber {
  const iso = isoOfDay(day);
  const month = Number(iso.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return dayOfIso(`${iso.slice(0, 4)}-${String(first).padStart(2, '0')}-01`) as DayNumber;
}

export interface RiskInputs {
  segment: Segment;
  lastContact: DayNumber | null;
  /** undefined: the sheet has no such column, so the flag cannot be judged and is not raised. */
  partnerContacts?: number | null;
  executiveSponsor?: string | null;
  npsDate?: DayNumber | null;
  /** Escalations of this partner with no Resolved date. */
  openEscalations: number;
}

export interface Risk {
  flag: RiskFlag;
  label: string;
  reason: string;
  advice: string;
}

/** The relationship risks of one partner on `today` (docs/rules.md §12), in the order of RISK_FLAGS. */
export function relationshipRisks(p: RiskInputs, today: DayNumber, rules: Rules): Risk[] {
  const risks: Risk[] = [];
  const add = (flag: RiskFlag, reason: string) =>
    risks.push({ flag, label: RISK_LABELS[flag], reason, advice: RISK_ADVICE[flag] });
  if (p.partnerContacts !== undefined && (p.partnerContacts ?? 0) < 2) {
    add(
      'singleThreaded',
      p.partnerContacts === null || p.partnerContacts === 0
        ? 'No contact at the partner recorded (Partner contacts is blank)'
        : 'Only 1 contact at the partner',
    );
  }
  if (p.executiveSponsor !== undefined && p.segment === 'Strategic' && (p.executiveSponsor ?? '') === '') {
    add('noExecutiveSponsor', 'A Strategic partner with no Executive sponsor');
  }
  if (p.npsDate !== undefined) {
    const start = quarterStart(today);
    if (p.npsDate === null) add('npsNotSurveyed', 'No NPS date: never surveyed');
    else if (p.npsDate < start)
      add('npsNotSurveyed', `Last NPS survey ${isoOfDay(p.npsDate)}, before this quarter began (${isoOfDay(start)})`);
  }
  if (p.openEscalations > 0) {
    const cadence = rules.segmentPolicies[p.segment].touchEveryDays;
    const silent = p.lastContact === null ? null : today - p.lastContact;
    if (silent === null || silent > 2 * cadence) {
      const open = `${p.openEscalations} open escalation${p.openEscalations === 1 ? '' : 's'}`;
      add(
        'silentThenUrgent',
        silent === null
          ? `Never contacted, and ${open}`
          : `No touch for ${silent} days (more than twice the ${p.segment} cadence of ${cadence} days), and ${open}`,
      );
    }
  }
  return risks;
}

/**
 * Open escalations per partner (lower-case name) from the Escalations sheet's values (header row first):
 * rows with a partner and no Resolved value. Columns found by header, as the escalation alerts find them.
 */
export function openEscalationCounts(rows: readonly CellValue[][]): Map<string, number> {
  const counts = new Map<string, number>();
  if (rows.length < 2) return counts;
  const header = rows[0].map((h) =>
    String(h ?? '')
      .toLowerCase()
      .replace(/[\s_\-()]/g, ''),
  );
  const cPartner = header.indexOf('partner');
  const cResolved = header.indexOf('resolved');
  if (cPartner < 0) return counts;
  for (const row of rows.slice(1)) {
    const name = String(row[cPartner] ?? '')
      .trim()
      .toLowerCase();
    if (!name) continue;
    const resolved = cResolved < 0 ? '' : row[cResolved];
    if (!isBlank(resolved) && (isDate(resolved) || String(resolved).trim() !== '')) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

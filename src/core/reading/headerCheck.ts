import { DEFAULT_RULES } from '../rules';
import { fieldName } from '../settings/validation';
import { intlZoneRules, type SheetCalendar, sheetCalendar } from './calendar';
import { type CellValue, isBlank } from './cells';
import {
  columnLetter,
  DEFAULT_ALIASES,
  emailCounts,
  type Field,
  headerWithoutRemarks,
  mapColumns,
  mapPartnerColumns,
  normalizeHeader,
  readPartnerRows,
  SAMPLE_ROWS,
} from './partnerTable';

/**
 * One finding of the header check: a header that looks like a misspelled alias, a column that is missing, a
 * header read despite a remark, a column whose values are not what the field needs, or a partner listed twice.
 */
export interface HeaderFinding {
  kind: 'misspelled' | 'missing' | 'remark' | 'content' | 'duplicate';
  field: Field;
  /** The header as typed (misspelled), or null (missing). */
  header: string | null;
  /** The alias it most likely meant, as spelled in the alias list. */
  suggestion: string;
  message: string;
}

/** The columns the scores, segments, matrix and alerts read; a sheet without them works, but with less. */
export const CHECKED_FIELDS: readonly Field[] = [
  'partner',
  'owner',
  'revenue',
  'growth',
  'deals',
  'leads',
  'engagement',
  'nps',
  'fit',
  'relevance',
  'lastContact',
  'lastQbr',
  'nextQbr',
];

/** What follows when a column a rule depends on is missing: the rule goes silent or says something false. */
export const MISSING_CONSEQUENCE: Partial<Record<Field, string>> = {
  owner:
    'every partner counts as having no owner, so all their alerts go to the admin and no partner manager gets a digest',
  lastContact: 'every partner counts as never contacted, so each one is "Touch overdue" every day',
  lastQbr: 'with no Next QBR either, every Strategic and Growth partner is "QBR overdue" every day',
  nextQbr:
    'no "QBR coming up" reminders, and a Strategic or Growth partner is "QBR overdue" 91 days after its Last QBR even when the next one is booked',
};

/** Levenshtein distance: the fewest one-letter inserts, deletes and changes from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Close enough to be a typo: at most 2 edits, and at most a third of the word (so "NPS" is not "Fit"). */
function nearEnough(distance: number, a: string, b: string): boolean {
  return distance > 0 && distance <= 2 && distance * 3 <= Math.max(a.length, b.length);
}

/**
 * Checks a header row against the aliases (docs/rules.md §1, headers compared without case, spaces, _ - and ()):
 * each header that matches no alias but is a typo or two away from the alias of a column not found yet is
 * reported with the nearest alias ("`Deal registered` — did you mean `Deals registered`?"), and each checked
 * column still missing is named with the headers that would be read.
 */
export function checkHeaders(
  headers: readonly CellValue[],
  aliases: Record<Field, string[]> = DEFAULT_ALIASES,
  rows: readonly CellValue[][] = [],
  calendar: SheetCalendar = sheetCalendar('UTC', 'en_US', intlZoneRules('UTC')),
): HeaderFinding[] {
  const columns = mapPartnerColumns(headers, rows, aliases);
  const byHeaderOnly = mapColumns(headers, aliases);
  const known = new Set<string>();
  for (const list of Object.values(aliases)) for (const a of list) known.add(normalizeHeader(a));
  const findings: HeaderFinding[] = [];
  const suggested = new Set<Field>();
  const used = new Set(Object.values(columns));
  headers.forEach((raw, i) => {
    // A header read once its remark is dropped (`Next QBR (planned)`): said, so nobody wonders whether it counts.
    const field = (Object.keys(columns) as Field[]).find((f) => columns[f] === i);
    const header = String(raw ?? '').trim();
    if (field && !known.has(normalizeHeader(header))) {
      findings.push({
        kind: 'remark',
        field,
        header,
        suggestion: aliases[field][0],
        message: `\`${header}\` is read as the ${fieldName(field)} column.`,
      });
    }
  });
  for (let col = 0; col < headers.length; col++) {
    const header = String(headers[col] ?? '').trim();
    const norm = normalizeHeader(header);
    if (!norm || known.has(norm) || used.has(col)) continue;
    let best: { field: Field; alias: string; distance: number } | null = null;
    for (const field of Object.keys(aliases) as Field[]) {
      if (columns[field] !== undefined) continue;
      for (const alias of aliases[field]) {
        const target = normalizeHeader(alias);
        const distance = editDistance(norm, target);
        if (nearEnough(distance, norm, target) && (!best || distance < best.distance))
          best = { field, alias, distance };
      }
    }
    if (!best) {
      // A near miss by extra words (`Next QBR date`, `Last contact made`): named, not guessed at.
      const bare = headerWithoutRemarks(header);
      for (const field of Object.keys(aliases) as Field[]) {
        if (columns[field] !== undefined || best) continue;
        const alias = aliases[field].find((a) => normalizeHeader(a).length >= 4 && bare.startsWith(normalizeHeader(a)));
        if (alias) best = { field, alias, distance: bare.length - normalizeHeader(alias).length };
      }
    }
    if (best && !suggested.has(best.field)) {
      suggested.add(best.field);
      const consequence = MISSING_CONSEQUENCE[best.field];
      findings.push({
        kind: 'misspelled',
        field: best.field,
        header,
        suggestion: best.alias,
        message: `\`${header}\` — did you mean \`${best.alias}\`?${consequence ? ` Until it is renamed, ${consequence}.` : ''}`,
      });
    }
  }
  const hasRevenuePair = columns.revenue !== undefined && columns.revenueLastYear !== undefined;
  for (const field of CHECKED_FIELDS) {
    if (columns[field] !== undefined || suggested.has(field)) continue;
    if (field === 'growth' && hasRevenuePair) continue; // growth comes from the two revenue columns (docs/rules.md §1)
    if (field === 'lastQbr' && columns.nextQbr !== undefined) continue; // Next QBR alone drives the QBR alerts
    if (field === 'nextQbr' && columns.lastQbr === undefined) continue; // said once, under Last QBR
    const [first, ...others] = aliases[field];
    const consequence = MISSING_CONSEQUENCE[field];
    const add =
      field === 'lastQbr'
        ? 'add the headers `Last QBR` and `Next QBR`'
        : `add a header \`${first}\`${others.length ? ` (also read: ${others.join(', ')})` : ''}`;
    findings.push({
      kind: 'missing',
      field,
      header: null,
      suggestion: first,
      message: `No ${field === 'lastQbr' ? 'Last QBR or Next QBR' : fieldName(field)} column: ${add}.${consequence ? ` Without it, ${consequence}.` : ''}`,
    });
  }
  findings.push(...contentFindings(headers, rows, columns, byHeaderOnly.owner, aliases, calendar));
  return findings;
}

/**
 * What the values under the mapped columns say (a sample of the first SAMPLE_ROWS rows): an owner column
 * without e-mail addresses, a column whose values mostly cannot be read, and partners listed twice.
 */
function contentFindings(
  headers: readonly CellValue[],
  rows: readonly CellValue[][],
  columns: Partial<Record<Field, number>>,
  ownerByHeader: number | undefined,
  aliases: Record<Field, string[]>,
  calendar: SheetCalendar,
): HeaderFinding[] {
  const data = rows.filter((r) => !r.every((c) => isBlank(c)));
  if (data.length === 0) return [];
  const sample = data.slice(0, SAMPLE_ROWS);
  const findings: HeaderFinding[] = [];
  const name = (c: number) => String(headers[c] ?? '').trim() || `column ${columnLetter(c)}`;
  const owner = columns.owner;
  if (owner !== undefined) {
    const counts = emailCounts(sample, owner);
    if (ownerByHeader !== undefined && owner !== ownerByHeader) {
      const names = emailCounts(sample, ownerByHeader);
      findings.push({
        kind: 'content',
        field: 'owner',
        header: name(owner),
        suggestion: aliases.owner[0],
        message: `\`${name(ownerByHeader)}\` holds ${names.emails === 0 ? 'no e-mail addresses' : `fewer e-mail addresses (${names.emails} of ${names.emails + names.others} sampled)`}${names.example ? ` ("${names.example}")` : ''}, so the owner addresses are read from \`${name(owner)}\`.`,
      });
    } else if (counts.emails === 0 && counts.others > 0) {
      findings.push({
        kind: 'content',
        field: 'owner',
        header: name(owner),
        suggestion: aliases.owner[0],
        message: `\`${name(owner)}\` holds no e-mail addresses ("${counts.example}"), and no other owner column does: no partner manager gets a digest, every partner's alerts go to the admin as "No owner". Put the owners' e-mail addresses in it, or add an \`Owner email\` column.`,
      });
    } else if (counts.others > 0) {
      findings.push({
        kind: 'content',
        field: 'owner',
        header: name(owner),
        suggestion: aliases.owner[0],
        message: `\`${name(owner)}\`: ${counts.others} of ${counts.emails + counts.others} sampled owners are not e-mail addresses (e.g. "${counts.example}"); their partners' alerts go to the admin as "No owner".`,
      });
    }
  }
  // Columns whose values mostly cannot be read: the same readers as the daily run, on the sample.
  const records = readPartnerRows(sample as CellValue[][], columns, 0, DEFAULT_RULES, calendar);
  const bad = new Map<Field, { count: number; example: string }>();
  for (const r of records)
    for (const p of r.inputProblems ?? []) {
      if (p.field === 'engagement' && typeof p.value !== 'string') continue; // dates and counts depend on today
      const entry = bad.get(p.field) ?? { count: 0, example: p.message };
      entry.count++;
      bad.set(p.field, entry);
    }
  for (const [field, { count, example }] of bad) {
    const filled = sample.filter((r) => !isBlank(r[columns[field] as number])).length;
    if (count * 2 < filled) continue; // a few bad cells are for the digests and the sidebar, not the header check
    findings.push({
      kind: 'content',
      field,
      header: name(columns[field] as number),
      suggestion: aliases[field][0],
      message: `\`${name(columns[field] as number)}\`: ${count} of ${filled} sampled values cannot be read, e.g. ${example}. They count as blank.`,
    });
  }
  // Two rows with one partner name: alerts, history and the sidebar's search cannot tell them apart.
  const rowsOf = new Map<string, { name: string; rows: number[] }>();
  rows.forEach((r, i) => {
    const n = String(r[columns.partner ?? -1] ?? '').trim();
    if (!n) return;
    const entry = rowsOf.get(n.toLowerCase()) ?? { name: n, rows: [] };
    entry.rows.push(i + 2);
    rowsOf.set(n.toLowerCase(), entry);
  });
  for (const { name: partner, rows: at } of rowsOf.values()) {
    if (at.length < 2) continue;
    findings.push({
      kind: 'duplicate',
      field: 'partner',
      header: partner,
      suggestion: aliases.partner[0],
      message: `"${partner}" is on rows ${at.join(', ')}: the Health history, snoozes and checklists keep one record per name. Give each row its own name (e.g. add the region).`,
    });
  }
  return findings;
}

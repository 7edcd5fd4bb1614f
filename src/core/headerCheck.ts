import { CellValue } from './cells';
import { DEFAULT_ALIASES, Field, mapColumns, normalizeHeader } from './partnerTable';
import { fieldName } from './settingsValidation';

/** One finding of the header check: a header that looks like a misspelled alias, or a column that is missing. */
export interface HeaderFinding {
  kind: 'misspelled' | 'missing';
  field: Field;
  /** The header as typed (misspelled), or null (missing). */
  header: string | null;
  /** The alias it most likely meant, as spelled in the alias list. */
  suggestion: string;
  message: string;
}

/** The columns the scores, segments, matrix and alerts read; a sheet without them works, but with less. */
export const CHECKED_FIELDS: readonly Field[] = ['partner', 'owner', 'revenue', 'growth', 'deals', 'leads', 'engagement', 'nps', 'fit', 'relevance', 'lastContact'];

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
 * Checks a header row against the aliases (spec §1, headers compared without case, spaces, _ - and ()):
 * each header that matches no alias but is a typo or two away from the alias of a column not found yet is
 * reported with the nearest alias ("`Deal registered` — did you mean `Deals registered`?"), and each checked
 * column still missing is named with the headers that would be read.
 */
export function checkHeaders(headers: readonly CellValue[], aliases: Record<Field, string[]> = DEFAULT_ALIASES): HeaderFinding[] {
  const columns = mapColumns(headers, aliases);
  const known = new Set<string>();
  for (const list of Object.values(aliases)) for (const a of list) known.add(normalizeHeader(a));
  const findings: HeaderFinding[] = [];
  const suggested = new Set<Field>();
  for (const raw of headers) {
    const header = String(raw ?? '').trim();
    const norm = normalizeHeader(header);
    if (!norm || known.has(norm)) continue;
    let best: { field: Field; alias: string; distance: number } | null = null;
    for (const field of Object.keys(aliases) as Field[]) {
      if (columns[field] !== undefined) continue;
      for (const alias of aliases[field]) {
        const target = normalizeHeader(alias);
        const distance = editDistance(norm, target);
        if (nearEnough(distance, norm, target) && (!best || distance < best.distance)) best = { field, alias, distance };
      }
    }
    if (best && !suggested.has(best.field)) {
      suggested.add(best.field);
      findings.push({ kind: 'misspelled', field: best.field, header, suggestion: best.alias, message: `\`${header}\` — did you mean \`${best.alias}\`?` });
    }
  }
  const hasRevenuePair = columns.revenue !== undefined && columns.revenueLastYear !== undefined;
  for (const field of CHECKED_FIELDS) {
    if (columns[field] !== undefined || suggested.has(field)) continue;
    if (field === 'growth' && hasRevenuePair) continue; // growth comes from the two revenue columns (spec §1)
    const [first, ...others] = aliases[field];
    findings.push({
      kind: 'missing', field, header: null, suggestion: first,
      message: `No ${fieldName(field)} column: add a header \`${first}\`${others.length ? ` (also read: ${others.join(', ')})` : ''}.`,
    });
  }
  return findings;
}

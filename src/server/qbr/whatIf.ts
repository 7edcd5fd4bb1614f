import type { QbrActionResult } from '../../contracts/qbrSidebar';
import type { SheetCalendar } from '../../core/reading/calendar';
import {
  type CellValue,
  readDeals,
  readEngagement,
  readFit,
  readGrowth,
  readLeads,
  readNps,
} from '../../core/reading/cells';
import { InputError } from '../../core/reading/inputError';
import {
  cellValueOf,
  describeField,
  WHAT_IF_FIELDS,
  WHAT_IF_LABELS,
  type WhatIfField,
  type WhatIfInputs,
  whatIfInputsOf,
} from '../../core/scoring/whatIf';
import { locked, result } from './actions';
import { findPartner, type PartnerTarget, qbrContext } from './qbrContext';

/**
 * The changes, checked with the very readers that read the partner sheet, so Apply can only write what the
 * rules would read back. An unknown key, a bad value or a non-object is refused naming it.
 */
export function readChanges(
  value: unknown,
  today: number,
  rules: Parameters<typeof readEngagement>[2],
  calendar: SheetCalendar,
): Partial<WhatIfInputs> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('changes', value, 'is not an object like {"nps": 60}');
  const out: Partial<WhatIfInputs> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!(WHAT_IF_FIELDS as readonly string[]).includes(key))
      throw new InputError(
        'changes',
        key,
        `is not a field the what-if can change; allowed: ${WHAT_IF_FIELDS.join(', ')}`,
      );
    const field = key as WhatIfField;
    if (raw !== null && typeof raw !== 'number' && typeof raw !== 'string' && typeof raw !== 'boolean')
      throw new InputError(WHAT_IF_LABELS[field], String(raw), 'is not a value a cell can hold');
    const cell = (raw ?? '') as CellValue;
    switch (field) {
      case 'growth':
        out.growth = readGrowth(cell);
        break;
      case 'deals':
        out.deals = readDeals(cell);
        break;
      case 'leads':
        out.leads = readLeads(cell);
        break;
      case 'nps':
        out.nps = readNps(cell);
        break;
      case 'engagement':
        out.engagement = readEngagement(cell, today, rules, calendar);
        break;
      case 'fit':
        out.fit = readFit(cell);
        break;
      case 'relevance':
        if (raw !== null && typeof raw !== 'boolean')
          throw new InputError('Market relevance', raw, 'is not true (High), false (Low) or null (blank)');
        out.relevance = raw;
        break;
    }
  }
  return out;
}

/** Writes the changed inputs of one partner: one cell per changed field, nothing else. */
export function applyWhatIf(partnerName: PartnerTarget, changes: unknown): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    const wanted = readChanges(changes, ctx.today, ctx.settings.rules, ctx.table.calendar);
    const r = view.record;
    const current = whatIfInputsOf(r);
    const fields = (Object.keys(wanted) as WhatIfField[]).filter((f) => wanted[f] !== current[f]);
    const lacking = fields.filter((f) => ctx.table.columns[f] === undefined);
    if (lacking.length > 0) {
      throw new Error(
        `The "${ctx.settings.sheets.partners}" sheet has no ${lacking.map((f) => `"${WHAT_IF_LABELS[f]}"`).join(', ')} column, so nothing was written. Add the column, or change only the other inputs.`,
      );
    }
    const row = r.index + 2;
    const changed: string[] = [];
    for (const f of fields) {
      ctx.table.sheet
        .getRange(row, (ctx.table.columns[f] as number) + 1)
        .setValue(cellValueOf(f, wanted[f] as WhatIfInputs[WhatIfField]));
      changed.push(
        `${ctx.settings.sheets.partners} row ${row}: ${WHAT_IF_LABELS[f]} ${describeField(f, current[f])} → ${describeField(f, wanted[f] as WhatIfInputs[WhatIfField])}`,
      );
    }
    const message =
      fields.length === 0
        ? 'Nothing to write: the values are those on the sheet.'
        : `Wrote ${fields.length} cell${fields.length === 1 ? '' : 's'} on row ${row} (${r.name}).`;
    return result({ row }, message, changed);
  });
}

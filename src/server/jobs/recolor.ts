import type { Tier } from '../../core/rules';
import { healthNote } from '../../core/scoring/breakdown';
import type { Settings } from '../../core/settings/settings';
import type { PartnerTable } from '../sheets/partnerSheet';

/**
 * The fills of the partner rows by health tier (docs/rules.md §2), for one `setBackgrounds` call over the data rows:
 * whole rows or only the Health column (Settings). Rows without a partner get no fill.
 */
export function tierBackgrounds(
  table: PartnerTable,
  settings: Settings,
): { column: number; width: number; colors: (string | null)[][] } {
  const tierOfRow = new Map<number, Tier>();
  for (const v of table.views) if (!v.record.unnamed) tierOfRow.set(v.record.index, v.health.tier ?? 'Unknown');
  const onlyHealth = settings.recolorTarget === 'health' && table.columns.health !== undefined;
  const width = onlyHealth ? 1 : Math.max(table.width, 1);
  const colors = table.rows.map((_, i) => {
    const tier = tierOfRow.get(i);
    const color = tier ? settings.rules.tierColors[tier] : null;
    return new Array<string | null>(width).fill(color);
  });
  return { column: onlyHealth ? (table.columns.health as number) + 1 : 1, width, colors };
}

/**
 * The note of each Health cell, so hovering it explains the score: "Revenue 20/30 · Activity 25/25 · … —
 * missing: none", and the row's input problems under it. Null when the sheet has no Health column.
 */
export function healthNotes(table: PartnerTable, settings: Settings): { column: number; notes: string[][] } | null {
  if (table.columns.health === undefined) return null;
  const noteOfRow = new Map<number, string>();
  for (const v of table.views) {
    const problems = v.record.problems.length > 0 ? `\nTo fix: ${v.record.problems.join('; ')}` : '';
    noteOfRow.set(
      v.record.index,
      v.health.score === null ? problems.trim() : healthNote(v.health, settings.rules) + problems,
    );
  }
  return { column: table.columns.health + 1, notes: table.rows.map((_, i) => [noteOfRow.get(i) ?? '']) };
}

/**
 * Recolors the partner rows and explains each Health cell in its note: one write of each, whatever the row
 * count; header, rows below and values untouched.
 */
export function writeTierColors(table: PartnerTable, settings: Settings): number {
  if (table.rows.length === 0) return 0;
  const { column, width, colors } = tierBackgrounds(table, settings);
  table.sheet.getRange(2, column, colors.length, width).setBackgrounds(colors);
  const notes = healthNotes(table, settings);
  if (notes) table.sheet.getRange(2, notes.column, notes.notes.length, 1).setNotes(notes.notes);
  return table.views.length;
}

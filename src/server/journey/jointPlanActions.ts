import type { Side } from '../../core/qbr/meeting';
import { samePartner } from '../../core/qbr/sheets';
import { type DayNumber, isoOfDay } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import { normalizeHeader } from '../../core/reading/partnerTable';
import { appendRows, locked, type QbrActionResult, result } from '../qbr/actions';
import { findPartner, type PartnerTarget, qbrContext } from '../qbr/qbrContext';
import { asText } from '../sheets/logSheets';

/**
 * Sidebar: adds a milestone to the partner's joint business plan (spec §10), as an Open row of the Joint plan
 * sheet (created with its headers when missing). Target is optional ("2 webinars", 50000).
 */
export function addMilestone(
  partner: PartnerTarget,
  milestone: string,
  side: Side,
  due: DayNumber,
  target: string,
): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partner);
    const name = view.record.name;
    const targetCell: CellValue = /^\d+(\.\d+)?$/.test(target.trim()) ? Number(target.trim()) : asText(target);
    const at = appendRows(ctx, 'jointPlan', [
      {
        Partner: asText(name),
        Milestone: asText(milestone),
        Side: side,
        Due: ctx.table.calendar.dateOf(due),
        Status: 'Open',
        Target: targetCell,
      },
    ]);
    const sheet = ctx.settings.sheets.jointPlan;
    const changes = [
      `${sheet} row ${at.first}: [${side}] ${milestone}, due ${isoOfDay(due)}${target ? `, target ${target}` : ''}${at.created ? ` (the ${sheet} sheet was created)` : ''}`,
    ];
    return result({ row: view.record.index + 2 }, 'Milestone added to the joint plan.', changes);
  });
}

/** Sidebar: marks a milestone Done, after checking the row still holds it (a sort may have moved it). */
export function completeMilestone(partner: PartnerTarget, row: number, milestone: string): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partner);
    const name = view.record.name;
    const sheetName = ctx.settings.sheets.jointPlan;
    const sheet = ctx.ss.getSheetByName(sheetName);
    if (!sheet) throw new Error(`There is no "${sheetName}" sheet.`);
    const values = sheet.getDataRange().getValues() as CellValue[][];
    const header = values[0] ?? [];
    const at = (h: string) => header.findIndex((x) => normalizeHeader(x) === normalizeHeader(h));
    const [cPartner, cMilestone, cStatus] = [at('Partner'), at('Milestone'), at('Status')];
    if (cStatus < 0) throw new Error(`The "${sheetName}" sheet has no "Status" column; add it to its first row.`);
    const found = values[row - 1];
    if (
      row < 2 ||
      !found ||
      !samePartner(found[cPartner], name) ||
      String(found[cMilestone] ?? '').trim() !== milestone.trim()
    ) {
      throw new Error(
        `Row ${row} of "${sheetName}" is no longer "${milestone}" for ${name} (the sheet changed). Reopen the sidebar and try again.`,
      );
    }
    sheet.getRange(row, cStatus + 1).setValue('Done');
    return result({ row: view.record.index + 2 }, 'Milestone done.', [`${sheetName} row ${row}: Status → Done`]);
  });
}

import type { QbrActionResult } from '../../contracts/qbrSidebar';
import type { Side } from '../../core/qbr/meeting';
import { type DayNumber, isoOfDay } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import { appendRows, locked, markRowDone, result } from '../qbr/actions';
import { findPartner, type PartnerTarget, qbrContext } from '../qbr/qbrContext';
import { asText } from '../sheets/logSheets';

/**
 * Sidebar: adds a milestone to the partner's joint business plan (docs/rules.md §10), as an Open row of the Joint plan
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
    const sheetName = markRowDone(ctx, 'jointPlan', row, view.record.name, 'Milestone', milestone);
    return result({ row: view.record.index + 2 }, 'Milestone done.', [`${sheetName} row ${row}: Status → Done`]);
  });
}

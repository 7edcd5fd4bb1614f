import type { QbrActionResult } from '../../contracts/qbrSidebar';
import { agendaMail, briefLayout, briefSheetName } from '../../core/qbr/brief';
import { FOLLOW_UP_DAYS, followUpItems, nextQbrAfterHeld, type Side } from '../../core/qbr/meeting';
import {
  loggedOn,
  OPTIONAL_SHEET_HEADERS,
  type OptionalSheet,
  rowForHeader,
  samePartner,
} from '../../core/qbr/optionalSheets';
import { isoOfDay } from '../../core/reading/calendar';
import type { CellValue } from '../../core/reading/cells';
import { normalizeHeader } from '../../core/reading/partnerTable';
import { staleChecklistNames } from '../../core/store/propertyLimits';
import { STORED } from '../../core/store/storedKeys';
import { namesOf, remove, write } from '../platform/store';
import { asText, ensureLogSheet } from '../sheets/logSheets';
import {
  checklistName,
  findPartner,
  type PartnerTarget,
  type QbrContext,
  qbrContext,
  qbrData,
  qbrDetails,
  readOptionalSheet,
  readTicks,
} from './qbrContext';

const LOCK_WAIT_MS = 10_000;

/** Runs a write under the document lock, so two people acting on one partner do not interleave. */
export function locked<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS))
    throw new Error('Another PartnerPulse action is still working on this spreadsheet. Try again in a moment.');
  try {
    const result = work();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

export function result(partner: PartnerTarget, message: string, changes: string[]): QbrActionResult {
  // The table read before the writes is stale for the partner's own row, so the data is read again.
  return { message, changes, data: qbrData(qbrContext(), partner) };
}

/** Appends rows under the header of an optional sheet (created with the spec's headers if missing), in one write. */
export function appendRows(
  ctx: QbrContext,
  sheet: OptionalSheet,
  records: Record<string, CellValue>[],
): { first: number; last: number; created: boolean } {
  const { ss } = ctx;
  const name = ctx.settings.sheets[sheet];
  const headers = OPTIONAL_SHEET_HEADERS[sheet];
  const created = !ss.getSheetByName(name);
  const target = ensureLogSheet(ss, name, [...headers]);
  const header = target.getRange(1, 1, 1, Math.max(1, target.getLastColumn())).getValues()[0] as CellValue[];
  const rows = records.map((r) => rowForHeader(header, name, r));
  const first = target.getLastRow() + 1;
  target.getRange(first, 1, rows.length, header.length).setValues(rows);
  return { first, last: first + rows.length - 1, created };
}

/**
 * Marks a row of an optional sheet Done after checking it still holds what the sidebar showed (the partner
 * and the item's text in `itemColumn`): a sort or an edit may have moved it, and a wrong row is never marked.
 * Returns the sheet's name.
 */
export function markRowDone(
  ctx: QbrContext,
  sheetKey: OptionalSheet,
  row: number,
  partner: string,
  itemColumn: string,
  item: string,
): string {
  const sheetName = ctx.settings.sheets[sheetKey];
  const sheet = ctx.ss.getSheetByName(sheetName);
  if (!sheet) throw new Error(`There is no "${sheetName}" sheet.`);
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const header = values[0] ?? [];
  const at = (h: string) => header.findIndex((x) => normalizeHeader(x) === normalizeHeader(h));
  const [cPartner, cItem, cStatus] = [at('Partner'), at(itemColumn), at('Status')];
  if (cStatus < 0) throw new Error(`The "${sheetName}" sheet has no "Status" column; add it to its first row.`);
  const found = values[row - 1];
  if (
    row < 2 ||
    !found ||
    !samePartner(found[cPartner], partner) ||
    String(found[cItem] ?? '').trim() !== item.trim()
  ) {
    throw new Error(
      `Row ${row} of "${sheetName}" is no longer "${item}" for ${partner} (the sheet changed). Reopen the sidebar and try again.`,
    );
  }
  sheet.getRange(row, cStatus + 1).setValue('Done');
  return sheetName;
}

function rowsText(first: number, last: number): string {
  return first === last ? `row ${first}` : `rows ${first}–${last}`;
}

export function setChecklistItem(
  partnerName: PartnerTarget,
  quarter: string,
  itemId: string,
  done: boolean,
): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    const name = view.record.name;
    const ticks = readTicks(name, quarter);
    if (done) ticks.add(itemId);
    else ticks.delete(itemId);
    if (ticks.size > 0) write(STORED.checklist, [...ticks].sort(), checklistName(name, quarter));
    else remove(STORED.checklist, checklistName(name, quarter));
    // The ticks of quarters before the previous one go (the pruning policy: docs/limits.md#stored-state).
    for (const stale of staleChecklistNames(namesOf(STORED.checklist), quarter)) remove(STORED.checklist, stale);
    return result({ row: view.record.index + 2 }, done ? 'Ticked.' : 'Unticked.', []);
  });
}

export function addActionItem(partnerName: PartnerTarget, item: string, side: Side, due: number): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    const name = view.record.name;
    const at = appendRows(ctx, 'actionItems', [
      { Partner: asText(name), Item: asText(item), Side: side, Due: ctx.table.calendar.dateOf(due), Status: 'Open' },
    ]);
    const changes = [
      `Action items ${rowsText(at.first, at.last)}: [${side}] ${item}, due ${isoOfDay(due)}${at.created ? ' (the Action items sheet was created)' : ''}`,
    ];
    return result({ row: view.record.index + 2 }, 'Action item added.', changes);
  });
}

export function completeActionItem(partnerName: PartnerTarget, row: number, item: string): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    markRowDone(ctx, 'actionItems', row, view.record.name, 'Item', item);
    return result({ row: view.record.index + 2 }, 'Action item completed.', [`Action items row ${row}: Status → Done`]);
  });
}

export function createBrief(partnerName: PartnerTarget): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    const details = qbrDetails(ctx, view);
    const name = briefSheetName(view.record.name, details.quarter, (n) => ctx.ss.getSheetByName(n) !== null);
    if (name === null)
      throw new Error(
        `There are already 20 QBR briefs for ${view.record.name} in ${details.quarter}. Delete or rename one, then try again.`,
      );
    const layout = briefLayout(details, isoOfDay(ctx.today));
    const sheet = ctx.ss.insertSheet(name);
    const values = layout.rows.map((r) => r.map((v) => (typeof v === 'string' ? asText(v) : v)));
    const range = sheet.getRange(1, 1, values.length, values[0].length);
    range.setValues(values);
    const boldRows = new Set(layout.bold);
    range.setFontWeights(values.map((r, i) => r.map(() => (boldRows.has(i) ? 'bold' : 'normal'))));
    sheet.activate();
    const taken = name !== `QBR ${view.record.name} ${details.quarter}`;
    const changes = [
      `New sheet "${name}" (${values.length} rows)${taken ? '; an earlier brief for this quarter was left as it was' : ''}`,
    ];
    return result({ row: view.record.index + 2 }, `QBR brief created in the sheet "${name}".`, changes);
  });
}

export function emailAgenda(partnerName: PartnerTarget): QbrActionResult {
  const ctx = qbrContext();
  const view = findPartner(ctx, partnerName);
  const to = Session.getActiveUser().getEmail();
  if (!to)
    throw new Error(
      'Apps Script did not give PartnerPulse your e-mail address (this happens for accounts outside the spreadsheet owner’s domain). Use Create QBR brief instead.',
    );
  const mail = agendaMail(qbrDetails(ctx, view));
  MailApp.sendEmail({ to, subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: 'PartnerPulse' });
  return {
    message: `Agenda sent to ${to}.`,
    changes: [`E-mail "${mail.subject}" to ${to}`],
    data: qbrData(ctx, { row: view.record.index + 2 }),
  };
}

export function markHeld(partnerName: PartnerTarget, notes: string): QbrActionResult {
  return locked(() => {
    const ctx = qbrContext();
    const view = findPartner(ctx, partnerName);
    const name = view.record.name;
    const { lastQbr, nextQbr } = ctx.table.columns;
    if (lastQbr === undefined || nextQbr === undefined) {
      const lacking = [lastQbr === undefined ? '"Last QBR"' : '', nextQbr === undefined ? '"Next QBR"' : '']
        .filter(Boolean)
        .join(' and ');
      throw new Error(
        `The "${ctx.settings.sheets.partners}" sheet has no ${lacking} column; add ${lacking} to its first row, then mark the QBR held again.`,
      );
    }
    const log = readOptionalSheet(ctx, 'qbrLog');
    if (log && loggedOn(log, name, ctx.today, ctx.table.calendar)) {
      throw new Error(`The QBR log already has a QBR with ${name} on ${isoOfDay(ctx.today)}; nothing was changed.`);
    }
    const today = ctx.today;
    const next = nextQbrAfterHeld(today, ctx.settings.rules.segmentPolicies[view.segment]);
    const row = view.record.index + 2;
    const before = `Last QBR ${view.record.lastQbr === null ? '(blank)' : isoOfDay(view.record.lastQbr)} → ${isoOfDay(today)}, Next QBR ${view.record.nextQbr === null ? '(blank)' : isoOfDay(view.record.nextQbr)} → ${isoOfDay(next)}`;
    if (nextQbr === lastQbr + 1) {
      ctx.table.sheet
        .getRange(row, lastQbr + 1, 1, 2)
        .setValues([[ctx.table.calendar.dateOf(today), ctx.table.calendar.dateOf(next)]]);
    } else {
      ctx.table.sheet.getRange(row, lastQbr + 1).setValue(ctx.table.calendar.dateOf(today));
      ctx.table.sheet.getRange(row, nextQbr + 1).setValue(ctx.table.calendar.dateOf(next));
    }
    const logged = appendRows(ctx, 'qbrLog', [
      {
        Partner: asText(name),
        'Held on': ctx.table.calendar.dateOf(today),
        Notes: asText(notes),
        'Next QBR': ctx.table.calendar.dateOf(next),
      },
    ]);
    const followUps = followUpItems(today, next);
    const added = appendRows(
      ctx,
      'actionItems',
      followUps.map((f) => ({
        Partner: asText(name),
        Item: asText(f.item),
        Side: f.side,
        Due: ctx.table.calendar.dateOf(f.due),
        Status: 'Open',
      })),
    );
    const changes = [
      `${ctx.settings.sheets.partners} row ${row}: ${before}`,
      `QBR log ${rowsText(logged.first, logged.last)}: held ${isoOfDay(today)}${logged.created ? ' (the QBR log sheet was created)' : ''}`,
      `Action items ${rowsText(added.first, added.last)}: ${followUps.length} follow-ups due ${isoOfDay(today + FOLLOW_UP_DAYS)}`,
    ];
    return result({ row }, `QBR with ${name} marked held on ${isoOfDay(today)}.`, changes);
  });
}

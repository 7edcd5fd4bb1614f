import type { AlertItem } from '../../core/alerts/alerts';
import { escapeHtml } from '../../core/escapeHtml';
import type { Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import { BIGQUERY } from '../../core/warehouse/dialect';
import {
  ALERT_COLUMNS,
  type AlertQueryOptions,
  alertsSql,
  decodeAlertItems,
  ITEMS_PER_RECIPIENT,
  RECIPIENTS_PER_PAGE,
} from '../../core/warehouse/queries';
import { failRun } from '../jobs/daily';
import { planDigests, sendDigests } from '../jobs/digests';
import type { RunRecord } from '../jobs/runLog';
import { activeSpreadsheet, calendarOf, hourIn, isoDayIn, loadSettings, todayIn } from '../platform/spreadsheetContext';
import { read, write } from '../platform/store';
import { heldSnoozes, warehouseEscalations } from './alertInputs';
import {
  connectTable,
  countsQuery,
  loadConnection,
  partnersQuery,
  queryOptions,
  readConnection,
  runQuerySheet,
  tablePath,
  WAREHOUSE_SHEETS,
  type WarehouseConnection,
} from './connection';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
/** What the alert query takes from the spreadsheet: held snoozes and breached escalations (alertInputs.ts). */
type AlertExtras = Pick<AlertQueryOptions, 'snoozed' | 'escalations'>;

/** The Alert log's name for a warehouse digest: one per recipient per day, apart from the sheet's own digest. */
export const WAREHOUSE_DIGEST = 'Warehouse digest';
/**
 * Digests whose Alert log rows are written together (sendDigests): two log calls per batch instead of per
 * digest, so a day of 200 recipients fits one run next to the mail service's own time (docs/warehouse.md).
 */
const LOG_BATCH = 25;

/** Menu: Connect a BigQuery table… — asks for the project and the table, checks its columns, connects it. */
export function connectBigQueryTable(): void {
  const ui = SpreadsheetApp.getUi();
  const project = ui.prompt(
    'Connect a BigQuery table',
    'Google Cloud project ID (billed for the queries):',
    ui.ButtonSet.OK_CANCEL,
  );
  if (project.getSelectedButton() !== ui.Button.OK) return;
  const table = ui.prompt(
    'Connect a BigQuery table',
    'Table, as dataset.table (or project.dataset.table):',
    ui.ButtonSet.OK_CANCEL,
  );
  if (table.getSelectedButton() !== ui.Button.OK) return;
  try {
    const c = readConnection(project.getResponseText(), table.getResponseText());
    const ss = activeSpreadsheet();
    connectTable(ss, c, loadSettings(), isoDayIn(ss, new Date()));
    ui.alert(
      'Connect a BigQuery table',
      `Connected ${tablePath(c)}. The sheet "${WAREHOUSE_SHEETS.partners}" shows every partner with health, tier, segment, quadrant and next touch, computed in BigQuery; the hourly run refreshes it and sends the day's digests.`,
      ui.ButtonSet.OK,
    );
  } catch (error) {
    ui.alert('Connect a BigQuery table', (error as Error).message, ui.ButtonSet.OK);
  }
}

/**
 * The hourly run's warehouse part (a spreadsheet with no partner sheet runs only this): once a day from the
 * daily hour, the digests from the alert query, a page of recipients at a time; then the partner and count
 * sheets refreshed, with today's date and the current Settings in their queries. The script reads only the
 * alert pages, never the partner table.
 */
export function runWarehouseHourly(
  ss: Spreadsheet,
  settings: Settings,
  now: Date,
  deadline: number,
  run: RunRecord,
): 'not connected' | 'warehouse only' | 'also the sheet' {
  const c = loadConnection();
  if (!c) return 'not connected';
  const alone = ss.getSheetByName(settings.sheets.partners) === null ? 'warehouse only' : 'also the sheet';
  try {
    warehouseWork(ss, c, settings, now, deadline, run, alone === 'warehouse only');
  } catch (error) {
    failRun(run, `Warehouse ${tablePath(c)}: ${(error as Error).message}`);
  }
  return alone;
}

function warehouseWork(
  ss: Spreadsheet,
  c: WarehouseConnection,
  settings: Settings,
  now: Date,
  deadline: number,
  run: RunRecord,
  alone: boolean,
): void {
  SpreadsheetApp.enableBigQueryExecution();
  const day = isoDayIn(ss, now);
  // The day's digests first: the alert query computes the rules itself, and a refresh that used up the run's
  // time would otherwise hold the digests back every hour.
  if (hourIn(ss, now) >= settings.dailyHour && read(STORED.warehouseDigestsDone) !== day) {
    // Snoozes always; escalations when no partner sheet lists them in its own digests (docs/warehouse.md).
    const extra = {
      snoozed: heldSnoozes(ss, todayIn(ss, now), calendarOf(ss)),
      escalations: alone ? warehouseEscalations(ss, settings, now) : [],
    };
    const finished = sendWarehouseDigests(ss, c, settings, day, extra, deadline, run);
    if (!finished) return;
    write(STORED.warehouseDigestsDone, day);
  }
  for (const [name, query] of [
    [WAREHOUSE_SHEETS.partners, partnersQuery(queryOptions(ss, c, day), settings)],
    [WAREHOUSE_SHEETS.counts, countsQuery(queryOptions(ss, c, day), settings)],
  ] as const) {
    if (Date.now() > deadline) {
      run.status = 'unfinished';
      return;
    }
    runQuerySheet(ss, c, name, query);
  }
}

/**
 * Reads one page of the alert query: up to RECIPIENTS_PER_PAGE recipients, one row each, with their worst
 * items (4 columns × ≤ 500 rows). One query gives a day's digests for up to 500 recipients.
 */
function alertPage(
  ss: Spreadsheet,
  c: WarehouseConnection,
  settings: Settings,
  day: string,
  extra: AlertExtras,
  after: string,
) {
  const query = alertsSql(settings.rules, BIGQUERY, {
    ...queryOptions(ss, c, day),
    ...extra,
    adminEmail: settings.adminEmail,
    after,
  });
  const sheet = runQuerySheet(ss, c, WAREHOUSE_SHEETS.alerts, query);
  const columns = Object.fromEntries(ALERT_COLUMNS.map((name) => [name, sheet.getSheetValues(name)])) as Record<
    (typeof ALERT_COLUMNS)[number],
    unknown[]
  >;
  return columns.recipient_key.map((key, i) => {
    const recipient = columns.recipient[i] === '' ? null : String(columns.recipient[i]);
    return {
      key: String(key),
      total: Number(columns.recipient_items[i]),
      items: decodeAlertItems(recipient, String(columns.items[i])),
    };
  });
}

function sendWarehouseDigests(
  ss: Spreadsheet,
  c: WarehouseConnection,
  settings: Settings,
  day: string,
  extra: AlertExtras,
  deadline: number,
  run: RunRecord,
): boolean {
  let after = '';
  for (;;) {
    if (Date.now() > deadline) {
      run.status = 'unfinished';
      return false;
    }
    const page = alertPage(ss, c, settings, day, extra, after);
    if (page.length === 0) return true;
    const items: AlertItem[] = page.flatMap((r) => r.items);
    const totals = new Map(page.map((r) => [r.key, r.total]));
    const ctx = {
      day,
      spreadsheetName: ss.getName(),
      spreadsheetUrl: ss.getUrl(),
      sheetId: ss.getSheetByName(WAREHOUSE_SHEETS.partners)?.getSheetId() ?? 0,
      rules: settings.rules,
    };
    const planned = planDigests(items, ctx).map((plan) => {
      const total = totals.get((plan.recipient ?? '').toLowerCase()) ?? plan.items.length;
      if (total <= plan.items.length) return plan;
      const more = `…and ${total - plan.items.length} more (the worst ${ITEMS_PER_RECIPIENT} are listed): see the "${WAREHOUSE_SHEETS.partners}" sheet.`;
      return {
        ...plan,
        digest: {
          ...plan.digest,
          text: `${plan.digest.text}\n${more}`,
          html: `${plan.digest.html}<p>${escapeHtml(more)}</p>`,
        },
      };
    });
    const outcome = sendDigests(ss, settings, day, planned, deadline, WAREHOUSE_DIGEST, null, LOG_BATCH);
    run.sent += outcome.sent;
    run.deferred += outcome.deferred;
    run.failed += outcome.failed;
    if (outcome.gaveUp.length)
      failRun(
        run,
        `${outcome.gaveUp.length} warehouse digest${outcome.gaveUp.length === 1 ? '' : 's'} could not be sent: ${outcome.gaveUp.join('; ')}`,
      );
    if (outcome.unfinished || outcome.deferred > 0) return false;
    if (page.length < RECIPIENTS_PER_PAGE) return true;
    after = page[page.length - 1].key;
  }
}

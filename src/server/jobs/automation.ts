import type { AlertItem } from '../../core/alerts/alerts';
import { escapeHtml } from '../../core/escapeHtml';
import type { CellValue } from '../../core/reading/cells';
import type { Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import { HANDLERS } from '../menu/handlerNames';
import { countingSpreadsheet, serviceCallsSoFar } from '../platform/serviceCalls';
import { activeSpreadsheet, hourIn, isoDayIn, loadSettings, todayIn } from '../platform/spreadsheetContext';
import { fits, read, remove, write } from '../platform/store';
import { readPartnerTable } from '../sheets/partnerSheet';
import { partnerSheetFindings } from '../sheets/setUp';
import { runWarehouseHourly } from '../warehouse/jobs';
import {
  addNotices,
  computeDayAlerts,
  escalationAlerts,
  failRun,
  type RunInputs,
  runDailyWork,
  todaysDailyWork,
  warnRun,
} from './daily';
import { NO_ADDRESS_FIX, planDigests, sendDigests } from './digests';
import { rememberAutomationOwner, withAdminRecipient } from './recipients';
import { writeTierColors } from './recolor';
import { newRun, type RunRecord, recordRun } from './runLog';
import { authorizationLapsed, failureRecipient, rememberAutomation, reportNoSpreadsheet } from './triggerContext';

/** Stop well before Apps Script's 6-minute limit, so the run can log itself and leave a clean cursor. */
export const RUN_BUDGET_MS = 4.5 * 60 * 1000;
const LOCK_WAIT_MS = 10_000;

/**
 * Runs `work` under the document lock and records the run in the Run log, whatever happens. A second run
 * that finds the lock held records itself as skipped instead of doing the work twice.
 */
function underLock(
  job: string,
  work: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, run: RunRecord) => void,
  triggerUid?: string,
): RunRecord {
  const callsBefore = serviceCallsSoFar();
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (!active) {
    // A time-driven run may get no spreadsheet (docs/google-fidelity.md): no Run log to write, so its owner is told.
    reportNoSpreadsheet(job, triggerUid);
    const run = newRun(job, new Date());
    run.status = 'skipped';
    run.error = 'Google started the run without its spreadsheet.';
    return run;
  }
  const ss = countingSpreadsheet(active);
  // Admin items go to the admin address, else to whoever turned automation on (src/server/jobs/recipients.ts).
  const settings = withAdminRecipient(loadSettings());
  const run = newRun(job, new Date());
  // getDocumentLock() is null outside a containing document; the user lock still keeps this user's runs apart.
  const lock = LockService.getDocumentLock() ?? LockService.getUserLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    run.status = 'skipped';
    run.error = 'Another PartnerPulse run was still working on this spreadsheet.';
    run.serviceCalls = serviceCallsSoFar() - callsBefore;
    recordRun(ss, settings, run, new Date());
    return run;
  }
  try {
    work(ss, settings, run);
  } catch (error) {
    run.status = 'failed';
    run.error = (error as Error).message;
  } finally {
    try {
      // The log row's own write is the one call it cannot count.
      run.serviceCalls = serviceCallsSoFar() - callsBefore;
      try {
        recordRun(ss, settings, run, new Date());
      } catch (error) {
        // No Run log row: then the e-mail is the only trace, so it goes out even for a run that went well.
        run.status = 'failed';
        run.error = `${run.error ? `${run.error} ` : ''}The Run log could not be written: ${(error as Error).message}`;
      }
      if (run.status === 'failed') {
        try {
          tellAdminOnce(ss, settings, run);
        } catch (error) {
          // The mail that would tell the admin can fail for the same reason the run did; the Run log and the
          // menu still say so, and the trigger must not be marked as crashed.
          console.error(`PartnerPulse could not e-mail the admin about the failed run: ${(error as Error).message}`);
        }
      }
    } finally {
      // Pending sheet writes (the Alert log rows) are applied before another run can take the lock and read.
      try {
        SpreadsheetApp.flush();
      } finally {
        lock.releaseLock();
      }
    }
  }
  return run;
}

/**
 * One e-mail a day to the admin (or, with no admin address, to the person running it: a trigger's owner) when
 * runs fail: Apps Script sends none for an add-on's triggers.
 */
function tellAdminOnce(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, run: RunRecord): void {
  // `settings` comes from underLock with the admin address filled in (the automation owner when Settings has none).
  const day = isoDayIn(ss, run.started);
  const recipient = failureRecipient(settings.adminEmail);
  if (!recipient || read(STORED.failureMailDay) === day || MailApp.getRemainingDailyQuota() < 1) return;
  MailApp.sendEmail({
    to: recipient,
    subject: `PartnerPulse: the ${run.job} run failed on "${ss.getName()}"`,
    body: `The ${run.job} run failed: ${run.error}\n\nSee the Run log sheet: ${ss.getUrl()}\nYou get at most one of these e-mails a day.`,
    htmlBody: `<p>The ${escapeHtml(run.job)} run failed: <b>${escapeHtml(run.error)}</b></p><p>See the Run log sheet of <a href="${escapeHtml(ss.getUrl())}">${escapeHtml(ss.getName())}</a>. You get at most one of these e-mails a day.</p>`,
    name: 'PartnerPulse',
  });
  write(STORED.failureMailDay, day);
}

// Escalation alerts already sent (or found already sent) are kept as short hashes of their Alert log keys
// (STORED.escalationsHandled): an hourly run with no breach outside this set and the day done is idle.

/** A short, stable hash of an alert's key (FNV-1a), so the handled set fits in one document property. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

const alertWhat = (breach: AlertItem) => `Escalation alert: ${breach.escalation ?? breach.reason}`;

/**
 * The hourly trigger: escalation SLAs every hour; the daily work once a day at or after the set hour.
 * An hour with nothing to do is decided from stored state before the partner table is read (docs/limits.md):
 * the day's done-state in the document properties, and the Escalations sheet (a few rows) against the alerts
 * already handled; only a due daily run or a new breach reads the partner table. `e` is the time-driven event
 * (its triggerUid says which spreadsheet the trigger was turned on in). A run whose authorization lapsed stops
 * at once and asks its owner to authorize again (docs/google-fidelity.md).
 */
export function runHourly(e?: { triggerUid?: string }): RunRecord | null {
  if (authorizationLapsed(e?.triggerUid)) return null;
  return underLock(
    'hourly',
    (ss, settings, run) => {
      const now = new Date();
      const deadline = run.started.getTime() + RUN_BUDGET_MS;
      if (runWarehouseHourly(ss, settings, now, deadline, run) === 'warehouse only') return;
      const today = todaysDailyWork(ss, now);
      const dailyDue = hourIn(ss, now) >= settings.dailyHour && !today.done;
      const escalations = ss.getSheetByName(settings.sheets.escalations);
      const escalationRows = escalations ? (escalations.getDataRange().getValues() as CellValue[][]) : [];
      // Breaches need no partner data to be told apart: their alert key is the escalation's own row.
      const handled = new Set<string>(read(STORED.escalationsHandled) ?? []);
      const open = escalationAlerts(
        { table: { views: [] } as unknown as RunInputs['table'], escalationRows },
        settings,
        now,
      );
      const fresh = open.filter((b) => !handled.has(shortHash(alertWhat(b))));
      if (!dailyDue && fresh.length === 0) {
        // As below: the day's given-up or undeliverable digests are still said, from the stored state.
        if (today.undeliverable) warnRun(run, today.undeliverable);
        if (today.gaveUp) failRun(run, today.gaveUp);
        return;
      }
      const inputs: RunInputs = { table: readPartnerTable(ss, settings, todayIn(ss, now)), escalationRows };
      const breaches = escalationAlerts(inputs, settings, now);
      if (breaches.length > 0) {
        const day = isoDayIn(ss, now);
        const ctx = {
          day,
          spreadsheetName: ss.getName(),
          spreadsheetUrl: ss.getUrl(),
          sheetId: inputs.table.sheet.getSheetId(),
          rules: settings.rules,
        };
        // One alert per breach and recipient, once (sendDigests keys it by `what`): a breach found at 14:00 is
        // mailed at 14:00 even when another went at 09:00; the daily digest keeps listing open breaches. A row
        // that cannot be checked is one alert for its row.
        const planned = breaches.flatMap((breach) =>
          planDigests([breach], ctx).map((plan) => ({
            ...plan,
            what: alertWhat(breach),
            digest: { ...plan.digest, subject: `PartnerPulse escalation: ${breach.partner} — ${breach.reason}` },
          })),
        );
        const outcome = sendDigests(ss, settings, day, planned, deadline, 'Escalation alert');
        run.sent += outcome.sent;
        run.deferred += outcome.deferred;
        run.failed += outcome.failed;
        if (outcome.gaveUp.length > 0) {
          failRun(
            run,
            `${outcome.gaveUp.length} escalation alert${outcome.gaveUp.length === 1 ? '' : 's'} could not be sent: ${outcome.gaveUp.join('; ')}`,
          );
        }
        if (outcome.undeliverable.length > 0) {
          warnRun(run, outcome.undeliverable.map((x) => `escalation alert: ${x}`).join('; '));
          addNotices(
            day,
            outcome.undeliverable.map((x) => `escalation alert: ${x}`),
          );
        }
        // Only when every alert went (or had gone): anything deferred or failed is tried again next hour.
        const clean =
          !outcome.unfinished && outcome.deferred === 0 && outcome.retryable === 0 && outcome.gaveUp.length === 0;
        if (clean) {
          const list = breaches.map((b) => shortHash(alertWhat(b)));
          // A property holds 9 KB: past that the hourly run reads the table each hour (correct, only not free).
          if (fits(STORED.escalationsHandled, list)) write(STORED.escalationsHandled, list);
        }
      } else if (handled.size > 0) {
        remove(STORED.escalationsHandled);
      }
      if (dailyDue) {
        runDailyWork(ss, settings, now, deadline, run, inputs);
      } else {
        // The day's work is done but some digests were given up or reached nobody: keep saying so until tomorrow.
        if (today.undeliverable) warnRun(run, today.undeliverable);
        if (today.gaveUp) failRun(run, today.gaveUp);
      }
    },
    e?.triggerUid,
  );
}

/** Menu: Send today's alerts now — the daily work at once, still one digest per recipient per day. */
export function sendAlertsNow(): RunRecord {
  return underLock('send now', (ss, settings, run) => {
    runDailyWork(ss, settings, new Date(), run.started.getTime() + RUN_BUDGET_MS, run);
  });
}

/** Menu: Recolor now. */
export function recolorNow(): RunRecord {
  return underLock('recolor', (ss, settings, run) => {
    const table = readPartnerTable(ss, settings, todayIn(ss, new Date()));
    run.partnersRead = table.views.length;
    run.rowsRecolored = writeTierColors(table, settings);
  });
}

/** Menu: Preview today's alerts — what would be sent, without sending. */
export function previewAlerts(): string {
  const ss = activeSpreadsheet();
  const day = computeDayAlerts(ss, withAdminRecipient(loadSettings()), new Date());
  const parts = day.planned.map(
    (p) =>
      `<h3>To: ${escapeHtml(p.recipient ?? `(no address — ${NO_ADDRESS_FIX})`)}</h3><p><b>${escapeHtml(p.digest.subject)}</b></p>${p.digest.html}`,
  );
  const snoozed = day.items.filter((i) => i.snoozedUntil !== undefined);
  if (snoozed.length > 0) {
    parts.push(
      `<h3>Snoozed — not sent</h3><ul>${snoozed.map((i) => `<li><b>${escapeHtml(i.partner)}</b>: ${escapeHtml(i.reason)}</li>`).join('')}</ul>`,
    );
  }
  const html = parts.length > 0 ? parts.join('<hr>') : '<p>Nothing to send today: every partner is on track.</p>';
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(720).setHeight(520),
    `Today's alerts (${day.day})`,
  );
  return html;
}

function ourTriggers(): GoogleAppsScript.Script.Trigger[] {
  // This user's triggers in this spreadsheet: an add-on's project triggers span every document it is used in,
  // and turning automation off here must not remove another sheet's.
  return ScriptApp.getUserTriggers(activeSpreadsheet()).filter((t) => t.getHandlerFunction() === HANDLERS.hourly);
}

/**
 * For the test-deployment checklist (docs/test-deployment.md): this user's hourly trigger here is replaced by a
 * one-off trigger of the same handler, created from the document as turnAutomationOn does, firing in a minute.
 */
export function runHourlySoon(): string {
  ourTriggers().forEach((t) => ScriptApp.deleteTrigger(t));
  const trigger = ScriptApp.newTrigger(HANDLERS.hourly)
    .timeBased()
    .after(60 * 1000)
    .create();
  write(STORED.testTrigger, trigger.getUniqueId());
  rememberAutomation(activeSpreadsheet(), false, []);
  rememberAutomation(activeSpreadsheet(), true, [trigger.getUniqueId()]);
  const message =
    'The hourly run starts in about a minute, as a trigger. Then see the Run log (or your inbox) and turn daily automation on again.';
  SpreadsheetApp.getActiveSpreadsheet()?.toast(message, 'PartnerPulse');
  return message;
}

/** The one-off trigger of runHourlySoon, removed when automation is turned on or off. */
function dropTestTrigger(): void {
  const uid = read(STORED.testTrigger);
  if (!uid) return;
  ourTriggers()
    .filter((t) => t.getUniqueId() === uid)
    .forEach((t) => ScriptApp.deleteTrigger(t));
  remove(STORED.testTrigger);
}

export function automationIsOn(): boolean {
  return ourTriggers().length > 0;
}

/**
 * Menu: Turn daily automation on. An editor add-on may hold one time-driven trigger per user and document,
 * firing at most hourly, so one hourly trigger dispatches everything; turning it on twice keeps one.
 */
export function turnAutomationOn(): string {
  dropTestTrigger();
  const existing = ourTriggers();
  existing.slice(1).forEach((t) => ScriptApp.deleteTrigger(t));
  const trigger = existing[0] ?? ScriptApp.newTrigger(HANDLERS.hourly).timeBased().everyHours(1).create();
  rememberAutomation(activeSpreadsheet(), true, [trigger.getUniqueId()]);
  const settings = loadSettings();
  // Whoever turns automation on gets what has no other recipient while Settings has no admin address.
  const owner = rememberAutomationOwner();
  const adminLine = settings.adminEmail
    ? `Items for the admin (partners without an owner, escalations without a path address) go to ${settings.adminEmail}.`
    : owner
      ? `Settings has no admin address, so items for the admin go to you (${owner}).`
      : 'Settings has no admin address and Google did not give PartnerPulse yours: set the admin address in Settings, or items for the admin reach nobody.';
  const message = `Daily automation is on: rows are recolored and digests sent each day from ${settings.dailyHour}:00 (spreadsheet time zone); escalations are checked every hour. ${adminLine}`;
  // The header check runs now, while someone is looking, so a sheet that would silence alerts is fixed first.
  const findings = orEmpty(() => partnerSheetFindings(activeSpreadsheet(), settings));
  if (findings.length > 0) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(
      'PartnerPulse: automation is on — check the partner sheet',
      `${message}\n\nHeader check of "${settings.sheets.partners}":\n• ${findings.join('\n• ')}`,
      ui.ButtonSet.OK,
    );
    return `${message}\n${findings.join('\n')}`;
  }
  SpreadsheetApp.getActiveSpreadsheet()?.toast(message, 'PartnerPulse');
  return message;
}

function orEmpty(read: () => string[]): string[] {
  try {
    return read();
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Menu: Turn daily automation off — removes exactly our trigger. */
export function turnAutomationOff(): string {
  dropTestTrigger();
  const triggers = ourTriggers();
  triggers.forEach((t) => ScriptApp.deleteTrigger(t));
  rememberAutomation(
    activeSpreadsheet(),
    false,
    triggers.map((t) => t.getUniqueId()),
  );
  const message = 'Daily automation is off. Nothing is recolored or sent until you turn it on again.';
  SpreadsheetApp.getActiveSpreadsheet()?.toast(message, 'PartnerPulse');
  return message;
}

/** Menu: opens the Run log. */
export function openRunLog(): void {
  const settings = loadSettings();
  const sheet = activeSpreadsheet().getSheetByName(settings.sheets.runLog);
  if (sheet) sheet.activate();
  else SpreadsheetApp.getUi().alert('PartnerPulse has not run yet: there is no Run log.');
}

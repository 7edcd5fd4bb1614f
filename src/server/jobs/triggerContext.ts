/**
 * What a time-driven run can know and whom it can tell when it cannot work (docs/google-fidelity.md,
 * "Decisions"): Google may start an add-on's trigger without its spreadsheet, and a run whose authorization
 * lapsed after an update must stop before it does anything. Apps Script e-mails nobody about an add-on's failed
 * trigger, and MailApp needs no document, so the trigger's owner — the effective user, as whom a trigger runs —
 * gets one e-mail a day saying what happened and what to do.
 */
import { escapeHtml } from '../../core/escapeHtml';
import { STORED, type TriggerHome } from '../../core/store/storedKeys';
import { read, remove, write } from '../platform/store';

/**
 * Remembers, in the user's properties (which a trigger, LIMITED onOpen and FULL runs all may read), that this
 * user's automation is on or off in this spreadsheet and, for the trigger, which spreadsheet it belongs to.
 */
export function rememberAutomation(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  on: boolean,
  triggerUids: string[],
): void {
  write(STORED.automation, on ? 'on' : 'off', ss.getId());
  const home: TriggerHome = { id: ss.getId(), name: ss.getName(), url: ss.getUrl() };
  for (const uid of triggerUids) {
    if (on) write(STORED.triggerHome, home, uid);
    else remove(STORED.triggerHome, uid);
  }
}

/** What rememberAutomation last recorded for this spreadsheet: true, false, or null when nothing was. */
export function rememberedAutomation(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean | null {
  const value = read(STORED.automation, ss.getId());
  return value === 'on' ? true : value === 'off' ? false : null;
}

function triggerHome(triggerUid: string | undefined): TriggerHome | null {
  if (!triggerUid) return null;
  return read(STORED.triggerHome, triggerUid);
}

/** Mails the trigger's owner at most once a day per kind of notice; never throws (it is the last resort). */
function tellOwnerOnce(kind: string, subject: string, lines: string[]): void {
  try {
    const day = Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy-MM-dd');
    if (read(STORED.ownerNotice, kind) === day) return;
    const owner = Session.getEffectiveUser().getEmail();
    if (!owner || MailApp.getRemainingDailyQuota() < 1) {
      console.error(`PartnerPulse could not e-mail the trigger's owner: ${subject}`);
      return;
    }
    MailApp.sendEmail({
      to: owner,
      subject,
      body: `${lines.join('\n\n')}\n\nYou get at most one of these e-mails a day.`,
      htmlBody: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>You get at most one of these e-mails a day.</p>`,
      name: 'PartnerPulse',
    });
    write(STORED.ownerNotice, day, kind);
  } catch (error) {
    console.error(`PartnerPulse could not e-mail the trigger's owner (${subject}): ${(error as Error).message}`);
  }
}

function describe(home: TriggerHome | null): { name: string; where: string } {
  return home
    ? { name: home.name, where: `"${home.name}" (${home.url})` }
    : { name: 'your spreadsheet', where: 'the spreadsheet where you turned it on' };
}

/** The run got no spreadsheet from Google: it can do nothing, so it says so and stops. */
export function reportNoSpreadsheet(job: string, triggerUid: string | undefined): void {
  const home = triggerHome(triggerUid);
  const { name, where } = describe(home);
  tellOwnerOnce('no-spreadsheet', `PartnerPulse: the ${job} run could not open "${name}"`, [
    `Google started PartnerPulse's ${job} run for ${where} without the spreadsheet, so nothing was recolored and no alerts were sent.`,
    "What to do: open the spreadsheet and choose Extensions › PartnerPulse › Send today's alerts now to do today's work by hand, then Turn daily automation off and on again in the same menu.",
    'If this e-mail comes again tomorrow, Google does not give PartnerPulse its spreadsheet in scheduled runs for your account; tell whoever set up PartnerPulse for you.',
  ]);
}

/**
 * True when the user must authorize PartnerPulse again (an update asked for a permission they have not granted):
 * the run must stop before it touches anything, and the owner is asked to open the add-on once.
 */
export function authorizationLapsed(triggerUid: string | undefined): boolean {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  if (String(info.getAuthorizationStatus()) !== String(ScriptApp.AuthorizationStatus.REQUIRED)) return false;
  const { where } = describe(triggerHome(triggerUid));
  tellOwnerOnce('authorization', 'PartnerPulse needs you to authorize it again', [
    `PartnerPulse was updated and needs a permission you have not granted yet, so its scheduled run for ${where} stopped before doing anything.`,
    `What to do: open this link and allow PartnerPulse: ${info.getAuthorizationUrl()} — or open the spreadsheet and choose any item of the Extensions › PartnerPulse menu. Scheduled runs start again on their own after that.`,
  ]);
  return true;
}

/** Whom to tell about a failed run: the admin from Settings, else the person running it (a trigger's owner). */
export function failureRecipient(adminEmail: string | null): string {
  if (adminEmail) return adminEmail;
  try {
    return Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

import { isEmail } from '../../core/reading/cells';
import type { Settings } from '../../core/settings/settings';
import { STORED } from '../../core/store/storedKeys';
import { read, write } from '../platform/store';

// Who gets what has no other recipient (items of partners without an owner, escalations without a path
// address, failed runs): the admin address from Settings, else the person who turned automation on (stored in
// STORED.automationOwner), else the person the run runs as. Never nobody while one of them has an address
// (docs/alerts-and-data-problems.md).

/** The address of the user running this execution: under an installable trigger, the trigger's creator. */
export function runningUserEmail(): string | null {
  const read = (user: () => GoogleAppsScript.Base.User): string => {
    try {
      return user().getEmail() ?? '';
    } catch {
      return '';
    }
  };
  // The effective user is the trigger's owner in a trigger run and the clicking user from the menu; the
  // active user is the fallback when a domain policy hides the effective one.
  const email = read(() => Session.getEffectiveUser()) || read(() => Session.getActiveUser());
  return email && isEmail(email) ? email.trim() : null;
}

/** Stores the address of whoever turns automation on (document property, seen by every collaborator). */
export function rememberAutomationOwner(): string | null {
  const email = runningUserEmail();
  if (email) write(STORED.automationOwner, email);
  return email;
}

export function automationOwner(): string | null {
  const stored = read(STORED.automationOwner);
  return stored && isEmail(stored) ? stored.trim() : null;
}

export interface AdminRecipient {
  address: string | null;
  /** Where the address came from, for the preview and the docs: "Settings", "turned automation on", … */
  source: 'settings' | 'automation owner' | 'running user' | 'none';
}

/**
 * The admin address from Settings, else the person who turned automation on (stored then), else the user
 * this run runs as (a trigger installed before owners were stored runs as its creator).
 */
export function adminRecipient(settings: Settings): AdminRecipient {
  if (settings.adminEmail) return { address: settings.adminEmail, source: 'settings' };
  const owner = automationOwner();
  if (owner) return { address: owner, source: 'automation owner' };
  const running = runningUserEmail();
  if (running) return { address: running, source: 'running user' };
  return { address: null, source: 'none' };
}

/** The settings with the admin address filled in from adminRecipient, for everything that sends. */
export function withAdminRecipient(settings: Settings): Settings {
  const admin = adminRecipient(settings).address;
  return admin === settings.adminEmail ? settings : { ...settings, adminEmail: admin };
}

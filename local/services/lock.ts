/**
 * LockService with real cross-process locks: one lock directory per kind next to the state file, so
 * two CLI runs (or a run and a fired trigger) exclude each other the way two Apps Script executions do.
 *
 * https://developers.google.com/apps-script/reference/lock/lock
 * https://developers.google.com/apps-script/reference/lock/lock-service
 */
import type { CallLog } from '../calls';
import { FileLock } from './fileLock';
import { track } from './track';

type LockApi = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'>;
export type LockServiceApi = Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>;

/** The exception waitLock throws when the timeout passes (Lock reference, waitLock). */
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Lock-file name for the user lock: e-mail addresses carry characters some filesystems dislike. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

function createLock(calls: CallLog, file: FileLock): LockApi {
  return track(calls, 'Lock', {
    hasLock() {
      return file.held();
    },
    // Acquiring a lock this execution already holds succeeds at once, as in Apps Script.
    tryLock(timeoutInMillis: number) {
      return file.acquire(Number(timeoutInMillis));
    },
    waitLock(timeoutInMillis: number) {
      if (!file.acquire(Number(timeoutInMillis))) throw new Error(LOCK_TIMEOUT_MESSAGE);
    },
    // "This method has no effect if the lock has not been acquired."
    releaseLock() {
      file.release();
    },
  });
}

/**
 * `executionToken` identifies one run: every Lock object the run gets for a kind is the same lock
 * (hasLock on a second getScriptLock() sees the first one's acquisition), while another run — in this
 * process or another — has to wait.
 */
export function createLockService(
  calls: CallLog,
  statePath: string,
  userEmail: string,
  executionToken: string,
): LockServiceApi {
  const files = {
    document: new FileLock(`${statePath}.document.lock`, executionToken),
    script: new FileLock(`${statePath}.script.lock`, executionToken),
    user: new FileLock(`${statePath}.user-${safeName(userEmail)}.lock`, executionToken),
  };
  return track(calls, 'LockService', {
    getDocumentLock: () => createLock(calls, files.document) as GoogleAppsScript.Lock.Lock,
    getScriptLock: () => createLock(calls, files.script) as GoogleAppsScript.Lock.Lock,
    getUserLock: () => createLock(calls, files.user) as GoogleAppsScript.Lock.Lock,
  });
}

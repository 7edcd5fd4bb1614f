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
export type LockServiceApi = Pick<
  GoogleAppsScript.Lock.LockService,
  'getDocumentLock' | 'getScriptLock' | 'getUserLock'
>;

/** The exception waitLock throws when the timeout passes (Lock reference, waitLock). */
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Lock-file name for the user lock: e-mail addresses carry characters some filesystems dislike. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * What the runtime does when this execution takes or gives up the document lock: the spreadsheet is one live
 * document in Google, but each local process holds its own copy, so the copy is brought up to date when the
 * lock is taken and published before it is released.
 */
export interface DocumentLockHooks {
  acquired(): void;
  releasing(): void;
}

const NO_HOOKS: DocumentLockHooks = { acquired: () => undefined, releasing: () => undefined };

function acquire(file: FileLock, timeoutMs: number, hooks: DocumentLockHooks): boolean {
  const had = file.held();
  const ok = file.acquire(timeoutMs);
  if (ok && !had) hooks.acquired();
  return ok;
}

function release(file: FileLock, hooks: DocumentLockHooks): void {
  if (!file.held()) return;
  hooks.releasing();
  file.release();
}

function createLock(calls: CallLog, file: FileLock, hooks: DocumentLockHooks = NO_HOOKS): LockApi {
  return track(calls, 'Lock', {
    hasLock() {
      return file.held();
    },
    // Acquiring a lock this execution already holds succeeds at once, as in Apps Script.
    tryLock(timeoutInMillis: number) {
      return acquire(file, Number(timeoutInMillis), hooks);
    },
    waitLock(timeoutInMillis: number) {
      if (!acquire(file, Number(timeoutInMillis), hooks)) throw new Error(LOCK_TIMEOUT_MESSAGE);
    },
    // "This method has no effect if the lock has not been acquired."
    releaseLock() {
      release(file, hooks);
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
  documentHooks: DocumentLockHooks = NO_HOOKS,
  hasDocument: () => boolean = () => true,
): { service: LockServiceApi; endExecution(): void } {
  const files = {
    document: new FileLock(`${statePath}.document.lock`, executionToken),
    script: new FileLock(`${statePath}.script.lock`, executionToken),
    user: new FileLock(`${statePath}.user-${safeName(userEmail)}.lock`, executionToken),
  };
  const service = track(calls, 'LockService', {
    // Outside a containing document getDocumentLock() returns null (reference/lock/lock-service).
    getDocumentLock: () =>
      (hasDocument() ? createLock(calls, files.document, documentHooks) : null) as GoogleAppsScript.Lock.Lock,
    getScriptLock: () => createLock(calls, files.script) as GoogleAppsScript.Lock.Lock,
    getUserLock: () => createLock(calls, files.user) as GoogleAppsScript.Lock.Lock,
  });
  // Apps Script releases an execution's locks when it ends, also when it was stopped by an error.
  const endExecution = () => {
    release(files.document, documentHooks);
    files.script.release();
    files.user.release();
  };
  return { service, endExecution };
}

/**
 * A mutual-exclusion lock between OS processes, taken synchronously.
 *
 * Apps Script's LockService is synchronous, so the waiting here must be too: we poll an atomic
 * `mkdir` (it either creates the directory or fails with EEXIST, never both for two processes) and
 * sleep between polls with `Atomics.wait`, which blocks the thread without spinning the CPU.
 *
 * Why not proper-lockfile: it detects stale locks by mtime and keeps its own lock fresh with a timer.
 * A script holding a LockService lock runs synchronously (the vm never yields), so that timer would
 * not fire and a second process would steal a lock that is still held after `stale` ms. Instead the
 * holder writes its pid into the lock directory; a lock whose pid is no longer alive is stale — the
 * same rule as Apps Script, which releases a script's locks when the script ends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds without busy-waiting. */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}

/** What the lock directory's owner file records: which process and which execution holds it. */
interface Owner {
  pid: number;
  token: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks released by process exit, so a crashed or finished run never leaves its lock behind. */
const heldByThisProcess = new Set<FileLock>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of heldByThisProcess) lock.release();
  });
}

export class FileLock {
  /** `dir` is the lock directory (created to take the lock); `token` names the holding execution. */
  constructor(
    readonly dir: string,
    private readonly token: string,
    private readonly pollMs = 10,
  ) {}

  private ownerFile(): string {
    return path.join(this.dir, 'owner.json');
  }

  private readOwner(): Owner | null {
    try {
      return JSON.parse(fs.readFileSync(this.ownerFile(), 'utf8')) as Owner;
    } catch {
      return null;
    }
  }

  /** True when this execution holds the lock. */
  held(): boolean {
    const owner = this.readOwner();
    return owner !== null && owner.pid === process.pid && owner.token === this.token;
  }

  /** One attempt; true when the lock is (now) ours. */
  private attempt(): boolean {
    try {
      fs.mkdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (this.held()) return true;
      this.removeIfStale();
      return false;
    }
    fs.writeFileSync(this.ownerFile(), JSON.stringify({ pid: process.pid, token: this.token }));
    heldByThisProcess.add(this);
    installExitHook();
    return true;
  }

  /**
   * A directory without a live owner is stale. The owner file is written just after mkdir, so a
   * directory without one may be a lock being taken right now: only treat it as stale when it is old.
   */
  private removeIfStale(): void {
    const owner = this.readOwner();
    let stale: boolean;
    if (owner) stale = !processAlive(owner.pid);
    else {
      try {
        stale = Date.now() - fs.statSync(this.dir).mtimeMs > 5000;
      } catch {
        return; // already gone
      }
    }
    // Two waiters could both judge the same dead lock stale, and the slower one could then remove the
    // lock the faster one just took. That needs a crash plus a race within microseconds; accepted.
    if (stale) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Tries for up to `timeoutMs`; true when acquired. */
  acquire(timeoutMs: number): boolean {
    fs.mkdirSync(path.dirname(this.dir), { recursive: true });
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if (this.attempt()) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      sleepSync(Math.min(this.pollMs, left));
    }
  }

  /** Releases the lock if this execution holds it; otherwise does nothing. */
  release(): void {
    if (!this.held()) return;
    heldByThisProcess.delete(this);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The sidebar on localhost: a person (or the Playwright tests) clicks through the real dist/Sidebar.html
 * while google.script.run reaches the built bundle in the local Apps Script runtime.
 *
 *   GET  /      the HTML that the add-on's openQbrSidebar() handed to Ui.showSidebar, with a small
 *               google.script.run shim put in front of its own script
 *   POST /run   { name, args } → runs that top-level function of dist/Code.js, saves the workbook,
 *               answers { value } or { error }; up to 10 calls run at once, each its own execution, so
 *               the add-on's server functions contend for the document lock as in Google
 *               (docs/google-fidelity.md)
 *
 * The shim and this server keep google.script.run's rules (guides/html/reference/run): a Date, a function or
 * undefined-as-value cannot be passed (the call fails), functions whose names end in `_` are private and
 * cannot be called, and a result holding a Date fails the call here, loudly, so such a server entry is
 * caught locally before Google would hand the page a broken result.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRuntime, type Runtime } from './runtime';
import { workingCopy } from './workingCopy';

export interface SidebarServerOptions {
  workbookPath: string;
  /** The add-on's clock at start (the example's morning for `npm run sidebar`). */
  now?: Date;
  /** The user's selection when the sidebar opens, e.g. "Partners!A2". */
  selection?: string;
  outboxDir?: string;
  userEmail?: string;
  port?: number;
  host?: string;
}

export interface SidebarServer {
  url: string;
  /** The runtime of the first execution slot (the page, and calls made one at a time, run here). */
  runtime: Runtime;
  /** The most google.script.run calls that were running at once. */
  stats: { maxConcurrent: number };
  /** Calls made through /run, in order (for tests and the console). */
  calls: { name: string; ok: boolean }[];
  close(): Promise<void>;
}

/** The client half: google.script.run over fetch, with the parameter rules of the real one. */
export const SHIM = `<script>
(function () {
  function illegal(value, path) {
    if (value instanceof Date) return path + ' is a Date';
    if (typeof value === 'function') return path + ' is a function';
    if (value && typeof value === 'object') {
      if (typeof Node !== 'undefined' && value instanceof Node) return path + ' is a DOM element';
      for (var key in value) { var bad = illegal(value[key], path + '.' + key); if (bad) return bad; }
    }
    return null;
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, failure, userObject); };
        if (name === 'withFailureHandler') return function (f) { return runner(success, f, userObject); };
        if (name === 'withUserObject') return function (o) { return runner(success, failure, o); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) { setTimeout(function () { if (failure) failure(new Error(message), userObject); }, 0); };
          for (var i = 0; i < args.length; i++) {
            var bad = illegal(args[i], 'parameter ' + i);
            if (bad) return fail('Failed due to illegal value in ' + bad + ' (google.script.run cannot pass it).');
          }
          fetch('run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: String(name), args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res && 'error' in res) { if (failure) failure(new Error(res.error), userObject); }
              else if (success) success(res.value, userObject);
            }, function (e) { if (failure) failure(e, userObject); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () {}, editor: { focus: function () {} } } } };
})();
</script>`;

function dateInside(value: unknown, path = 'result'): string | null {
  if (Object.prototype.toString.call(value) === '[object Date]') return path;
  if (typeof value === 'function') return path;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = dateInside(v, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** Calls in flight at once that Google runs side by side (docs/google-fidelity.md). */
export const MAX_CONCURRENT_CALLS = 10;

type CallAnswer = { value?: unknown; error?: string };

/**
 * One google.script.run call as its own execution in `runtime`: the answer the page gets ({ value } or
 * { error } with the message), the workbook saved afterwards whatever happened.
 */
export async function runCall(runtime: Runtime, name: string, args: unknown[]): Promise<CallAnswer> {
  try {
    const value = runtime.call(name, ...args);
    const bad = dateInside(value);
    if (bad)
      throw new Error(
        `${name} returned a Date or function at ${bad}; google.script.run cannot carry it (send an ISO date string).`,
      );
    // Plain data only crosses to the page (and from a worker thread).
    return { value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
  } catch (error) {
    // The add-on's errors come from the runtime's own realm, so `instanceof Error` cannot be trusted here.
    const message = (error as { message?: unknown } | null)?.message;
    return { error: typeof message === 'string' ? message : String(error) };
  } finally {
    await runtime.save();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
      if (body.length > 1_000_000) reject(new Error('request too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const runtime = await createRuntime({
    workbookPath: options.workbookPath,
    now: options.now,
    selection: options.selection,
    outboxDir: options.outboxDir,
    userEmail: options.userEmail,
    catchUpEachRun: true,
  });
  const calls: SidebarServer['calls'] = [];
  // The page is made in this process's runtime, one request at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const page = (select: string | null): string => {
    // ?select=Partners!A5 is the user clicking a row before opening the sidebar.
    if (select) runtime.SpreadsheetApp.select(select);
    runtime.call('openQbrSidebar');
    const shown = [...runtime.ui.dialogs].reverse().find((d) => d.kind === 'sidebar');
    if (!shown) throw new Error('openQbrSidebar showed no sidebar');
    const html = shown.content;
    const at = html.search(/<script>/i);
    return at < 0 ? SHIM + html : html.slice(0, at) + SHIM + html.slice(at);
  };

  // Up to MAX_CONCURRENT_CALLS google.script.run calls run at once, each its own execution (Google runs them
  // in parallel, so the add-on's server functions really contend for the document lock): the first in this
  // process's runtime, the others in worker threads with their own runtime over the same workbook.
  const workers: { worker: Worker; busy: boolean; pending: Map<number, (answer: CallAnswer) => void> }[] = [];
  const waiting: (() => void)[] = [];
  let mainBusy = false;
  let inFlight = 0;
  let nextId = 0;
  const stats = { maxConcurrent: 0 };
  const workerOptions = {
    workbookPath: options.workbookPath,
    now: options.now?.toISOString(),
    selection: options.selection,
    outboxDir: options.outboxDir,
    userEmail: options.userEmail,
    catchUpEachRun: true,
  };

  const onWorker = (slot: (typeof workers)[number], name: string, args: unknown[]): Promise<CallAnswer> =>
    new Promise((resolve) => {
      const id = nextId++;
      slot.pending.set(id, resolve);
      slot.worker.postMessage({ id, name, args });
    });

  const dispatch = async (name: string, args: unknown[]): Promise<CallAnswer> => {
    while (inFlight >= MAX_CONCURRENT_CALLS) await new Promise<void>((wake) => waiting.push(wake));
    inFlight++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, inFlight);
    try {
      if (!mainBusy) {
        mainBusy = true;
        try {
          return await runCall(runtime, name, args);
        } finally {
          mainBusy = false;
        }
      }
      let slot = workers.find((w) => !w.busy);
      if (!slot) {
        const worker = new Worker(join(__dirname, 'executionWorker.cjs'), { workerData: { options: workerOptions } });
        const created = { worker, busy: false, pending: new Map<number, (answer: CallAnswer) => void>() };
        worker.on('message', ({ id, answer }: { id: number; answer: CallAnswer }) => {
          created.pending.get(id)?.(answer);
          created.pending.delete(id);
        });
        worker.on('error', (error) => {
          for (const resolve of created.pending.values()) resolve({ error: `The execution failed: ${error.message}` });
          created.pending.clear();
        });
        workers.push(created);
        slot = created;
      }
      slot.busy = true;
      try {
        return await onWorker(slot, name, args);
      } finally {
        slot.busy = false;
      }
    } finally {
      inFlight--;
      waiting.shift()?.();
    }
  };

  const run = async (body: string): Promise<CallAnswer> => {
    let request: { name?: unknown; args?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return { error: 'The request was not JSON.' };
    }
    const name = typeof request.name === 'string' ? request.name : '';
    const args = Array.isArray(request.args) ? request.args : [];
    if (!name || name.endsWith('_') || !runtime.functionNames.includes(name)) {
      calls.push({ name, ok: false });
      return { error: `Script function not found: ${name}` };
    }
    const answer = await dispatch(name, args);
    calls.push({ name, ok: !('error' in answer) });
    return answer;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      serial(async () => page(url.searchParams.get('select')))
        .then((html) => send(res, 200, 'text/html; charset=utf-8', html))
        .catch((error: Error) => send(res, 500, 'text/plain; charset=utf-8', error.message));
      return;
    }
    if (req.method === 'POST' && path === '/run') {
      readBody(req)
        .then((body) => run(body))
        .then((answer) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(answer)))
        .catch((error: Error) =>
          send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ error: error.message })),
        );
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    runtime,
    stats,
    calls,
    close: async () => {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

export interface SidebarCliOptions {
  workbookPath: string;
  example: string;
  fresh: boolean;
  port: number;
  now?: Date;
  selection: string;
}

const SIDEBAR_USAGE =
  'Usage: npm run sidebar -- [--workbook FILE] [--port N] [--now 2026-12-01T09:00] [--select Partners!A2] [--fresh]';

/** What `npm run sidebar -- --help` prints (answered before the build, scripts/start.mjs). */
export function sidebarHelp(): string {
  return [
    SIDEBAR_USAGE,
    '',
    'Builds, then serves the QBR sidebar on localhost over a copy of the workbook (docs/local-runtime.md).',
    '',
    '  --workbook FILE  your .xlsx or .csv; it is never written, the sidebar works on out/<name>.xlsx (default the example)',
    '  --port N         the port to listen on, 0–65535 (default 0: a free port)',
    "  --now WHEN       the add-on's clock, e.g. 2026-12-01T09:00 (default now; the example's fixed morning on the example)",
    '  --select A1      the row the sidebar opens on (default Partners!A2)',
    '  --fresh          copy the example to out/sidebar.xlsx again',
    '  --help           this help',
  ].join('\n');
}

/** `npm run sidebar [-- --workbook FILE] [--port N] [--now 2026-12-01T09:00] [--select Partners!A2] [--fresh]` */
export function parseSidebarArgs(
  argv: string[],
  defaults: { workbookPath: string; example: string },
): SidebarCliOptions {
  const options: SidebarCliOptions = { ...defaults, fresh: false, port: 0, selection: 'Partners!A2' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--workbook') options.workbookPath = value();
    else if (arg === '--port') options.port = Number(value());
    else if (arg === '--select') options.selection = value();
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--now') {
      const text = value();
      const d = new Date(text);
      if (Number.isNaN(d.getTime())) throw new Error(`--now ${text}: not a date; write it like 2026-12-01T09:00`);
      options.now = d;
    } else throw new Error(`Unknown option ${arg}. ${SIDEBAR_USAGE}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error(`--port ${options.port}: allowed 0–65535 (0 picks a free port)`);
  return options;
}

const ROOT = resolve(__dirname, '..');

/**
 * `npm run sidebar`: copies the example to out/sidebar.xlsx (once; --fresh copies it again), serves the
 * sidebar and prints its URL. The server keeps the process alive until Ctrl+C.
 */
export async function runSidebar(argv: string[]): Promise<number> {
  const defaults = {
    workbookPath: join(ROOT, 'out', 'sidebar.xlsx'),
    example: join(ROOT, 'examples', 'partners.xlsx'),
  };
  const options = parseSidebarArgs(argv, defaults);
  const onExample = resolve(options.workbookPath) === defaults.workbookPath;
  // Your own workbook is never written: the sidebar works on its copy in out/ (local/workingCopy.ts).
  const copy = onExample ? null : await workingCopy(options.workbookPath);
  for (const line of copy?.messages ?? []) console.log(line);
  const workbookPath = copy?.path ?? defaults.workbookPath;
  if (onExample && (options.fresh || !existsSync(workbookPath))) {
    mkdirSync(dirname(workbookPath), { recursive: true });
    for (const side of ['.state.json', '.live.json']) rmSync(workbookPath.replace(/\.xlsx$/, side), { force: true });
    copyFileSync(defaults.example, workbookPath);
    console.log('Copied examples/partners.xlsx to out/sidebar.xlsx');
  }
  if (!existsSync(workbookPath)) throw new Error(`${workbookPath} does not exist`);
  // The example's dates are relative to its fixed day (examples/build-example.mjs): run on that morning.
  const now = options.now ?? (onExample ? new Date(2026, 11, 1, 9, 0) : undefined);
  const server = await startSidebarServer({
    workbookPath,
    now,
    selection: options.selection,
    port: options.port,
    outboxDir: join(dirname(workbookPath), 'outbox'),
  });
  console.log(`QBR sidebar for ${options.selection} of ${workbookPath}:\n\n  ${server.url}\n`);
  console.log(
    "Open it in a browser (300 px wide, like Google's sidebar); add ?select=Partners!A5 to open another row.",
  );
  console.log('Every call saves the workbook; e-mails go to the outbox folder beside it. Ctrl+C stops.');
  process.once('SIGINT', () => void server.close().finally(() => process.exit(0)));
  return 0;
}

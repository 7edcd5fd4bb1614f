// Opens the QBR sidebar (or a dialog) on a workbook in a real browser, for the e2e and markup tests: Debian's
// chromium (installed by .ci/run, no browser download) driven by playwright-core, against the local sidebar
// server (local/sidebarServer.ts), with google.script.run bridged to the built dist/Code.js in the local
// runtime.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Runtime } from '../../local/runtime';
import { SHIM, type SidebarServer, startSidebarServer } from '../../local/sidebarServer';
import type { CellValue, WorkbookModel } from '../../local/workbook';
import { loadWorkbook, saveWorkbook } from '../../local/xlsxFile';

export const ROOT = join(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'out', 'screenshots');
export const TIME_ZONE = 'America/New_York';
/** The example's morning: 2026-12-01 09:00 in New York. */
export const MORNING = new Date(2026, 11, 1, 9, 0);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Google's add-on sidebar is 300 px wide. */
const SIDEBAR_VIEWPORT = { width: 300, height: 900 };
/** The Settings dialog's size (src/server/settings/dialog.ts). */
const SETTINGS_VIEWPORT = { width: 760, height: 640 };

/** A date cell as YYYY-MM-DD (its calendar date where the runtime runs); any other value as it is. */
export const iso = (v: CellValue) =>
  v instanceof Date
    ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
    : v;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: .ci/run installs Debian's chromium (apt-get install chromium).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

export interface SidebarSession {
  browser: Browser;
  server: SidebarServer;
  page: Page;
  workbookPath: string;
  outbox: string;
  /** Messages of alert/confirm dialogs the page fired (each dismissed): markup that ran would show here. */
  dialogs: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
  /** Waits until the sidebar finished its server call. */
  settled(): Promise<void>;
  /** Opens a partner from the search box and waits for it. */
  openPartner(name: string): Promise<void>;
  /** The workbook as saved on disk after the sidebar's calls: what a user would open. */
  saved(): Promise<WorkbookModel>;
  close(): Promise<void>;
}

export interface SidebarOptions {
  /** Name of the temporary folder the workbook is copied to. */
  prefix: string;
  /** The workbook to start from: a copy of examples/partners.xlsx unless given. */
  workbookPath?: string;
  /** Changes to the workbook before the sidebar opens. */
  prepare?: (model: WorkbookModel) => void;
  /** The user's selection when the sidebar opens (asked after `prepare`); Partners!A2 unless given. */
  selection?: string | (() => string);
  now?: Date;
  /** Who uses the sidebar (E-mail me the agenda goes there). */
  userEmail?: string;
}

/** Copies the workbook, starts the sidebar server on it and a chromium page at the sidebar's width. */
export async function openSidebar(options: SidebarOptions): Promise<SidebarSession> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(options.workbookPath ?? join(ROOT, 'examples', 'partners.xlsx'), workbookPath);
  if (options.prepare) {
    const model = await loadWorkbook(workbookPath, { timeZone: TIME_ZONE });
    options.prepare(model);
    await saveWorkbook(model, workbookPath);
  }
  const outbox = join(dir, 'outbox');
  const server = await startSidebarServer({
    workbookPath,
    now: options.now ?? MORNING,
    selection: typeof options.selection === 'function' ? options.selection() : (options.selection ?? 'Partners!A2'),
    outboxDir: outbox,
    userEmail: options.userEmail ?? 'sarah@example.com',
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: SIDEBAR_VIEWPORT });
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SHOTS, { recursive: true });
  const settled = async () => {
    await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');
  };
  return {
    browser,
    server,
    page,
    workbookPath,
    outbox,
    dialogs,
    pageErrors,
    settled,
    async openPartner(name) {
      await page.fill('#partner-search', name);
      await page.press('#partner-search', 'Enter');
      await page.waitForFunction((n) => document.getElementById('partner-name')?.textContent === n, name);
      await settled();
    },
    saved: () => loadWorkbook(workbookPath, { timeZone: TIME_ZONE }),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface DialogPage {
  page: Page;
  /** Messages of alert/confirm dialogs the page fired (each dismissed). */
  dialogs: string[];
  /** Whether the page called google.script.host.close(). */
  closed(): Promise<boolean>;
}

/**
 * Opens the dialog the runtime last showed (Settings…) in `browser`, its google.script.run answered by the
 * runtime through the local sidebar's shim, as Google's would; waits until the dialog's form is filled.
 */
export async function openSettingsDialog(browser: Browser, runtime: Runtime): Promise<DialogPage> {
  const html = runtime.ui.dialogs[runtime.ui.dialogs.length - 1].content;
  const page = await browser.newPage({ viewport: SETTINGS_VIEWPORT });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { google?: { script: Record<string, unknown> }; __closed?: boolean };
    // The shim sets google.script.run; the host's close() is kept for the test to see.
    Object.defineProperty(w, 'google', {
      configurable: true,
      set(value: { script: Record<string, unknown> }) {
        value.script.host = { close: () => (w.__closed = true) };
        Object.defineProperty(w, 'google', { value, configurable: true, writable: true });
      },
    });
  });
  // Served from a made-up origin (never reaching the network); POST run is the shim's google.script.run.
  await page.route('http://dialog.invalid/**', async (route) => {
    if (route.request().method() === 'POST') {
      const { name, args } = JSON.parse(route.request().postData() ?? '{}') as { name: string; args: unknown[] };
      try {
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ value: runtime.call(name, ...args) }),
        });
      } catch (error) {
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ error: (error as Error).message }),
        });
      }
    }
    const at = html.search(/<script>/i);
    return route.fulfill({ contentType: 'text/html', body: html.slice(0, at) + SHIM + html.slice(at) });
  });
  await page.goto('http://dialog.invalid/');
  await page.waitForFunction(() => document.getElementById('settings')?.getAttribute('aria-busy') === 'false');
  return {
    page,
    dialogs,
    closed: () => page.evaluate(() => (window as unknown as { __closed?: boolean }).__closed === true),
  };
}

/**
 * `npm start`: the tour — onOpen and its menu, automation turned on, every installed trigger fired once, the
 * dashboard, the formulas, and pictures of the colored sheet and the dashboard (docs/local-runtime.md).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sheetWithChartsPicture } from '../chartPicture';
import { sheetPicture } from '../picture';
import { appsScriptTimeZone } from '../runtime';
import { displayValue } from '../services/spreadsheet/cellDisplay';
import type { WorkbookModel } from '../workbook';
import { ROOT, shown, sideFiles, UserError, type WorkingCopy, workingCopy } from '../workingCopy';
import { describeChanges, snapshot } from './changes';
import { helpText } from './help';
import { parseNow } from './now';
import { DEFAULT_WORKBOOK, openCopy, workbookFlags } from './opening';
import { parseArgs } from './options';
import { stepBar } from './progress';
import {
  callLines,
  evaluationLine,
  menuLines,
  printNews,
  runReported,
  seconds,
  seenNow,
  storedSettings,
} from './report';

const EXAMPLE = join(ROOT, 'examples', 'partners.xlsx');

/** Counts of each value in the column whose header matches, read the way the add-on finds columns. */
function tally(model: WorkbookModel, sheetName: string, header: RegExp): Map<string, number> | null {
  const sheet = model.sheet(sheetName) ?? model.sheets[0];
  const lastColumn = sheet.lastColumn();
  let column = 0;
  for (let c = 1; c <= lastColumn; c++) {
    const text = String(sheet.valueAt(1, c))
      .toLowerCase()
      .replace(/[\s_\-()]/g, '');
    if (header.test(text)) {
      column = c;
      break;
    }
  }
  if (!column) return null;
  const counts = new Map<string, number>();
  const lastRow = sheet.lastRow();
  for (let r = 2; r <= lastRow; r++) {
    if (String(sheet.valueAt(r, 1)).trim() === '') continue;
    const cell = sheet.cell(r, column);
    const text = displayValue(cell?.value ?? '', cell?.numberFormat) || '(blank)';
    const key = text.startsWith('Error: ') || text.startsWith('#') ? 'Error' : text;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function tallyLine(label: string, counts: Map<string, number> | null): string {
  if (!counts) return `  ${label}: (no such column)`;
  return `  ${label.padEnd(9)} ${[...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ')}`;
}

export async function runStart(argv: string[]): Promise<number> {
  const options = parseArgs(argv, 'start');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  let copy: WorkingCopy;
  if (options.workbook) {
    // The tour starts from the user's file afresh, as the demo starts from the example.
    copy = await workingCopy(options.workbook, { out: options.out, fresh: true });
  } else {
    if (!existsSync(EXAMPLE))
      throw new UserError(
        'examples/partners.xlsx is missing. Run `npm run example -- --update` to make it, then `npm start` again.',
      );
    const target = options.out ? resolve(options.out) : DEFAULT_WORKBOOK;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(EXAMPLE, target);
    const side = sideFiles(target);
    rmSync(side.state, { force: true });
    rmSync(side.live, { force: true });
    rmSync(options.outbox ?? side.outbox, { recursive: true, force: true });
    copy = { path: target, source: null, messages: [`Copied examples/partners.xlsx to ${shown(target)}`] };
    // The example's dates are relative to its fixed day (examples/build-example.mjs): run on that morning.
    options.now ??= parseNow('2026-12-01T07:00', options.timeZone ?? appsScriptTimeZone());
  }
  const runtime = await openCopy(options, copy);
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  const started = performance.now();
  const seen = seenNow(runtime);
  const failures: string[] = [];
  console.log(`Apps Script clock: ${runtime.now().toString()}`);

  if (runtime.functionNames.includes('onOpen')) {
    console.log('\nonOpen() — the menu Sheets shows:');
    const error = runReported(runtime, 'onOpen', [], () => runtime.open());
    if (error) failures.push(`onOpen: ${error}`);
    for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
    failures.push(...printNews(runtime, seen));
  }

  // What a partner-ops lead does first: turn daily automation on from the menu.
  if (runtime.functionNames.includes('turnAutomationOn')) {
    console.log('\nMenu: "Turn daily automation on" → turnAutomationOn()');
    const error = runReported(runtime, 'turnAutomationOn', []);
    if (error) failures.push(`turnAutomationOn: ${error}`);
    failures.push(...printNews(runtime, seen));
  }

  // Time-driven triggers installed (ScriptApp state next to the workbook), each fired once.
  const now = runtime.now();
  const due = runtime.services.dueTimeTriggers(now, new Date(now.getTime() + 7 * 86_400_000));
  const triggers = [...new Map(due.map((t) => [t.triggerId, t])).values()];
  const steps = stepBar(1 + triggers.length + 2);
  steps.step('evaluating formulas');
  const evaluation = runtime.evaluateFormulas();
  const triggerReports: string[] = [];
  for (const t of triggers) {
    steps.step(`trigger ${t.handler}()`);
    const at = runtime.now();
    let outcome = 'ran';
    try {
      runtime.call(t.handler, {
        triggerUid: t.triggerId,
        authMode: 'FULL',
        year: at.getFullYear(),
        month: at.getMonth() + 1,
        'day-of-month': at.getDate(),
        hour: at.getHours(),
        minute: at.getMinutes(),
        second: at.getSeconds(),
        timezone: runtime.workbook.timeZone,
      });
    } catch (error) {
      outcome = `failed: ${typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error)}`;
      failures.push(`${t.handler} (trigger): ${outcome.slice(8)}`);
    }
    triggerReports.push(`  ${t.handler}() (trigger ${t.triggerId}) ${outcome}`);
  }
  const afterTriggers = triggers.length ? runtime.evaluateFormulas() : evaluation;
  // Then the menu's "Build dashboard", after the trigger has written today's Health history.
  let dashboardReport = '';
  if (runtime.functionNames.includes('buildDashboard')) {
    steps.step('buildDashboard()');
    try {
      const built = runtime.call('buildDashboard') as { sheet: string; charts: number };
      dashboardReport = `Menu: "Build dashboard" → buildDashboard(): sheet "${built.sheet}" with ${built.charts} charts`;
    } catch (error) {
      const message = typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error);
      dashboardReport = `Menu: "Build dashboard" → buildDashboard() failed: ${message}`;
      failures.push(`buildDashboard: ${message}`);
    }
  }
  steps.step('saving');
  const calls = callLines(runtime, !!options.calls);
  await runtime.save();
  steps.done();

  // Both evaluations' calls: the second reruns only the formulas whose arguments the trigger changed.
  const callsMade =
    evaluation.customFunctionCalls + (afterTriggers === evaluation ? 0 : afterTriggers.customFunctionCalls);
  console.log(`\n${evaluationLine({ ...afterTriggers, customFunctionCalls: callsMade })}`);
  if (triggers.length === 0)
    console.log(
      `Triggers: none installed (choose "Turn automation on" in the menu: \`npm run local -- turnAutomationOn${workbookFlags(options)}\`).`,
    );
  else {
    console.log(`Triggers: fired ${triggers.length} once`);
    for (const line of triggerReports) console.log(line);
  }
  if (dashboardReport) console.log(dashboardReport);
  failures.push(...printNews(runtime, seen));

  const settings = storedSettings(runtime);
  const partnersSheet = runtime.workbook.sheet(settings.sheets.partners)
    ? settings.sheets.partners
    : runtime.workbook.sheets[0].name;
  console.log(`\nPartners (sheet "${partnersSheet}"):`);
  console.log(tallyLine('Tier', tally(runtime.workbook, partnersSheet, /^(healthtier|tier)$/)));
  console.log(tallyLine('Segment', tally(runtime.workbook, partnersSheet, /^segment$/)));
  console.log(
    tallyLine('Quadrant', tally(runtime.workbook, partnersSheet, /^(quadrant|partnerquadrant|matrixquadrant)$/)),
  );

  console.log('\nWritten:');
  const changes = describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook);
  for (const line of changes.length ? changes : ['nothing changed']) console.log(`  ${line}`);
  console.log(`  saved ${shown(copy.path)} (real time ${seconds(performance.now() - started)})`);
  const partners = runtime.workbook.sheet(partnersSheet);
  if (partners) {
    // A picture of the colored sheet: partner, owner and the computed columns, as far as they exist.
    const header = Array.from({ length: partners.lastColumn() }, (_, i) =>
      String(partners.valueAt(1, i + 1)).toLowerCase(),
    );
    const wanted = ['partner', 'owner', 'health', 'tier', 'segment', 'quadrant', 'next touch'];
    const columns = wanted.map((h) => header.indexOf(h) + 1).filter((c) => c > 0);
    const picture = `${copy.path.replace(/\.xlsx$/i, '')}.svg`;
    writeFileSync(picture, sheetPicture(partners, { columns: columns.length ? columns : [1, 2, 3, 4, 5] }));
    console.log(`  picture of the colored sheet: ${shown(picture)} (open it in a browser)`);
  }
  const dashboard = runtime.workbook.sheet(settings.sheets.dashboard);
  if (dashboard?.charts.length) {
    // The .xlsx cannot carry the charts (exceljs writes none), so the dashboard is drawn with them as well.
    const picture = `${copy.path.replace(/\.xlsx$/i, '')}-dashboard.svg`;
    writeFileSync(picture, sheetWithChartsPicture(dashboard, { columns: [1, 2, 3, 4, 5, 6, 7, 8, 9], maxRows: 200 }));
    console.log(`  picture of the dashboard with its charts: ${shown(picture)}`);
  }
  console.log(`\n${calls.join('\n')}`);
  const flags = workbookFlags(options);
  const when = options.workbook ? '' : ' --now 2026-12-01T07:00';
  console.log(
    `\nNext: open ${shown(copy.path)} in LibreOffice/Excel${copy.source ? ` (${shown(copy.source)} is unchanged)` : ''}, or try \`npm run local -- recolorNow${flags}\`, \`npm run local -- previewAlerts${flags}${when}\`, \`npm run local -- settings${flags}\`.`,
  );
  if (failures.length) {
    console.error(`Failed: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

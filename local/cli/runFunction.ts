/** `npm run local -- <functionName>` and `npm run local -- fire`: one function, or the triggers due, then saved. */

import type { Runtime } from '../runtime';
import { shown, type WorkingCopy } from '../workingCopy';
import { describeChanges, snapshot } from './changes';
import { helpText } from './help';
import { openCopy, workbookFor } from './opening';
import { parseArgs } from './options';
import { stepBar } from './progress';
import { callLines, evaluationLine, menuLines, printNews, runReported, seconds, seenNow } from './report';
import { runSettings } from './settings';

export async function runLocal(argv: string[]): Promise<number> {
  if (argv[0] === 'settings') return runSettings(argv.slice(1));
  const options = parseArgs(argv, 'local');
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  if (!options.functionName) {
    console.error('Which function? npm run local -- <functionName> [flags]; `npm start -- --help` lists them.');
    return 2;
  }
  const copy = await workbookFor(options, false);
  const runtime = await openCopy(options, copy);
  if (options.functionName === 'fire') return fireDue(runtime, copy);
  if (!runtime.functionNames.includes(options.functionName)) {
    console.error(
      `dist/Code.js has no top-level function ${options.functionName}. It has: ${runtime.functionNames.join(', ')}`,
    );
    return 2;
  }
  for (const text of options.answers ?? []) runtime.ui.responses.push({ button: 'OK', text });
  const before = snapshot(runtime.workbook);
  const sheetsBefore = runtime.workbook.sheets.map((s) => s.name);
  const seen = seenNow(runtime);
  console.log(`Running ${options.functionName}() on ${shown(copy.path)} at ${runtime.now().toString()}`);
  const started = performance.now();
  // onOpen and onInstall run as Google runs them: onOpen a simple trigger in its authorization mode.
  const error =
    options.functionName === 'onOpen'
      ? runReported(runtime, 'onOpen', [], () => runtime.open())
      : options.functionName === 'onInstall'
        ? runReported(runtime, 'onInstall', [], () => runtime.install())
        : runReported(runtime, options.functionName, []);
  for (const menu of runtime.ui.menus) console.log(menuLines(menu).join('\n'));
  const after = stepBar(2);
  after.step('evaluating formulas');
  // Sheets recalculates after the script; so do we, so the saved file shows current formula results.
  const evaluation = runtime.evaluateFormulas();
  after.step('saving');
  const calls = callLines(runtime, !!options.calls);
  await runtime.save();
  after.done();
  const failedRuns = printNews(runtime, seen);
  for (const line of describeChanges(before, snapshot(runtime.workbook), sheetsBefore, runtime.workbook))
    console.log(`  wrote: ${line}`);
  console.log(evaluationLine(evaluation));
  console.log(`Saved ${shown(copy.path)} (real time ${seconds(performance.now() - started)})`);
  console.log(calls.join('\n'));
  if (error !== null) {
    console.error(`Failed: ${options.functionName}() — ${error}`);
    return 1;
  }
  if (failedRuns.length) {
    console.error(`Failed: the Run log logged ${failedRuns.join('; ')}`);
    return 1;
  }
  return 0;
}

// npm run local -- fire [--now T]

/** Fires every installed clock trigger due at the runtime's now (`--now`), as Google would, and saves. */
async function fireDue(runtime: Runtime, copy: WorkingCopy): Promise<number> {
  const at = runtime.now();
  console.log(`Firing the time-driven triggers due at ${at.toString()} on ${shown(copy.path)}`);
  const seen = seenNow(runtime);
  const fired = runtime.fire(at);
  for (const f of fired) {
    console.log(
      `  ${f.handler}() — due ${f.dueAt.toISOString()}, event ${JSON.stringify(f.event)}: ${f.ok ? 'ran' : `failed: ${f.error}`}`,
    );
  }
  if (fired.length === 0) console.log('  nothing due (turn automation on, or pass a later --now)');
  runtime.evaluateFormulas();
  await runtime.save();
  const failedRuns = printNews(runtime, seen);
  if (fired.some((f) => !f.ok)) return 1;
  if (failedRuns.length) {
    console.error(`Failed: the Run log logged ${failedRuns.join('; ')}`);
    return 1;
  }
  return 0;
}

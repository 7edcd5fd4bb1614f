/**
 * Command line of the local runtime (run through scripts/start.mjs, which compiles TypeScript on the fly).
 * `npm start -- --help` lists the commands, every flag (the FLAGS table, options.ts) and every function of the
 * add-on. One file per command (runFunction.ts, settings.ts, tour.ts) over what they share: opening the workbook
 * (opening.ts), what changed (changes.ts) and what a run prints (report.ts).
 *
 *   npm start [-- --workbook my.xlsx|my.csv]        the tour: menu, automation on, the trigger fired, digests, pictures
 *   npm run local -- <functionName> [flags]         one top-level function of dist/Code.js, as Apps Script runs it
 *   npm run local -- settings [--set key=value …]   read and change Settings, checked as the Settings dialog checks them
 *
 * The user's own file is never written: results go to out/<name>.xlsx (or --out FILE), see local/workingCopy.ts
 * and docs/local-runtime.md.
 */

export { UserError } from '../workingCopy';
export { addOnFunctions, helpText } from './help';
export { parseNow } from './now';
export { DEFAULT_WORKBOOK } from './opening';
export { type CliOptions, type Command, FLAGS, type GoogleOptions, parseArgs } from './options';
export { runLocal } from './runFunction';
export { runSettings } from './settings';
export { runStart } from './tour';

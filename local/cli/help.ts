/** `npm start -- --help`: every command (sidebar and sql with a pointer to their own --help), every flag (from FLAGS) and every function of the add-on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../workingCopy';
import { ALL, FLAGS } from './options';

/** The top-level functions of the add-on with the first line of each one's JSDoc, read from src/index.ts. */
export function addOnFunctions(): { name: string; summary: string; custom: boolean }[] {
  const source = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
  const found: { name: string; summary: string; custom: boolean }[] = [];
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function ([A-Za-z_$][\w$]*)\s*\(/g)) {
    const doc = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, '').trim())
      .filter((l) => l && !l.startsWith('@'));
    found.push({ name: m[2], summary: (doc[0] ?? '').replace(/\.$/, ''), custom: /@customfunction\b/.test(m[1]) });
  }
  return found;
}

export function helpText(): string {
  const lines = [
    'PartnerPulse, locally: the built add-on (dist/Code.js) in a local Apps Script runtime, on an .xlsx or .csv.',
    '',
    'Usage:',
    '  npm start [-- FLAGS]                         the tour: onOpen and its menu, automation turned on, the hourly',
    '                                               trigger fired once (digests to out/outbox), the dashboard, pictures',
    '  npm run local -- FUNCTION [FLAGS]            run one function of the add-on, as a menu item or trigger would',
    '  npm run local -- settings [--set KEY=VALUE]  list Settings, or change them (checked as the Settings dialog checks)',
    '  npm run sidebar [-- FLAGS]                   serve the QBR sidebar on localhost (`npm run sidebar -- --help`)',
    '  npm run -s sql -- --dialect D --table NAME   print the rules as SQL for a warehouse (`npm run -s sql -- --help`)',
    '  npm start -- --help                          this help (no build needed)',
    '',
    'Your file is never written: results go to out/<name>.xlsx (or --out FILE). Edit that copy or your file',
    'between runs and the next run takes your edits.',
    '',
    'Flags:',
  ];
  const width = Math.max(...FLAGS.map((f) => `${f.name}${f.value ? ` ${f.value}` : ''}`.length));
  for (const f of FLAGS) {
    const where = f.commands.length === ALL.length ? '' : ` [${f.commands.join(', ')}]`;
    lines.push(`  ${`${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(width)}  ${f.help}${where}`);
  }
  const functions = addOnFunctions();
  const nameWidth = Math.max(...functions.map((f) => f.name.length));
  lines.push('', 'Functions (npm run local -- FUNCTION):');
  for (const f of functions.filter((x) => !x.custom)) lines.push(`  ${f.name.padEnd(nameWidth)}  ${f.summary}`);
  lines.push('', 'Custom functions (formulas in the sheet; evaluated after every run):');
  for (const f of functions.filter((x) => x.custom)) lines.push(`  ${f.name.padEnd(nameWidth)}  ${f.summary}`);
  lines.push('', 'Exit status: 0 when the run went through; 1 when the function failed or the Run log logged the run');
  lines.push('failed; 2 for a usage error or a file that cannot be read. More: docs/local-runtime.md');
  return lines.join('\n');
}

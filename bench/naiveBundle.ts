// bench/naive.ts as an Apps Script project: one classic script whose top-level functions call the bundle,
// built the way scripts/build.mjs builds dist/Code.js, so both run in the local runtime on equal terms.

import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const NAIVE_FUNCTIONS = ['naiveDaily', 'naiveRecolor'] as const;

let cached: string | null = null;

export function naiveCode(): string {
  if (cached) return cached;
  const bundle = buildSync({
    entryPoints: [join(__dirname, 'naive.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'Naive',
    target: 'es2019',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  }).outputFiles[0].text;
  const stubs = NAIVE_FUNCTIONS.map(
    (name) => `function ${name}() {\n  return Naive.${name}.apply(this, arguments);\n}`,
  ).join('\n');
  cached = `${stubs}\n\n${bundle}`;
  return cached;
}

// Builds dist/: the Apps Script project that `clasp push` uploads.
//
// Apps Script only sees top-level `function NAME()` declarations (for custom functions, menus, triggers and
// google.script.run), and Sheets shows a custom function's help only from the JSDoc right above that
// declaration. esbuild drops ordinary comments, so the build has two halves:
//   1. esbuild bundles src/index.ts into one IIFE whose exports land in the global `PartnerPulse`;
//   2. gas-entry-generator reads the exports of src/index.ts (types stripped by swc, comments kept) and
//      writes one documented top-level stub per export that calls into the bundle.
// Only what src/index.ts exports becomes a global; every internal helper stays inside the IIFE.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { transformSync } from '@swc/core';
import { build } from 'esbuild';
import gasEntryGenerator from 'gas-entry-generator';
import { buildUi } from './build-ui.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entry = join(root, 'src', 'index.ts');
const NAMESPACE = 'PartnerPulse';

/** Turns src/index.ts into the JavaScript that gas-entry-generator reads: `exports.NAME = function NAME(...)`. */
export function entryAsCommonJsExports(tsSource) {
  const js = transformSync(tsSource, {
    filename: 'index.ts',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2019', preserveAllComments: true },
    isModule: true,
  }).code;
  // swc keeps each JSDoc right before its declaration (`*/ export function NAME(`), which is where
  // gas-entry-generator looks for it once the declaration reads `exports.NAME = function NAME(`.
  const statementStart = /(^|\*\/[ \t]*)export\b(.*)$/gm;
  return js.replace(statementStart, (_all, before, rest) => {
    const fn = /^ function ([A-Za-z_$][\w$]*)\(/.exec(rest);
    if (!fn) {
      throw new Error(
        `src/index.ts: "export${rest}" — the entry file may only export functions (\`export function NAME(...)\`), ` +
          'because each export becomes a top-level Apps Script function. Move other exports to their own module.',
      );
    }
    return `${before}exports.${fn[1]} = function${rest.slice(' function'.length)}`;
  });
}

/** One documented top-level stub per export of src/index.ts, each calling into the bundle. */
export function entryPointStubs(tsSource) {
  const { entryPointFunctions } = gasEntryGenerator.generate(entryAsCommonJsExports(tsSource), {
    comment: true,
    autoGlobalExports: true,
  });
  // gas-entry-generator writes empty bodies (`function NAME(a, b) {\n}`); ours forward every argument, so
  // optional arguments that Sheets leaves out stay left out.
  const stubs = entryPointFunctions.replace(
    /function ([A-Za-z_$][\w$]*)\(([^)]*)\) \{\s*\}/g,
    (_all, name, params) => `function ${name}(${params}) {\n  return ${NAMESPACE}.${name}.apply(this, arguments);\n}`,
  );
  const names = [...stubs.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]);
  return { stubs, names };
}

async function main() {
  mkdirSync(dist, { recursive: true });
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: NAMESPACE,
    target: 'es2019',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bundle = bundled.outputFiles[0].text;
  const { stubs, names } = entryPointStubs(readFileSync(entry, 'utf8'));
  const code =
    '// PartnerPulse — built by scripts/build.mjs from src/. Do not edit: edit src/ and run `npm run build`.\n\n' +
    `${stubs}\n\n${bundle}`;
  // Apps Script loads files as classic scripts: no import/export, no require.
  new vm.Script(code, { filename: 'Code.js' });
  if (/\brequire\(/.test(bundle)) throw new Error('dist/Code.js calls require(); Apps Script has no module loader.');
  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  // The sidebar and the Settings dialog (ui/), each one self-contained HTML file beside Code.js.
  await buildUi(dist);
  console.log(
    `dist/Code.js: ${(code.length / 1024).toFixed(1)} KiB, ${names.length} top-level functions (${names.join(', ')})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}

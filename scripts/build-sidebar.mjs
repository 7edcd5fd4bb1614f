// Builds dist/Sidebar.html, the QBR prep sidebar, from sidebar/: esbuild bundles sidebar/main.ts into one
// script, and that script and sidebar/styles.css are inlined into sidebar/index.html. One self-contained
// file, because Google serves the sidebar in a sandboxed iframe that should load no other script or font,
// and HtmlService.createHtmlOutputFromFile('Sidebar') serves exactly one file.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildSidebar(dist) {
  const bundled = await build({
    entryPoints: [join(root, 'sidebar', 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // "</script" inside the script would end the element early; "<\/script" means the same to JavaScript.
  const script = bundled.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(join(root, 'sidebar', 'styles.css'), 'utf8').replace(/<\/(style)/gi, '<\\/$1');
  const template = readFileSync(join(root, 'sidebar', 'index.html'), 'utf8');
  if (!template.includes('/*STYLE*/') || !template.includes('/*SCRIPT*/'))
    throw new Error('sidebar/index.html lacks its /*STYLE*/ or /*SCRIPT*/ placeholder');
  // Function replacements: a "$&" in the bundle must stay as it is.
  const html = template.replace('/*STYLE*/', () => css).replace('/*SCRIPT*/', () => script);
  writeFileSync(join(dist, 'Sidebar.html'), html);
  return html.length;
}

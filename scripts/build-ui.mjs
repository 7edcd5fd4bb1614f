// Builds the add-on's two UI clients from ui/ (docs/qbr-sidebar.md, docs/settings.md), one self-contained HTML
// file each in dist/: esbuild bundles ui/NAME/main.ts into one script, and that script and ui/NAME/styles.css
// are inlined into ui/NAME/index.html. One file, because Google serves each in a sandboxed iframe that should
// load no other script or font, and HtmlService.createHtmlOutputFromFile(FILE) serves exactly one file.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each client: its folder under ui/ and the file in dist/ that the server names (src/server/…). */
export const UI_CLIENTS = [
  { folder: 'sidebar', file: 'Sidebar.html' },
  { folder: 'settings', file: 'Settings.html' },
];

async function buildClient(dist, { folder, file }) {
  const dir = join(root, 'ui', folder);
  const bundled = await build({
    entryPoints: [join(dir, 'main.ts')],
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
  const css = readFileSync(join(dir, 'styles.css'), 'utf8').replace(/<\/(style)/gi, '<\\/$1');
  const template = readFileSync(join(dir, 'index.html'), 'utf8');
  if (!template.includes('/*STYLE*/') || !template.includes('/*SCRIPT*/'))
    throw new Error(`ui/${folder}/index.html lacks its /*STYLE*/ or /*SCRIPT*/ placeholder`);
  // Function replacements: a "$&" in the bundle must stay as it is.
  const html = template.replace('/*STYLE*/', () => css).replace('/*SCRIPT*/', () => script);
  writeFileSync(join(dist, file), html);
  return html.length;
}

/** Builds every client into dist/; returns each file's size in characters. */
export async function buildUi(dist) {
  const sizes = {};
  for (const client of UI_CLIENTS) sizes[client.file] = await buildClient(dist, client);
  return sizes;
}

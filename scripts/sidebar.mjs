// npm run sidebar [-- --workbook FILE] [--port N] [--now …] [--select Partners!A5] [--fresh]
//
// Builds dist/, copies the example workbook to out/sidebar.xlsx (once; --fresh copies it again) and serves
// the QBR sidebar on localhost, google.script.run bridged to dist/Code.js in the local runtime
// (local/sidebarServer.ts). Every call saves the workbook, so out/sidebar.xlsx shows what the sidebar wrote.
import { transformSync } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

try {
  process.env.TZ = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')).timeZone || process.env.TZ;
} catch {
  // no manifest: keep the machine's zone
}

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const { parseSidebarArgs, startSidebarServer } = require(join(root, 'local', 'sidebarServer.ts'));
const defaults = { workbookPath: join(root, 'out', 'sidebar.xlsx'), example: join(root, 'examples', 'partners.xlsx') };
let options;
try {
  options = parseSidebarArgs(process.argv.slice(2), defaults);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const workbookPath = resolve(options.workbookPath);
const onExample = workbookPath === defaults.workbookPath;
if (onExample && (options.fresh || !existsSync(workbookPath))) {
  mkdirSync(dirname(workbookPath), { recursive: true });
  for (const side of ['.state.json', '.live.json']) rmSync(workbookPath.replace(/\.xlsx$/, side), { force: true });
  copyFileSync(defaults.example, workbookPath);
  console.log(`Copied examples/partners.xlsx to out/sidebar.xlsx`);
}
// The example's dates are relative to its fixed day (examples/build-example.mjs): run on that morning.
const now = options.now ?? (onExample ? new Date(2026, 11, 1, 9, 0) : undefined);
const server = await startSidebarServer({ workbookPath, now, selection: options.selection, port: options.port, outboxDir: join(dirname(workbookPath), 'outbox') });
console.log(`QBR sidebar for ${options.selection} of ${workbookPath}:\n\n  ${server.url}\n\nOpen it in a browser (300 px wide, like Google's sidebar). Add ?select=Partners!A5 to open another row.`);
console.log('Every call saves the workbook; e-mails go to out/outbox/. Ctrl+C stops.');
process.on('SIGINT', () => server.close().finally(() => process.exit(0)));

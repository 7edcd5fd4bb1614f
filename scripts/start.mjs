// Runs the local Apps Script runtime (local/cli/index.ts):
//   npm start [-- --workbook my.xlsx]      build, then the tour on out/partners.xlsx (or your workbook)
//   npm run local -- <functionName> [...]  run one top-level function of dist/Code.js (builds if dist is missing);
//                                          without a function: the help on stderr, exit status 2
//   npm run local -- settings [--set k=v]  read and change Settings
//   npm start -- --help                    every command, flag and function (no build: answered first)
//   npm run sidebar [-- --select Partners!A5 …]  build, then serve the QBR sidebar on localhost (local/sidebarServer.ts)
//   npm run sql -- --dialect bigquery|duckdb --table NAME  print the rules as SQL (local/cli/sql.ts, no build)
//
// local/ is TypeScript. Node 20 cannot run it directly, so .ts files are compiled with swc as they are
// required — the same transform Jest uses — instead of shipping a second build of local/.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function build() {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Dates in the add-on are calendar dates in the script's time zone, as in Apps Script: run in that zone.
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

const [mode, ...args] = process.argv.slice(2);
const all = mode === undefined ? [] : [mode, ...args];
const cli = require(join(root, 'local', 'cli', 'index.ts'));
// --help and a mistyped option are answered before the build, which takes a while and is not needed for them.
if (mode === '--sidebar' && (args.includes('--help') || args.includes('-h'))) {
  console.log(require(join(root, 'local', 'sidebarServer.ts')).sidebarHelp());
  process.exit(0);
}
if (mode !== '--sidebar' && mode !== '--sql') {
  if (all.includes('--help') || all.includes('-h') || (mode === '--local' && args[0] === 'help')) {
    console.log(cli.helpText());
    process.exit(0);
  }
  let options;
  try {
    if (mode === '--local')
      options = cli.parseArgs(
        args[0] === 'settings' ? args.slice(1) : args,
        args[0] === 'settings' ? 'settings' : 'local',
      );
    else cli.parseArgs(all, 'start');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  // `npm run local` names a function (docs/local-runtime.md): without one it is a usage error, not a request for help.
  if (mode === '--local' && args[0] !== 'settings' && !options.functionName) {
    console.error(`Which function? npm run local -- <functionName> [flags]\n\n${cli.helpText()}`);
    process.exit(2);
  }
}
if (mode === '--local') {
  if (!existsSync(join(root, 'dist', 'Code.js'))) build();
} else if (mode !== '--sql') {
  build();
}
try {
  const code =
    mode === '--sql'
      ? require(join(root, 'local', 'cli', 'sql.ts')).runSql(
          args,
          JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')).timeZone,
        )
      : mode === '--local'
        ? await cli.runLocal(args)
        : mode === '--sidebar'
          ? await require(join(root, 'local', 'sidebarServer.ts')).runSidebar(args)
          : await cli.runStart(all);
  process.exitCode = code;
} catch (error) {
  // A file that cannot be read, a bad flag value: one line, no stack.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof cli.UserError ? 2 : 1;
}

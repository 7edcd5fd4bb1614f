// `npm run bench` — builds dist/ and runs bench/run.ts (TypeScript compiled on load with swc, the loader the
// local runtime's child processes use), in the script's time zone like `npm start`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
try {
  process.env.TZ = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')).timeZone || process.env.TZ;
} catch {
  // no manifest: keep the machine's zone
}
require(join(root, 'test', 'local', 'fixtures', 'registerTs.cjs'));
const bench = require(join(root, 'bench', 'run.ts'));
try {
  process.exitCode = await bench.main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}

// `npm run example` must not rewrite the tracked examples/partners.xlsx unless asked (--update).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('`npm run example` writes out/partners-example.xlsx and leaves the tracked example alone', () => {
  const tracked = join(ROOT, 'examples', 'partners.xlsx');
  const before = { bytes: readFileSync(tracked), mtime: statSync(tracked).mtimeMs };
  const printed = execFileSync(process.execPath, [join(ROOT, 'examples', 'build-example.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(printed).toContain(
    'The tracked examples/partners.xlsx is unchanged; `npm run example -- --update` rewrites it.',
  );
  expect(existsSync(join(ROOT, 'out', 'partners-example.xlsx'))).toBe(true);
  expect(statSync(tracked).mtimeMs).toBe(before.mtime);
  expect(readFileSync(tracked).equals(before.bytes)).toBe(true);
});

// CONTRIBUTING.md's rule "relative links in *.md point at files and headings that exist", checked: after a
// re-layout a link to a moved file or a renamed heading is the first thing a reader trips over.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1])));
}

test('every relative link in the README, CONTRIBUTING and docs/ reaches a file and heading that exist', () => {
  const broken: string[] = [];
  for (const page of PAGES) {
    const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, anchor] = target.split('#');
      const path = file ? join(ROOT, dirname(page), file) : join(ROOT, page);
      if (!existsSync(path)) broken.push(`${page}: ${target} (no such file)`);
      else if (anchor && path.endsWith('.md') && !anchorsIn(path).has(anchor))
        broken.push(`${page}: ${target} (no heading "${anchor}" in ${relative(ROOT, path)})`);
    }
  }
  expect(broken).toEqual([]);
});

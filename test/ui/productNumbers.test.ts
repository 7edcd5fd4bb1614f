// No product number is written in ui/ (issue 17, docs/qbr-sidebar.md "Numbers come from the server"): every
// number the clients print — tier floors, trend windows, cadences, follow-up days, input bounds — comes from
// the server through the client's contract (src/contracts/), so a change in Settings shows at once.
//
// The rule, narrow on purpose: in ui/**/*.ts a numeric literal is 0 or 1 (with or without a minus sign), or it
// is the whole initializer of a top-level `const NAME_PX = …`: a size in pixels of something drawn (the
// sparkline's width, a dot's radius). Anything else fails, whatever it means.
// The clients import nothing from src/ but their contracts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from '@swc/core';

const ROOT = join(__dirname, '..', '..');
const UI = join(ROOT, 'ui');
const ALLOWED_ANYWHERE = new Set([0, 1]);
const PIXEL_CONSTANT = /^[A-Z][A-Z0-9_]*_PX$/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Node {
  type?: string;
  span?: { start: number; end: number };
  [key: string]: unknown;
}

/** The numeric literals of a TypeScript source that the rule refuses, as "line: value". */
function productNumbers(source: string): string[] {
  // swc's spans are UTF-8 byte offsets counted across every file it parsed; a first statement `0;` marks where
  // this file starts (it is the literal 0, which the rule allows anyway).
  const parsed = parseSync(`0;${source}`, { syntax: 'typescript', target: 'es2022' }) as unknown as Node & {
    body: Node[];
  };
  const base = parsed.body[0].span!.start + '0;'.length;
  const module = { ...parsed, body: parsed.body.slice(1) };
  const bytes = Buffer.from(source);
  const pixels = new Set<Node>();
  for (const statement of module.body) {
    const declaration = (statement.type === 'ExportDeclaration' ? statement.declaration : statement) as Node;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations as Node[]) {
      const id = d.id as Node;
      const init = d.init as Node | undefined;
      if (init?.type === 'NumericLiteral' && PIXEL_CONSTANT.test(String(id.value))) pixels.add(init);
    }
  }
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'NumericLiteral' && !pixels.has(n) && !ALLOWED_ANYWHERE.has(n.value as number)) {
      const line = bytes
        .subarray(0, n.span!.start - base)
        .toString()
        .split('\n').length;
      found.push(`${line}: ${n.raw ?? n.value}`);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'span') visit(value);
  };
  visit(module.body);
  return found;
}

/** Module specifiers a source imports or re-exports. */
function imports(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
}

const files = tsFiles(UI);

test('the rule catches product numbers and lets 0, 1 and pixel constants pass', () => {
  expect(productNumbers('const W_PX = 276;\nconst a = [0, 1, -1];\nconst b = W_PX - 1;')).toEqual([]);
  expect(productNumbers('const levels = [80, 60, 40, 20];')).toEqual(['1: 80', '1: 60', '1: 40', '1: 20']);
  // A number inside a template's placeholder, as the sidebar's old "today + 91 days … 48 hours" could be.
  const placeholder = (n: number) => `$${'{'}${n}}`;
  const template = `const s = \`today + ${placeholder(91)} days, due in ${placeholder(48)} hours\`;`;
  expect(productNumbers(`const t = 'x';\n${template}`)).toEqual(['2: 91', '2: 48']);
  expect(productNumbers('function f() {\n  const GAP_PX = 30;\n}')).toEqual(['2: 30']);
  expect(productNumbers('const WINDOW = 90;\nconst n = 0.5;')).toEqual(['1: 90', '2: 0.5']);
});

test('ui/ has client code to check', () => {
  expect(files.map((f) => relative(ROOT, f))).toEqual(
    expect.arrayContaining(['ui/sidebar/main.ts', 'ui/sidebar/trend.ts', 'ui/settings/main.ts']),
  );
});

test.each(files.map((f) => [relative(ROOT, f), f]))('%s writes no product number', (_name, file) => {
  expect(productNumbers(readFileSync(file, 'utf8'))).toEqual([]);
});

test.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only ui/ and src/contracts/', (_name, file) => {
  const outside = imports(readFileSync(file, 'utf8')).filter((spec) => {
    const target = relative(ROOT, join(file, '..', spec));
    return !target.startsWith('ui/') && !target.startsWith('src/contracts/');
  });
  expect(outside).toEqual([]);
});

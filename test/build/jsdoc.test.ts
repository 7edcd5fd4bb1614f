// Sheets shows a custom function's help (autocomplete, parameter hints) only from the JSDoc directly above its
// top-level declaration in the uploaded file; these check that dist/Code.js carries it there.
import { builtCode } from './bundle';

const PARAMETERS: Record<string, string[]> = {
  PARTNER_HEALTH: ['growth', 'deals', 'engagement', 'nps', 'fit', 'as_of'],
  PARTNER_TIER: ['score', 'champion_from', 'healthy_from', 'at_risk_from', 'critical_from', 'as_of'],
  SEGMENT: ['revenue', 'growth', 'deals', 'engagement', 'as_of'],
  PARTNER_QUADRANT: ['leads', 'relevance', 'as_of'],
  NEXT_TOUCH: ['segment', 'last_contact', 'as_of'],
  HEALTH_BREAKDOWN: ['growth', 'deals', 'engagement', 'nps', 'fit', 'as_of'],
  HEALTH_CHANGE: ['partner', 'history', 'as_of'],
  PARTNER_STAGE: ['signed', 'first_deal', 'deals', 'as_of'],
  PARTNER_METRICS: [
    'revenue',
    'revenue_last_year',
    'deals',
    'nps',
    'signed',
    'first_deal',
    'segment',
    'last_qbr',
    'as_of',
  ],
};

/** The block comment that ends right before `function NAME(` at the start of a line, and the declared parameters. */
function declaration(code: string, name: string): { jsdoc: string | null; params: string[] } {
  const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)?\\s*\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
  if (!match) throw new Error(`dist/Code.js has no top-level function ${name}`);
  return {
    jsdoc: match[1] ?? null,
    params: match[2]
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  };
}

describe.each(Object.entries(PARAMETERS))('%s', (name, params) => {
  const code = builtCode();
  const { jsdoc, params: declared } = declaration(code, name);

  test('is declared at top level with its parameters', () => {
    expect(declared).toEqual(params);
  });

  test('has its JSDoc directly above: description, @customfunction, @param per parameter in order, @return', () => {
    expect(jsdoc).not.toBeNull();
    const doc = jsdoc as string;
    expect(doc).toMatch(/^\/\*\*\s*\n\s*\* [A-Z]/); // starts with a description sentence
    expect(doc).toMatch(/@customfunction\b/);
    const documented = [...doc.matchAll(/@param \{[^}]+\} (\w+) \S/g)].map((m) => m[1]);
    expect(documented).toEqual(params);
    expect(doc).toMatch(/@return \S/);
  });
});

test('exactly these top-level functions are marked @customfunction (menus and triggers are not)', () => {
  const code = builtCode();
  const marked = [...code.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\nfunction (\w+)\(/g)]
    .filter((m) => /@customfunction\b/.test(m[1]))
    .map((m) => m[2]);
  expect(marked.sort()).toEqual(Object.keys(PARAMETERS).sort());
});

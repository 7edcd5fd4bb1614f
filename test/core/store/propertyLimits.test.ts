// Google's property limits and the pruning policy (docs/limits.md#stored-state), measured as Google counts:
// UTF-8 bytes of the value.
import {
  firstEntriesThatFit,
  firstLinesThatFit,
  fitsInOneProperty,
  newestThatFit,
  PROPERTY_STORE_BYTES,
  PROPERTY_VALUE_BYTES,
  sizeText,
  staleChecklistNames,
  utf8Bytes,
} from '../../../src/core/store/propertyLimits';

test("the limits are Google's quotas: 9 KB a value, 500 KB a store", () => {
  expect(PROPERTY_VALUE_BYTES).toBe(9216);
  expect(PROPERTY_STORE_BYTES).toBe(512000);
});

test('utf8Bytes counts as Buffer does: ASCII, accents, CJK, emoji, a lone surrogate', () => {
  for (const text of ['', 'acme', 'Müller GmbH', '日本ソフト', 'Rocket 🚀 Labs', '\ud83d', 'a\udc00b'])
    expect([text, utf8Bytes(text)]).toEqual([text, Buffer.byteLength(text)]);
});

test('one byte more than 9 KB does not fit; 9 KB does, also when made of two-byte characters', () => {
  expect(fitsInOneProperty('x'.repeat(9216))).toBe(true);
  expect(fitsInOneProperty('x'.repeat(9217))).toBe(false);
  expect(fitsInOneProperty('é'.repeat(4608))).toBe(true);
  expect(fitsInOneProperty('é'.repeat(4609))).toBe(false);
});

test('sizeText reads as a person reads a size', () => {
  expect([sizeText(812), sizeText(9216), sizeText(9217), sizeText(10650)]).toEqual([
    '812 bytes',
    '9,216 bytes',
    '9,217 bytes',
    '10.4 KB',
  ]);
});

test('newestThatFit keeps the tail that fits and counts what it left out', () => {
  const list = Array.from({ length: 30 }, (_, i) => `${i}:${'n'.repeat(500)}`);
  const { kept, left } = newestThatFit(list, (l) => JSON.stringify(l));
  expect(left).toBeGreaterThan(0);
  expect(kept).toEqual(list.slice(left));
  expect(utf8Bytes(JSON.stringify(kept))).toBeLessThanOrEqual(PROPERTY_VALUE_BYTES);
  // One more entry would not have fitted.
  expect(utf8Bytes(JSON.stringify(list.slice(left - 1)))).toBeGreaterThan(PROPERTY_VALUE_BYTES);
  expect(newestThatFit(['a', 'b'], (l) => JSON.stringify(l))).toEqual({ kept: ['a', 'b'], left: 0 });
});

test('firstEntriesThatFit keeps entries in order while the JSON object fits, exactly up to the limit', () => {
  const entries = Array.from({ length: 400 }, (_, i) => [`partner ${i}|2027-06-01`, '2026-12-01'] as const);
  const { kept, left } = firstEntriesThatFit(entries);
  const json = JSON.stringify(kept);
  expect(utf8Bytes(json)).toBeLessThanOrEqual(PROPERTY_VALUE_BYTES);
  expect(Object.keys(kept)).toEqual(entries.slice(0, entries.length - left.length).map(([k]) => k));
  expect(left).toEqual(entries.slice(entries.length - left.length).map(([k]) => k));
  // The size it counted is the size of the JSON it returns, non-ASCII names included.
  const accented = firstEntriesThatFit([['müller|2027-06-01', '2026-12-01']]);
  expect(utf8Bytes(JSON.stringify(accented.kept))).toBe(Buffer.byteLength('{"müller|2027-06-01":"2026-12-01"}'));
  expect(firstEntriesThatFit([])).toEqual({ kept: {}, left: [] });
});

test('staleChecklistNames: quarters before the previous one go, this and the last quarter stay', () => {
  const names = ['2026-Q4.acme', '2026-Q3.acme', '2026-Q2.acme', '2025-Q4.bolt', 'not-a-quarter.x'];
  expect(staleChecklistNames(names, '2026-Q4')).toEqual(['2026-Q2.acme', '2025-Q4.bolt']);
  expect(staleChecklistNames(names, '2027-Q1')).toEqual(['2026-Q3.acme', '2026-Q2.acme', '2025-Q4.bolt']);
  expect(staleChecklistNames(names, 'soon')).toEqual([]);
});

test('firstLinesThatFit keeps whole lines while they fit and counts the rest', () => {
  const text = ['a@x.com: refused', 'b@x.com: refused', 'c@x.com: refused', 'd@x.com: refused'].join('; ');
  const within = (n: number) => (t: string) => t.length <= n;
  const more = (left: number) => `… and ${left} more`;
  expect(firstLinesThatFit(text, within(1000), more)).toBe(text);
  expect(firstLinesThatFit(text, within(50), more)).toBe('a@x.com: refused; b@x.com: refused; … and 2 more');
  expect(firstLinesThatFit(text, within(10), more)).toBe('… and 4 more');
});

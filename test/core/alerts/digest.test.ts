import type { AlertItem } from '../../../src/core/alerts/alerts';
import { composeDigest, DIGEST_BODY_BUDGET } from '../../../src/core/alerts/digest';
import { DEFAULT_RULES } from '../../../src/core/rules';

const ctx = {
  day: '2026-12-01',
  spreadsheetName: 'Partners',
  spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
  sheetId: 7,
  rules: DEFAULT_RULES,
};
const item = (k: number): AlertItem => ({
  kind: 'touchOverdue',
  recipient: 'ann@example.com',
  partner: `Partner number ${k} with a rather long name & "quotes"`,
  segment: 'Stable',
  score: 40,
  tier: 'At-risk',
  reason: `Touch overdue by ${1000 - k} days (Stable cadence)`,
  daysOverdue: 1000 - k,
  row: k + 2,
});
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

test('a digest that fits lists every item and no "more" line', () => {
  const d = composeDigest([item(1), item(2)], ctx);
  expect(d.text).toContain('1. [Touch overdue] Partner number 1');
  expect(d.text).toContain('2. [Touch overdue] Partner number 2');
  expect(d.text).not.toContain('more item');
  expect(d.html).not.toContain('more item');
});

test('a digest too long for one e-mail lists the worst items within the budget and counts the rest, with the sheet link', () => {
  const items = Array.from({ length: 2_000 }, (_, k) => item(k));
  const d = composeDigest(items, ctx);
  expect(d.subject).toBe('PartnerPulse 2026-12-01: 2000 partners need you (2000 items)'); // the subject counts them all
  expect(bytes(d.text) + bytes(d.html)).toBeLessThanOrEqual(DIGEST_BODY_BUDGET);
  const listed = (d.text.match(/^\d+\. \[/gm) ?? []).length;
  expect(listed).toBeGreaterThan(50);
  expect(listed).toBeLessThan(2_000);
  expect(d.text).toContain(`1. [Touch overdue] Partner number 0 with`); // the worst first
  expect(d.text).toContain(
    `… and ${2_000 - listed} more items, too many for one e-mail: see them all in the sheet, ${ctx.spreadsheetUrl}`,
  );
  expect(d.html).toContain(`<b>… and ${2_000 - listed} more items</b>`);
  expect(d.html).toContain('Partner number 0 with a rather long name &amp; &quot;quotes&quot;');
});

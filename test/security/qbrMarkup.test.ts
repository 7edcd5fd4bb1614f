// The QBR actions that show or write cell values outside the sidebar: the agenda e-mail (HTML) and the QBR
// brief (a new sheet tab). Every partner of the markup workbook (markup in every column of Partners,
// Pipeline, Feedback, Action items and QBR log; partners, owners and QBR-sheet text starting with = + - @):
// the agenda's HTML must carry each value escaped, and the brief must hold each value as text, never a formula.
import type { ParsedMail } from 'mailparser';
import { createRuntime, type Runtime } from '../../local/runtime';
import type { CellValue } from '../../local/workbook';
import { emlFiles, parseAll, sheetRows, TIME_ZONE, tmp } from '../automation/helpers';
import { FORMULA_PARTNERS, formulaCells, markup, markupLeaks, markupWorkbook } from './markup';

jest.setTimeout(60_000);

interface ActionResult {
  message: string;
  changes: string[];
}

let runtime: Runtime;
let outbox: string;
let tags: string[];
let partners: string[];

beforeAll(async () => {
  const book = markupWorkbook();
  tags = book.tags;
  outbox = tmp('pp-sec-qbr-');
  runtime = await createRuntime({
    workbook: book.model,
    now: new Date(2026, 11, 1, 9),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
    userEmail: 'me@example.com',
  });
  const sheet = book.model.sheet('Partners')!;
  partners = [];
  for (let r = 2; r <= sheet.lastRow(); r++) partners.push(String(sheet.valueAt(r, 1)));
});

test('the agenda e-mail of every partner carries each planted value escaped, and the cells it quotes reach it', async () => {
  for (const name of partners) runtime.call('emailQbrAgenda', name);
  const mails: ParsedMail[] = await parseAll(emlFiles(outbox));
  expect(mails).toHaveLength(partners.length);
  const reached = new Set<string>();
  for (const mail of mails) {
    // The subject is a plain-text header, not HTML: only the body is checked.
    const report = markupLeaks(String(mail.html), tags);
    expect({ subject: mail.subject, leaked: report.leaked }).toEqual({ subject: mail.subject, leaked: [] });
    report.reached.forEach((t) => reached.add(t));
  }
  // What the agenda quotes: the partner (subject, heading), the stuck deal and the open request in its
  // talking points, and the open action items.
  expect([...reached].sort()).toEqual(
    expect.arrayContaining(['Action items Item', 'Feedback Summary', 'Partner', 'Pipeline Opportunity']),
  );
  // Formula-like names are only text in an e-mail; they arrive as typed.
  const subjects = mails.map((m) => String(m.subject));
  for (const name of FORMULA_PARTNERS) expect(subjects).toContain(`QBR agenda — ${name} — 2026-Q4`);
});

test('the QBR brief of every partner holds each value as text: nothing starting with = + - @ becomes a formula', () => {
  const briefs: string[] = [];
  for (const name of partners) {
    const result = runtime.call('createQbrBrief', name) as ActionResult;
    const sheet = /in the sheet "(.*)"\.$/.exec(result.message)?.[1];
    expect(sheet).toBeDefined();
    briefs.push(sheet!);
  }
  const asText: string[] = [];
  for (const sheet of briefs) {
    const report = formulaCells(runtime.workbook, sheet);
    expect({ sheet, unsafe: report.unsafe }).toEqual({ sheet, unsafe: [] });
    asText.push(...report.asText.map((a) => `${sheet}!${a}`));
  }
  // Not vacuous: the formula-like partners' stages, deals, feedback and items were written, as text.
  const texts = (sheet: string): CellValue[] => sheetRows(runtime, sheet).flat();
  const plusBrief = briefs[partners.indexOf(FORMULA_PARTNERS[1])];
  expect(texts(plusBrief)).toEqual(
    expect.arrayContaining([
      '+HYPERLINK("http://evil.example","Pipeline Stage")',
      '+HYPERLINK("http://evil.example","Feedback Summary")',
      '+HYPERLINK("http://evil.example","Action items Item")',
    ]),
  );
  for (const prefix of ['=', '+', '-', '@']) expect(asText.some((a) => a.startsWith(`QBR ${prefix}`))).toBe(true);
  // And the markup partner's brief holds its values as they were typed.
  const markupBrief = briefs[partners.indexOf(markup('Partner'))];
  expect(texts(markupBrief)).toEqual(
    expect.arrayContaining([`QBR brief — ${markup('Partner')} — 2026-Q4`, markup('Feedback Summary')]),
  );
});

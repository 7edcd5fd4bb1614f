// Planting markup in cells and finding out whether it reached HTML unescaped, and planting formula-like text
// and finding out whether the add-on wrote it back as a formula. Shared by every surface that shows cell or
// settings values as HTML (e-mails, the alert preview dialog, the sidebar, the Settings dialog) or writes them
// to a sheet (the QBR brief, the dashboard): plant `markup(tag)` in a cell (or start from `markupWorkbook()`),
// render, then `markupLeaks(html, tags)`; after a write, `formulaCells(model, sheet)`.
import { type CellValue, WorkbookModel } from '../../local/workbook';
import { ALIAS_FIELDS, SETTING_FIELDS } from '../../src/core/settings/fields';
import { TIME_ZONE } from '../automation/helpers';

/**
 * A value that breaks out of element content (<img …>) and out of quoted attributes ("'>), tagged so a leak
 * names the cell it came from.
 */
export function markup(tag: string): string {
  return `"'><img src=x onerror=alert("${tag}")>`;
}

export interface MarkupReport {
  /** Tags whose markup appears raw: `<img` unescaped, or the quotes left as quotes. */
  leaked: string[];
  /** Tags whose value is in the HTML, escaped (so the check was not vacuous). */
  reached: string[];
}

export function markupLeaks(html: string, tags: readonly string[]): MarkupReport {
  const rawTag = /<img\b[^>]*onerror=alert\("([^"]*)"\)/g;
  const leaked = new Set<string>();
  for (const m of html.matchAll(rawTag)) leaked.add(m[1]);
  for (const tag of tags) if (html.includes(`alert("${tag}")`)) leaked.add(tag);
  const reached = tags.filter(
    (tag) => html.includes(`alert(&quot;${tag}&quot;)`) || html.includes(`alert(&#34;${tag}&#34;)`),
  );
  return { leaked: [...leaked].sort(), reached };
}

/** What Sheets (and Excel, on export) reads as a formula when typed: text starting with one of these. */
export const FORMULA_PREFIXES = ['=', '+', '-', '@'] as const;

/** Text that a spreadsheet would run as a formula if written as typed. */
export function formulaLike(prefix: (typeof FORMULA_PREFIXES)[number], tag: string): string {
  return `${prefix}HYPERLINK("http://evil.example","${tag}")`;
}

export interface FormulaReport {
  /** A1 of cells that hold a formula, or text starting with = + - @ that was not written as text. */
  unsafe: string[];
  /** Text cells starting with = + - @ that were written as text (so the check was not vacuous). */
  asText: string[];
}

const a1 = (row: number, column: number) => `${String.fromCharCode(64 + column)}${row}`;

/**
 * The cells of a sheet the add-on wrote (from `firstRow` on, when it appended under rows the user typed),
 * checked for values Sheets would read as a formula.
 */
export function formulaCells(model: WorkbookModel, sheetName: string, firstRow = 1): FormulaReport {
  const sheet = model.sheet(sheetName);
  if (!sheet) throw new Error(`No sheet "${sheetName}" (sheets: ${model.sheets.map((s) => s.name).join(', ')})`);
  const report: FormulaReport = { unsafe: [], asText: [] };
  for (let r = firstRow; r <= sheet.lastRow(); r++) {
    for (let c = 1; c <= sheet.lastColumn(); c++) {
      const cell = sheet.cell(r, c);
      if (!cell) continue;
      if (cell.formula !== undefined) report.unsafe.push(a1(r, c));
      else if (typeof cell.value === 'string' && FORMULA_PREFIXES.some((p) => (cell.value as string).startsWith(p))) {
        (cell.typedAsText ? report.asText : report.unsafe).push(a1(r, c));
      }
    }
  }
  return report;
}

const DAY = (d: number) => new Date(2026, 11, 1 - d);

/** Every partner-sheet column of spec §1, with a valid value: markup goes into one column per row. */
const COLUMNS: [string, unknown][] = [
  ['Partner', 'Base'],
  ['Owner', 'ann@example.com'],
  ['Revenue', 100_000],
  ['Revenue last year', 90_000],
  ['Growth', 0.05],
  ['Deals', 2],
  ['Leads', 3],
  ['Engagement', 'Monthly'],
  ['NPS', 20],
  ['Strategic fit', 'Moderate'],
  ['Market relevance', 'High'],
  ['Last contact', DAY(200)],
  ['Last QBR', DAY(300)],
  ['Next QBR', DAY(10)],
  ['Signed', DAY(900)],
  ['First deal', DAY(800)],
  ['Partner contact', 'pat@partner.example'],
];
const ESCALATION_COLUMNS = ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'];

/** The sheets the QBR sidebar reads besides the partner sheet, each column with a valid value. */
const QBR_SHEETS: Record<string, [string, CellValue][]> = {
  Pipeline: [
    ['Partner', ''],
    ['Opportunity', 'Data platform'],
    ['Stage', 'Discovery'],
    ['Amount', 5000],
    ['Close date', DAY(-30)],
    ['Last stage change', DAY(40)],
  ],
  Feedback: [
    ['Partner', ''],
    ['Type', 'Request'],
    ['Summary', 'More training'],
    ['Date', DAY(5)],
  ],
  'Action items': [
    ['Partner', ''],
    ['Item', 'Send the deck'],
    ['Side', 'Us'],
    ['Due', DAY(-3)],
    ['Status', 'Open'],
  ],
  'QBR log': [
    ['Partner', ''],
    ['Held on', DAY(300)],
    ['Notes', 'Went well'],
    ['Next QBR', DAY(10)],
  ],
};

/** Partners named like formulas, one per prefix; their owners and QBR-sheet text look like formulas too. */
export const FORMULA_PARTNERS = FORMULA_PREFIXES.map((p) => formulaLike(p, `Partner ${p}`));
/** Their owners: e-mail addresses may start with = + - (so they are used, and shown); "@…" is not an address. */
export const FORMULA_OWNERS = FORMULA_PREFIXES.map((p) =>
  p === '@' ? formulaLike(p, 'Owner @') : `${p}owner@example.com`,
);

/**
 * A workbook with markup planted in every column of the partner sheet (one column per row, the other cells
 * valid), of Escalations, and of Pipeline, Feedback, Action items and QBR log (whose rows all belong to the
 * partner named `markup('Partner')`, so its sidebar shows them); `tags` names each planted cell for
 * markupLeaks ("Owner", "Escalations Severity", "Pipeline Stage"…). It also holds FORMULA_PARTNERS, whose
 * text cells (owner, and every text column of the QBR sheets) start with the same = + - @.
 */
export function markupWorkbook(): { model: WorkbookModel; tags: string[] } {
  // The spreadsheet's name is the user's text too: e-mails quote it.
  const model = new WorkbookModel('sec', `Security ${markup('Spreadsheet name')}`, TIME_ZONE);
  const partners = model.addSheet('Partners');
  const tags: string[] = ['Spreadsheet name'];
  COLUMNS.forEach(([header], c) => {
    partners.ensure(1, c + 1).value = header;
  });
  COLUMNS.forEach(([header], k) => {
    const row = k + 2;
    COLUMNS.forEach(([, value], c) => {
      partners.ensure(row, c + 1).value = value as string | number | Date;
    });
    partners.ensure(row, 1).value = header === 'Partner' ? markup('Partner') : `Partner with markup in ${header}`;
    if (header !== 'Partner') partners.ensure(row, k + 1).value = markup(header);
    tags.push(header);
  });
  const escalations = model.addSheet('Escalations');
  ESCALATION_COLUMNS.forEach((h, c) => {
    escalations.ensure(1, c + 1).value = h;
  });
  ESCALATION_COLUMNS.forEach((header, k) => {
    const values = [markup('Partner'), 'Critical', new Date(2026, 10, 29, 9), '', ''];
    values[k] = markup(`Escalations ${header}`);
    values.forEach((v, c) => {
      if (v !== '') escalations.ensure(k + 2, c + 1).value = v;
    });
    tags.push(`Escalations ${header}`);
  });
  FORMULA_PARTNERS.forEach((name, k) => {
    const row = COLUMNS.length + 2 + k;
    COLUMNS.forEach(([, value], c) => {
      partners.ensure(row, c + 1).value = value as CellValue;
    });
    partners.ensure(row, 1).value = name;
    partners.ensure(row, 2).value = FORMULA_OWNERS[k];
  });
  for (const [sheetName, columns] of Object.entries(QBR_SHEETS)) {
    const sheet = model.addSheet(sheetName);
    columns.forEach(([h], c) => {
      sheet.ensure(1, c + 1).value = h;
    });
    let row = 2;
    columns.forEach(([header], k) => {
      if (k === 0) return;
      columns.forEach(([, value], c) => {
        sheet.ensure(row, c + 1).value = value;
      });
      sheet.ensure(row, 1).value = markup('Partner');
      sheet.ensure(row, k + 1).value = markup(`${sheetName} ${header}`);
      tags.push(`${sheetName} ${header}`);
      row++;
    });
    FORMULA_PARTNERS.forEach((name, k) => {
      columns.forEach(([header, value], c) => {
        sheet.ensure(row, c + 1).value =
          c === 0
            ? name
            : typeof value === 'string'
              ? formulaLike(FORMULA_PREFIXES[k], `${sheetName} ${header}`)
              : value;
      });
      row++;
    });
  }
  return { model, tags };
}

/** Stored settings with markup in every field of the dialog, each tagged by its path. */
export function markupSettings(): { stored: Record<string, unknown>; tags: string[] } {
  const stored: Record<string, unknown> = { version: 2 };
  const tags: string[] = [];
  for (const { path } of SETTING_FIELDS) {
    const keys = path.split('.');
    let node = stored;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = markup(path);
    tags.push(path);
  }
  stored.aliases = Object.fromEntries(ALIAS_FIELDS.map((f) => [f, [markup(`aliases.${f}`)]]));
  tags.push(...ALIAS_FIELDS.map((f) => `aliases.${f}`));
  return { stored, tags };
}

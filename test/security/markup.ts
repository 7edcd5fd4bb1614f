// Planting markup in cells and finding out whether it reached HTML unescaped. Exported for every surface
// that shows cell values as HTML (e-mails, the alert preview dialog; later the sidebar and the QBR brief):
// plant `markup(tag)` in a cell (or start from `markupWorkbook()`), render, then `markupLeaks(html, tags)`.
import { WorkbookModel } from '../../local/workbook';
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
  const reached = tags.filter((tag) => html.includes(`alert(&quot;${tag}&quot;)`) || html.includes(`alert(&#34;${tag}&#34;)`));
  return { leaked: [...leaked].sort(), reached };
}

const DAY = (d: number) => new Date(2026, 11, 1 - d);

/** Every partner-sheet column of spec §1, with a valid value: markup goes into one column per row. */
const COLUMNS: [string, unknown][] = [
  ['Partner', 'Base'], ['Owner', 'ann@example.com'], ['Revenue', 100_000], ['Revenue last year', 90_000],
  ['Growth', 0.05], ['Deals', 2], ['Leads', 3], ['Engagement', 'Monthly'], ['NPS', 20], ['Strategic fit', 'Moderate'],
  ['Market relevance', 'High'], ['Last contact', DAY(200)], ['Last QBR', DAY(300)], ['Next QBR', DAY(10)],
  ['Signed', DAY(900)], ['First deal', DAY(800)], ['Partner contact', 'pat@partner.example'],
];
const ESCALATION_COLUMNS = ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'];

/**
 * A workbook with markup planted in every column of the partner sheet (one column per row, the other cells
 * valid) and of Escalations; `tags` names each planted cell for markupLeaks.
 */
export function markupWorkbook(): { model: WorkbookModel; tags: string[] } {
  const model = new WorkbookModel('sec', 'Security <b>test</b>', TIME_ZONE);
  const partners = model.addSheet('Partners');
  const tags: string[] = [];
  COLUMNS.forEach(([header], c) => { partners.ensure(1, c + 1).value = header; });
  COLUMNS.forEach(([header], k) => {
    const row = k + 2;
    COLUMNS.forEach(([, value], c) => { partners.ensure(row, c + 1).value = value as string | number | Date; });
    partners.ensure(row, 1).value = header === 'Partner' ? markup('Partner') : `Partner with markup in ${header}`;
    if (header !== 'Partner') partners.ensure(row, k + 1).value = markup(header);
    tags.push(header);
  });
  const escalations = model.addSheet('Escalations');
  ESCALATION_COLUMNS.forEach((h, c) => { escalations.ensure(1, c + 1).value = h; });
  ESCALATION_COLUMNS.forEach((header, k) => {
    const values = [markup('Partner'), 'Critical', new Date(2026, 10, 29, 9), '', ''];
    values[k] = markup(`Escalations ${header}`);
    values.forEach((v, c) => { if (v !== '') escalations.ensure(k + 2, c + 1).value = v; });
    tags.push(`Escalations ${header}`);
  });
  return { model, tags };
}

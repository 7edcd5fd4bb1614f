/**
 * A sidebar or dialog as the text a user reads in it, for the CLI: markup, styles and scripts dropped,
 * form fields shown with their values ([20%], [x] for a ticked box). html-to-text does the layout.
 */
import { convert } from 'html-to-text';
import type { SettingsDialogData } from '../src/contracts/settingsDialog';

type Builder = { addInline(text: string): void };
type Elem = { attribs?: Record<string, string>; children?: Elem[]; name?: string; data?: string };

function textOf(elem: Elem): string {
  if (elem.data !== undefined) return elem.data;
  return (elem.children ?? []).map(textOf).join('');
}

export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: 110,
    selectors: [
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'head', format: 'skip' },
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
      // Form layout: a group title on its own line, one field per line ("Weight of Revenue: [30]").
      { selector: 'legend', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 1 } },
      { selector: 'fieldset', format: 'block' },
      { selector: 'label', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      { selector: 'span.name', format: 'fieldName' },
      { selector: 'input', format: 'field' },
      { selector: 'select', format: 'choice' },
      { selector: 'textarea', format: 'choice' },
    ],
    formatters: {
      fieldName: (elem: Elem, walk: (nodes: Elem[], builder: Builder) => void, builder: Builder) => {
        walk(elem.children ?? [], builder);
        builder.addInline(': ');
      },
      field: (elem: Elem, _walk: unknown, builder: Builder) => {
        const a = elem.attribs ?? {};
        if (a.type === 'hidden' || a.type === 'submit' || a.type === 'button') return;
        builder.addInline(
          a.type === 'checkbox' || a.type === 'radio' ? ('checked' in a ? '[x]' : '[ ]') : `[${a.value ?? ''}]`,
        );
      },
      choice: (elem: Elem, _walk: unknown, builder: Builder) => {
        if (elem.name === 'textarea') {
          builder.addInline(`[${textOf(elem).trim()}]`);
          return;
        }
        const options = (elem.children ?? []).filter((c) => c.name === 'option');
        const chosen = options.find((o) => o.attribs && 'selected' in o.attribs) ?? options[0];
        builder.addInline(`[${chosen ? textOf(chosen).trim() : ''}]`);
      },
    },
  } as never).trim();
}

/** The Settings dialog's page (dist/Settings.html, ui/settings/index.html names itself so). */
export function isSettingsDialog(html: string): boolean {
  return /<meta name="partnerpulse-client" content="settings">/.test(html);
}

/**
 * The Settings dialog as its user reads it once it has filled its form from getSettingsDialog (the page itself
 * holds no setting): the stored copy's problems on top, then each group and its fields ("Weight of Revenue: [30]").
 */
export function settingsDialogText(data: SettingsDialogData): string {
  const lines: string[] = [];
  if (data.problems.length > 0)
    lines.push(
      'Some stored settings were not valid and are at their defaults:',
      ...data.problems.map((p) => ` * ${p}`),
      '',
    );
  for (const group of data.groups) lines.push(group.title, ...group.fields.map((f) => `${f.label}: [${f.value}]`), '');
  return lines.join('\n').trim();
}

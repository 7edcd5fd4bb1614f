/**
 * HtmlService: HtmlOutput and templates with scriptlets.
 *
 * https://developers.google.com/apps-script/reference/html/html-service
 * https://developers.google.com/apps-script/reference/html/html-output
 * https://developers.google.com/apps-script/reference/html/html-template
 * Scriptlet syntax and escaping: https://developers.google.com/apps-script/guides/html/templates
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallLog } from '../calls';
import { track } from './track';

export type HtmlServiceApi = Pick<
  GoogleAppsScript.HTML.HtmlService,
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile'
  | 'SandboxMode'
  | 'XFrameOptionsMode'
>;

const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };

/** Escaping for `<?= ?>` in element content and attribute values: the five HTML-significant characters. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Inside <script>, Apps Script's contextual escaping prints values as JavaScript literals, so
 * `var rows = <?= rows ?>;` yields data, not markup. `<` is escaped so "</script>" cannot close the tag.
 */
function escapeScript(value: unknown): string {
  const json = JSON.stringify(value === undefined ? null : value) ?? 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface TemplateWriter {
  text(s: string): void;
  printed(value: unknown, inScript: boolean): void;
  raw(value: unknown): void;
}

/** Compiles template text into the body of a function run with the template's variables in scope. */
export function compileTemplate(source: string): string {
  const lines: string[] = [];
  const scriptlet = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let staticSoFar = '';
  let match: RegExpExecArray | null;
  while ((match = scriptlet.exec(source))) {
    const literal = source.slice(last, match.index);
    if (literal) lines.push(`__writer.text(${JSON.stringify(literal)});`);
    staticSoFar += literal.toLowerCase();
    const inScript = staticSoFar.lastIndexOf('<script') > staticSoFar.lastIndexOf('</script');
    const code = match[2];
    if (match[1] === '=') lines.push(`__writer.printed((${code}), ${inScript});`);
    else if (match[1] === '!=') lines.push(`__writer.raw((${code}));`);
    else lines.push(code);
    last = scriptlet.lastIndex;
  }
  const tail = source.slice(last);
  if (tail) lines.push(`__writer.text(${JSON.stringify(tail)});`);
  return lines.join('\n');
}

export function createHtmlService(calls: CallLog, htmlRoot: string) {
  /** Extra names visible inside templates (e.g. the add-on's `include`), set by the runtime. */
  let templateGlobals: object = {};

  function htmlOutput(initial: string): GoogleAppsScript.HTML.HtmlOutput {
    let content = initial;
    let title = '';
    let width = 0;
    let height = 0;
    let faviconUrl = '';
    const metaTags: { name: string; content: string }[] = [];
    let output: GoogleAppsScript.HTML.HtmlOutput;
    // Sandbox and X-Frame modes have no effect locally; kept so the runtime can show them.
    const api = {
      append(added: string) {
        content += String(added);
        return output;
      },
      appendUntrusted(added: string) {
        content += escapeHtml(added);
        return output;
      },
      clear() {
        content = '';
        return output;
      },
      getContent: () => content,
      setContent(c: string) {
        content = String(c);
        return output;
      },
      getTitle: () => title,
      setTitle(t: string) {
        title = String(t);
        return output;
      },
      getWidth: () => width,
      setWidth(w: number) {
        width = Number(w);
        return output;
      },
      getHeight: () => height,
      setHeight(h: number) {
        height = Number(h);
        return output;
      },
      getFaviconUrl: () => faviconUrl,
      setFaviconUrl(url: string) {
        faviconUrl = String(url);
        return output;
      },
      setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode) {
        return output;
      },
      setXFrameOptionsMode(_mode: GoogleAppsScript.HTML.XFrameOptionsMode) {
        return output;
      },
      addMetaTag(name: string, value: string) {
        metaTags.push({ name: String(name), content: String(value) });
        return output;
      },
      getMetaTags: () =>
        metaTags.map(
          (tag) =>
            ({ getName: () => tag.name, getContent: () => tag.content }) as GoogleAppsScript.HTML.HtmlOutputMetaTag,
        ),
      asTemplate: () => template(content),
    };
    output = track(calls, 'HtmlOutput', api) as unknown as GoogleAppsScript.HTML.HtmlOutput;
    return output;
  }

  function template(source: string): GoogleAppsScript.HTML.HtmlTemplate {
    const code = compileTemplate(source);
    // Template variables are plain properties assigned on this object (t.partners = …): only its methods
    // are counted, and a variable is anything else the template holds.
    const methods = new Set(['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent']);
    const tpl: GoogleAppsScript.HTML.HtmlTemplate = {
      evaluate() {
        let result = '';
        const writer: TemplateWriter = {
          text: (s) => (result += s),
          printed: (value, inScript) => (result += inScript ? escapeScript(value) : escapeHtml(value)),
          raw: (value) => (result += value === null || value === undefined ? '' : String(value)),
        };
        const out = {
          append: (s: unknown) => writer.raw(s),
          appendUntrusted: (s: unknown) => writer.printed(s, false),
        };
        const own = (key: PropertyKey) => typeof key === 'string' && !methods.has(key) && Object.hasOwn(tpl, key);
        // Lookup order: template variables, then `output`, then the runtime's globals; anything
        // else falls through to the JavaScript globals (Math, JSON, …).
        const scope = new Proxy(Object.create(null) as object, {
          has: (_t, key) => own(key) || key === 'output' || (typeof key === 'string' && key in templateGlobals),
          get: (_t, key) => {
            if (key === Symbol.unscopables) return undefined;
            if (own(key)) return tpl[key as string];
            if (key === 'output') return out;
            return (templateGlobals as Record<PropertyKey, unknown>)[key];
          },
          set: (_t, key, value) => {
            (tpl as unknown as Record<PropertyKey, unknown>)[key] = value;
            return true;
          },
        });
        // `with` needs sloppy mode, which `new Function` bodies have.
        const run = new Function('__scope', '__writer', `with (__scope) {\n${code}\n}`) as (
          s: object,
          w: TemplateWriter,
        ) => void;
        run(scope, writer);
        return htmlOutput(result);
      },
      getCode() {
        return code;
      },
      getCodeWithComments() {
        return code;
      },
      getRawContent() {
        return source;
      },
    };
    return track(calls, 'HtmlTemplate', tpl, { methods });
  }

  function textOf(input: unknown): string {
    if (input === undefined || input === null) return '';
    if (typeof input === 'string') return input;
    const blobSource = input as { getBlob?: () => GoogleAppsScript.Base.Blob };
    if (typeof blobSource.getBlob === 'function') return blobSource.getBlob().getDataAsString();
    return String(input);
  }

  function readFile(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const file = path.join(htmlRoot, `${name}.html`);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`No HTML file named ${name} was found.`);
    }
  }

  const htmlService = track(calls, 'HtmlService', {
    SandboxMode: SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode,
    XFrameOptionsMode: XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode,
    createHtmlOutput: (html?: unknown) => htmlOutput(textOf(html)),
    createHtmlOutputFromFile: (filename: string) => htmlOutput(readFile(filename)),
    createTemplate: (html: unknown) => template(textOf(html)),
    createTemplateFromFile: (filename: string) => template(readFile(filename)),
  }) as unknown as HtmlServiceApi;

  return {
    htmlService,
    /** Makes `globals` (e.g. the vm context holding the add-on's functions) visible inside templates. */
    setTemplateGlobals(globals: object) {
      templateGlobals = globals;
    },
  };
}

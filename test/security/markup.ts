// Planting markup in cells and finding out whether it reached HTML unescaped. Exported for every surface
// that shows cell values as HTML (e-mails, the alert preview dialog; later the sidebar and the QBR brief):
// plant `markup(tag)` in a cell, render, then `markupLeaks(html, tags)`.

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

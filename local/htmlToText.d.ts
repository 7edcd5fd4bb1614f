// html-to-text ships no type declarations; the one function the CLI uses (local/htmlText.ts).
declare module 'html-to-text' {
  export function convert(html: string, options?: object): string;
}

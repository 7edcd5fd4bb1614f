/**
 * HyperFormula cannot parse open-ended ranges like `D2:D` (Sheets: "from row 2 to the end"). Before evaluation
 * they are rewritten to a bounded range ending at the referenced sheet's last row (`D2:D41`).
 */

// Open-ended ranges

const OPEN_RANGE = /((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3})(?![\w($])/g;

/** Rewrites `D2:D` (and `'Sheet'!D2:D`) to end where `lastRowOf` says (the grid's end); strings are left alone. */
export function boundOpenRanges(formula: string, lastRowOf: (sheetName: string | null) => number): string {
  // Split on string literals so "A2:A" inside quotes stays text.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(
        OPEN_RANGE,
        (all, prefix: string | undefined, start: string, endColumn: string, offset: number, whole: string) => {
          const before = offset > 0 ? whole[offset - 1] : '';
          if (/[\w$.]/.test(before)) return all;
          const sheetName = prefix
            ? prefix
                .slice(0, -1)
                .replace(/^'(.*)'$/, '$1')
                .replace(/''/g, "'")
            : null;
          const startRow = Number(/\d+$/.exec(start)![0]);
          // At least two rows: Sheets passes `D2:D` as a column even when only row 2 has content, and a
          // one-cell range would reach the function as a single value.
          return `${prefix ?? ''}${start}:${endColumn}${Math.max(startRow + 1, lastRowOf(sheetName))}`;
        },
      );
    })
    .join('');
}

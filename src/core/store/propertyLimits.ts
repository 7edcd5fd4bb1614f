/**
 * Google's limits on the Properties service (docs/limits.md#stored-state): at most 9 KB in one value and
 * 500 KB in one property store (one document's properties, or one user's). Every write PartnerPulse makes is
 * measured here before it goes, and what is kept when a list would not fit is decided here too (the pruning
 * policy), so no caller guesses a size of its own.
 */
import { quarterIndex } from '../qbr/meeting';

/** Google's quotas page: "Properties value size 9 KB / val" (the local runtime refuses one byte more). */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
/** Google's quotas page: "Properties total storage 500 KB / property store" (keys and values together). */
export const PROPERTY_STORE_BYTES = 500 * 1024;

/**
 * The UTF-8 size of `text`, as Google counts a property (Apps Script has no TextEncoder or Buffer): one byte
 * for ASCII, two up to U+07FF, three up to U+FFFF, four for a character outside the BMP (a surrogate pair).
 */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A size as a person reads it: bytes up to 10 KB, so a value one byte over the 9 KB limit does not read as
 * "9.0 KB" ("9,217 bytes"); then KB with one decimal ("10.4 KB").
 */
export function sizeText(bytes: number): string {
  if (bytes >= 10 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${String(bytes).replace(/\B(?=(\d{3})+$)/g, ',')} bytes`;
}

/** Whether a value of this text fits in one property. */
export function fitsInOneProperty(text: string): boolean {
  return utf8Bytes(text) <= PROPERTY_VALUE_BYTES;
}

/**
 * The longest tail of `list` (its newest entries, when a list grows at its end) whose encoding fits in one
 * property, and how many entries were left out. Used where a list is bounded by the property that holds it:
 * the undelivered notices, the handled escalation alerts.
 */
export function newestThatFit<T>(list: readonly T[], encode: (kept: T[]) => string): { kept: T[]; left: number } {
  let from = 0;
  while (from < list.length && !fitsInOneProperty(encode(list.slice(from)))) from++;
  return { kept: list.slice(from), left: from };
}

/**
 * The entries of a map (its keys in the order given) that fit in one property as a JSON object, first ones
 * first, and the keys left out. The long snoozes are kept oldest first: an entry once stored keeps its day,
 * and a new one that does not fit yet is counted from today until there is room (docs/automation.md).
 */
export function firstEntriesThatFit(entries: ReadonlyArray<readonly [string, string]>): {
  kept: Record<string, string>;
  left: string[];
} {
  const kept: Record<string, string> = {};
  const left: string[] = [];
  // `{}` is 2 bytes; each entry adds "key":"value" and a comma between entries.
  let bytes = 2;
  for (const [key, value] of entries) {
    const size = utf8Bytes(JSON.stringify(key)) + utf8Bytes(JSON.stringify(value)) + 1 + (bytes > 2 ? 1 : 0);
    if (bytes + size <= PROPERTY_VALUE_BYTES) {
      kept[key] = value;
      bytes += size;
    } else left.push(key);
  }
  return { kept, left };
}

/**
 * A "; "-separated list of lines cut after as many whole lines as `fits` allows, the rest counted by `more`
 * ("… and 12 more: see the Alert log"). The daily run's warnings grow with each recipient given up or
 * unreachable in a day; each is also a row of the Alert log, so the stored summary may stop short.
 */
export function firstLinesThatFit(
  text: string,
  fits: (shorter: string) => boolean,
  more: (left: number) => string,
): string {
  if (fits(text)) return text;
  const lines = text.split('; ');
  for (let keep = lines.length - 1; keep > 0; keep--) {
    const shorter = `${lines.slice(0, keep).join('; ')}; ${more(lines.length - keep)}`;
    if (fits(shorter)) return shorter;
  }
  return more(lines.length);
}

/**
 * The quarters of stored checklist ticks to forget when `current` is ticked: those before the previous
 * quarter. One key per partner per quarter would otherwise fill the document's 500 KB over the years; the
 * previous quarter stays for a QBR held just after the quarter turned (docs/qbr-sidebar.md).
 */
export function staleChecklistNames(names: readonly string[], current: string): string[] {
  const now = quarterIndex(current);
  if (now === null) return [];
  return names.filter((name) => {
    const then = quarterIndex(name.slice(0, 7));
    return then !== null && then < now - 1;
  });
}

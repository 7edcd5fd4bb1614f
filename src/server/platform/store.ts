/**
 * The one owner of PartnerPulse's stored state (docs/limits.md#stored-state): every read and write of the
 * document's and the user's properties goes through here, with an entry of the registry
 * (`src/core/store/storedKeys.ts`). A value is measured against Google's 9 KB before it is written, and a
 * refusal (that, or the store's 500 KB) comes back as one message naming what was being saved, the property
 * and its size — never Google's bare "Argument too large".
 */
import { PROPERTY_STORE_BYTES, PROPERTY_VALUE_BYTES, sizeText, utf8Bytes } from '../../core/store/propertyLimits';
import { type PropertyScope, propertyKey, type StoredKey } from '../../core/store/storedKeys';

type Properties = GoogleAppsScript.Properties.Properties;

/**
 * The property store of a scope. A script neither bound to a file nor an add-on has no document properties
 * (Google returns null), so nothing is stored there: reads find nothing and a write says why it cannot.
 */
function storeOf(scope: PropertyScope): Properties | null {
  return scope === 'document' ? PropertiesService.getDocumentProperties() : PropertiesService.getUserProperties();
}

const scopeWords = (scope: PropertyScope) => (scope === 'document' ? 'document property' : 'user property');

/** The stored text of an entry as it is, or null when nothing is stored (for fingerprints and raw checks). */
export function readText(entry: StoredKey<unknown>, name?: string): string | null {
  const props = storeOf(entry.scope);
  return props ? props.getProperty(propertyKey(entry, name)) : null;
}

/**
 * The stored value of an entry, or null when nothing is stored. A value that cannot be read is null for an
 * entry whose loss only costs time, and an error naming the property for one where guessing would mislead.
 */
export function read<T>(entry: StoredKey<T>, name?: string): T | null {
  const raw = readText(entry, name);
  if (raw === null) return null;
  const value = entry.codec.decode(raw);
  if (value !== undefined) return value;
  if (entry.unreadable === 'absent') return null;
  throw new Error(
    `PartnerPulse could not read ${entry.holds} (${scopeWords(entry.scope)} "${propertyKey(entry, name)}"): it is not ${entry.codec.type}.`,
  );
}

/** The message for a value Google will not keep: what, where, how big, the limit, and what to do. */
function tooLargeMessage(entry: StoredKey<unknown>, key: string, bytes: number, storeFull: boolean): string {
  const where = `${scopeWords(entry.scope)} "${key}", ${sizeText(bytes)}`;
  const limit = storeFull
    ? `the ${entry.scope === 'document' ? "document's" : "user's"} properties are full (Google keeps at most ${PROPERTY_STORE_BYTES / 1024} KB in all)`
    : `Google keeps at most ${PROPERTY_VALUE_BYTES / 1024} KB (${sizeText(PROPERTY_VALUE_BYTES)}) in one property`;
  return `PartnerPulse could not save ${entry.holds} (${where}): ${limit}. Nothing was changed.${entry.whenFull ? ` ${entry.whenFull}` : ''}`;
}

/** Whether `value` would fit in the entry's property (for a list that may simply stay as it was). */
export function fits<T>(entry: StoredKey<T>, value: T): boolean {
  return utf8Bytes(entry.codec.encode(value)) <= PROPERTY_VALUE_BYTES;
}

/**
 * Stores `value`. A value over 9 KB is refused before the call; Google's own refusals (its per-value and
 * per-store quotas) are turned into the same kind of message. The stored value is then unchanged.
 */
export function write<T>(entry: StoredKey<T>, value: T, name?: string): void {
  const key = propertyKey(entry, name);
  const text = entry.codec.encode(value);
  const bytes = utf8Bytes(text);
  if (bytes > PROPERTY_VALUE_BYTES) throw new Error(tooLargeMessage(entry, key, bytes, false));
  const props = storeOf(entry.scope);
  if (!props)
    throw new Error(
      `PartnerPulse could not save ${entry.holds}: this script has no ${scopeWords(entry.scope)} store (it is not an add-on or bound to a spreadsheet).`,
    );
  try {
    props.setProperty(key, text);
  } catch (error) {
    const message = (error as Error).message;
    if (/argument too large/i.test(message)) throw new Error(tooLargeMessage(entry, key, bytes, false));
    if (/storage quota/i.test(message)) throw new Error(tooLargeMessage(entry, key, bytes, true));
    throw error;
  }
}

export function remove(entry: StoredKey<unknown>, name?: string): void {
  storeOf(entry.scope)?.deleteProperty(propertyKey(entry, name));
}

/** The names of a family's stored properties (the keys without the family's prefix). */
export function namesOf(entry: StoredKey<unknown>): string[] {
  if (!entry.family) throw new Error(`${entry.key} is one key, not a family`);
  const props = storeOf(entry.scope);
  if (!props) return [];
  return props
    .getKeys()
    .filter((key) => key.startsWith(entry.key))
    .map((key) => key.slice(entry.key.length));
}

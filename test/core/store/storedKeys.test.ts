// The registry of stored properties (docs/limits.md#stored-state): every key PartnerPulse has ever written
// reads back in the format earlier versions stored, and the docs list every entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { entryOfKey, propertyKey, STORED, type StoredKey } from '../../../src/core/store/storedKeys';

const entries = Object.entries(STORED) as [string, StoredKey<unknown>][];

test('keys are unique, and a family prefix never swallows a single key', () => {
  const keys = entries.map(([, e]) => e.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const [name, e] of entries)
    expect([name, entryOfKey(propertyKey(e, e.family ? 'x' : undefined))]).toEqual([name, e]);
  expect(entryOfKey('partnerpulse.warehouse.digestsDone')).toBe(STORED.warehouseDigestsDone);
  expect(entryOfKey('someone.else')).toBeNull();
});

test('a family needs a name and a single key refuses one', () => {
  expect(propertyKey(STORED.checklist as StoredKey<unknown>, '2026-Q4.acme')).toBe(
    'partnerpulse.qbr.checklist.2026-Q4.acme',
  );
  expect(() => propertyKey(STORED.checklist as StoredKey<unknown>)).toThrow('family');
  expect(() => propertyKey(STORED.daily as StoredKey<unknown>, 'x')).toThrow('one key');
});

test('values stored by earlier versions read back unchanged', () => {
  // Exactly the texts the code before the store wrote (JSON.stringify of these shapes, or plain text).
  expect(
    STORED.daily.codec.decode('{"day":"2026-12-01","recolored":true,"history":false,"digestsDone":false}'),
  ).toEqual({
    day: '2026-12-01',
    recolored: true,
    history: false,
    digestsDone: false,
  });
  expect(STORED.undelivered.codec.decode('["2026-12-01: 2 items had nobody to go to"]')).toEqual([
    '2026-12-01: 2 items had nobody to go to',
  ]);
  expect(STORED.snoozesSeen.codec.decode('{"epsilon labs|2027-06-01":"2026-12-01"}')).toEqual({
    'epsilon labs|2027-06-01': '2026-12-01',
  });
  expect(STORED.escalationsHandled.codec.decode('["1k2j3h","zz9"]')).toEqual(['1k2j3h', 'zz9']);
  expect(STORED.checklist.codec.decode('["before.agenda","after.notes"]')).toEqual(['before.agenda', 'after.notes']);
  expect(STORED.warehouse.codec.decode('{"projectId":"my-project-1","table":"ds.partners"}')).toEqual({
    projectId: 'my-project-1',
    table: 'ds.partners',
  });
  expect(STORED.triggerHome.codec.decode('{"id":"s1","name":"Partners","url":"https://x"}')).toEqual({
    id: 's1',
    name: 'Partners',
    url: 'https://x',
  });
  for (const text of ['2026-12-01', 'ops@example.com', 'on', 'off', 'trigger-uid-1'])
    for (const e of [
      STORED.failureMailDay,
      STORED.automationOwner,
      STORED.automation,
      STORED.ownerNotice,
      STORED.testTrigger,
    ])
      expect(e.codec.decode(e.codec.encode(text))).toBe(text);
  expect(STORED.failureMailDay.codec.encode('2026-12-01')).toBe('2026-12-01');
  expect(STORED.settings.codec.decode(JSON.stringify(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
});

test('what is not the right kind of value decodes to undefined (the store decides what that means)', () => {
  expect(STORED.daily.codec.decode('{"day":')).toBeUndefined();
  expect(STORED.daily.codec.decode('[1]')).toBeUndefined();
  expect(STORED.warehouse.codec.decode('{"projectId":1}')).toBeUndefined();
  expect(STORED.undelivered.codec.decode('{"a":1}')).toBeUndefined();
  // Lists keep their texts and drop the rest, as the readers before the store did.
  expect(STORED.checklist.codec.decode('["a",2,null,"b"]')).toEqual(['a', 'b']);
  // Damaged Settings are the defaults (the dialog shows the problem).
  expect(STORED.settings.codec.decode('not json')).toEqual(DEFAULT_SETTINGS);
});

test('docs/limits.md lists every stored key with its store', () => {
  const page = readFileSync(join(__dirname, '../../../docs/limits.md'), 'utf8');
  for (const [, e] of entries)
    expect([e.key, page.includes(`| \`${e.key}${e.family ? '…' : ''}\` | ${e.scope} |`)]).toEqual([e.key, true]);
});

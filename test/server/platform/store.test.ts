// The one owner of stored state (src/server/platform/store.ts, docs/limits.md#stored-state), run against the
// local runtime's PropertiesService, which refuses what Google refuses: a value over 9 KB, a store over 500 KB.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CallLog } from '../../../local/calls';
import { createServices } from '../../../local/services';
import { STORED, type StoredKey } from '../../../src/core/store/storedKeys';
import { fits, namesOf, read, readText, remove, write } from '../../../src/server/platform/store';

type Services = ReturnType<typeof createServices>;
let services: Services;
const g = globalThis as unknown as { PropertiesService: unknown };

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-store-'));
  services = createServices({
    statePath: path.join(dir, 'book.state.json'),
    outboxDir: path.join(dir, 'outbox'),
    now: () => new Date('2026-12-01T14:00:00Z'),
    calls: new CallLog({ default: 1 }),
    timeZone: 'America/New_York',
    userEmail: 'pm@example.com',
    htmlRoot: path.join(dir, 'html'),
  });
  g.PropertiesService = services.PropertiesService;
});

afterEach(() => {
  delete g.PropertiesService;
});

const documentProps = () => services.PropertiesService.getDocumentProperties();
const userProps = () => services.PropertiesService.getUserProperties();

test('values go to the store the registry names, in the format earlier versions wrote', () => {
  write(STORED.daily, { day: '2026-12-01', recolored: true, history: false, digestsDone: false });
  write(STORED.failureMailDay, '2026-12-01');
  write(STORED.checklist, ['before.agenda'], '2026-Q4.acme');
  write(STORED.automation, 'on', 'sheet-1');
  write(STORED.triggerHome, { id: 'sheet-1', name: 'Partners', url: 'https://sheet' }, 'uid-1');
  expect(documentProps().getProperties()).toEqual({
    'partnerpulse.daily': '{"day":"2026-12-01","recolored":true,"history":false,"digestsDone":false}',
    'partnerpulse.failureMailDay': '2026-12-01',
    'partnerpulse.qbr.checklist.2026-Q4.acme': '["before.agenda"]',
  });
  expect(userProps().getProperties()).toEqual({
    'partnerpulse.automation.sheet-1': 'on',
    'partnerpulse.trigger.uid-1': '{"id":"sheet-1","name":"Partners","url":"https://sheet"}',
  });
  expect(read(STORED.checklist, '2026-Q4.acme')).toEqual(['before.agenda']);
  expect(read(STORED.triggerHome, 'uid-1')).toEqual({ id: 'sheet-1', name: 'Partners', url: 'https://sheet' });
  expect(read(STORED.automation, 'sheet-2')).toBeNull();
  expect(namesOf(STORED.checklist)).toEqual(['2026-Q4.acme']);
  remove(STORED.checklist, '2026-Q4.acme');
  expect(namesOf(STORED.checklist)).toEqual([]);
});

test('properties stored before the store read back (an existing user loses nothing)', () => {
  documentProps().setProperties({
    'partnerpulse.settings': '{"version":2,"dailyHour":6}',
    'partnerpulse.snoozesSeen': '{"epsilon labs|2027-06-01":"2026-12-01"}',
    'partnerpulse.undelivered': '["2026-11-30: 1 item had nobody to go to"]',
    'partnerpulse.warehouse': '{"projectId":"my-project-1","table":"ds.partners"}',
    'partnerpulse.automationOwner': 'ops@example.com',
  });
  expect(read(STORED.settings)?.dailyHour).toBe(6);
  expect(readText(STORED.settings)).toBe('{"version":2,"dailyHour":6}');
  expect(read(STORED.snoozesSeen)).toEqual({ 'epsilon labs|2027-06-01': '2026-12-01' });
  expect(read(STORED.undelivered)).toEqual(['2026-11-30: 1 item had nobody to go to']);
  expect(read(STORED.warehouse)).toEqual({ projectId: 'my-project-1', table: 'ds.partners' });
  expect(read(STORED.automationOwner)).toBe('ops@example.com');
});

test('an unreadable value is absent where it only costs time, and an error naming it where guessing misleads', () => {
  documentProps().setProperty('partnerpulse.undelivered', '[broken');
  documentProps().setProperty('partnerpulse.warehouse', '{"projectId":');
  expect(read(STORED.undelivered)).toBeNull();
  expect(() => read(STORED.warehouse)).toThrow(
    'PartnerPulse could not read the BigQuery connection (document property "partnerpulse.warehouse"): it is not JSON: { projectId, table }.',
  );
});

test('a value of exactly 9 KB is kept; one byte more is refused with a message naming it, its size and the limit', () => {
  const list = (bytes: number) => ['x'.repeat(bytes - 4)]; // ["…"] adds 4 bytes
  write(STORED.escalationsHandled, list(9216));
  expect(documentProps().getProperty('partnerpulse.escalationsHandled')).toHaveLength(9216);
  expect(fits(STORED.escalationsHandled, list(9216))).toBe(true);
  expect(fits(STORED.escalationsHandled, list(9217))).toBe(false);
  expect(() => write(STORED.escalationsHandled, list(9217))).toThrow(
    'PartnerPulse could not save the escalation alerts already handled (document property "partnerpulse.escalationsHandled", 9,217 bytes): Google keeps at most 9 KB (9,216 bytes) in one property. Nothing was changed.',
  );
  expect(documentProps().getProperty('partnerpulse.escalationsHandled')).toHaveLength(9216);
});

test("Google's own refusal (also under our count) comes back as the same kind of message", () => {
  const refusing = {
    getDocumentProperties: () => ({
      setProperty() {
        throw new Error('Argument too large: value');
      },
    }),
  };
  g.PropertiesService = refusing;
  expect(() => write(STORED.failureMailDay, '2026-12-01')).toThrow(
    'PartnerPulse could not save the day the admin was last mailed about a failed run (document property "partnerpulse.failureMailDay", 10 bytes): Google keeps at most 9 KB (9,216 bytes) in one property. Nothing was changed.',
  );
});

test("a full document store (500 KB) refuses the write with a message saying the document's properties are full", () => {
  // Fill the store as an old program could: checklist ticks for thousands of partners.
  const filler: Record<string, string> = {};
  for (let i = 0; i < 62; i++) filler[`someone.else.${i}`] = 'x'.repeat(8 * 1024);
  documentProps().setProperties(filler);
  write(STORED.checklist, ['before.agenda'], '2026-Q4.acme');
  const entry = STORED.checklist as StoredKey<string[]>;
  expect(() => write(entry, ['x'.repeat(8000)], '2026-Q4.bolt')).toThrow(
    'PartnerPulse could not save a partner\'s QBR checklist ticks (document property "partnerpulse.qbr.checklist.2026-Q4.bolt", 8,004 bytes): the document\'s properties are full (Google keeps at most 500 KB in all). Nothing was changed. Checklist ticks of quarters before the last are removed as you tick; ask whoever set up PartnerPulse to clear old document properties.',
  );
  expect(read(STORED.checklist, '2026-Q4.bolt')).toBeNull();
  expect(read(STORED.checklist, '2026-Q4.acme')).toEqual(['before.agenda']);
});

test('a script without document properties (Google returns null) reads nothing and says why it cannot write', () => {
  g.PropertiesService = { getDocumentProperties: () => null };
  expect(read(STORED.settings)).toBeNull();
  expect(() => write(STORED.failureMailDay, '2026-12-01')).toThrow(
    'PartnerPulse could not save the day the admin was last mailed about a failed run: this script has no document property store',
  );
});

test('no file in src/ but the store calls PropertiesService, and no key is written there by hand', () => {
  const root = path.join(__dirname, '../../../src');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  const offenders = files(root)
    .filter((f) => f.endsWith('.ts') && !f.endsWith(path.join('server', 'platform', 'store.ts')))
    .filter((f) => {
      const text = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return (
        /PropertiesService\.|getDocumentProperties|getUserProperties/.test(text) ||
        (!f.endsWith(path.join('store', 'storedKeys.ts')) && /'partnerpulse\.[a-z]/.test(text))
      );
    })
    .map((f) => path.relative(root, f));
  expect(offenders).toEqual([]);
});

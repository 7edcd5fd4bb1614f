import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { CallLog } from '../../local/calls';
import {
  createServices,
  formatDate,
  LOCK_TIMEOUT_MESSAGE,
  QUOTA_MESSAGE,
  RATE_MESSAGE,
  type ServiceOptions,
} from '../../local/services';

// Some tests start an SMTP server in a child process: seconds, not milliseconds, on a busy machine.
jest.setTimeout(30_000);

const HOUR = 3600_000;
let dir: string;
let clock: Date;

function options(extra: Partial<ServiceOptions> = {}): ServiceOptions {
  return {
    statePath: path.join(dir, 'book.state.json'),
    outboxDir: path.join(dir, 'outbox'),
    now: () => clock,
    calls: new CallLog({ default: 1 }),
    timeZone: 'America/New_York',
    userEmail: 'pm@example.com',
    htmlRoot: path.join(dir, 'html'),
    ...extra,
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-services-'));
  clock = new Date('2024-07-04T13:00:00Z'); // 09:00 EDT, a Thursday
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PropertiesService — developers.google.com/apps-script/reference/properties/properties', () => {
  test('getProperty is null when missing; values come back as strings (String() of non-strings)', () => {
    const props = createServices(options()).PropertiesService.getScriptProperties();
    expect(props.getProperty('missing')).toBeNull();
    props.setProperty('n', 5 as unknown as string).setProperty('flag', true as unknown as string);
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperty('flag')).toBe('true');
  });

  test('document, script and user stores are kept apart; user properties are per user', () => {
    const a = createServices(options());
    a.PropertiesService.getDocumentProperties().setProperty('k', 'doc');
    a.PropertiesService.getScriptProperties().setProperty('k', 'script');
    a.PropertiesService.getUserProperties().setProperty('k', 'user-pm');
    expect(a.PropertiesService.getDocumentProperties().getProperty('k')).toBe('doc');
    expect(a.PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    expect(a.PropertiesService.getUserProperties().getProperty('k')).toBe('user-pm');
    const other = createServices(options({ userEmail: 'admin@example.com' }));
    expect(other.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    expect(other.PropertiesService.getDocumentProperties().getProperty('k')).toBe('doc');
  });

  test('setProperties (with deleteAllOthers), getProperties, getKeys, deleteProperty, deleteAllProperties', () => {
    const props = createServices(options()).PropertiesService.getDocumentProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' });
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.setProperties({ d: '4' }, true);
    expect(props.getKeys()).toEqual(['d']);
    props.setProperty('e', '5').deleteProperty('d');
    expect(props.getProperties()).toEqual({ e: '5' });
    // The returned object is a copy: changing it does not change the store.
    const copy = props.getProperties();
    copy.e = 'changed';
    expect(props.getProperty('e')).toBe('5');
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  test('state survives createServices → save → createServices, and a second execution sees writes at once', () => {
    const first = createServices(options());
    first.PropertiesService.getDocumentProperties().setProperty('lastDigest', '2024-07-04');
    first.ScriptApp.newTrigger('runHourly').timeBased().everyHours(1).create();
    first.save();
    const second = createServices(options());
    expect(second.PropertiesService.getDocumentProperties().getProperty('lastDigest')).toBe('2024-07-04');
    expect(second.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['runHourly']);
    // Live, not a snapshot taken at creation: like two Apps Script executions.
    second.PropertiesService.getDocumentProperties().setProperty('lastDigest', '2024-07-05');
    expect(first.PropertiesService.getDocumentProperties().getProperty('lastDigest')).toBe('2024-07-05');
    const onDisk = JSON.parse(fs.readFileSync(options().statePath, 'utf8'));
    expect(onDisk.properties.document).toEqual({ lastDigest: '2024-07-05' });
  });

  test('save() creates the state file even when nothing changed', () => {
    createServices(options()).save();
    expect(fs.existsSync(options().statePath)).toBe(true);
  });

  test('a store over 500 KB throws the property storage quota message and keeps the old value', () => {
    const props = createServices(options()).PropertiesService.getScriptProperties();
    props.setProperty('small', 'x');
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, 'x'.repeat(8 * 1024)]));
    expect(() => props.setProperties(many)).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(props.getKeys()).toEqual(['small']);
  });

  test('a value over 9 KB is refused ("Argument too large") and the old value kept', () => {
    const props = createServices(options()).PropertiesService.getDocumentProperties();
    props.setProperty('v', 'old');
    props.setProperty('fits', 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('v', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(props.getProperty('v')).toBe('old');
  });

  test('every method call is counted in the CallLog', () => {
    const opts = options();
    const s = createServices(opts);
    s.PropertiesService.getScriptProperties().setProperty('a', '1').getProperty('a');
    expect(opts.calls.byMethod()).toEqual({
      'Properties.getProperty': 1,
      'Properties.setProperty': 1,
      'PropertiesService.getScriptProperties': 1,
    });
  });
});

describe('CacheService — developers.google.com/apps-script/reference/cache/cache', () => {
  test('put/get with the default 600 s lifetime, measured against now()', () => {
    const cache = createServices(options()).CacheService.getScriptCache();
    cache.put('k', 'v');
    clock = new Date(clock.getTime() + 599_000);
    expect(cache.get('k')).toBe('v');
    clock = new Date(clock.getTime() + 1_000);
    expect(cache.get('k')).toBeNull();
  });

  test('expirationInSeconds is capped at 21600 (6 hours)', () => {
    const cache = createServices(options()).CacheService.getDocumentCache()!;
    cache.put('k', 'v', 100_000);
    clock = new Date(clock.getTime() + 6 * HOUR - 1000);
    expect(cache.get('k')).toBe('v');
    clock = new Date(clock.getTime() + 1000);
    expect(cache.get('k')).toBeNull();
  });

  test('putAll/getAll return only live keys; remove/removeAll; caches are separate', () => {
    const s = createServices(options());
    const cache = s.CacheService.getUserCache();
    cache.putAll({ a: '1', b: '2', c: '3' }, 60);
    expect(cache.getAll(['a', 'b', 'zzz'])).toEqual({ a: '1', b: '2' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    expect(s.CacheService.getScriptCache().get('c')).toBeNull();
    expect(
      createServices(options({ userEmail: 'x@example.com' }))
        .CacheService.getUserCache()
        .get('c'),
    ).toBeNull();
  });

  test('keys over 250 characters are refused', () => {
    const cache = createServices(options()).CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
  });
});

describe('LockService — developers.google.com/apps-script/reference/lock/lock', () => {
  test('tryLock/hasLock/releaseLock; another execution cannot take a held lock', () => {
    const a = createServices(options());
    const b = createServices(options());
    const lockA = a.LockService.getDocumentLock();
    expect(lockA.hasLock()).toBe(false);
    expect(lockA.tryLock(0)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    // Same execution, same lock: a second Lock object sees it held.
    expect(a.LockService.getDocumentLock().hasLock()).toBe(true);
    const lockB = b.LockService.getDocumentLock();
    expect(lockB.tryLock(50)).toBe(false);
    expect(lockB.hasLock()).toBe(false);
    // Kinds are separate locks.
    expect(b.LockService.getScriptLock().tryLock(0)).toBe(true);
    lockB.releaseLock(); // not held: no effect
    expect(lockA.hasLock()).toBe(true);
    lockA.releaseLock();
    expect(lockB.tryLock(0)).toBe(true);
    lockB.releaseLock();
  });

  test('waitLock throws the documented timeout message', () => {
    const a = createServices(options());
    const b = createServices(options());
    a.LockService.getScriptLock().waitLock(100);
    const started = Date.now();
    expect(() => b.LockService.getScriptLock().waitLock(150)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(LOCK_TIMEOUT_MESSAGE).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  test('a lock left by a process that has died is taken over', () => {
    const lockDir = `${options().statePath}.document.lock`;
    fs.mkdirSync(lockDir);
    // pid 2^22+1 exceeds Linux's pid_max default, so no such process is alive.
    fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: 4194305, token: 'gone' }));
    expect(createServices(options()).LockService.getDocumentLock().tryLock(100)).toBe(true);
  });

  test('two OS processes contending for the document lock are serialized', async () => {
    const fixture = path.join(__dirname, 'fixtures', 'lockContender.cjs');
    const logFile = path.join(dir, 'lock.log');
    const statePath = options().statePath;
    const run = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [fixture, statePath, logFile, name, '60', '3'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited ${code}: ${err}`))));
      });
    await Promise.all([run('a'), run('b')]);
    const events = fs
      .readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [kind, who, at] = line.split(' ');
        return { kind, who, at: Number(at) };
      });
    expect(events).toHaveLength(12);
    // Enter and exit alternate, and each exit belongs to the execution that entered just before it.
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i].kind).toBe('enter');
      expect(events[i + 1]).toMatchObject({ kind: 'exit', who: events[i].who });
      if (i > 0) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
    }
    expect(new Set(events.map((e) => e.who))).toEqual(new Set(['a', 'b']));
    // No lost update: six increments under the lock.
    expect(createServices(options()).PropertiesService.getDocumentProperties().getProperty('counter')).toBe('6');
  }, 15_000);
});

describe('ScriptApp triggers — developers.google.com/apps-script/reference/script/script-app', () => {
  test('time-based and spreadsheet triggers: handler, event type, source, unique id; delete', () => {
    const s = createServices(options());
    const daily = s.ScriptApp.newTrigger('sendDigest')
      .timeBased()
      .atHour(7)
      .nearMinute(30)
      .everyDays(1)
      .inTimezone('America/New_York')
      .create();
    const onEdit = s.ScriptApp.newTrigger('handleEdit').forSpreadsheet('sheet-1').onEdit().create();
    const onOpen = s.ScriptApp.newTrigger('handleOpen')
      .forSpreadsheet({ getId: () => 'sheet-1' } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
      .onOpen()
      .create();
    expect(daily.getHandlerFunction()).toBe('sendDigest');
    // Enums print as their names, as the add-on's String(e.authMode) === String(ScriptApp.AuthMode.NONE) expects.
    expect(String(s.ScriptApp.AuthMode.NONE)).toBe('NONE');
    expect(String(daily.getEventType())).toBe('CLOCK');
    expect(daily.getEventType()).toBe(s.ScriptApp.EventType.CLOCK);
    expect(daily.getTriggerSource()).toBe(s.ScriptApp.TriggerSource.CLOCK);
    expect(onEdit.getEventType()).toBe(s.ScriptApp.EventType.ON_EDIT);
    expect(onEdit.getTriggerSource()).toBe(s.ScriptApp.TriggerSource.SPREADSHEETS);
    expect(onEdit.getTriggerSourceId()).toBe('sheet-1');
    expect(onOpen.getEventType()).toBe(s.ScriptApp.EventType.ON_OPEN);
    expect(new Set([daily, onEdit, onOpen].map((t) => t.getUniqueId())).size).toBe(3);
    expect(s.ScriptApp.getProjectTriggers()).toHaveLength(3);
    expect(
      s.ScriptApp.getUserTriggers({
        getId: () => 'other-sheet',
      } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet).map((t) => t.getHandlerFunction()),
    ).toEqual(['sendDigest']);
    s.ScriptApp.deleteTrigger(onEdit);
    expect(s.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['sendDigest', 'handleOpen']);
    // Another user does not see them (installable triggers belong to their creator).
    expect(createServices(options({ userEmail: 'other@example.com' })).ScriptApp.getProjectTriggers()).toEqual([]);
  });

  test('everyHours accepts only 1, 2, 4, 6, 8 or 12 (clock-trigger-builder#everyHours)', () => {
    const s = createServices(options({ editorAddOn: false }));
    expect(() => s.ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow(
      'everyHours must be one of 1, 2, 4, 6, 8, 12',
    );
    for (const n of [1, 2, 4, 6, 8, 12]) s.ScriptApp.newTrigger(`f${n}`).timeBased().everyHours(n).create();
    expect(s.ScriptApp.getProjectTriggers()).toHaveLength(6);
  });

  test('editor add-on rules: one trigger per event type per user per document, nothing more often than hourly', () => {
    const s = createServices(options());
    s.ScriptApp.newTrigger('runHourly').timeBased().everyHours(1).create();
    expect(() => s.ScriptApp.newTrigger('again').timeBased().everyDays(1).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(() => s.ScriptApp.newTrigger('often').timeBased().everyMinutes(5)).toThrow('at most once per hour');
    s.ScriptApp.newTrigger('handleEdit').forSpreadsheet('sheet-1').onEdit().create();
    expect(() => s.ScriptApp.newTrigger('handleEdit2').forSpreadsheet('sheet-1').onEdit().create()).toThrow(
      'too many edit triggers',
    );
    // Another user may have their own.
    createServices(options({ userEmail: 'other@example.com' }))
      .ScriptApp.newTrigger('runHourly')
      .timeBased()
      .everyHours(1)
      .create();
  });

  test('dueTimeTriggers lists firings between two times in the trigger time zone, across a DST change', () => {
    const s = createServices(options({ editorAddOn: false }));
    s.ScriptApp.newTrigger('sendDigest').timeBased().atHour(7).nearMinute(0).everyDays(1).create();
    s.ScriptApp.newTrigger('runSixHourly').timeBased().everyHours(6).nearMinute(15).create();
    s.ScriptApp.newTrigger('once').timeBased().at(new Date('2024-07-05T00:00:00Z')).create();
    const due = s.dueTimeTriggers(new Date('2024-07-04T13:00:00Z'), new Date('2024-07-05T13:00:00Z'));
    expect(due.map((d) => [d.handler, d.at.toISOString()])).toEqual([
      ['runSixHourly', '2024-07-04T16:15:00.000Z'], // 12:15 EDT
      ['runSixHourly', '2024-07-04T22:15:00.000Z'], // 18:15 EDT
      ['once', '2024-07-05T00:00:00.000Z'],
      ['runSixHourly', '2024-07-05T04:15:00.000Z'], // 00:15 EDT
      ['runSixHourly', '2024-07-05T10:15:00.000Z'], // 06:15 EDT
      ['sendDigest', '2024-07-05T11:00:00.000Z'], // 07:00 EDT
    ]);
    // 07:00 New York is 11:00Z in summer and 12:00Z after the clocks go back (2024-11-03).
    clock = new Date('2024-11-01T12:00:00Z');
    const t = createServices(options({ editorAddOn: false }));
    t.ScriptApp.getProjectTriggers().forEach((trigger) => t.ScriptApp.deleteTrigger(trigger));
    t.ScriptApp.newTrigger('sendDigest').timeBased().atHour(7).everyDays(1).nearMinute(0).create();
    expect(
      t
        .dueTimeTriggers(new Date('2024-11-01T12:00:00Z'), new Date('2024-11-05T00:00:00Z'))
        .map((d) => d.at.toISOString()),
    ).toEqual(['2024-11-02T11:00:00.000Z', '2024-11-03T12:00:00.000Z', '2024-11-04T12:00:00.000Z']);
  });

  test('everyDays(2) fires every other day from the day it was created', () => {
    const s = createServices(options());
    s.ScriptApp.newTrigger('f').timeBased().everyDays(2).atHour(10).nearMinute(0).create();
    const due = s.dueTimeTriggers(clock, new Date(clock.getTime() + 5 * 24 * HOUR));
    expect(due.map((d) => d.at.toISOString())).toEqual([
      '2024-07-04T14:00:00.000Z',
      '2024-07-06T14:00:00.000Z',
      '2024-07-08T14:00:00.000Z',
    ]);
  });
});

describe('MailApp — developers.google.com/apps-script/reference/mail/mail-app', () => {
  test('sendEmail writes an RFC 822 .eml per message to the outbox and lists it', async () => {
    const s = createServices(options());
    s.MailApp.sendEmail('owner@example.com', 'Digest', 'plain body', {
      htmlBody: '<p>Hello <b>owner</b></p>',
      name: 'PartnerPulse',
      cc: 'boss@example.com',
      replyTo: 'admin@example.com',
    });
    s.MailApp.sendEmail({ to: 'b@example.com', subject: 'Second', body: 'two' });
    expect(s.outbox.map((m) => m.subject)).toEqual(['Digest', 'Second']);
    const files = fs.readdirSync(options().outboxDir).sort();
    expect(files).toHaveLength(2);
    expect(files.map((f) => path.join(options().outboxDir, f))).toEqual(s.outbox.map((m) => m.file));
    expect(files[0]).toMatch(/^2024-07-04T13-00-00-000Z-0001-\d+\.eml$/);
    expect(files[1]).toMatch(/^2024-07-04T13-00-00-000Z-0002-\d+\.eml$/);
    const parsed = await simpleParser(fs.readFileSync(s.outbox[0].file));
    expect(parsed.subject).toBe('Digest');
    expect(parsed.text?.trim()).toBe('plain body');
    expect(parsed.html).toContain('<b>owner</b>');
    expect(parsed.from?.text).toBe('"PartnerPulse" <pm@example.com>');
    expect(parsed.replyTo?.text).toBe('admin@example.com');
    expect(parsed.date?.toISOString()).toBe(clock.toISOString());
    expect(s.MailApp.getRemainingDailyQuota()).toBe(97); // three recipients: to, cc, and b@
  });

  test('an invalid address throws "Invalid email: X" and uses no quota', () => {
    const s = createServices(options());
    expect(() => s.MailApp.sendEmail('not-an-address', 'x', 'y')).toThrow('Invalid email: not-an-address');
    expect(s.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('quota 2: the third send throws, remaining is 0, and it renews 24 h after the first send (persisted)', () => {
    const s = createServices(options({ dailyMailQuota: 2 }));
    s.MailApp.sendEmail('a@example.com', 's1', 'b');
    clock = new Date(clock.getTime() + HOUR);
    s.MailApp.sendEmail('b@example.com', 's2', 'b');
    expect(() => s.MailApp.sendEmail('c@example.com', 's3', 'b')).toThrow(QUOTA_MESSAGE);
    expect(QUOTA_MESSAGE).toBe('Service invoked too many times for one day: email.');
    expect(s.MailApp.getRemainingDailyQuota()).toBe(0);
    expect(s.outbox).toHaveLength(2);
    // A later run shares the same window.
    clock = new Date('2024-07-05T12:59:59Z');
    expect(createServices(options({ dailyMailQuota: 2 })).MailApp.getRemainingDailyQuota()).toBe(0);
    clock = new Date('2024-07-05T13:00:00Z');
    const later = createServices(options({ dailyMailQuota: 2 }));
    expect(later.MailApp.getRemainingDailyQuota()).toBe(2);
    later.MailApp.sendEmail('c@example.com', 's3', 'b');
    expect(later.MailApp.getRemainingDailyQuota()).toBe(1);
  });

  test('a rate limit, when set, throws Apps Script\'s "too many times in a short time" and passes once the window has', () => {
    const s = createServices(options({ mailRateLimit: { sends: 2, perMs: 1000 } }));
    s.MailApp.sendEmail('a@example.com', 's1', 'b');
    s.MailApp.sendEmail('b@example.com', 's2', 'b');
    expect(() => s.MailApp.sendEmail('c@example.com', 's3', 'b')).toThrow(RATE_MESSAGE);
    expect(RATE_MESSAGE).toBe(
      'Service invoked too many times in a short time: email. Try Utilities.sleep(1000) between calls.',
    );
    clock = new Date(clock.getTime() + 1000);
    s.MailApp.sendEmail('c@example.com', 's3', 'b');
    expect(s.outbox.map((m) => m.subject)).toEqual(['s1', 's2', 's3']);
    expect(s.MailApp.getRemainingDailyQuota()).toBe(97); // the refused send used no quota
  });

  test('with smtp set, mail reaches a loopback SMTP server as a message mailparser reads', async () => {
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    const sink = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'smtpSink.cjs'), inbox], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve) =>
        sink.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
      );
      const s = createServices(options({ smtp: { host: '127.0.0.1', port } }));
      s.MailApp.sendEmail({
        to: 'owner@example.com',
        bcc: 'audit@example.com',
        subject: 'Partner digest — 3 items',
        body: 'Text version',
        htmlBody: '<h1>Digest</h1><p>3 items</p>',
      });
      expect(fs.readdirSync(inbox).sort()).toEqual(['1.eml', '1.json']);
      const envelope = JSON.parse(fs.readFileSync(path.join(inbox, '1.json'), 'utf8'));
      expect(envelope).toEqual({ from: 'pm@example.com', to: ['owner@example.com', 'audit@example.com'] });
      const parsed = await simpleParser(fs.readFileSync(path.join(inbox, '1.eml')));
      expect(parsed.subject).toBe('Partner digest — 3 items');
      expect(parsed.text?.trim()).toBe('Text version');
      expect(parsed.html).toContain('<h1>Digest</h1>');
      // Bcc travels in the envelope only.
      expect(parsed.headers.has('bcc')).toBe(false);
    } finally {
      sink.kill('SIGTERM');
    }
  });
});

describe('HtmlService — developers.google.com/apps-script/reference/html/html-service, guides/html/templates', () => {
  test('HtmlOutput: title, size, content, append, modes, meta tags', () => {
    const { HtmlService } = createServices(options());
    const out = HtmlService.createHtmlOutput('<p>a</p>')
      .setTitle('PartnerPulse')
      .setWidth(300)
      .setHeight(200)
      .append('<p>b</p>')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width');
    expect(out.getContent()).toBe('<p>a</p><p>b</p>');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['PartnerPulse', 300, 200]);
    expect(out.getMetaTags().map((t) => [t.getName(), t.getContent()])).toEqual([['viewport', 'width=device-width']]);
  });

  test('createHtmlOutputFromFile reads htmlRoot/name.html as is, without running scriptlets', () => {
    fs.mkdirSync(path.join(dir, 'html'));
    fs.writeFileSync(path.join(dir, 'html', 'sidebar.html'), '<div><?= x ?></div>');
    const { HtmlService } = createServices(options());
    expect(HtmlService.createHtmlOutputFromFile('sidebar').getContent()).toBe('<div><?= x ?></div>');
    expect(() => HtmlService.createHtmlOutputFromFile('nope')).toThrow('No HTML file named nope was found.');
  });

  test('templates: <? ?> code, <?= ?> escaped in content and attributes, <?!= ?> raw, variables as properties', () => {
    fs.mkdirSync(path.join(dir, 'html'));
    fs.writeFileSync(
      path.join(dir, 'html', 'digest.html'),
      '<ul><? for (const p of partners) { ?><li title="<?= p ?>"><?= p ?></li><? } ?></ul><?!= footer ?>',
    );
    const { HtmlService } = createServices(options());
    const t = HtmlService.createTemplateFromFile('digest');
    t.partners = [`Tom & Jerry's <"Co">`, 'Acme'];
    t.footer = '<hr>';
    expect(t.evaluate().getContent()).toBe(
      '<ul><li title="Tom &amp; Jerry&#39;s &lt;&quot;Co&quot;&gt;">Tom &amp; Jerry&#39;s &lt;&quot;Co&quot;&gt;</li><li title="Acme">Acme</li></ul><hr>',
    );
  });

  test('inside <script>, <?= ?> prints a JavaScript literal that cannot close the tag', () => {
    const { HtmlService } = createServices(options());
    const t = HtmlService.createTemplate('<script>var data = <?= data ?>;</script><p><?= data.name ?></p>');
    t.data = { name: '</script><b>' };
    expect(t.evaluate().getContent()).toBe(
      '<script>var data = {"name":"\\u003c/script\\u003e\\u003cb\\u003e"};</script><p>&lt;/script&gt;&lt;b&gt;</p>',
    );
  });

  test('templates see the runtime globals (e.g. include) and output.append', () => {
    const s = createServices(options());
    s.setTemplateGlobals({ include: (name: string) => `[${name}]` });
    const t = s.HtmlService.createTemplate(
      '<?!= include("css") ?><? output.append("<i>x</i>") ?><?= Math.max(1, 2) ?>',
    );
    expect(t.evaluate().getContent()).toBe('[css]<i>x</i>2');
  });
});

describe('Session, Utilities, Logger, console', () => {
  test('Session: script time zone and user e-mail (reference/base/session)', () => {
    const { Session } = createServices(options());
    expect(Session.getScriptTimeZone()).toBe('America/New_York');
    expect(Session.getActiveUser().getEmail()).toBe('pm@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('pm@example.com');
    const key = Session.getTemporaryActiveUserKey();
    expect(key).toMatch(/^[A-Za-z0-9+/]{20,}$/);
    expect(createServices(options()).Session.getTemporaryActiveUserKey()).toBe(key);
  });

  test('Utilities.formatDate converts time zones with SimpleDateFormat letters (reference/utilities/utilities#formatDate)', () => {
    const d = new Date('2024-07-04T04:05:06.007Z');
    expect(formatDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm:ss')).toBe('2024-07-04 00:05:06');
    expect(formatDate(d, 'America/New_York', 'EEE, MMM d, yyyy h:mm a z')).toBe('Thu, Jul 4, 2024 12:05 AM EDT');
    expect(formatDate(d, 'Asia/Kolkata', 'EEEE dd MMMM yy HH:mm Z')).toBe('Thursday 04 July 24 09:35 +0530');
    expect(formatDate(new Date('2024-01-15T17:00:00Z'), 'America/New_York', "h 'o''clock' a z")).toBe(
      "12 o'clock PM EST",
    );
    expect(formatDate(d, 'UTC', 'HH:mm:ss.SSS')).toBe('04:05:06.007');
    expect(() => formatDate(d, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  test('Utilities: getUuid, base64, newBlob, sleep', () => {
    const { Utilities } = createServices(options());
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(Utilities.base64Decode('aMOpbGxv')).toEqual([104, -61, -87, 108, 108, 111]);
    expect(Utilities.newBlob('text', 'text/plain', 'a.txt').getDataAsString()).toBe('text');
    const calls = new CallLog({ default: 1 });
    const paused = createServices(options({ calls })).Utilities;
    const started = Date.now();
    paused.sleep(10_000); // does not really wait 10 s…
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls.estimatedAppsScriptMs()).toBe(10_000 + 1); // …but Apps Script's clock moves on by it (+ the call)
  });

  test('Logger and console write to the run log; getLog returns Logger lines', () => {
    const s = createServices(options());
    s.Logger.log('sent %s digests', 3);
    s.Logger.log({ a: 1 });
    s.console.warn('deferred', 2, 'mails');
    s.console.error('boom');
    expect(s.runLog.map((e) => [e.level, e.message])).toEqual([
      ['Logger', 'sent 3 digests'],
      ['Logger', '{"a":1}'],
      ['warn', 'deferred 2 mails'],
      ['error', 'boom'],
    ]);
    expect(s.Logger.getLog()).toBe('[24-07-04 09:00:00:000 EDT] sent 3 digests\n[24-07-04 09:00:00:000 EDT] {"a":1}');
  });
});

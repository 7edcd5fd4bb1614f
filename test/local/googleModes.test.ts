// The local runtime models where Google is less friendly than a plain call (docs/google-fidelity.md):
// authorization modes (reference/script/auth-mode; add-ons/concepts/editor-auth-lifecycle), custom functions'
// allowed services (guides/sheets/functions), time-driven triggers' event and document context
// (guides/triggers/events; reference/lock/lock-service), lapsed authorization (reference/script/authorization-info)
// and the add-on menu's caption in a bound copy.
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

function workbook(): WorkbookModel {
  const model = new WorkbookModel('gm', 'Modes test', 'America/New_York');
  const sheet = model.addSheet('Partners');
  sheet.ensure(1, 1).value = 'Partner';
  sheet.ensure(2, 1).value = 'Acme';
  return model;
}

const SCRIPT = `
var seen = [];
function attempt(label, fn) { try { fn(); seen.push(label + ': ok'); } catch (e) { seen.push(label + ': ' + e.message); } }
function onOpen(e) {
  seen = ['mode ' + e.authMode];
  attempt('menu', function () { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(); });
  attempt('properties', function () { PropertiesService.getDocumentProperties().getProperty('x'); });
  attempt('sheet', function () { SpreadsheetApp.getActiveSpreadsheet().getName(); });
  attempt('triggers', function () { ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()); });
  attempt('mail', function () { MailApp.getRemainingDailyQuota(); });
  attempt('user', function () { Session.getEffectiveUser().getEmail(); });
  attempt('lock', function () { LockService.getDocumentLock(); });
  return seen;
}
function onEdit(e) { var a1; try { a1 = e.range.getA1Notation(); } catch (err) { a1 = err.message; } return [String(e.authMode), a1, e.value]; }
function onInstall(e) { return String(e.authMode); }
function readSeen() { return seen; }
/** @customfunction */
function MAILER(x) { MailApp.sendEmail('a@example.com', 's', 'b'); return x; }
/** @customfunction */
function WRITER(x) { SpreadsheetApp.getActiveSheet().getRange('C1').setValue(1); return x; }
/** @customfunction */
function READER(x) { return SpreadsheetApp.getActiveSheet().getRange('A2').getValue() + PropertiesService.getDocumentProperties().getKeys().length; }
function hourly(e) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var lock = LockService.getDocumentLock();
  var ui; try { SpreadsheetApp.getUi(); ui = 'ui'; } catch (err) { ui = err.message; }
  PropertiesService.getScriptProperties().setProperty('fired', JSON.stringify({ e: e, ss: ss ? ss.getName() : null, lock: lock === null ? null : 'lock', ui: ui }));
}
function install() { ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(); }
function authStatus() { return String(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()); }
function writeFromTrigger() { SpreadsheetApp.getActiveSpreadsheet().getName(); }
function source() { return String(ScriptApp.getInstallationSource()); }
`;

describe('authorization modes', () => {
  test("onOpen runs in LIMITED by default: the document, menus and Properties yes; triggers, mail and the user's identity refused", async () => {
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT });
    expect(runtime.open()).toEqual([
      'mode LIMITED',
      'menu: ok',
      'properties: ok',
      'sheet: ok',
      'triggers: You do not have permission to call ScriptApp.getUserTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      'mail: You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail',
      'user: You do not have permission to call Session.getEffectiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
      'lock: ok',
    ]);
    // A menu item runs in FULL: the same calls work.
    expect(() => runtime.call('readSeen')).not.toThrow();
  });

  test('in NONE only menus (and Logger, Utilities) work; in FULL everything does', async () => {
    const none = await createRuntime({ workbook: workbook(), code: SCRIPT, authMode: 'NONE' });
    const seen = none.open() as string[];
    expect(seen.slice(0, 2)).toEqual(['mode NONE', 'menu: ok']);
    expect(seen.slice(2).every((line) => line.includes('You do not have permission to call'))).toBe(true);
    const full = await createRuntime({ workbook: workbook(), code: SCRIPT, authMode: 'FULL' });
    expect((full.open() as string[]).filter((line) => !line.endsWith('ok'))).toEqual(['mode FULL']);
  });

  test('onEdit gets the edit event with its mode (in NONE even its range is refused); onInstall runs in FULL', async () => {
    const limited = await createRuntime({ workbook: workbook(), code: SCRIPT });
    expect(limited.edit('A2', { value: 'Acme' })).toEqual(['LIMITED', 'A2', 'Acme']);
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, authMode: 'NONE' });
    expect(runtime.edit('A2', { value: 'Acme' })).toEqual([
      'NONE',
      'You do not have permission to call SpreadsheetApp.Range.getA1Notation. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly',
      'Acme',
    ]);
    expect(runtime.install()).toBe('FULL');
  });

  test("custom functions may read the sheet and Properties, not write or send mail (Google's message in the cell)", async () => {
    const model = workbook();
    const sheet = model.sheet('Partners')!;
    sheet.ensure(1, 2).formula = '=MAILER(1)';
    sheet.ensure(2, 2).formula = '=WRITER(1)';
    sheet.ensure(3, 2).formula = '=READER(1)';
    const runtime = await createRuntime({ workbook: model, code: SCRIPT });
    runtime.evaluateFormulas();
    expect(sheet.cell(1, 2)?.error).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(sheet.cell(2, 2)?.error).toBe(
      'You do not have permission to call SpreadsheetApp.Range.setValue. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(sheet.cell(3, 2)?.value).toBe('Acme0');
    expect(sheet.cell(1, 3)).toBeUndefined();
  });
});

describe('time-driven triggers', () => {
  test('fire runs each trigger due since it last fired, once, in FULL with the time-driven event; no UI', async () => {
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, now: new Date('2026-12-01T09:10:00Z') });
    runtime.call('install');
    expect(runtime.fire(new Date('2026-12-01T09:50:00Z'))).toEqual([]); // created at 09:10: first due 10:10
    const fired = runtime.fire(new Date('2026-12-01T12:30:00Z'));
    expect(fired.map((f) => [f.handler, f.ok, f.dueAt.toISOString()])).toEqual([
      ['hourly', true, '2026-12-01T12:10:00.000Z'],
    ]);
    const seen = JSON.parse(runtime.services.PropertiesService.getScriptProperties().getProperty('fired')!);
    expect(seen.e).toEqual(
      expect.objectContaining({
        authMode: 'FULL',
        triggerUid: fired[0].triggerUid,
        year: 2026,
        month: 12,
        'day-of-month': 1,
        hour: 12,
        minute: 10,
        timezone: 'UTC',
      }),
    );
    expect(seen).toEqual(
      expect.objectContaining({
        ss: 'Modes test',
        lock: 'lock',
        ui: 'Cannot call SpreadsheetApp.getUi() from this context.',
      }),
    );
    expect(runtime.fire(new Date('2026-12-01T12:30:00Z'))).toEqual([]); // already fired for 12:10
  });

  test('with triggerDocument false a trigger has no active spreadsheet and a null document lock', async () => {
    const runtime = await createRuntime({
      workbook: workbook(),
      code: SCRIPT,
      now: new Date('2026-12-01T09:10:00Z'),
      triggerDocument: false,
    });
    runtime.call('install');
    runtime.fire(new Date('2026-12-01T10:30:00Z'));
    const seen = JSON.parse(runtime.services.PropertiesService.getScriptProperties().getProperty('fired')!);
    expect(seen).toEqual(expect.objectContaining({ ss: null, lock: null }));
    // A menu click still has the document.
    expect(runtime.call('authStatus')).toBe('NOT_REQUIRED');
  });

  test("lapsed authorization: REQUIRED, and a trigger's spreadsheet calls fail as Apps Script stops them", async () => {
    const runtime = await createRuntime({
      workbook: workbook(),
      code: SCRIPT,
      authorizationRequired: true,
      now: new Date('2026-12-01T09:10:00Z'),
    });
    expect(runtime.call('authStatus')).toBe('REQUIRED');
    runtime.call('install');
    runtime.services.PropertiesService.getScriptProperties().deleteProperty('fired');
    const [report] = runtime.fire(new Date('2026-12-01T10:30:00Z'));
    expect(report).toEqual(
      expect.objectContaining({ ok: false, error: 'Authorization is required to perform that action.' }),
    );
  });
});

describe('bound copy', () => {
  test("createAddonMenu is captioned PartnerPulse when installed, and with the script project's name in a bound copy", async () => {
    const addon = await createRuntime({ workbook: workbook(), code: SCRIPT });
    addon.open();
    expect(addon.ui.menus.map((m) => m.caption)).toEqual(['Extensions › PartnerPulse']);
    expect(addon.call('source')).toBe('WEB_STORE_ADD_ON');
    const bound = await createRuntime({ workbook: workbook(), code: SCRIPT, mode: 'bound' });
    bound.open();
    expect(bound.ui.menus.map((m) => m.caption)).toEqual(['Extensions › Untitled project']);
    expect(bound.call('source')).toBe('NONE');
  });
});

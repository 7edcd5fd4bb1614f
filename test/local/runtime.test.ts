// The vm runtime: Apps Script's global scope (developers.google.com/apps-script/guides/v8-runtime), menus
// (developers.google.com/apps-script/reference/base/ui, …/base/menu) and the execution time limit
// (developers.google.com/apps-script/guides/services/quotas: 6 min per execution, 30 s per custom function).
import { createRuntime, EXCEEDED_MESSAGE } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

function workbook(): WorkbookModel {
  const model = new WorkbookModel('rt', 'Runtime test', 'America/New_York');
  const sheet = model.addSheet('Partners');
  sheet.ensure(1, 1).value = 'Partner';
  sheet.ensure(2, 1).value = 'Acme';
  return model;
}

const SCRIPT = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('PartnerPulse')
    .addItem('Open cockpit', 'showCockpit')
    .addSeparator()
    .addSubMenu(SpreadsheetApp.getUi().createMenu('Admin').addItem('Settings', 'showSettings'))
    .addToUi();
}
function whatIsThere() { return [typeof require, typeof module, typeof process, typeof setTimeout, typeof SpreadsheetApp, typeof PropertiesService]; }
function today() { return new Date(); }
function isDate(d) { return d instanceof Date; }
function readDate() { return SpreadsheetApp.getActiveSheet().getRange('B2').getValue() instanceof Date; }
function slowLoop() { var sheet = SpreadsheetApp.getActiveSheet(); for (var i = 0; i < 100000; i++) sheet.getRange(2, 1).setValue(i); }
function swallow() { try { slowLoop(); } catch (e) {} return 'done'; }
`;

describe('runtime', () => {
  test("the add-on's global scope has Apps Script services and no require, module, process or timers", async () => {
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT });
    expect(runtime.call('whatIsThere')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'object',
      'object',
    ]);
    expect(() => runtime.call('nothing')).toThrow('Script function not found: nothing');
  });

  test('onOpen records the menu (developers.google.com/apps-script/reference/base/menu)', async () => {
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT });
    runtime.call('onOpen');
    expect(runtime.ui.menus).toEqual([
      {
        caption: 'PartnerPulse',
        entries: [
          { item: 'Open cockpit', functionName: 'showCockpit' },
          { separator: true },
          { subMenu: { caption: 'Admin', entries: [{ item: 'Settings', functionName: 'showSettings' }] } },
        ],
      },
    ]);
    expect(runtime.calls.totalFor('Ui')).toBe(7); // 2 createMenu, 2 addItem, addSeparator, addSubMenu, addToUi
  });

  test('the clock starts at `now` and advances with the estimated Apps Script time of each call', async () => {
    const model = workbook();
    model.sheet('Partners')!.ensure(2, 2).value = new Date(2026, 0, 5);
    const runtime = await createRuntime({ workbook: model, code: SCRIPT, now: new Date(2026, 11, 1, 7) });
    const first = runtime.call('today') as Date;
    expect(Math.abs(first.getTime() - new Date(2026, 11, 1, 7).getTime())).toBeLessThan(2000);
    expect(runtime.call('isDate', new Date())).toBe(true);
    expect(runtime.call('readDate')).toBe(true);
    const before = runtime.now().getTime();
    runtime.SpreadsheetApp.getActiveSheet()
      .getRange('A1:A2')
      .setValues([['x'], ['y']]);
    expect(runtime.now().getTime() - before).toBeGreaterThanOrEqual(300);
  });

  test('a run past the time limit ends with "Exceeded maximum execution time", even if the script catches it', async () => {
    const runtime = await createRuntime({ workbook: workbook(), code: SCRIPT, timeLimitMs: 10_000 });
    expect(() => runtime.call('slowLoop')).toThrow(EXCEEDED_MESSAGE);
    // 10 s at ~200 ms per setValue: about 50 calls, not 100 000.
    expect(runtime.calls.byMethod()['Range.setValue']).toBeLessThan(60);
    expect(() => runtime.call('swallow')).toThrow(EXCEEDED_MESSAGE);
  });
});

// The add-on as Google runs it (docs/google-fidelity.md): the hourly trigger fired with its event, with and
// without its spreadsheet, after its authorization lapsed; the menu in LIMITED and NONE; onEdit as a simple
// trigger; the menu's name in a bound copy.

import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
import {
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  setSettings,
  sheetRows,
  TIME_ZONE,
  tmp,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

async function sheetWithAutomation(options: { triggerDocument?: boolean; authorizationRequired?: boolean } = {}) {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(tmp(), 'outbox');
  const setUp = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T06:10'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
  });
  setUp.call('turnAutomationOn');
  await setUp.save();
  const runtime = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T09:30'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
    ...options,
  });
  return { path, outbox, runtime };
}

test("the fired hourly trigger does the day's work in its spreadsheet and logs the run", async () => {
  const { runtime, outbox } = await sheetWithAutomation();
  const fired = runtime.fire();
  expect(fired.map((f) => [f.handler, f.ok, f.error])).toEqual([['runHourly', true, undefined]]);
  expect(
    sheetRows(runtime, 'Run log')
      .slice(1)
      .map((r) => [r[1], r[2]]),
  ).toEqual([['hourly', 'ok']]);
  expect(emlFiles(outbox).length).toBe(5); // one digest per owner
});

test("a trigger run that gets no spreadsheet e-mails the trigger's owner what to do, and stops cleanly", async () => {
  const { runtime, outbox } = await sheetWithAutomation({ triggerDocument: false });
  const fired = runtime.fire();
  expect(fired.map((f) => [f.ok, f.error])).toEqual([[true, undefined]]);
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => [recipientsOf(m), m.subject])).toEqual([
    [['pm@example.com'], 'PartnerPulse: the hourly run could not open "partners"'],
  ]);
  expect(mails[0].text).toContain("Send today's alerts now");
  expect(mails[0].text).toContain('https://docs.google.com/spreadsheets/d/');
  // Once a day, not every hour.
  runtime.fire(at('2026-12-01T12:30'));
  expect(emlFiles(outbox).length).toBe(1);
});

test('a trigger run whose authorization lapsed stops before touching the sheet and asks its owner to re-authorize', async () => {
  const { runtime, outbox } = await sheetWithAutomation({ authorizationRequired: true });
  const fired = runtime.fire();
  expect(fired.map((f) => [f.ok, f.error])).toEqual([[true, undefined]]);
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => [recipientsOf(m), m.subject])).toEqual([
    [['pm@example.com'], 'PartnerPulse needs you to authorize it again'],
  ]);
  expect(mails[0].text).toContain('https://script.google.com/macros/d/partnerpulse-local/authorize');
  runtime.fire(at('2026-12-01T12:30'));
  expect(emlFiles(outbox).length).toBe(1);
});

test("a failed trigger run with no admin address tells the trigger's owner", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  model.sheet('Partners')!.name = 'Partner list';
  const path = await writeWorkbook(model);
  const outbox = join(tmp(), 'outbox');
  const setUp = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T06:10'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
  });
  setUp.call('turnAutomationOn');
  await setUp.save();
  const runtime = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T09:30'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
  });
  runtime.fire();
  expect(
    sheetRows(runtime, 'Run log')
      .slice(1)
      .map((r) => r[2]),
  ).toEqual(['failed']);
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => [recipientsOf(m), m.subject])).toEqual([
    [['pm@example.com'], 'PartnerPulse: the hourly run failed on "partners"'],
  ]);
});

test('the menu in LIMITED says whether automation is on, though the trigger list is refused there', async () => {
  const { runtime } = await sheetWithAutomation();
  runtime.open();
  const items = runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'));
  expect(items).toContain('Turn daily automation off (it is on)');
  runtime.call('turnAutomationOff');
  runtime.open();
  expect(runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'))).toContain(
    'Turn daily automation on (it is off)',
  );
});

test('in NONE the menu is built with the plain items', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const runtime = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T09:30'),
    timeZone: TIME_ZONE,
    authMode: 'NONE',
  });
  runtime.open();
  const items = runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'));
  expect(items[0]).toBe('Prepare QBR…');
  expect(items).toContain('Turn daily automation on');
});

test('the menu is named PartnerPulse in the add-on and in a bound copy', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const addon = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE });
  addon.open();
  expect(addon.ui.menus.map((m) => m.caption)).toEqual(['Extensions › PartnerPulse']);
  const bound = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE, mode: 'bound' });
  bound.open();
  expect(bound.ui.menus.map((m) => m.caption)).toEqual(['PartnerPulse']);
});

test('onEdit never throws: in LIMITED it recolors the edited row, in NONE it leaves the sheet alone', async () => {
  for (const authMode of ['LIMITED', 'NONE'] as const) {
    const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
    await setSettings(path, {});
    const runtime = await createRuntime({
      workbookPath: path,
      now: at('2026-12-01T09:30'),
      timeZone: TIME_ZONE,
      authMode,
    });
    expect(() => runtime.edit('G3', { value: 5 })).not.toThrow();
    expect([authMode, runtime.workbook.sheet('Partners')!.cell(3, 1)?.background !== undefined]).toEqual([
      authMode,
      authMode === 'LIMITED',
    ]);
  }
});

test('a bound copy or test deployment can start the hourly trigger in a minute, and turning automation on restores the hourly one', async () => {
  const path = await writeWorkbook(partnerWorkbook(FIVE_PARTNERS));
  const outbox = join(tmp(), 'outbox');
  const runtime = await createRuntime({
    workbookPath: path,
    now: at('2026-12-01T09:00'),
    timeZone: TIME_ZONE,
    outboxDir: outbox,
    mode: 'bound',
  });
  runtime.call('turnAutomationOn');
  runtime.open();
  const items = runtime.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'));
  expect(items).toContain('Test: run the hourly trigger in a minute');
  runtime.call('runHourlyTriggerSoon');
  const fired = runtime.fire(at('2026-12-01T09:02'));
  expect(fired.map((f) => [f.handler, f.ok])).toEqual([['runHourly', true]]);
  expect(
    sheetRows(runtime, 'Run log')
      .slice(1)
      .map((r) => [r[1], r[2]]),
  ).toEqual([['hourly', 'ok']]);
  runtime.call('turnAutomationOn');
  expect(runtime.fire(at('2026-12-01T11:30')).map((f) => f.handler)).toEqual(['runHourly']);
  const installed = await createRuntime({ workbookPath: path, timeZone: TIME_ZONE });
  installed.open();
  expect(installed.ui.menus[0].entries.map((e) => ('item' in e ? e.item : '—'))).not.toContain(
    'Test: run the hourly trigger in a minute',
  );
});

test('a run that cannot write its Run log row still tells someone', async () => {
  const { runtime, outbox } = await sheetWithAutomation();
  (runtime.spreadsheet as unknown as { insertSheet: () => never }).insertSheet = () => {
    throw new Error(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  };
  runtime.fire();
  const mails = await parseAll(emlFiles(outbox));
  const told = mails.filter((m) => m.subject === 'PartnerPulse: the hourly run failed on "partners"');
  expect(told.map((m) => recipientsOf(m))).toEqual([['pm@example.com']]);
  expect(told[0].text).toContain('The Run log could not be written: This action would increase the number of cells');
});

test("onEdit on a 10,000-row sheet finishes within a simple trigger's 30 seconds", async () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ ...FIVE_PARTNERS[i % 5], name: `Partner ${i + 1}` }));
  const path = await writeWorkbook(partnerWorkbook(rows));
  const runtime = await createRuntime({ workbookPath: path, now: at('2026-12-01T09:30'), timeZone: TIME_ZONE });
  expect(() => runtime.edit('G5000', { value: 60 })).not.toThrow();
  expect(runtime.workbook.sheet('Partners')!.cell(5000, 1)?.background).toBeDefined();
});

// Issue 15 item 1: every alert reaches a person. Admin items go to the admin address from Settings, else to
// whoever turned automation on; what still reaches nobody makes the run a warning that the menu, the sidebar
// and the admin's next digest show, with what to fix.
import { join } from 'node:path';
import type { WorkbookModel } from '../../local/workbook';
import type { QbrData } from '../../src/contracts/qbrSidebar';
import {
  alertLog,
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  setSettings,
  sheetRows,
  writeWorkbook,
} from './helpers';

jest.setTimeout(90_000);

const LEAD = 'lead@example.com';

/** Five owned partners, one without an owner, one with a name for an owner, and escalations of every path. */
function workbook(): WorkbookModel {
  const model = partnerWorkbook([
    ...FIVE_PARTNERS,
    { name: 'Orphan Corp', owner: null },
    { name: 'Named Owner Ltd', owner: 'Sarah Jones' },
  ]);
  const escalations = model.addSheet('Escalations');
  [
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    ['Alpha Cloud', 'Critical', new Date(2026, 11, 1, 1, 0), '', ''],
    ['Beta Systems', 'High', new Date(2026, 10, 29, 9, 0), '', ''],
    ['Orphan Corp', 'Medium', new Date(2026, 10, 28, 9, 0), '', ''],
    ['Gamma Data', 'Low', new Date(2026, 10, 27, 9, 0), '', ''],
    ['Delta Apps', 'Urgent', new Date(2026, 10, 27, 9, 0), '', ''],
  ].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') escalations.ensure(r + 1, c + 1).value = v;
    }),
  );
  return model;
}

test('with no admin address, everything for the admin goes to the person who turned automation on — nothing to nobody', async () => {
  const path = await writeWorkbook(workbook());
  const outbox = join(path, '..', 'outbox');
  expect(
    (await runOnce({ workbookPath: path, userEmail: LEAD, now: at('2026-12-01T08:00') }, 'turnAutomationOn')).error,
  ).toBeNull();
  // The trigger's run: Google may hide the address at run time; the one stored when automation was turned on is used.
  const { runtime, error } = await runOnce(
    { workbookPath: path, userEmail: '', now: at('2026-12-01T09:30'), outboxDir: outbox },
    'runHourly',
  );
  expect(error).toBeNull();
  const log = alertLog(runtime);
  expect(log.filter((r) => r.status !== 'sent')).toEqual([]);
  expect(log.filter((r) => r.recipient === '(no address)')).toEqual([]);
  const toLead = (await parseAll(emlFiles(outbox))).filter((m) => recipientsOf(m)[0] === LEAD);
  const text = toLead.map((m) => m.text ?? '').join('\n');
  expect(text).toContain('Orphan Corp — No owner: no owner assigned');
  expect(text).toContain('Named Owner Ltd — No owner: Owner "Sarah Jones" is not an e-mail address');
  expect(text).toContain('Critical escalation unanswered');
  expect(text).toContain('Escalations row 6 cannot be checked: Severity "Urgent"');
  expect(sheetRows(runtime, 'Run log').at(-1)?.[2]).toBe('ok');
});

test("items that reach nobody make the run a warning in the Run log, the menu and the sidebar; the admin's next digest lists them", async () => {
  const path = await writeWorkbook(workbook());
  const outbox = join(path, '..', 'outbox');
  // Nobody turned automation on here and Google gives no address: there is no one to send admin items to.
  const first = await runOnce(
    { workbookPath: path, userEmail: '', now: at('2026-12-01T09:30'), outboxDir: outbox },
    'runHourly',
  );
  expect(first.error).toBeNull();
  const runLog = sheetRows(first.runtime, 'Run log').at(-1)!;
  expect(runLog[2]).toBe('warning');
  expect(String(runLog[9])).toContain(
    'had nobody to go to: set the admin address in PartnerPulse → Settings, or turn daily automation on (its owner gets them)',
  );
  expect(alertLog(first.runtime).some((r) => r.status === 'no address')).toBe(true);

  // A later run the same day keeps the warning (the daily work is done, the problem is not).
  const later = await runOnce(
    { workbookPath: path, userEmail: 'pm@example.com', now: at('2026-12-01T11:30'), outboxDir: outbox },
    'onOpen',
  );
  const menu = later.runtime.ui.menus.at(-1)!;
  const firstItem = JSON.stringify(menu.entries[0]);
  expect(firstItem).toContain('⚠ Automation: alerts reached nobody');
  expect(firstItem).toContain('set the admin address in PartnerPulse → Settings');
  const sidebar = await runOnce(
    { workbookPath: path, userEmail: 'pm@example.com', now: at('2026-12-01T11:31'), selection: 'Partners!A2' },
    'getQbrData',
    null,
  );
  expect((sidebar.result as QbrData).automation).toContain('alerts reached nobody');

  // The admin address is set; the next day's digest to the admin says what reached nobody, and what to fix.
  await setSettings(path, { adminEmail: 'ops@example.com' });
  expect(
    (await runOnce({ workbookPath: path, userEmail: '', now: at('2026-12-02T09:30'), outboxDir: outbox }, 'runHourly'))
      .error,
  ).toBeNull();
  const opsDigest = (await parseAll(emlFiles(outbox))).filter(
    (m) => recipientsOf(m)[0] === 'ops@example.com' && !(m.subject ?? '').startsWith('PartnerPulse escalation:'),
  );
  expect(opsDigest).toHaveLength(1);
  expect(opsDigest[0].text).toContain('PartnerPulse could not deliver everything:');
  expect(opsDigest[0].text).toMatch(/2026-12-01: \d+ items? \(.*Orphan Corp.*\) had nobody to go to/);
});

test('a collaborator\'s "Send today\'s alerts now" sends the admin items to whoever turned automation on, not to the collaborator', async () => {
  const path = await writeWorkbook(workbook());
  const outbox = join(path, '..', 'outbox');
  expect(
    (await runOnce({ workbookPath: path, userEmail: LEAD, now: at('2026-12-01T06:00') }, 'turnAutomationOn')).error,
  ).toBeNull();
  const { runtime, error } = await runOnce(
    { workbookPath: path, userEmail: 'pm@example.com', now: at('2026-12-01T06:30'), outboxDir: outbox },
    'sendAlertsNow',
  );
  expect(error).toBeNull();
  expect(alertLog(runtime).map((r) => r.recipient)).toContain(LEAD);
  expect(alertLog(runtime).map((r) => r.recipient)).not.toContain('pm@example.com');
  expect(alertLog(runtime).filter((r) => r.status !== 'sent')).toEqual([]);
});

// Issue 15 item 2 in the built add-on: the owner column is chosen by what it holds, and turning automation on
// runs the header check and shows what it found.
import { join } from 'node:path';
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel } from '../../../local/workbook';
import { at, emlFiles, parseAll, recipientsOf, runOnce, TIME_ZONE, writeWorkbook } from '../../automation/helpers';

jest.setTimeout(60_000);

/** `Owner` holds names, `Owner email` the addresses; no QBR columns. */
function namesAndAddresses(): WorkbookModel {
  const model = new WorkbookModel('fixture', 'Owners', TIME_ZONE);
  const sheet = model.addSheet('Partners');
  const rows: unknown[][] = [
    ['Partner', 'Owner', 'Deals', 'Engagement', 'NPS', 'Strategic fit', 'Last contact', 'Owner email'],
    ['Acme', 'Sarah Jones', 2, 'Monthly', 20, 'Strong', '', 'sarah@example.com'],
    ['Globex', 'Tom Lee', 1, 'Monthly', 30, 'Weak', '', 'tom@example.com'],
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v as string | number;
    }),
  );
  return model;
}

test('with both Owner (names) and Owner email, the digests go to the addresses', async () => {
  const path = await writeWorkbook(namesAndAddresses());
  const outbox = join(path, '..', 'outbox');
  const { error } = await runOnce(
    { workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox },
    'sendAlertsNow',
  );
  expect(error).toBeNull();
  const to = (await parseAll(emlFiles(outbox))).map((m) => recipientsOf(m)[0]).sort();
  expect(to).toEqual(['sarah@example.com', 'tom@example.com']);
});

test('turning automation on runs the header check and shows its findings there', async () => {
  const rt = await createRuntime({
    workbook: namesAndAddresses(),
    now: new Date(2026, 11, 1, 9),
    userEmail: 'lead@example.com',
  });
  rt.call('turnAutomationOn');
  const shown = rt.ui.dialogs.at(-1)!;
  expect(shown.kind).toBe('alert');
  expect(shown.title).toBe('PartnerPulse: automation is on — check the partner sheet');
  expect(shown.content).toContain(
    'Settings has no admin address, so items for the admin go to you (lead@example.com).',
  );
  expect(shown.content).toContain(
    '• `Owner` holds no e-mail addresses ("Sarah Jones"), so the owner addresses are read from `Owner email`.',
  );
  expect(shown.content).toContain(
    '• No Last QBR or Next QBR column: add the headers `Last QBR` and `Next QBR`. Without it, with no Next QBR either, every Strategic and Growth partner is "QBR overdue" every day.',
  );
});

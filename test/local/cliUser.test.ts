// Issue 15 item 6: `npm run local -- <fn> --user EMAIL` runs the function as that person (Session's user, the
// owner of the triggers it installs, the one who turned automation on).
import { join } from 'node:path';
import { parseArgs } from '../../local/cli';
import {
  cli,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  writeWorkbook,
} from '../automation/helpers';

jest.setTimeout(120_000);

test('--user takes an e-mail address and refuses anything else', () => {
  expect(parseArgs(['turnAutomationOn', '--user', 'lead@example.com']).userEmail).toBe('lead@example.com');
  expect(parseArgs(['turnAutomationOn']).userEmail).toBeUndefined();
  expect(() => parseArgs(['turnAutomationOn', '--user', 'Sarah Jones'])).toThrow(
    '--user Sarah Jones: not an e-mail address; write it like pm@example.com',
  );
  expect(() => parseArgs(['turnAutomationOn', '--user'])).toThrow('--user needs a value');
});

test('automation turned on with --user sends the admin items to that person', async () => {
  const path = await writeWorkbook(partnerWorkbook([...FIVE_PARTNERS, { name: 'Orphan Corp', owner: null }]));
  const outbox = join(path, '..', 'outbox');
  // --out the same file: both runs work on one workbook and its state, as two executions in Google would.
  const on = await cli([
    'turnAutomationOn',
    '--workbook',
    path,
    '--out',
    path,
    '--user',
    'lead@example.com',
    '--now',
    '2026-12-01T08:00',
  ]);
  expect(on.code).toBe(0);
  // The fixture has no QBR columns, so the header check's findings are shown with the confirmation.
  expect(on.out).toContain('alert "PartnerPulse: automation is on — check the partner sheet"');
  const run = await cli([
    'runHourly',
    '--workbook',
    path,
    '--out',
    path,
    '--now',
    '2026-12-01T09:30',
    '--outbox',
    outbox,
  ]);
  expect(run.code).toBe(0);
  const toLead = (await parseAll(emlFiles(outbox))).filter((m) => recipientsOf(m)[0] === 'lead@example.com');
  expect(toLead).toHaveLength(1);
  expect(toLead[0].text).toContain('Orphan Corp — No owner');
});

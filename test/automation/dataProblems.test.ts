// Issue 15 item 4: inputs that cannot be read are seen without any formula column — at the end of the owner's
// digest (field, value, what is allowed, a link to the cell) — and an unreadable Last contact is not "never".
import { join } from 'node:path';
import type { QbrData } from '../../src/contracts/qbrSidebar';
import {
  at,
  emlFiles,
  FIVE_PARTNERS,
  parseAll,
  partnerWorkbook,
  recipientsOf,
  runOnce,
  writeWorkbook,
} from './helpers';

jest.setTimeout(60_000);

test("the owner's digest ends with their partners' unreadable inputs, each with a link to its cell", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const sheet = model.sheet('Partners')!;
  // Row 2 is Alpha Cloud (ann@): revenue C, engagement F, NPS G, last contact I.
  sheet.ensure(2, 3).value = '$1,200';
  sheet.ensure(2, 6).value = '#N/A';
  sheet.ensure(2, 7).value = 140;
  sheet.ensure(2, 9).value = 'sometime in Nov';
  const path = await writeWorkbook(model);
  const outbox = join(path, '..', 'outbox');
  const { runtime, error } = await runOnce(
    { workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox },
    'sendAlertsNow',
  );
  expect(error).toBeNull();
  const [ann] = (await parseAll(emlFiles(outbox))).filter((m) => recipientsOf(m)[0] === 'ann@example.com');
  const text = ann.text ?? '';
  const url = runtime.spreadsheet.getUrl();
  const gid = runtime.spreadsheet.getSheetByName('Partners')!.getSheetId();
  // The touch alert says the date is unreadable, with the text, not "Never contacted".
  expect(text).not.toContain('Never contacted');
  expect(text).toContain(
    'Alpha Cloud — Last contact unreadable, not "never contacted": Last contact "sometime in Nov" is not a date',
  );
  const tail = text.slice(text.indexOf('Inputs PartnerPulse could not read'));
  expect(tail.split('\n').slice(0, 5)).toEqual([
    'Inputs PartnerPulse could not read (each counts as blank until fixed):',
    `- Alpha Cloud: Revenue "$1,200" is not a number; allowed: an amount ≥ 0, without letters (450000, not "$450K") — cell C2: ${url}#gid=${gid}&range=C2`,
    `- Alpha Cloud: Engagement "#N/A" is not one of Weekly, Monthly, Quarterly, Inactive, the date of last portal activity, or portal logins in the last 90 days — cell F2: ${url}#gid=${gid}&range=F2`,
    `- Alpha Cloud: NPS 140 is outside −100…100 — cell G2: ${url}#gid=${gid}&range=G2`,
    expect.stringMatching(/^- Alpha Cloud: Last contact "sometime in Nov" is not a date.* — cell I2: .*range=I2$/),
  ]);
  expect(ann.html).toContain(`<a href="${url}#gid=${gid}&amp;range=G2">cell G2</a>`);
  // Another owner's digest does not carry Alpha Cloud's problems.
  const [bob] = (await parseAll(emlFiles(outbox))).filter((m) => recipientsOf(m)[0] === 'bob@example.com');
  expect(bob.text).not.toContain('could not read');
});

test('an owner whose partners need nothing else still gets a digest listing their unreadable inputs', async () => {
  // Declining and disengaged: At-risk, so no QBR is expected; contacted yesterday.
  const model = partnerWorkbook([
    {
      name: 'Solo Ltd',
      owner: 'solo@example.com',
      lastContactDaysAgo: 1,
      nps: 140,
      growth: -0.1,
      engagement: 'Quarterly',
    },
  ]);
  const path = await writeWorkbook(model);
  const outbox = join(path, '..', 'outbox');
  expect(
    (await runOnce({ workbookPath: path, now: at('2026-12-01T09:00'), outboxDir: outbox }, 'sendAlertsNow')).error,
  ).toBeNull();
  const mails = await parseAll(emlFiles(outbox));
  expect(mails.map((m) => [recipientsOf(m)[0], m.subject])).toEqual([
    ['solo@example.com', 'PartnerPulse 2026-12-01: 1 input to fix on the partner sheet'],
  ]);
  expect(mails[0].text).toContain('- Solo Ltd: NPS 140 is outside −100…100 — cell G2');
});

test('the sidebar lists the selected partner\'s unreadable inputs with their cells; an unreadable Last contact is not "never"', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(3, 7).value = '#N/A'; // Beta Systems' NPS
  sheet.ensure(3, 9).value = 'sometime in Nov';
  const path = await writeWorkbook(model);
  const { result, error } = await runOnce(
    { workbookPath: path, now: at('2026-12-01T09:00'), selection: 'Partners!B3' },
    'getQbrData',
    null,
  );
  expect(error).toBeNull();
  const p = (result as QbrData).details!.partner;
  expect(p.name).toBe('Beta Systems');
  expect(p.problems).toEqual([
    'NPS "#N/A" is not a number; allowed: −100…100 (cell G3)',
    expect.stringMatching(/^Last contact "sometime in Nov" is not a date.*\(cell I3\)$/),
  ]);
  expect(p.touch.unreadable).toMatch(/^Last contact "sometime in Nov" is not a date/);
  expect((result as QbrData).details!.agenda[0].points[0]).toMatch(
    /^Last touch unreadable: Last contact "sometime in Nov"/,
  );
});

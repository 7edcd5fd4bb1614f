// Set up example sheets and Check headers in the built bundle, in the local runtime.
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel, workbookSnapshot } from '../../../local/workbook';

function emptyWorkbook(): WorkbookModel {
  const model = new WorkbookModel('e', 'Empty', 'America/New_York');
  model.addSheet('Sheet1');
  return model;
}

const ALL = ['Partners', 'Pipeline', 'Escalations', 'Action items', 'QBR log', 'Feedback', 'Joint plan'];

test('on an empty workbook: every sheet with headers, a frozen header row, drop-downs and the formula columns', async () => {
  const rt = await createRuntime({ workbook: emptyWorkbook(), now: new Date(2026, 11, 1, 9) });
  const result = rt.call('setUpSheets') as { created: string[]; left: string[]; message: string };
  expect(result.created).toEqual(ALL);
  expect(result.left).toEqual([]);
  expect(rt.ui.dialogs.at(-1)).toEqual({
    kind: 'alert',
    title: 'PartnerPulse set-up',
    content: `Created: ${ALL.join(', ')}.`,
  });
  // PartnerPulse holds the as-of cells the formula columns take (docs/time-zones.md), so it comes first.
  expect(rt.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'PartnerPulse', ...ALL]);

  const partners = rt.spreadsheet.getSheetByName('Partners')!;
  expect(partners.getFrozenRows()).toBe(1);
  const header = partners.getRange(1, 1, 1, 25).getValues()[0];
  expect(header.slice(0, 3)).toEqual(['Partner', 'Owner', 'Revenue']);
  expect(header.slice(17)).toEqual([
    'Health',
    'Tier',
    'Segment',
    'Quadrant',
    'Next touch',
    'Stage',
    'Snooze until',
    'Recruiting since',
  ]);
  expect(partners.getRange('R2:W2').getFormulas()[0]).toEqual([
    '=PARTNER_HEALTH(E2:E, F2:F, H2:H, I2:I, J2:J, PartnerPulse!B1:B2)',
    '=PARTNER_TIER(R2:R, , , , , PartnerPulse!B1:B2)',
    '=SEGMENT(C2:C, E2:E, F2:F, H2:H, PartnerPulse!B1:B2)',
    '=PARTNER_QUADRANT(G2:G, K2:K, PartnerPulse!B1:B2)',
    '=NEXT_TOUCH(T2:T, L2:L, PartnerPulse!B1:B2)',
    '=PARTNER_STAGE(O2:O, P2:P, F2:F, PartnerPulse!B1:B2)',
  ]);
  // Stage reads Signed (O), First deal (P) and Deals (F): the letters follow PARTNER_HEADERS.
  expect([header[14], header[15], header[5]]).toEqual(['Signed', 'First deal', 'Deals']);
  const list = (sheet: string, a1: string) => {
    const rule = rt.spreadsheet.getSheetByName(sheet)!.getRange(a1).getDataValidation();
    return rule ? [rule.getCriteriaValues()[0], rule.getAllowInvalid()] : null;
  };
  expect(list('Partners', 'H2')).toEqual([['Weekly', 'Monthly', 'Quarterly', 'Inactive'], true]);
  expect(list('Partners', 'J1000')).toEqual([['Strong', 'Moderate', 'Weak'], false]);
  expect(list('Partners', 'K500')).toEqual([['High', 'Low'], true]);
  expect(list('Partners', 'J1')).toBeNull(); // the header keeps no drop-down
  expect(list('Escalations', 'B2')).toEqual([['Critical', 'High', 'Medium', 'Low'], false]);
  expect(list('Action items', 'C2')).toEqual([['Us', 'Partner', 'Both'], false]);
  expect(list('Action items', 'E2')).toEqual([['Open', 'In progress', 'Done'], false]);
  expect(rt.spreadsheet.getSheetByName('Joint plan')!.getRange('A1:G1').getValues()[0]).toEqual([
    'Partner',
    'Milestone',
    'Side',
    'Due',
    'Status',
    'Target',
    'Actual',
  ]);
  expect(list('Joint plan', 'C2')).toEqual([['Us', 'Partner', 'Both'], false]);
  expect(list('Joint plan', 'E2')).toEqual([['Open', 'Done', 'Dropped'], false]);
  expect(rt.spreadsheet.getSheetByName('Escalations')!.getRange('A1:E1').getValues()[0]).toEqual([
    'Partner',
    'Severity',
    'Opened',
    'Responded',
    'Resolved',
  ]);

  // The formulas evaluate quietly on the empty table, and then score a partner typed in.
  const evaluation = rt.evaluateFormulas();
  expect(evaluation.errors).toEqual([]);
  partners
    .getRange('A2:L2')
    .setValues([
      ['Acme', 'ann@example.com', 500000, 400000, 0.25, 6, 20, 'Weekly', 60, 'Strong', 'High', new Date(2026, 10, 20)],
    ]);
  rt.evaluateFormulas();
  expect(partners.getRange('R2:U2').getValues()[0]).toEqual([100, 'Champion', 'Strategic', 'Key partner']);
});

test('with a Partners sheet already there: it stays byte-identical, the rest is created, and its headers are checked', async () => {
  const model = emptyWorkbook();
  const mine = model.addSheet('Partners');
  [
    'Partner',
    'Owner',
    'Revenue',
    'Growth',
    'Deal registered',
    'Leads',
    'Engagment',
    'NPS',
    'Strategic fit',
    'Market relevance',
    'Last contact',
  ].forEach((h, c) => {
    mine.ensure(1, c + 1).value = h;
  });
  mine.ensure(2, 1).value = '=cmd|calc';
  mine.ensure(2, 5).value = 4;
  mine.ensure(3, 1).background = '#ff0000';
  const partnersBefore = JSON.stringify(
    JSON.parse(workbookSnapshot(model)).sheets.find((s: { name: string }) => s.name === 'Partners'),
  );
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  const result = rt.call('setUpSheets') as {
    created: string[];
    left: string[];
    headerFindings: string[];
    message: string;
  };
  expect(result.created).toEqual(ALL.filter((n) => n !== 'Partners'));
  expect(result.left).toEqual(['Partners']);
  const noQbr =
    'No Last QBR or Next QBR column: add the headers `Last QBR` and `Next QBR`. Without it, with no Next QBR either, every Strategic and Growth partner is "QBR overdue" every day.';
  expect(result.headerFindings).toEqual([
    '`Deal registered` — did you mean `Deals registered`?',
    '`Engagment` — did you mean `Engagement`?',
    noQbr,
  ]);
  expect(rt.ui.dialogs.at(-1)!.content).toBe(
    'Created: Pipeline, Escalations, Action items, QBR log, Feedback, Joint plan.\nLeft as they were (they exist): Partners.\n' +
      `Header check of "Partners":\n• \`Deal registered\` — did you mean \`Deals registered\`?\n• \`Engagment\` — did you mean \`Engagement\`?\n• ${noQbr}`,
  );
  const partnersAfter = JSON.stringify(
    JSON.parse(workbookSnapshot(rt.workbook)).sheets.find((s: { name: string }) => s.name === 'Partners'),
  );
  expect(partnersAfter).toBe(partnersBefore);
});

test('run twice: the second run creates nothing and says so', async () => {
  const rt = await createRuntime({ workbook: emptyWorkbook(), now: new Date(2026, 11, 1, 9) });
  rt.call('setUpSheets');
  rt.evaluateFormulas(); // the check of the existing Partners headers reads it, and a read recalculates first
  const before = workbookSnapshot(rt.workbook);
  const second = rt.call('setUpSheets') as { created: string[]; message: string };
  expect(second.created).toEqual([]);
  expect(second.message.split('\n')[0]).toBe('Created nothing: every sheet was already there.');
  expect(workbookSnapshot(rt.workbook)).toBe(before);
});

test('Check headers names missing and misspelled columns, or says all is well', async () => {
  const model = emptyWorkbook();
  const sheet = model.addSheet('Partners');
  [
    'Partner',
    'Owner',
    'Revenue',
    'Growth',
    'Deals',
    'Leads',
    'Engagement',
    'NPS',
    'Stratgic fit',
    'Market relevance',
  ].forEach((h, c) => {
    sheet.ensure(1, c + 1).value = h;
  });
  const rt = await createRuntime({ workbook: model, now: new Date(2026, 11, 1, 9) });
  expect(rt.call('checkHeaders')).toEqual([
    '`Stratgic fit` — did you mean `Strategic fit`?',
    'No Last contact column: add a header `Last contact` (also read: Last touch, Last touchpoint). Without it, every partner counts as never contacted, so each one is "Touch overdue" every day.',
    'No Last QBR or Next QBR column: add the headers `Last QBR` and `Next QBR`. Without it, with no Next QBR either, every Strategic and Growth partner is "QBR overdue" every day.',
  ]);
  expect(rt.ui.dialogs.at(-1)!.title).toBe('PartnerPulse header check');
  rt.call('setUpSheets');
  const fresh = await createRuntime({ workbook: emptyWorkbook(), now: new Date(2026, 11, 1, 9) });
  fresh.call('setUpSheets');
  expect(fresh.call('checkHeaders')).toEqual([]);
  expect(fresh.ui.dialogs.at(-1)!.content).toBe('Every column PartnerPulse reads was found on "Partners".');
});

test("the Escalations sheet's Severity drop-down tells the response windows Settings has now", async () => {
  const rt = await createRuntime({ workbook: emptyWorkbook(), now: new Date(2026, 11, 1, 9) });
  rt.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify({ version: 2, rules: { escalationHours: { Critical: 2, High: 12, Medium: 36, Low: 96 } } }),
  );
  rt.call('setUpSheets');
  const rule = rt.spreadsheet.getSheetByName('Escalations')!.getRange('B2').getDataValidation();
  expect(rule?.getHelpText()).toBe('Critical 2 h, High 12 h, Medium 36 h, Low 96 h to respond.');
});

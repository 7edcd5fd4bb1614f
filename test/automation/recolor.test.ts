// Recolor now (spec §2 row colors): one read and one write whatever the row count, the tier fills of the
// spec, and nothing else in the sheet touched.
import { createRuntime, type Runtime } from '../../local/runtime';
import { type CellValue, WorkbookModel } from '../../local/workbook';
import { at, HEADERS, TIME_ZONE } from './helpers';

jest.setTimeout(60_000);

// Partner, Owner, Revenue, Growth, Deals, Engagement, NPS, Strategic fit, Last contact → tier and fill (§2).
const KINDS: { row: CellValue[]; tier: string; fill: string }[] = [
  { row: ['Owner@x.com', 100000, 0.3, 6, 'Weekly', 60, 'Strong'], tier: 'Champion', fill: '#b7e1cd' }, // 100
  { row: ['Owner@x.com', 100000, 0.05, 5, 'Monthly', 40, 'Moderate'], tier: 'Healthy', fill: '#d9ead3' }, // 75
  { row: ['Owner@x.com', 100000, 0.05, 1, 'Quarterly', 5, 'Weak'], tier: 'At-risk', fill: '#fff2cc' }, // 45
  { row: ['Owner@x.com', 100000, 0.01, 0, 'Inactive', 10, 'Moderate'], tier: 'Critical', fill: '#fce5cd' }, // 20
  { row: ['Owner@x.com', 100000, -0.1, 0, 'Inactive', -10, 'Weak'], tier: 'Churning', fill: '#f4cccc' }, // 0
  { row: ['Owner@x.com', 100000, '', '', '', '', 'Weak'], tier: 'Unknown', fill: '#efefef' }, // 2 of 5 dimensions
];

function bigWorkbook(rows: number): WorkbookModel {
  const model = new WorkbookModel(`recolor-${rows}`, 'Recolor', TIME_ZONE);
  const sheet = model.addSheet('Partners');
  sheet.maxRows = Math.max(sheet.maxRows, rows + 1);
  HEADERS.forEach((h, i) => Object.assign(sheet.ensure(1, i + 1), { value: h, bold: true, background: '#cccccc' }));
  for (let k = 0; k < rows; k++) {
    const values = [`Partner ${k + 1}`, ...KINDS[k % KINDS.length].row, new Date(2026, 10, 20)];
    values.forEach((v, c) => {
      if (v !== '') sheet.ensure(k + 2, c + 1).value = v;
    });
  }
  return model;
}

const COUNTED = ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'];

async function recolor(
  rows: number,
): Promise<{ runtime: Runtime; counts: Record<string, number>; before: unknown[][]; after: unknown[][] }> {
  const runtime = await createRuntime({
    workbook: bigWorkbook(rows),
    now: at('2026-12-01T10:00'),
    timeZone: TIME_ZONE,
  });
  const values = () => runtime.spreadsheet.getSheetByName('Partners')!.getDataRange().getValues();
  const before = values();
  runtime.calls.reset();
  runtime.call('recolorNow');
  const byMethod = runtime.calls.byMethod();
  const log = runtime.workbook.sheet('Run log')!;
  expect([log.valueAt(2, 2), log.valueAt(2, 3), log.valueAt(2, 4), log.valueAt(2, 5)]).toEqual([
    'recolor',
    'ok',
    rows,
    rows,
  ]);
  const counts = Object.fromEntries(Object.entries(byMethod).filter(([k]) => COUNTED.includes(k.split('.')[0])));
  return { runtime, counts, before, after: values() };
}

test('recolorNow on 10,000 rows makes the same SpreadsheetApp/Sheet/Range calls as on 10; fills per §2; values and header untouched', async () => {
  const small = await recolor(10);
  const big = await recolor(10_000);
  expect(big.counts).toEqual(small.counts);
  expect(big.counts['Range.setBackgrounds']).toBe(1);
  expect(big.counts['Range.getValues']).toBe(1);
  // The Run log's "Service calls" is the add-on's own count (Apps Script has none): the same at both sizes, and
  // exactly the recolor's own calls — the time zone (for today, and with the locale for the sheet's calendar),
  // the partner sheet, its data range, one read, the target range and one write — not the bookkeeping around
  // them (the lock, the Run log sheet and row, the flush).
  const logged = (r: { runtime: Runtime }) => r.runtime.workbook.sheet('Run log')!.valueAt(2, 11) as number;
  expect(logged(big)).toBe(logged(small));
  const work = [
    'Spreadsheet.getSpreadsheetTimeZone',
    'Spreadsheet.getSpreadsheetTimeZone',
    'Spreadsheet.getSpreadsheetLocale',
    'Spreadsheet.getSheetByName',
    'Sheet.getDataRange',
    'Range.getValues',
    'Sheet.getRange',
    'Range.setBackgrounds',
  ];
  expect(logged(small)).toBe(work.length);
  for (const call of work) expect(small.counts[call]).toBeGreaterThanOrEqual(1);

  for (const { runtime, before, after } of [small, big]) {
    const sheet = runtime.workbook.sheet('Partners')!;
    // Every cell value (and the header) byte-identical: Dates compared by time, the rest by type and value.
    const sig = (grid: unknown[][]) =>
      JSON.stringify(
        grid.map((r) =>
          r.map((v) =>
            Object.prototype.toString.call(v) === '[object Date]'
              ? `d${(v as Date).getTime()}`
              : `${typeof v}:${String(v)}`,
          ),
        ),
      );
    expect(sig(after)).toBe(sig(before));
    expect(after.length).toBe(before.length);
    for (let c = 1; c <= HEADERS.length; c++) expect(sheet.cell(1, c)?.background).toBe('#cccccc');
    const rows = sheet.lastRow() - 1;
    for (const k of [0, 1, 2, 3, 4, 5, 6, rows - 1]) {
      const expected = KINDS[k % KINDS.length];
      for (let c = 1; c <= HEADERS.length; c++)
        expect([k, c, sheet.cell(k + 2, c)?.background]).toEqual([k, c, expected.fill]);
    }
    // Nothing below the table is filled.
    expect(sheet.cell(rows + 2, 1)?.background).toBeUndefined();
  }
});

// developers.google.com/apps-script/guides/triggers/events (Sheets edit event: e.range, e.source).
test('onEdit recolors just the edited rows; the recolor target "health" fills only the Health column', async () => {
  const model = bigWorkbook(6);
  const sheet = model.sheet('Partners')!;
  sheet.ensure(1, HEADERS.length + 1).value = 'Health';
  const runtime = await createRuntime({ workbook: model, now: at('2026-12-01T10:00'), timeZone: TIME_ZONE });
  // Row 3 (Healthy) is edited into a Champion: NPS and fit go up, deals too.
  Object.assign(sheet.ensure(3, 5), { value: 6 });
  Object.assign(sheet.ensure(3, 7), { value: 60 });
  Object.assign(sheet.ensure(3, 8), { value: 'Strong' });
  runtime.context.__edit = {
    range: runtime.spreadsheet.getSheetByName('Partners')!.getRange('E3:H3'),
    source: runtime.spreadsheet,
  };
  runtime.calls.reset();
  runtime.call('onEdit', runtime.context.__edit);
  expect(sheet.cell(3, 1)?.background).toBe('#b7e1cd');
  expect(sheet.cell(2, 1)?.background).toBeUndefined(); // not edited, not recolored
  expect(runtime.calls.byMethod()['Range.setBackgrounds']).toBe(1);
  // The edited row's Health cell explains its new score.
  expect(sheet.cell(3, HEADERS.length + 1)?.note).toBe(
    'Revenue 20/30 · Activity 25/25 · Engagement 15/20 · NPS 15/15 · Fit 10/10 — missing: none',
  );
  expect(sheet.cell(2, HEADERS.length + 1)?.note).toBeUndefined();

  runtime.services.PropertiesService.getDocumentProperties().setProperty(
    'partnerpulse.settings',
    JSON.stringify({ recolorTarget: 'health' }),
  );
  runtime.call('recolorNow');
  const healthColumn = HEADERS.length + 1;
  expect(sheet.cell(4, healthColumn)?.background).toBe('#fff2cc'); // the At-risk row's Health cell
  expect(sheet.cell(4, 1)?.background).toBeUndefined(); // the rest of the row keeps no fill
});

// Issue #10.2: hovering a Health cell explains its score; the notes go in one setNotes call at any size.
test("the recolor writes every Health cell's breakdown note in one setNotes call, on 10 rows as on 10,000", async () => {
  const notesCalls: number[] = [];
  for (const rows of [10, 10_000]) {
    const model = bigWorkbook(rows);
    const sheet = model.sheet('Partners')!;
    sheet.ensure(1, HEADERS.length + 1).value = 'Health';
    const runtime = await createRuntime({ workbook: model, now: at('2026-12-01T10:00'), timeZone: TIME_ZONE });
    runtime.calls.reset();
    runtime.call('recolorNow');
    notesCalls.push(runtime.calls.byMethod()['Range.setNotes']);
    const health = HEADERS.length + 1;
    expect(sheet.cell(2, health)?.note).toBe(
      'Revenue 30/30 · Activity 25/25 · Engagement 20/20 · NPS 15/15 · Fit 10/10 — missing: none',
    );
    expect(sheet.cell(7, health)?.note).toBe(
      'Revenue –/30 · Activity –/25 · Engagement –/20 · NPS –/15 · Fit 0/10 — missing: Revenue, Activity, Engagement, NPS',
    );
    expect(sheet.cell(rows + 1, health)?.note).toMatch(/^Revenue \d+\/30 · /);
    expect(sheet.cell(rows + 2, health)?.note).toBeUndefined();
    expect(sheet.cell(2, health)?.value ?? '').toBe(''); // notes only: the cell itself is untouched
  }
  expect(notesCalls).toEqual([1, 1]);
});

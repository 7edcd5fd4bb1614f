// A new sheet has 1,000 rows and getRange may not reach past them (Apps Script: "The coordinates of the
// range are outside the dimensions of the sheet."), so the Health history of a table of more than 999
// partners needs the sheet grown first.
import { ALERT_LOG_HEADERS, HISTORY_HEADERS, RUN_LOG_HEADERS } from '../../src/server/logSheets';
import { at, partnerWorkbook, runOnce, sheetRows, writeWorkbook, OWNERS } from './helpers';

jest.setTimeout(60_000);

test('the daily run writes the Health history of 1,200 partners (more rows than a new sheet has), and the next day 1,200 more', async () => {
  const partners = Array.from({ length: 1200 }, (_, i) => ({ name: `Partner ${i + 1}`, owner: OWNERS[i % OWNERS.length], lastContactDaysAgo: 1 }));
  const model = partnerWorkbook(partners);
  model.sheet('Partners')!.maxRows = 1201;
  const path = await writeWorkbook(model);
  const first = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(first.error).toBeNull();
  const history = sheetRows(first.runtime, 'Health history');
  expect(history.slice(1).map((r) => r[1])).toEqual(partners.map((p) => p.name));
  expect(sheetRows(first.runtime, 'Run log').slice(1).map((r) => r[2])).toEqual(['ok']);
  // Sheets counts every grid cell against its 10-million-cell limit: the log sheets are only as wide as their headers.
  expect(['Health history', 'Alert log', 'Run log'].map((name) => first.runtime.workbook.sheet(name)!.maxColumns)).toEqual([HISTORY_HEADERS.length, ALERT_LOG_HEADERS.length, RUN_LOG_HEADERS.length]);

  const next = await runOnce({ workbookPath: path, now: at('2026-12-02T07:00') }, 'runHourly');
  expect(next.error).toBeNull();
  expect(sheetRows(next.runtime, 'Health history').slice(1)).toHaveLength(2400);
});

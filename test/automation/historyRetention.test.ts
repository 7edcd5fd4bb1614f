// The Health history grows by one row per partner per day; the daily run drops rows past the retention
// (about 13 months for a small table) in one call, so the spreadsheet never reaches Sheets' cell limit.
import { ALERT_LOG_HEADERS, HISTORY_HEADERS } from '../../src/server/logSheets';
import { FIVE_PARTNERS, at, partnerWorkbook, runOnce, sheetRows, writeWorkbook } from './helpers';

jest.setTimeout(60_000);

test('history older than 400 days is deleted in one call after today\'s rows are appended', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const history = model.addSheet('Health history');
  HISTORY_HEADERS.forEach((h, c) => { history.ensure(1, c + 1).value = h; });
  const rows: [Date, string, number][] = [
    [new Date(2025, 0, 10), 'Alpha Cloud', 40], // 690 days before 2026-12-01
    [new Date(2025, 9, 1), 'Alpha Cloud', 42], // 426 days
    [new Date(2025, 11, 1), 'Alpha Cloud', 44], // 365 days: kept
    [new Date(2026, 10, 1), 'Alpha Cloud', 46],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => { history.ensure(r + 2, c + 1).value = v; }));
  const path = await writeWorkbook(model);

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  expect(run.runtime.calls.byMethod()['Sheet.deleteRows']).toBe(1);
  const kept = sheetRows(run.runtime, 'Health history').slice(1);
  expect(kept.map((r) => r[2])).toEqual([44, 46, ...FIVE_PARTNERS.map(() => expect.any(Number))]);
  expect(kept).toHaveLength(2 + FIVE_PARTNERS.length);
});

test('Alert log rows older than 90 days are deleted after the day\'s digests are logged', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const log = model.addSheet('Alert log');
  const rows = [
    ALERT_LOG_HEADERS,
    ['2026-06-01', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 5, 1, 7), ''],
    ['2026-08-01', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 7, 1, 7), ''],
    ['2026-11-30', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 10, 30, 7), ''],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => { if (v !== '') log.ensure(r + 1, c + 1).value = v as string; }));
  const path = await writeWorkbook(model);
  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  const days = sheetRows(run.runtime, 'Alert log').slice(1).map((r) => String(r[0]));
  expect(days).toEqual(['2026-11-30', ...FIVE_PARTNERS.map(() => '2026-12-01')]);
});

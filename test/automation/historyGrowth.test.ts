// The Health history keeps one row per partner (docs/limits.md): a new sheet has 1,000 rows and getRange may not
// reach past them (Apps Script: "The coordinates of the range are outside the dimensions of the sheet."), so a
// table of more than 999 partners needs the sheet grown first; the next day adds a character, not a row.

import { charScore } from '../../src/core/history/compactHistory';
import { ALERT_LOG_HEADERS, RUN_LOG_HEADERS } from '../../src/server/sheets/logSheets';
import { at, OWNERS, partnerWorkbook, runOnce, sheetRows, writeWorkbook } from './helpers';

jest.setTimeout(60_000);

test('the daily run writes the Health history of 1,200 partners (more rows than a new sheet has), and the next day one more score per row', async () => {
  const partners = Array.from({ length: 1200 }, (_, i) => ({
    name: `Partner ${i + 1}`,
    owner: OWNERS[i % OWNERS.length],
    lastContactDaysAgo: 1,
  }));
  const model = partnerWorkbook(partners);
  model.sheet('Partners')!.maxRows = 1201;
  const path = await writeWorkbook(model);
  const first = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(first.error).toBeNull();
  const history = sheetRows(first.runtime, 'Health history');
  expect(history[0]).toEqual([
    'Partner',
    'Scores 2026-11',
    'Scores 2026-12',
    'Earlier scores',
    'Quarter snapshots (latest 2026-Q4)',
  ]);
  expect(history.slice(1).map((r) => r[0])).toEqual(partners.map((p) => p.name));
  // Day 1 of December: one character, the partner's score.
  expect(history.slice(1).every((r) => String(r[2]).length === 1 && typeof charScore(String(r[2])) === 'number')).toBe(
    true,
  );
  expect(
    sheetRows(first.runtime, 'Run log')
      .slice(1)
      .map((r) => r[2]),
  ).toEqual(['ok']);
  // Sheets counts every grid cell against its 10-million-cell limit: the log sheets are only as wide as their headers.
  expect(
    ['Health history', 'Alert log', 'Run log'].map((name) => first.runtime.workbook.sheet(name)!.maxColumns),
  ).toEqual([5, ALERT_LOG_HEADERS.length, RUN_LOG_HEADERS.length]);

  const next = await runOnce({ workbookPath: path, now: at('2026-12-02T07:00') }, 'runHourly');
  expect(next.error).toBeNull();
  const after = sheetRows(next.runtime, 'Health history').slice(1);
  expect(after).toHaveLength(1200);
  expect(after.every((r) => String(r[2]).length === 2)).toBe(true);
  // The second day writes the month's column only: 1,200 cells, and reads the three columns it needs.
  expect(next.runtime.workbook.sheet('Health history')!.maxRows).toBeLessThanOrEqual(1201);
});

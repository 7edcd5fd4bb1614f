// The Health history (docs/limits.md): the old one-row-per-partner-per-day layout migrates on the first daily
// run without losing a score, and the compact layout keeps 13 months, dropping older ones on the first run of a
// month, so the spreadsheet stays inside Sheets' cell limit however long it runs.

import type { CellValue } from '../../local/workbook';
import {
  historiesFromRows,
  layoutHistory,
  type PartnerHistory,
  parseHistoryHeader,
  recordScore,
  scoreChar,
  snapshotsOf,
} from '../../src/core/history/compactHistory';
import { historyFromRows } from '../../src/core/history/scoreChange';
import { dayOfIso } from '../../src/core/reading/calendar';
import { ALERT_LOG_HEADERS } from '../../src/server/sheets/logSheets';
import { NEW_YORK } from '../calendars';
import { at, FIVE_PARTNERS, partnerWorkbook, runOnce, sheetRows, writeWorkbook } from './helpers';

jest.setTimeout(60_000);

const day = (iso: string) => dayOfIso(iso) as number;

test('the old layout migrates on the first daily run: every old score is in the new history, the old rows stay on their own sheet', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const history = model.addSheet('Health history');
  const rows: CellValue[][] = [['Date', 'Partner', 'Score', 'Tier', 'Segment']];
  // 60 days of scores for every partner, a few Unknown, one partner no longer in the table.
  for (let k = 60; k >= 1; k--) {
    for (const [i, p] of [...FIVE_PARTNERS.map((f) => f.name), 'Old Partner'].entries()) {
      rows.push([new Date(2026, 11, 1 - k), p, k % 17 === 0 ? 'Unknown' : (i * 13 + k) % 101, 'Healthy', 'Stable']);
    }
  }
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      history.ensure(r + 1, c + 1).value = v;
    }),
  );
  const path = await writeWorkbook(model);

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  expect(
    sheetRows(run.runtime, 'Run log')
      .slice(1)
      .map((r) => r[2]),
  ).toEqual(['ok']);
  const now = sheetRows(run.runtime, 'Health history');
  const header = parseHistoryHeader(now[0])!;
  const migrated = historiesFromRows(header, now.slice(1));
  const snaps = migrated.flatMap((h) => snapshotsOf(h, 0, day('2026-11-30')));
  const key = (s: { day: number; partner: string }) => `${s.partner}|${s.day}`;
  const sort = <T extends { day: number; partner: string }>(list: T[]) =>
    [...list].sort((a, b) => key(a).localeCompare(key(b)));
  expect(sort(snaps)).toEqual(sort(historyFromRows(rows.slice(1), NEW_YORK)));
  // Today's scores are there too, and the quarter's snapshot was taken from the first old day of the quarter.
  expect(migrated.filter((h) => String(h.months.get('2026-12') ?? '').length === 1).map((h) => h.name)).toEqual(
    FIVE_PARTNERS.map((p) => p.name),
  );
  expect(migrated.find((h) => h.name === 'Old Partner')!.quarters.get('2026-Q4')).toEqual({
    tier: 'Healthy',
    segment: 'Stable',
    quadrant: '',
  });
  // Nothing deleted: the old rows are kept as they were, on a renamed sheet the daily job no longer reads.
  expect(sheetRows(run.runtime, 'Health history (old layout)')).toEqual(rows);
});

test('on the first run of a month, months older than 13 are dropped in the same single write', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const h: PartnerHistory = {
    name: 'Alpha Cloud',
    months: new Map(),
    quarters: new Map([['2026-Q4', { tier: 'Healthy', segment: 'Stable', quadrant: 'Dementor' }]]),
  };
  for (const iso of ['2025-10-15', '2025-11-15', '2025-12-15', '2026-11-30']) recordScore(h, day(iso), 44);
  // Every partner already has a row: the first run of December rewrites the three score columns only.
  const others = FIVE_PARTNERS.slice(1).map(
    (p): PartnerHistory => ({ name: p.name, months: new Map([['2026-11', 'Ð']]), quarters: new Map() }),
  );
  const laid = layoutHistory([h, ...others], '2026-11', '2026-Q4');
  const sheet = model.addSheet('Health history');
  [laid.header, ...laid.rows].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  const path = await writeWorkbook(model);

  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  const rows = sheetRows(run.runtime, 'Health history');
  expect(rows[0].slice(1, 3)).toEqual(['Scores 2026-11', 'Scores 2026-12']);
  const alpha = rows.find((r) => r[0] === 'Alpha Cloud')!;
  expect(alpha[1]).toBe(`${'.'.repeat(29)}${scoreChar(44)}`);
  expect(alpha[3]).toBe(`2025-12:${'.'.repeat(14)}${scoreChar(44)}`);
  expect(alpha[4]).toBe('2026-Q4=Healthy/Stable/Dementor');
  expect(rows.slice(1).map((r) => [r[0], String(r[2]).length])).toEqual(FIVE_PARTNERS.map((p) => [p.name, 1]));
  expect(rows.slice(1).every((r) => r[1] !== '')).toBe(true);
});

test("a history row whose partner cell was cleared keeps every other partner's scores on its own row", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const names = [FIVE_PARTNERS[0].name, 'Gone Ltd', ...FIVE_PARTNERS.slice(1).map((p) => p.name)];
  const histories = names.map((name, i) => {
    const h: PartnerHistory = { name, months: new Map(), quarters: new Map() };
    recordScore(h, day('2026-12-01'), 10 * i);
    return h;
  });
  const laid = layoutHistory(histories, '2026-12', '2026-Q4');
  const sheet = model.addSheet('Health history');
  [laid.header, ...laid.rows].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  sheet.ensure(3, 1).value = ''; // "Gone Ltd" cleared by hand
  const path = await writeWorkbook(model);
  const run = await runOnce({ workbookPath: path, now: at('2026-12-02T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  const rows = sheetRows(run.runtime, 'Health history').slice(1);
  expect(rows.map((r) => r[0])).toEqual([names[0], '', ...names.slice(2)]);
  // Each row still starts with its own day-1 score and has today's after it; the cleared row gets nothing.
  rows.forEach((row, i) => {
    expect(String(row[2])[0]).toBe(scoreChar(10 * i));
    expect(String(row[2])).toHaveLength(i === 1 ? 1 : 2);
  });
});

test("Alert log rows older than 90 days are deleted after the day's digests are logged", async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const log = model.addSheet('Alert log');
  const rows = [
    ALERT_LOG_HEADERS,
    ['2026-06-01', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 5, 1, 7), ''],
    ['2026-08-01', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 7, 1, 7), ''],
    ['2026-11-30', 'ann@example.com', 'Daily digest', 1, 'sent', new Date(2026, 10, 30, 7), ''],
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') log.ensure(r + 1, c + 1).value = v as string;
    }),
  );
  const path = await writeWorkbook(model);
  const run = await runOnce({ workbookPath: path, now: at('2026-12-01T07:00') }, 'runHourly');
  expect(run.error).toBeNull();
  const days = sheetRows(run.runtime, 'Alert log')
    .slice(1)
    .map((r) => String(r[0]));
  expect(days).toEqual(['2026-11-30', ...FIVE_PARTNERS.map(() => '2026-12-01')]);
});

// Issue #14.1: dates in every spreadsheet zone. The script runs in the manifest's zone (New York, as every user
// of the published add-on); the spreadsheet is in another zone, and the local runtime hands date cells over as
// Sheets does: the instant of 00:00 in the spreadsheet's zone. Each feature that reads or writes a calendar
// date is checked on a plain day and on the days around the zone's (or New York's) daylight-saving change.
import { join } from 'node:path';
import { wallClockToInstant } from '../../local/services/time';
import { type CellValue, WorkbookModel } from '../../local/workbook';
import { runOnce, sheetRows, writeWorkbook } from '../automation/helpers';

jest.setTimeout(120_000);

/** `CODE_PATH=… jest test/timeZones` runs the matrix against another bundle (how it was shown to fail before). */
const codePath = process.env.CODE_PATH;

/** Days to check per zone: a plain day and the days around a daylight-saving change (New York's for zones without one). */
const MATRIX: [string, string[]][] = [
  ['Europe/Berlin', ['2026-12-01', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-25']],
  ['America/Los_Angeles', ['2026-12-01', '2026-03-07', '2026-03-08', '2026-03-09', '2026-11-01']],
  ['Asia/Kolkata', ['2026-12-01', '2026-10-31', '2026-11-01', '2026-11-02']],
  ['Pacific/Auckland', ['2026-12-01', '2026-04-04', '2026-04-05', '2026-04-06', '2026-09-27']],
  ['Asia/Tokyo', ['2026-12-01', '2026-03-08', '2026-03-09', '2026-11-01']],
];

const CASES = MATRIX.flatMap(([zone, days]) => days.map((day) => [zone, day] as const));

/** A calendar day as the workbook model keeps a date cell: its wall clock at 00:00. */
function wall(iso: string, plusDays = 0): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays);
}

const isoOf = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** What a date cell shows, as `YYYY-MM-DD` (and the time when it is not 00:00, which would be a bug). */
function shown(value: CellValue): string {
  if (!(value instanceof Date)) return `not a date: ${String(value)}`;
  const time =
    value.getHours() === 0 && value.getMinutes() === 0
      ? ''
      : ` ${value.getHours()}:${String(value.getMinutes()).padStart(2, '0')}`;
  return isoOf(value) + time;
}

const HEADERS = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Strategic fit',
  'Last contact',
  'Last QBR',
  'Next QBR',
  'Snooze until',
  'Segment',
  'Next touch',
];

/**
 * Three partners on day D: Strategic Co (top revenue: Strategic, touch every 7 days) last contacted D−10 with its
 * next QBR on D+3; Stable Co last contacted D−40 (Stable, every 30 days); Snoozed Co likewise, snoozed until D+1.
 */
function workbookOn(zone: string, day: string): WorkbookModel {
  const model = new WorkbookModel('tz-matrix', `Partners ${zone}`, zone);
  const sheet = model.addSheet('Partners');
  const rows: CellValue[][] = [
    HEADERS,
    [
      'Strategic Co',
      'ann@example.com',
      300000,
      0,
      3,
      'Monthly',
      30,
      'Strong',
      wall(day, -10),
      wall(day, -30),
      wall(day, 3),
      '',
    ],
    ['Stable Co', 'bob@example.com', 200000, 0, 3, 'Monthly', 30, 'Strong', wall(day, -40), wall(day, -30), '', ''],
    [
      'Snoozed Co',
      'cho@example.com',
      100000,
      0,
      3,
      'Monthly',
      30,
      'Strong',
      wall(day, -40),
      wall(day, -30),
      '',
      wall(day, 1),
    ],
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  sheet.ensure(2, 13).formula = '=SEGMENT(C2:C4, D2:D4, E2:E4, F2:F4)';
  sheet.ensure(2, 14).formula = '=NEXT_TOUCH(M2:M4, I2:I4)';
  return model;
}

describe.each(CASES)('spreadsheet in %s, script in New York, on %s', (zone, day) => {
  /** An hour of day D on the spreadsheet's clock, as an instant. */
  const localTime = (hour: number) => {
    const [y, m, d] = day.split('-').map(Number);
    return wallClockToInstant(new Date(y, m - 1, d, hour), zone);
  };
  let path: string;

  beforeAll(async () => {
    path = await writeWorkbook(workbookOn(zone, day));
  });

  test('NEXT_TOUCH shows last contact + cadence as 00:00 of that day in the sheet', async () => {
    const { runtime } = await runOnce({ workbookPath: path, codePath, timeZone: zone, now: localTime(9) }, 'onOpen');
    runtime.evaluateFormulas();
    const nextTouch = sheetRows(runtime, 'Partners')
      .slice(1)
      .map((r) => shown(r[13]));
    expect(nextTouch).toEqual([isoOf(wall(day, -3)), isoOf(wall(day, -10)), isoOf(wall(day, -10))]);
  });

  test('the preview counts overdue days, reminds of the QBR in 3 days and holds the snooze until D+1', async () => {
    const { runtime, error } = await runOnce(
      { workbookPath: path, codePath, timeZone: zone, now: localTime(6) },
      'previewAlerts',
    );
    expect(error).toBeNull();
    const html = runtime.ui.dialogs.find((d) => d.kind === 'modal')!.content;
    // The preview shows each digest's table; read its rows as a person does, cell by cell.
    const text = html
      .replace(/<\/td><td[^>]*>/g, ' | ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(`PartnerPulse ${day}: 1 partner needs you`);
    expect(text).toContain('Strategic Co | Strategic | 65 Healthy | Touch overdue by 3 days (Strategic cadence) | 3 d');
    expect(text).toContain('Strategic Co | Strategic | 65 Healthy | QBR in 3 days: send the agenda');
    expect(text).toContain('Stable Co | Stable | 65 Healthy | Touch overdue by 10 days (Stable cadence) | 10 d');
    expect(text).toContain(
      `Snoozed Co : Touch overdue by 10 days (Stable cadence) — snoozed until ${isoOf(wall(day, 1))}`,
    );
  });

  test("the daily run records the day's scores under the sheet's today in the Health history", async () => {
    const outbox = join(path, '..', 'outbox');
    const { runtime, error } = await runOnce(
      { workbookPath: path, codePath, timeZone: zone, now: localTime(7), outboxDir: outbox },
      'runHourly',
    );
    expect(error).toBeNull();
    // The compact history (docs/limits.md): a column per month, one character per day, '.' for a day without a run.
    const [header, ...rows] = sheetRows(runtime, 'Health history');
    const month = header.indexOf(`Scores ${day.slice(0, 7)}`);
    expect(month).toBeGreaterThan(0);
    expect(rows).toHaveLength(3);
    const scoredDays = rows.map((r) => [...String(r[month])].flatMap((ch, i) => (ch === '.' ? [] : [i + 1])));
    const dayOfMonth = Number(day.slice(8));
    expect(scoredDays).toEqual([[dayOfMonth], [dayOfMonth], [dayOfMonth]]);
  });

  test('Mark QBR held writes today and today + 91 days, and logs today', async () => {
    const { runtime, error } = await runOnce(
      { workbookPath: path, codePath, timeZone: zone, now: localTime(15) },
      'markQbrHeld',
      'Strategic Co',
      'Good meeting',
    );
    expect(error).toBeNull();
    const row = sheetRows(runtime, 'Partners')[1];
    expect([shown(row[9]), shown(row[10])]).toEqual([day, isoOf(wall(day, 91))]);
    const log = sheetRows(runtime, 'QBR log').slice(1);
    expect(shown(log[0][1])).toBe(day);
  });
});

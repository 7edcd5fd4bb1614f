// The partner journey (issue 20) in spreadsheet zones far from the script's New York: the lifecycle days, the
// Monday of the first-deal-due reminder and the quarter of the snapshot are the spreadsheet's, not the script's.
// In Auckland, Monday 07:00 is still Sunday in New York, and 1 January 07:00 is still 31 December there.
import { join } from 'node:path';
import { wallClockToInstant } from '../../local/services/time';
import { type CellValue, WorkbookModel } from '../../local/workbook';
import { emlFiles, parseAll, runOnce, sheetRows, writeWorkbook } from '../automation/helpers';

jest.setTimeout(120_000);

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
  'Signed',
  'Stage',
];

/** A calendar day as the workbook model keeps a date cell: its wall clock at 00:00. */
const wall = (y: number, m: number, d: number) => new Date(y, m - 1, d);

function workbook(zone: string): WorkbookModel {
  const model = new WorkbookModel('tz-journey', `Journey ${zone}`, zone);
  const sheet = model.addSheet('Partners');
  // Monday 2026-12-07 on the sheet's calendar: Slowpoke crosses 90 days, Nearly has 10 days left.
  const rows: CellValue[][] = [
    HEADERS,
    ['Slowpoke', 'ann@example.com', 1000, 0, 0, 'Monthly', 30, 'Strong', wall(2026, 12, 6), wall(2026, 9, 7), ''],
    ['Nearly', 'ann@example.com', 1000, 0, 0, 'Monthly', 30, 'Strong', wall(2026, 12, 6), wall(2026, 9, 18), ''],
  ];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '') sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  sheet.ensure(2, 11).formula = '=PARTNER_STAGE(J2:J3, , E2:E3)';
  return model;
}

describe.each(['Pacific/Auckland', 'Europe/Berlin', 'America/Los_Angeles'])(
  'spreadsheet in %s, script in New York',
  (zone) => {
    const sheetTime = (y: number, m: number, d: number, hour: number) =>
      wallClockToInstant(new Date(y, m - 1, d, hour), zone);

    test("Monday on the sheet's calendar: the stalled alert and the first-deal-due reminder go; PARTNER_STAGE agrees", async () => {
      const path = await writeWorkbook(workbook(zone));
      const outbox = join(path, '..', 'outbox');
      const { runtime, error } = await runOnce(
        { workbookPath: path, timeZone: zone, now: sheetTime(2026, 12, 7, 7), outboxDir: outbox },
        'runHourly',
      );
      expect(error).toBeNull();
      const text = (await parseAll(emlFiles(outbox))).map((m) => m.text ?? '').join('\n');
      expect(text).toContain('[Stalled] Slowpoke — Stalled: signed 91 days ago');
      expect(text).toContain(
        '[First deal due] Nearly — First deal due: 10 days left of the 90-day target (signed 80 days ago)',
      );
      runtime.evaluateFormulas();
      expect(
        sheetRows(runtime, 'Partners')
          .slice(1)
          .map((r) => r[10]),
      ).toEqual(['Stalled', 'Activate']);
    });

    test("the first daily run of the sheet's new year snapshots the new quarter", async () => {
      const path = await writeWorkbook(workbook(zone));
      const { runtime, error } = await runOnce(
        { workbookPath: path, timeZone: zone, now: sheetTime(2027, 1, 1, 7), outboxDir: join(path, '..', 'outbox') },
        'runHourly',
      );
      expect(error).toBeNull();
      const history = sheetRows(runtime, 'Health history');
      expect(history[0][4]).toBe('Quarter snapshots (latest 2027-Q1)');
      expect(history.slice(1).map((r) => [r[0], String(r[4]).replace(/^'/, '').split('=')[0]])).toEqual([
        ['Slowpoke', '2027-Q1'],
        ['Nearly', '2027-Q1'],
      ]);
    });
  },
);

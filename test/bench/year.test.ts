// `npm run bench -- --rows N --days D` at small sizes: the "year" rows it adds to results.json, a history that
// stays one row of 5 cells per partner however many days pass, and an idle hour that costs the same at any size.
// No timing assertions: estimated times depend on the latency assumptions and the machine.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addYearResults, parseArgs } from '../../bench/run';
import { realRunDays, simulateYear, type YearResult } from '../../bench/year';
import { dayOfIso } from '../../src/core/reading/calendar';

jest.setTimeout(240_000);

let small: YearResult;
let large: YearResult;

beforeAll(async () => {
  small = await simulateYear(150, 100);
  large = await simulateYear(300, 100);
});

test("--days is parsed; the real job runs on the first day, each quarter's first day and the last", () => {
  expect(parseArgs(['--rows', '200000', '--days', '365'])).toMatchObject({ rows: [200_000], days: 365 });
  expect(() => parseArgs(['--days', '0'])).toThrow('--days: "0" is not a list of whole numbers');
  const d = (iso: string) => dayOfIso(iso) as number;
  expect(realRunDays(d('2025-12-02'), d('2026-12-01'), 1_000).length).toBe(6);
  expect(realRunDays(d('2025-12-02'), d('2026-12-01'), 200_000).length).toBe(3);
  expect(small.realRuns).toEqual(['2026-08-24', '2026-10-01', '2026-12-01']);
});

test("a year row holds the cells reached, the last day's daily job and the idle hour", () => {
  for (const r of [small, large]) {
    expect(r).toMatchObject({ job: 'year', impl: 'partnerpulse', days: 100 });
    for (const key of ['spreadsheetCells', 'cellsRead', 'calls', 'estAppsScriptMs'] as const)
      expect(Number.isInteger(r[key]) && r[key] > 0).toBe(true);
    // One row of five cells per partner, whatever the number of days (a new sheet has 1,000 rows to begin with).
    expect(r.historyCells).toBe(Math.max(1_000, r.rows + 1) * 5);
    expect(r.spreadsheetCells).toBeGreaterThan(r.historyCells);
  }
  expect(large.calls).toBe(small.calls);
  expect(large.idleCalls).toBe(small.idleCalls);
  expect(large.idleCellsRead).toBe(small.idleCellsRead);
});

test('year rows are added to results.json next to the other rows, replacing a previous run of the same size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-year-'));
  writeFileSync(join(dir, 'results.json'), JSON.stringify([{ job: 'daily job', impl: 'partnerpulse', rows: 150 }]));
  addYearResults(dir, [small]);
  addYearResults(dir, [small, large]);
  const rows = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { job: string; rows: number }[];
  expect(rows.map((r) => `${r.job} ${r.rows}`)).toEqual(['daily job 150', 'year 150', 'year 300']);
});

// A formula sheet at scale in the local runtime: the bench's partner sheet with docs/formulas.md's whole-column
// formulas typed once in the first data row (=PARTNER_HEALTH(D2:D, …) and the rest), every formula
// evaluated as `npm start` and `npm run local` do after a run (Runtime.evaluateFormulas). This is the local
// tool's own speed — how long a user waits on a big export — not an Apps Script figure.
import { createRuntime } from '../local/runtime';
import { BENCH_NOW, type BenchResult } from './measure';
import { benchWorkbook } from './workbook';

/** The computed columns right of the bench sheet's nine (Partner … Last contact), by header. */
export const FORMULA_COLUMNS: [string, string][] = [
  ['Health', '=PARTNER_HEALTH(D2:D, E2:E, F2:F, G2:G, H2:H)'],
  ['Tier', '=PARTNER_TIER(J2:J)'],
  ['Segment', '=SEGMENT(C2:C, D2:D, E2:E, F2:F)'],
  ['Next touch', '=NEXT_TOUCH(L2:L, I2:I)'],
  ['Revenue pts', '=HEALTH_BREAKDOWN(D2:D, E2:E, F2:F, G2:G, H2:H)'],
];

export function formulaWorkbook(rows: number) {
  const model = benchWorkbook(rows);
  const sheet = model.sheet('Partners')!;
  FORMULA_COLUMNS.forEach(([header, formula], i) => {
    sheet.ensure(1, 10 + i).value = header;
    sheet.ensure(2, 10 + i).formula = formula;
  });
  return model;
}

/** Evaluates every formula of an N-row formula sheet once; fails loudly if a column did not fill. */
export async function measureFormulaSheet(rows: number): Promise<BenchResult> {
  const model = formulaWorkbook(rows);
  const runtime = await createRuntime({ workbook: model, now: BENCH_NOW, timeZone: 'America/New_York' });
  const start = performance.now();
  const evaluation = runtime.evaluateFormulas();
  const wallMs = performance.now() - start;
  const sheet = model.sheet('Partners')!;
  for (let c = 10; c < 10 + FORMULA_COLUMNS.length; c++) {
    const bottom = sheet.cell(rows + 1, c);
    if (!bottom || bottom.value === '' || bottom.error)
      throw new Error(
        `formula sheet of ${rows} rows: column ${c} did not fill to row ${rows + 1} (${bottom?.error ?? 'blank'})`,
      );
  }
  return {
    job: 'formula sheet (local evaluation)',
    impl: 'partnerpulse',
    rows,
    calls: evaluation.customFunctionCalls,
    cellsRead: 0,
    cellsWritten: 0,
    wallMs: Math.round(wallMs),
    estAppsScriptMs: Math.round(wallMs),
    limitMs: 60_000,
    extrapolated: false,
    measuredRows: rows,
  };
}

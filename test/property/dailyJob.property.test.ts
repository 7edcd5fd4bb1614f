// Property: the daily job (runHourly at the daily hour, the built bundle in the local runtime) never changes
// a cell value or formula of the partner table, whatever the table holds — it only colors rows and writes
// its own sheets. Partner tables are small and generated; numRuns stays modest so CI stays fast.
import fc from 'fast-check';
import { benchRuntime, lastRun } from '../../bench/measure';
import { WorkbookModel } from '../../local/workbook';
import { DEFAULT_RULES } from '../../src/core/rules';
import type { Arg } from '../../src/customFunctions/columns';
import { partnerHealth } from '../../src/customFunctions/health';
import { HEADERS, TIME_ZONE } from '../automation/helpers';
import { at } from '../calendars';
import { anyCell, validHealthRow } from './arbitraries';

jest.setTimeout(120_000);

const OWNERS = ['ann@example.com', 'bob@example.com', '', 'not an address', '=HYPERLINK("http://x")'];

/** A generated partner sheet: the automation tests' headers, any cell in any column, some formulas. */
const partnerSheet = fc.array(
  fc.tuple(
    fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('Acme', '=1+1', '+1', '@x', '-2', '<b>x</b>')),
    fc.constantFrom(...OWNERS),
    fc.array(anyCell, { minLength: HEADERS.length - 2, maxLength: HEADERS.length - 2 }),
  ),
  { minLength: 1, maxLength: 12 },
);

function snapshot(model: WorkbookModel): string[] {
  const sheet = model.sheet('Partners')!;
  const out: string[] = [];
  for (let r = 1; r <= Math.max(sheet.lastRow(), 1); r++) {
    for (let c = 1; c <= HEADERS.length; c++) {
      const cell = sheet.cell(r, c);
      const v = cell?.value ?? '';
      out.push(
        `${r}:${c}:${v instanceof Date ? `date ${v.getTime()}` : `${typeof v} ${String(v)}`}:${cell?.formula ?? ''}`,
      );
    }
  }
  return out;
}

test('runHourly at the daily hour never changes a value or formula of the partner table', async () => {
  await fc.assert(
    fc.asyncProperty(partnerSheet, async (rows) => {
      const model = new WorkbookModel('prop', 'Property', TIME_ZONE);
      const sheet = model.addSheet('Partners');
      HEADERS.forEach((h, i) => {
        sheet.ensure(1, i + 1).value = h;
      });
      rows.forEach(([name, owner, rest], k) => {
        [name, owner, ...rest].forEach((v, c) => {
          // A value typed with a leading "=" is a formula in Sheets; keep it as one here too.
          if (typeof v === 'string' && v.startsWith('=') && v.length > 1) sheet.ensure(k + 2, c + 1).formula = v;
          else if (v !== '') sheet.ensure(k + 2, c + 1).value = v;
        });
      });
      const { runtime } = await benchRuntime('partnerpulse', model);
      // Formulas show their results before the run, as in an open spreadsheet.
      runtime.evaluateFormulas();
      const before = snapshot(model);
      runtime.call('runHourly');
      expect(lastRun(runtime)?.status).toBe('ok');
      expect(snapshot(model)).toEqual(before);
    }),
    { numRuns: 15 },
  );
});

/** Spec §2's fills, written out here rather than taken from the code under test. */
const SPEC_FILL: Record<string, string> = {
  Champion: '#b7e1cd',
  Healthy: '#d9ead3',
  'At-risk': '#fff2cc',
  Critical: '#fce5cd',
  Churning: '#f4cccc',
  Unknown: '#efefef',
};

const specTier = (score: number | string): string =>
  score === 'Unknown'
    ? 'Unknown'
    : (score as number) >= 80
      ? 'Champion'
      : (score as number) >= 60
        ? 'Healthy'
        : (score as number) >= 40
          ? 'At-risk'
          : (score as number) >= 20
            ? 'Critical'
            : 'Churning';

test('recolorNow fills every partner row with the §2 color of the tier of the score PARTNER_HEALTH gives for that row', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(validHealthRow, { minLength: 1, maxLength: 15 }), async (rows) => {
      const model = new WorkbookModel('prop', 'Property', TIME_ZONE);
      const sheet = model.addSheet('Partners');
      HEADERS.forEach((h, i) => {
        sheet.ensure(1, i + 1).value = h;
      });
      rows.forEach((r, k) => {
        // HEADERS: Partner, Owner, Revenue, Growth, Deals, Engagement, NPS, Strategic fit, Last contact
        [`P${k + 1}`, 'ann@example.com', '', r.growth, r.deals, r.engagement, r.nps, r.fit].forEach((v, c) => {
          if (v !== '') sheet.ensure(k + 2, c + 1).value = v;
        });
      });
      const { runtime } = await benchRuntime('partnerpulse', model);
      runtime.call('recolorNow');
      expect(lastRun(runtime)?.status).toBe('ok');
      rows.forEach((r, k) => {
        const score = partnerHealth(
          [r.growth, r.deals, r.engagement, r.nps, r.fit] as Arg[],
          at(runtime.now(), DEFAULT_RULES),
        );
        const expected = score === '' ? SPEC_FILL.Unknown : SPEC_FILL[specTier(score as number | string)];
        expect({ row: k + 2, fill: sheet.cell(k + 2, 1)?.background }).toEqual({ row: k + 2, fill: expected });
      });
    }),
    { numRuns: 20 },
  );
});

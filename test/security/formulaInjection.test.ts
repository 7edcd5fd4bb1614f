// Values the add-on writes into sheets that start with =, +, - or @ are written as text, never as formulas:
// Sheets would run `=HYPERLINK("http://x")` or `=IMPORTXML(…)` typed into a partner name as a formula in
// the Alert log or the Health history (and read "+1", "-2" as numbers). Every value the add-on hands to
// setValues / setValue / appendRow during the daily run is recorded and checked, then the sheets are read.
import { LocalRange } from '../../local/services/spreadsheet/range';
import { LocalSheet } from '../../local/services/spreadsheet/sheet';
import type { WorkbookModel } from '../../local/workbook';
import { at, partnerWorkbook, runOnce, setSettings, sheetRows, writeWorkbook } from '../automation/helpers';

jest.setTimeout(60_000);

const HOSTILE = ['=HYPERLINK("http://x")', '+1', '@x', '-2', '=1+1'];

/** Every value the add-on passes to a sheet write while `run` runs. */
async function recordWrites<T>(run: () => Promise<T>): Promise<{ result: T; written: unknown[] }> {
  const written: unknown[] = [];
  // Wrapping by hand keeps the originals callable (a spy's mockImplementation would replace them).
  const originals = {
    setValues: LocalRange.prototype.setValues,
    setValue: LocalRange.prototype.setValue,
    appendRow: LocalSheet.prototype.appendRow,
  };
  LocalRange.prototype.setValues = function (values: unknown[][]) {
    written.push(...values.flat());
    return originals.setValues.call(this, values);
  };
  LocalRange.prototype.setValue = function (value: unknown) {
    written.push(value);
    return originals.setValue.call(this, value);
  };
  LocalSheet.prototype.appendRow = function (row: unknown[]) {
    written.push(...row);
    return originals.appendRow.call(this, row);
  };
  try {
    return { result: await run(), written };
  } finally {
    Object.assign(LocalRange.prototype, { setValues: originals.setValues, setValue: originals.setValue });
    LocalSheet.prototype.appendRow = originals.appendRow;
  }
}

function hostileWorkbook(): WorkbookModel {
  const partners = HOSTILE.map((name, i) => ({
    name,
    owner: i % 2 === 0 ? 'ann@example.com' : name,
    lastContactDaysAgo: null,
  }));
  const model = partnerWorkbook(partners);
  const escalations = model.addSheet('Escalations');
  ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'].forEach((h, c) => {
    escalations.ensure(1, c + 1).value = h;
  });
  escalations.ensure(2, 1).value = '=HYPERLINK("http://x")';
  escalations.ensure(2, 2).value = 'Critical';
  escalations.ensure(2, 3).value = new Date(2026, 10, 29, 9);
  return model;
}

test('partner names and owners like =HYPERLINK("http://x"), +1, @x, -2 land as text in the Health history and the Alert log', async () => {
  const path = await writeWorkbook(hostileWorkbook());
  // A Critical escalation goes to the VP Partnerships address from Settings; a hostile stored one is not an
  // address, so Settings falls back to the default for that field alone and the breach reaches the admin.
  await setSettings(path, {
    adminEmail: 'admin@example.com',
    escalation: { vpPartnerships: '=HYPERLINK("http://x")' },
  });
  const { result: run, written } = await recordWrites(() =>
    runOnce({ workbookPath: path, now: at('2026-12-01T09:00') }, 'runHourly'),
  );
  expect(run.error).toBeNull();

  // What went into the sheets: no string starting with = + - @ (a leading apostrophe keeps it text).
  const risky = written.filter((v) => typeof v === 'string' && /^[=+\-@]/.test(v));
  expect(risky).toEqual([]);

  const history = run.runtime.workbook.sheet('Health history')!;
  const names = sheetRows(run.runtime, 'Health history')
    .slice(1)
    .map((r) => r[0]);
  expect(names).toEqual(HOSTILE);
  for (let r = 2; r <= history.lastRow(); r++) expect(history.cell(r, 1)?.formula).toBeUndefined();

  // Every log sheet the run wrote holds values only, no formulas.
  for (const name of ['Alert log', 'Run log', 'Health history']) {
    const sheet = run.runtime.workbook.sheet(name)!;
    expect([...sheet.cells()].filter(([, , c]) => c.formula !== undefined)).toEqual([]);
  }
  const recipients = sheetRows(run.runtime, 'Alert log')
    .slice(1)
    .map((r) => [r[1], r[2], r[4]]);
  expect(recipients).toContainEqual([
    'admin@example.com',
    'Escalation alert: =HYPERLINK("http://x") · Critical · opened 2026-11-29 14:00 UTC',
    'sent',
  ]);
  expect(recipients.every(([to]) => to === 'admin@example.com' || to === 'ann@example.com')).toBe(true);
});

// A Run log written by an earlier version (ten columns, the sheet exactly that wide) gains the newer
// "Service calls" column header instead of failing the run.

import { createRuntime } from '../../local/runtime';
import { RUN_LOG_HEADERS } from '../../src/server/sheets/logSheets';
import { at, FIVE_PARTNERS, partnerWorkbook, sheetRows, TIME_ZONE } from './helpers';

jest.setTimeout(60_000);

test('an older, exactly-as-wide Run log gets the new header and the run logs every column', async () => {
  const model = partnerWorkbook(FIVE_PARTNERS);
  const log = model.addSheet('Run log');
  const old = RUN_LOG_HEADERS.slice(0, 10);
  old.forEach((h, c) => {
    log.ensure(1, c + 1).value = h;
  });
  log.maxColumns = old.length;
  // In memory: an .xlsx does not keep a sheet's grid width.
  const runtime = await createRuntime({ workbook: model, now: at('2026-12-01T10:00'), timeZone: TIME_ZONE });
  runtime.call('recolorNow');
  const run = { runtime };
  const rows = sheetRows(run.runtime, 'Run log');
  expect(rows[0]).toEqual(RUN_LOG_HEADERS);
  expect(rows[1][2]).toBe('ok');
  expect(typeof rows[1][10]).toBe('number'); // Service calls
  expect(run.runtime.calls.byMethod()['Sheet.insertColumnsAfter']).toBe(1);
});

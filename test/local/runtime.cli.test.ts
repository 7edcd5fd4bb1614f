// The CLI's argument parsing (`npm run local -- <functionName> [options]`).
import { parseArgs } from '../../local/cli';

test('parses the function name and options', () => {
  const o = parseArgs(['runHourly', '--workbook', 'my.xlsx', '--now', '2026-12-01T07:00', '--quota', '5', '--time-limit', '30']);
  expect(o.functionName).toBe('runHourly');
  expect(o.workbook).toBe('my.xlsx');
  expect(o.now).toEqual(new Date(2026, 11, 1, 7, 0));
  expect(o.quota).toBe(5);
  expect(o.timeLimitMs).toBe(30_000);
  expect(() => parseArgs(['--now', 'soon'])).toThrow('--now soon: not a date; write it like 2026-12-01T07:00');
  expect(() => parseArgs(['--bogus'])).toThrow('Unknown option --bogus');
});

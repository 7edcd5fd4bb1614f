/** `--now`: the add-on's clock at the start of a run, read on the wall clock of the spreadsheet's time zone. */
import { intlZoneRules } from '../../src/core/reading/calendar';

/**
 * --now as the instant it names: "2026-12-01T07:00" is 07:00 on the wall clock of `zone` (the spreadsheet's
 * time zone), "2026-12-01" is midnight there, and a time with Z or an offset is that instant.
 */
export function parseNow(text: string, zone: string): Date {
  const wrong = () =>
    new Error(`--now ${text}: not a date; write it like 2026-12-01T07:00, or 2026-12-01 for midnight`);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) throw wrong();
    const d = new Date(text.trim());
    if (Number.isNaN(d.getTime())) throw wrong();
    return d;
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw wrong();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`Time zone ${zone}: not a time zone; allowed: an IANA name such as America/New_York`);
  }
  // The wall-clock time minus the zone's offset then; asked twice, so a time next to a DST change is right.
  const offsetMinutes = intlZoneRules(zone).offsetMinutes;
  let instant = wall - offsetMinutes(new Date(wall)) * 60_000;
  instant = wall - offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

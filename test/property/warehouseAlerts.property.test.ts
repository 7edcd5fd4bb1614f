// The warehouse's alert query (src/core/warehouse/queries.ts) lists the same touch, QBR and owner alerts as
// the daily job's partnerAlerts over a partner sheet holding the same rows (valid inputs), snoozes included:
// a partner snoozed in the sheet's Snooze until column is the warehouse's held snooze (docs/warehouse.md). The
// health drop needs a score history the warehouse does not keep, so there is none on either side.

import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { partnerAlerts } from '../../src/core/alerts/alerts';
import { dayOfIso, isoOfDay } from '../../src/core/reading/calendar';
import { mapColumns, readPartnerRows } from '../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../src/core/rules';
import { evaluatePartners } from '../../src/core/scoring/evaluatePartners';
import { DUCKDB } from '../../src/core/warehouse/dialect';
import { alertsSql, decodeAlertItems, ITEMS_PER_RECIPIENT } from '../../src/core/warehouse/queries';
import { NEW_YORK } from '../calendars';
import { loadPartners, openDuckDb, queryRows, type WarehouseRow } from '../core/warehouse/duckdb';
import { sheetCells } from '../core/warehouse/formulas';

const AS_OF = '2026-12-01';
const today = dayOfIso(AS_OF) as number;
const date = fc.oneof(
  fc.constant(null),
  fc.constantFrom(-5, -4, -3, -2, -1, 0, 1, 6, 7, 8, 14, 15, 30, 31, 90, 91, 92, 120).map((n) => isoOfDay(today - n)),
);
const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'];
/** Per partner name, its Snooze until as days from today (held while that day is still ahead), or none. */
const snoozes = fc.tuple(...NAMES.map(() => fc.option(fc.integer({ min: -3, max: 5 }), { nil: null })));
const row: fc.Arbitrary<WarehouseRow> = fc.record({
  partner: fc.constantFrom(...NAMES),
  owner: fc.constantFrom('ann@example.com', 'bob@example.com', null, 'not an address'),
  revenue: fc.oneof(fc.constant(null), fc.constantFrom(0, 10, 50, 100, 1000)),
  revenue_last_year: fc.constant(null),
  growth: fc.oneof(fc.constant(null), fc.constantFrom(-0.3, 0, 0.05, 0.25)),
  deals: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 })),
  leads: fc.constant(null),
  engagement: fc.oneof(fc.constant(null), fc.constantFrom('Weekly', 'Monthly', 'Quarterly', 'Inactive')),
  portal_logins: fc.constant(null),
  fit: fc.constant(null),
  relevance: fc.constant(null),
  last_contact: date,
  last_qbr: date,
  next_qbr: date,
  signed: fc.constant(null),
  first_deal: fc.constant(null),
  last_portal_activity: fc.constant(null),
  nps: fc.oneof(fc.constant(null), fc.integer({ min: -100, max: 100 })),
});

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});
afterAll(() => connection.closeSync());
jest.setTimeout(120_000);

test('the alert query lists what the daily job would, per recipient', async () => {
  // A row gives at most three items (no owner, touch overdue, QBR overdue or coming up), so up to a third of the
  // query's per-recipient cap of rows all reaching one recipient (the admin) are listed whole, never cut to the worst.
  const maxRows = Math.floor(ITEMS_PER_RECIPIENT / 3);
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: maxRows }), snoozes, async (rows, snoozeDays) => {
      await loadPartners(connection, 'partners', rows);
      const snoozeOf = (name: unknown) => snoozeDays[NAMES.indexOf(String(name))];
      const perRecipientRows = await queryRows(
        connection,
        alertsSql(DEFAULT_RULES, DUCKDB, {
          table: 'partners',
          asOf: AS_OF,
          adminEmail: 'admin@example.com',
          after: '',
          // Held snoozes: a Snooze until still ahead (core/alerts/alerts.ts effectiveSnooze, no cap this close).
          snoozed: NAMES.filter((n) => (snoozeOf(n) ?? 0) > 0).map((n) => n.toLowerCase()),
        }),
      );
      // One row per recipient, its items encoded in one column.
      const got = perRecipientRows.flatMap((r) => decodeAlertItems(r.recipient as string | null, String(r.items)));
      const header = [
        'Partner',
        'Owner',
        'Revenue',
        'Growth',
        'Deals',
        'Engagement',
        'NPS',
        'Last contact',
        'Last QBR',
        'Next QBR',
        'Snooze until',
      ];
      const values = rows.map((r) => {
        const c = sheetCells(r);
        const d = (v: unknown) => (v === null ? '' : NEW_YORK.dateOf(dayOfIso(String(v)) as number));
        return [
          r.partner ?? '',
          r.owner ?? '',
          c.revenue,
          c.growth,
          c.deals,
          c.engagement,
          c.nps,
          c.lastContact,
          d(r.last_qbr),
          d(r.next_qbr),
          snoozeOf(r.partner) === null ? '' : NEW_YORK.dateOf(today + (snoozeOf(r.partner) as number)),
        ];
      });
      const views = evaluatePartners(
        readPartnerRows(values, mapColumns(header), today, DEFAULT_RULES, NEW_YORK),
        today,
        DEFAULT_RULES,
      );
      // What the digests hold: the sheet lists snoozed items in its preview only.
      const expected = partnerAlerts(
        views,
        new Map(),
        15,
        { adminEmail: 'admin@example.com' },
        { today, firstSeen: new Map() },
      ).filter((i) => i.snoozedUntil === undefined);
      const key = (item: object) => {
        const i = item as Record<string, unknown>;
        return JSON.stringify([i.recipient, i.kind, i.partner, i.days_overdue ?? i.daysOverdue ?? null, i.reason]);
      };
      const perRecipient = new Map<unknown, number>();
      for (const item of expected) perRecipient.set(item.recipient, (perRecipient.get(item.recipient) ?? 0) + 1);
      expect(Math.max(...perRecipient.values(), 0)).toBeLessThanOrEqual(ITEMS_PER_RECIPIENT);
      expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    }),
    { numRuns: 40 },
  );
});

// Issue 15 "done when": no code path makes an alert without a recipient while an admin address is known (the
// server fills it from Settings, else from whoever turned automation on — src/server/jobs/recipients.ts). Every kind
// of partner alert and every escalation path, with no path address set, for random rows.
import fc from 'fast-check';
import { partnerAlerts } from '../../../src/core/alerts/alerts';
import { escalationBreaches, SEVERITIES } from '../../../src/core/alerts/escalations';
import { mapColumns, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const today = dayNumber(new Date(2026, 11, 1));
const header = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Engagement',
  'NPS',
  'Fit',
  'Last contact',
  'Last QBR',
  'Next QBR',
];
const owner = fc.constantFrom('', 'ann@example.com', 'Sarah Jones', 'bob@example', '  ');
const date = fc.oneof(
  fc.constant(''),
  fc.constant('not a date'),
  fc.integer({ min: -400, max: 30 }).map((k) => new Date(2026, 11, 1 + k)),
);
const row = fc.tuple(
  fc.string({ minLength: 1, maxLength: 8 }),
  owner,
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom('Weekly', 'Inactive', ''),
  fc.integer({ min: -100, max: 140 }),
  fc.constantFrom('Strong', 'Weak', 'Maybe'),
  date,
  date,
  date,
);

test('with an admin address, every partner alert and escalation alert has a recipient', () => {
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 1, maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(11), fc.constantFrom(...SEVERITIES, 'Urgent'), fc.integer({ min: 0, max: 200 })), {
        maxLength: 6,
      }),
      (rows, escalations) => {
        const views = evaluatePartners(
          readPartnerRows(rows as never, mapColumns(header), today, DEFAULT_RULES, NEW_YORK),
          today,
          DEFAULT_RULES,
        );
        const baseline = new Map(views.map((v) => [v.record.name.trim().toLowerCase(), 100]));
        const items = partnerAlerts(views, baseline, 15, { adminEmail: 'lead@example.com' });
        const sheet = [
          ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
          ...escalations.map(([i, severity, hours]) => [
            rows[i % rows.length][0],
            severity,
            new Date(Date.UTC(2026, 11, 1, 12) - hours * 3_600_000),
            '',
            '',
          ]),
        ];
        items.push(
          ...escalationBreaches(sheet as never, new Date(Date.UTC(2026, 11, 1, 12)), views, {
            vpPartnerships: null,
            director: null,
            partnerSupport: null,
            admin: 'lead@example.com',
          }),
        );
        expect(items.filter((i) => i.recipient === null)).toEqual([]);
      },
    ),
    { numRuns: 200 },
  );
});

// The add-on over a BigQuery partner table, end to end on the built bundle: the menu's "Connect a BigQuery
// table…" (with the local runtime's Connected Sheets on DuckDB, local/services/bigquery.ts), then the hourly
// run's refresh and digests, sent once per recipient and day, from the alert query only.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRuntime } from '../../../local/runtime';
import { WorkbookModel } from '../../../local/workbook';

jest.setTimeout(180_000);

async function parquet(file: string, select: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
}

const PARTNERS = `SELECT 'Partner ' || i AS partner, CASE WHEN i % 10 = 9 THEN NULL ELSE 'pm' || (i % 3) || '@example.com' END AS owner,
  CAST(i * 100 AS DOUBLE) AS revenue, CAST(i * 90 AS DOUBLE) AS revenue_last_year, CAST(NULL AS DOUBLE) AS growth, CAST(i % 7 AS BIGINT) AS deals,
  CAST(i % 5 AS BIGINT) AS leads, CAST(NULL AS VARCHAR) AS engagement, CAST(i % 13 AS BIGINT) AS portal_logins, 'Strong' AS fit, 'High' AS relevance,
  DATE '2026-11-30' - CAST(i AS INTEGER) AS last_contact, CAST(NULL AS DATE) AS last_qbr, CASE WHEN i = 4 THEN DATE '2026-12-03' END AS next_qbr,
  CAST(NULL AS DATE) AS signed, CAST(NULL AS DATE) AS first_deal, CAST(NULL AS DATE) AS last_portal_activity, CAST(i % 90 AS DOUBLE) AS nps
  FROM range(1, 61) t(i)`;

function workbook(): WorkbookModel {
  const model = new WorkbookModel('wh', 'Warehouse partners', 'America/New_York');
  model.addSheet('Notes');
  return model;
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-warehouse-e2e-'));
  await parquet(join(dir, 'partners.parquet'), PARTNERS);
  await parquet(
    join(dir, 'broken.parquet'),
    PARTNERS.replace('CAST(i % 7 AS BIGINT) AS deals', "'x' AS deals").replace(', CAST(i % 90 AS DOUBLE) AS nps', ''),
  );
});

test('a table without the §13 columns is refused, naming each column', async () => {
  const runtime = await createRuntime({
    workbook: workbook(),
    warehouse: join(dir, 'broken.parquet'),
    now: new Date(2026, 11, 1, 9),
  });
  runtime.ui.responses.push({ button: 'OK', text: 'my-project' }, { button: 'OK', text: 'warehouse.broken' });
  runtime.call('connectBigQueryTable');
  expect(runtime.ui.dialogs.at(-1)?.content).toBe(
    'Table "my-project.warehouse.broken" cannot be connected: Column deals has type STRING; expected INT64; Column nps is missing; expected type FLOAT64',
  );
});

test('a bad project ID is refused with the value and what is allowed', async () => {
  const runtime = await createRuntime({ workbook: workbook(), warehouse: join(dir, 'partners.parquet') });
  runtime.ui.responses.push({ button: 'OK', text: 'My Project' }, { button: 'OK', text: 'warehouse.partners' });
  runtime.call('connectBigQueryTable');
  expect(runtime.ui.dialogs.at(-1)?.content).toMatch(
    /^Project "My Project" is not a Google Cloud project ID; allowed:/,
  );
});

test('connect, then the hourly run sends each owner one digest from the alert query, once a day', async () => {
  const model = workbook();
  const outboxDir = join(dir, 'outbox');
  const runtime = await createRuntime({
    workbook: model,
    warehouse: join(dir, 'partners.parquet'),
    now: new Date(2026, 11, 1, 9),
    outboxDir,
  });
  runtime.ui.responses.push({ button: 'OK', text: 'my-project' }, { button: 'OK', text: 'warehouse.partners' });
  runtime.call('connectBigQueryTable');
  expect(runtime.ui.dialogs.at(-1)?.content).toMatch(/^Connected my-project\.warehouse\.partners\./);
  const sheet = model.sheet('Warehouse partners')!;
  const header = Array.from({ length: 24 }, (_, c) => sheet.valueAt(1, c + 1));
  expect(header.slice(-6)).toEqual(['health', 'tier', 'segment', 'quadrant', 'next_touch', 'problems']);
  expect(model.sheet('Warehouse counts')!.valueAt(1, 1)).toBe('dimension');

  const cellsBefore = runtime.calls.cellsRead();
  runtime.call('runHourly');
  const mails = runtime.services.outbox;
  const recipients = mails.map((m) => m.to.join(',')).sort();
  // The owners, and for the partners without an owner (no admin address in Settings) the user running the
  // job, as the sheet's digests do (docs/alerts-and-data-problems.md).
  expect(recipients).toEqual(['pm0@example.com', 'pm1@example.com', 'pm2@example.com', 'pm@example.com']);
  expect(mails.find((m) => m.to[0] === 'pm@example.com')!.text).toContain('No owner: no owner assigned');
  const pm1 = mails.find((m) => m.to[0] === 'pm1@example.com')!;
  // pm1 has more items than a digest lists: the worst 20 (overdue QBRs first), then how many more there are;
  // Partner 4's QBR in two days is a reminder, the least urgent kind, so it is among those counted.
  expect(pm1.text).toContain('1. [QBR overdue]');
  expect(pm1.text).toContain('20. [');
  expect(pm1.text).not.toContain('21. [');
  expect(pm1.text).toMatch(/…and \d+ more \(the worst 20 are listed\): see the "Warehouse partners" sheet\./);
  expect(pm1.text).not.toContain('QBR in 2 days');
  // The script read the alert page (≤ 500 rows × 10 columns), never the partner table.
  expect(runtime.calls.cellsRead() - cellsBefore).toBeLessThanOrEqual(5000);

  runtime.call('runHourly');
  expect(runtime.services.outbox).toHaveLength(4);
});

test('a warehouse digest leaves out snoozed partners ("Warehouse snoozes") and lists breached escalations, a Medium one to the owner', async () => {
  const file = join(dir, 'small.parquet');
  const row = (name: string, owner: string, daysSinceContact: number) =>
    `SELECT '${name}' AS partner, '${owner}' AS owner, CAST(500 AS DOUBLE) AS revenue, CAST(480 AS DOUBLE) AS revenue_last_year, CAST(NULL AS DOUBLE) AS growth,
      CAST(2 AS BIGINT) AS deals, CAST(3 AS BIGINT) AS leads, 'Monthly' AS engagement, CAST(NULL AS BIGINT) AS portal_logins, 'Moderate' AS fit, 'High' AS relevance,
      DATE '2026-12-01' - CAST(${daysSinceContact} AS INTEGER) AS last_contact, DATE '2026-11-01' AS last_qbr, CAST(NULL AS DATE) AS next_qbr,
      CAST(NULL AS DATE) AS signed, CAST(NULL AS DATE) AS first_deal, CAST(NULL AS DATE) AS last_portal_activity, CAST(30 AS DOUBLE) AS nps`;
  await parquet(
    file,
    [
      row('Snoozed Co', 'ann@example.com', 200),
      row('Plain Co', 'ann@example.com', 200),
      row('Escalated Co', 'bob@example.com', 1),
      row('Quiet Co', 'cat@example.com', 1),
    ].join(' UNION ALL '),
  );
  const model = workbook();
  const snoozes = model.addSheet('Warehouse snoozes');
  [
    ['Partner', 'Snooze until'],
    ['Snoozed Co', new Date(2026, 11, 10)],
  ].forEach((r, i) =>
    r.forEach((v, c) => {
      snoozes.ensure(i + 1, c + 1).value = v;
    }),
  );
  const escalations = model.addSheet('Escalations');
  [
    ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
    ['Escalated Co', 'Medium', new Date(2026, 10, 27, 9), '', ''],
  ].forEach((r, i) =>
    r.forEach((v, c) => {
      if (v !== '') escalations.ensure(i + 1, c + 1).value = v;
    }),
  );
  const runtime = await createRuntime({
    workbook: model,
    warehouse: file,
    now: new Date(2026, 11, 1, 9),
    outboxDir: join(dir, 'outbox-snooze'),
  });
  runtime.ui.responses.push({ button: 'OK', text: 'my-project' }, { button: 'OK', text: 'warehouse.small' });
  runtime.call('connectBigQueryTable');
  runtime.call('runHourly');
  const mails = runtime.services.outbox;
  expect(mails.map((m) => m.to.join(',')).sort()).toEqual(['ann@example.com', 'bob@example.com']);
  const ann = mails.find((m) => m.to[0] === 'ann@example.com')!.text;
  expect(ann).toContain('Plain Co — Touch overdue');
  expect(ann).not.toContain('Snoozed Co');
  const bob = mails.find((m) => m.to[0] === 'bob@example.com')!.text;
  expect(bob).toContain(
    '1. [Escalation] Escalated Co — Medium escalation unanswered for 96 h (respond within 48 h; path: Partner manager)',
  );
  expect(bob).toMatch(/Segment: \w+ · Score: \d+/);
});

// Formula-like text in the partner-journey cells (issue 20) is written back as text, never as a formula: the
// milestone the sidebar adds, the QBR brief's joint plan rows, the quarter snapshot (in the Health history), the dashboard's journey
// tables. Built bundle, local runtime, a copy of the example workbook.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
import { formulaCells, formulaLike } from './markup';

jest.setTimeout(60_000);

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'partners.xlsx');

test('milestone, brief, snapshot and dashboard keep formula-like text as text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-journey-formulas-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(EXAMPLE, workbookPath);
  const runtime = await createRuntime({
    workbookPath,
    now: new Date(2026, 11, 1, 7, 0),
    outboxDir: join(dir, 'outbox'),
    userEmail: 'sarah@example.com',
  });
  const partners = runtime.workbook.sheet('Partners')!;
  // Kramerica (stalled, so on the dashboard's stalled list) renamed to formula-like text, typed as text.
  const kramerica = [...Array(partners.lastRow()).keys()]
    .map((i) => i + 1)
    .find((r) => partners.valueAt(r, 1) === 'Kramerica')!;
  const evil = formulaLike('=', 'name');
  partners.ensure(kramerica, 1).value = evil;
  partners.ensure(kramerica, 1).typedAsText = true;

  runtime.call(
    'addJointPlanMilestone',
    'TechServices Inc.',
    formulaLike('+', 'milestone'),
    'Us',
    '2026-11-20',
    formulaLike('@', 'target'),
  );
  runtime.call('createQbrBrief', 'TechServices Inc.');
  runtime.call('runHourly');
  runtime.call('buildDashboard');

  const plan = formulaCells(runtime.workbook, 'Joint plan', 2);
  expect(plan.unsafe).toEqual([]);
  expect(plan.asText.length).toBeGreaterThanOrEqual(2);
  for (const sheet of ['QBR TechServices Inc. 2026-Q4', 'Health history', 'Dashboard']) {
    const report = formulaCells(runtime.workbook, sheet, 2);
    expect({ sheet, unsafe: report.unsafe }).toEqual({ sheet, unsafe: [] });
    expect(report.asText.length).toBeGreaterThan(0);
  }
});

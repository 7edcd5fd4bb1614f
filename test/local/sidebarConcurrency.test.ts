// The sidebar may have up to 10 google.script.run calls in flight, and Google runs them as parallel executions
// that contend for the document lock (docs/google-fidelity.md). The local bridge does the same; ten actions
// clicked at once must all be written, or fail with a message the page shows — never lost.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSidebarServer } from '../../local/sidebarServer';
import { loadWorkbook } from '../../local/workbook';
import { workbookRows } from '../automation/helpers';

jest.setTimeout(180_000);

test('ten action items added at once all land on the Action items sheet, from calls that really ran side by side', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-conc-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(join(__dirname, '..', '..', 'examples', 'partners.xlsx'), workbookPath);
  const server = await startSidebarServer({ workbookPath, now: new Date(2026, 11, 1, 9, 0), selection: 'Partners!A2', outboxDir: join(dir, 'outbox') });
  try {
    const items = Array.from({ length: 10 }, (_, i) => `Concurrent item ${i + 1}`);
    const answers = await Promise.all(items.map((item) =>
      fetch(`${server.url}run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'addQbrActionItem', args: ['TechServices Inc.', item, 'Us', '2026-12-08'] }) })
        .then((r) => r.json() as Promise<{ value?: { message: string }; error?: string }>)));
    // Every click got an answer the page can show: the item added, or why not.
    for (const answer of answers) expect(typeof (answer.value?.message ?? answer.error)).toBe('string');
    const failed = answers.filter((a) => a.error !== undefined).map((a) => a.error);
    expect(failed).toEqual([]);
    expect(server.stats.maxConcurrent).toBeGreaterThan(1);
    const saved = await loadWorkbook(workbookPath, { timeZone: 'America/New_York' });
    const written = workbookRows(saved, 'Action items').map((r) => r[1]);
    expect(items.filter((item) => !written.includes(item))).toEqual([]);
  } finally {
    await server.close();
  }
});

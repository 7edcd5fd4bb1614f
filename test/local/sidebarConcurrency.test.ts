// The sidebar may have up to 10 google.script.run calls in flight, and Google runs them as parallel executions
// that contend for the document lock (docs/google-fidelity.md). The local bridge does the same; each of ten
// actions clicked at once must be written, or fail with a message the page shows — never lost or doubled.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSidebarServer } from '../../local/sidebarServer';
import { loadWorkbook } from '../../local/xlsxFile';
import { workbookRows } from '../automation/helpers';

jest.setTimeout(180_000);

test('ten action items added at once, from calls that really run side by side: each is written once or fails with its reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-conc-'));
  const workbookPath = join(dir, 'partners.xlsx');
  copyFileSync(join(__dirname, '..', '..', 'examples', 'partners.xlsx'), workbookPath);
  const server = await startSidebarServer({
    workbookPath,
    now: new Date(2026, 11, 1, 9, 0),
    selection: 'Partners!A2',
    outboxDir: join(dir, 'outbox'),
  });
  try {
    const items = Array.from({ length: 10 }, (_, i) => `Concurrent item ${i + 1}`);
    const answers = await Promise.all(
      items.map((item) =>
        fetch(`${server.url}run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'addQbrActionItem', args: ['TechServices Inc.', item, 'Us', '2026-12-08'] }),
        }).then((r) => r.json() as Promise<{ value?: { message: string }; error?: string }>),
      ),
    );
    // Every click got an answer the page shows: the item added, or why not (a lock wait that ran out).
    for (const answer of answers) expect(typeof (answer.value?.message ?? answer.error)).toBe('string');
    expect(server.stats.maxConcurrent).toBeGreaterThan(1);
    const saved = await loadWorkbook(workbookPath, { timeZone: 'America/New_York' });
    const written = workbookRows(saved, 'Action items').map((r) => r[1]);
    // Nothing lost, nothing written twice, nothing written by a call that said it failed.
    items.forEach((item, i) => {
      expect([item, written.filter((w) => w === item).length]).toEqual([item, answers[i].error === undefined ? 1 : 0]);
      if (answers[i].error !== undefined)
        expect(answers[i].error).toBe(
          'Another PartnerPulse action is still working on this spreadsheet. Try again in a moment.',
        );
    });
    expect(answers.filter((a) => a.error === undefined).length).toBeGreaterThan(1);
  } finally {
    await server.close();
  }
});

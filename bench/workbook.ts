// Large partner workbooks for the bench, generated in memory (no .xlsx round trip): the automation tests'
// partner sheet (test/automation/helpers.ts) with N partners drawn from a seeded generator, so every run
// of every size sees the same data. A fixed team of partner managers owns the partners round-robin, as a
// partner team does — more partners means longer digests, not more of them.

import type { WorkbookModel } from '../local/workbook';
import { type PartnerRow, partnerWorkbook } from '../test/automation/helpers';

export const BENCH_OWNERS = Array.from({ length: 25 }, (_, i) => `pm${String(i + 1).padStart(2, '0')}@example.com`);

/** Mulberry32: a small seeded generator, so sizes are comparable and runs repeatable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENGAGEMENT = ['Weekly', 'Monthly', 'Quarterly', 'Inactive'];
const FIT = ['Strong', 'Moderate', 'Weak'];

export function benchPartners(rows: number, seed = 9): PartnerRow[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: rows }, (_, i) => ({
    name: `Partner ${i + 1}`,
    // One in 50 partners has no owner (the admin hears about it).
    owner: i % 50 === 49 ? null : BENCH_OWNERS[i % BENCH_OWNERS.length],
    lastContactDaysAgo: random() < 0.1 ? null : Math.floor(random() * 120),
    revenue: Math.round(random() * 500_000),
    growth: Math.round((random() * 0.8 - 0.3) * 100) / 100,
    deals: Math.floor(random() * 8),
    engagement: pick(ENGAGEMENT),
    nps: Math.round(random() * 200 - 100),
    fit: pick(FIT),
  }));
}

export function benchWorkbook(rows: number): WorkbookModel {
  const model = partnerWorkbook(benchPartners(rows), `Bench ${rows}`);
  // A sheet holding N partners has at least N + 1 rows (Sheets grows it as they are pasted in).
  const sheet = model.sheet('Partners')!;
  sheet.maxRows = Math.max(sheet.maxRows, rows + 1);
  return model;
}

import {
  followUpItems,
  isChecklistItemId,
  isQuarterKey,
  QBR_AGENDA,
  QBR_CHECKLISTS,
  quarterKey,
} from '../../../src/core/qbr/meeting';
import { dayOfIso } from '../../../src/core/reading/calendar';

const day = (iso: string) => dayOfIso(iso) as number;

describe('QBR framework of seed 000 (spec §6)', () => {
  test('the agenda is the five sections of 5, 15, 15, 15 and 10 minutes: 60 in all', () => {
    expect(QBR_AGENDA.map((s) => [s.title, s.minutes])).toEqual([
      ['Relationship check', 5],
      ['Performance review', 15],
      ['Pipeline review', 15],
      ['Joint planning', 15],
      ['Resources/Support', 10],
    ]);
    expect(QBR_AGENDA.reduce((sum, s) => sum + s.minutes, 0)).toBe(60);
  });

  test('checklists: 5 before, 5 during, 4 after, each item with its own id', () => {
    expect(QBR_CHECKLISTS.map((l) => [l.phase, l.items.length])).toEqual([
      ['before', 5],
      ['during', 5],
      ['after', 4],
    ]);
    const ids = QBR_CHECKLISTS.flatMap((l) => l.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isChecklistItemId)).toBe(true);
    expect(isChecklistItemId('before.nothing')).toBe(false);
    expect(QBR_CHECKLISTS[0].items.map((i) => i.text)).toContain('Draft agenda and share');
  });

  test.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
    ['2026-12-31', '2026-Q4'],
  ])('%s is in %s', (iso, quarter) => {
    expect(quarterKey(day(iso))).toBe(quarter);
    expect(isQuarterKey(quarter)).toBe(true);
  });

  test('quarter keys are refused unless like 2026-Q4', () => {
    expect(['2026-Q5', '2026-q4', 'Q4', '2026-Q4 '].map(isQuarterKey)).toEqual([false, false, false, false]);
  });

  test('follow-ups after a QBR are due within 48 hours and name the next QBR', () => {
    const items = followUpItems(day('2026-12-01'), day('2027-03-02'));
    expect(items.map((i) => i.due)).toEqual(Array(4).fill(day('2026-12-03')));
    expect(items.map((i) => i.item)).toContain('Send meeting notes');
    expect(items.map((i) => i.item).join(' ')).toContain('2027-03-02');
    expect(items.every((i) => ['Us', 'Partner', 'Both'].includes(i.side))).toBe(true);
  });
});

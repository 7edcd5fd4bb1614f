import { DEFAULT_RULES } from '../../../src/core/rules';
import { qbrStatus, readSegment, touchStatus } from '../../../src/core/segments/cadence';

const rules = DEFAULT_RULES;
const today = 20_000;

describe('touch cadence (spec §3, §5)', () => {
  test.each([
    ['Strategic', 7],
    ['Growth', 14],
    ['Stable', 30],
    ['At-risk', 7],
    ['Long-tail', 90],
  ] as const)('%s: due %p days after the last contact, overdue only the day after', (segment, every) => {
    expect(touchStatus(segment, today - every, today, rules)).toEqual({
      dueDay: today,
      overdue: false,
      daysOverdue: 0,
    });
    expect(touchStatus(segment, today - every - 1, today, rules)).toEqual({
      dueDay: today - 1,
      overdue: true,
      daysOverdue: 1,
    });
  });

  test('never contacted is overdue now', () => {
    expect(touchStatus('Stable', null, today, rules)).toEqual({ dueDay: null, overdue: true, daysOverdue: null });
  });

  test('segments are read by name, case-insensitive, and refused otherwise', () => {
    expect(readSegment(' long-tail ')).toBe('Long-tail');
    expect(() => readSegment('Gold')).toThrow(
      'Segment "Gold" is not one of Strategic, Growth, Stable, At-risk, Long-tail',
    );
  });
});

describe('QBR cadence (spec §5)', () => {
  test('Strategic and Growth: a scheduled QBR in the past is overdue', () => {
    expect(qbrStatus('Strategic', null, today - 2, today, rules)).toMatchObject({ overdue: true, daysOverdue: 2 });
    expect(qbrStatus('Growth', null, today, today, rules)).toMatchObject({
      overdue: false,
      comingUp: true,
      daysUntil: 0,
    });
  });

  test('no next QBR: last QBR blank or older than 91 days is overdue', () => {
    expect(qbrStatus('Growth', null, null, today, rules)).toMatchObject({ overdue: true, daysOverdue: null });
    expect(qbrStatus('Growth', today - 91, null, today, rules)).toMatchObject({ overdue: false });
    expect(qbrStatus('Growth', today - 92, null, today, rules)).toMatchObject({ overdue: true, daysOverdue: 1 });
  });

  test('Stable, At-risk and Long-tail have no QBR cadence', () => {
    expect(qbrStatus('Stable', null, null, today, rules)).toMatchObject({ expected: false, overdue: false });
  });

  test('a QBR within the next 3 days is coming up, for any segment; 4 days is not', () => {
    expect(qbrStatus('Stable', null, today + 3, today, rules)).toMatchObject({ comingUp: true, daysUntil: 3 });
    expect(qbrStatus('Strategic', null, today + 4, today, rules)).toMatchObject({ comingUp: false, overdue: false });
  });
});

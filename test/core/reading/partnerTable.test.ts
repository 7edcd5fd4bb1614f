import { mapColumns, normalizeHeader, readPartnerRows } from '../../../src/core/reading/partnerTable';
import { DEFAULT_RULES } from '../../../src/core/rules';
import { evaluatePartners } from '../../../src/core/scoring/evaluatePartners';
import { dayNumber, NEW_YORK } from '../../calendars';

const today = dayNumber(new Date(2026, 11, 1));

describe('partner sheet columns are found by header text (spec §1)', () => {
  test('case, spaces, _, - and () are ignored', () => {
    expect(normalizeHeader(' Deals (this_quarter) ')).toBe('dealsthisquarter');
    expect(mapColumns(['Company', 'partner-manager', 'Deals_registered', 'Partner NPS', 'YoY Growth'])).toMatchObject({
      partner: 0,
      owner: 1,
      deals: 2,
      nps: 3,
      growth: 4,
    });
  });

  test('columns in any order, unknown headers ignored', () => {
    expect(mapColumns(['Notes', 'NPS', 'Name'])).toEqual({ nps: 1, partner: 2 });
  });
});

describe('reading partner rows', () => {
  const header = [
    'Partner',
    'Owner',
    'Revenue',
    'Revenue last year',
    'Deals',
    'Engagement',
    'NPS',
    'Fit',
    'Last contact',
  ];
  const columns = mapColumns(header);

  test('typed values; growth derived from revenue when there is no Growth column', () => {
    const [p] = readPartnerRows(
      [['Acme', 'ann@example.com', 120, 100, 4, 'Weekly', 55, 'Strong', new Date(2026, 10, 20)]],
      columns,
      today,
      DEFAULT_RULES,
      NEW_YORK,
    );
    expect(p).toMatchObject({
      name: 'Acme',
      owner: 'ann@example.com',
      deals: 4,
      engagement: 'Weekly',
      nps: 55,
      fit: 'Strong',
      lastContact: today - 11,
      problems: [],
    });
    expect(p.growth).toBeCloseTo(0.2);
  });

  test('bad cells become named problems and blanks; the row is still read', () => {
    const [p] = readPartnerRows(
      [['Beta', 'Bob', 10, 10, -3, 'Weekly', 140, 'Maybe', '']],
      columns,
      today,
      DEFAULT_RULES,
      NEW_YORK,
    );
    expect(p.problems).toEqual([
      'Deals −3 is below 0; allowed: a whole number of deals ≥ 0',
      'NPS 140 is outside −100…100',
      'Strategic fit "Maybe" is not one of Strong, Moderate, Weak',
    ]);
    expect(p.owner).toBeNull();
    expect(p.ownerProblem).toBe('Owner "Bob" is not an e-mail address');
  });

  test('empty rows below the table are skipped but keep row positions', () => {
    const rows = readPartnerRows(
      [
        ['A', '', 1, 1, 1, '', '', '', ''],
        ['', '', '', '', '', '', '', '', ''],
        ['C', '', 2, 2, 2, '', '', '', ''],
      ],
      columns,
      today,
      DEFAULT_RULES,
      NEW_YORK,
    );
    expect(rows.map((r) => [r.name, r.index])).toEqual([
      ['A', 0],
      ['C', 2],
    ]);
  });

  test('evaluating a table gives score, tier, segment, quadrant and cadence for each partner', () => {
    const records = readPartnerRows(
      [
        [
          'TechServices Inc.',
          'sarah@example.com',
          450000,
          333333,
          12,
          'Weekly',
          40,
          'Moderate',
          new Date(2026, 10, 28),
        ],
        ['RandomCorp', '', 0, 0, 0, '', '', '', new Date(2026, 3, 1)],
      ],
      columns,
      today,
      DEFAULT_RULES,
      NEW_YORK,
    );
    const [tech, random] = evaluatePartners(records, today, DEFAULT_RULES);
    expect(tech).toMatchObject({
      segment: 'Strategic',
      health: { score: 90, tier: 'Champion' },
      touch: { overdue: false },
    });
    expect(random.health.score).toBe('Unknown');
    expect(random.touch).toMatchObject({ overdue: true, daysOverdue: 244 - 90 });
  });
});

import { checkHeaders, editDistance } from '../../../src/core/reading/headerCheck';
import { DEFAULT_ALIASES } from '../../../src/core/reading/partnerTable';

const FULL = [
  'Partner',
  'Owner',
  'Revenue',
  'Growth',
  'Deals',
  'Leads',
  'Engagement',
  'NPS',
  'Strategic fit',
  'Market relevance',
  'Last contact',
  'Last QBR',
  'Next QBR',
];

describe('header check', () => {
  test('edit distance', () => {
    expect(editDistance('dealregistered', 'dealsregistered')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('a complete header row has no findings', () => {
    expect(checkHeaders(FULL)).toEqual([]);
  });

  test('misspelled headers are named with the nearest alias', () => {
    const headers = [
      'Partner',
      'Owner',
      'Revenue',
      'Growth',
      'Deal registered',
      'Leads',
      'Engagment',
      'N.P.S',
      'Stratgic fit',
      'Market relevance',
      'Last contcat',
      'Last QBR',
      'Next QBR',
    ];
    expect(checkHeaders(headers).map((f) => f.message)).toEqual([
      '`Deal registered` — did you mean `Deals registered`?',
      '`Engagment` — did you mean `Engagement`?',
      '`Stratgic fit` — did you mean `Strategic fit`?',
      '`Last contcat` — did you mean `Last contact`? Until it is renamed, every partner counts as never contacted, so each one is "Touch overdue" every day.',
      'No NPS column: add a header `NPS` (also read: Partner NPS).',
    ]);
  });

  test('case, spaces, _ - and () do not count as misspellings', () => {
    expect(
      checkHeaders([
        'partner_name',
        'OWNER',
        'revenue (this quarter)',
        'yoy-growth',
        'deals',
        'LEADS',
        'portal logins',
        'nps',
        'fit',
        'relevance',
        'last touch',
        'last_qbr',
        'NEXT QBR',
      ]),
    ).toEqual([]);
  });

  test('missing columns are named with the headers that would be read; growth is not needed with both revenue columns', () => {
    const findings = checkHeaders(['Partner', 'Revenue', 'Revenue last year']);
    expect(findings.map((f) => f.field)).toEqual([
      'owner',
      'deals',
      'leads',
      'engagement',
      'nps',
      'fit',
      'relevance',
      'lastContact',
      'lastQbr',
    ]);
    expect(findings[0].message).toBe(
      'No Owner column: add a header `Owner` (also read: Partner manager, PM, Owner email). Without it, every partner counts as having no owner, so all their alerts go to the admin and no partner manager gets a digest.',
    );
  });

  test('an unrelated header is not forced onto a column', () => {
    expect(checkHeaders([...FULL, 'Notes', 'Region']).length).toBe(0);
  });

  test('extra aliases from Settings count as spelled right', () => {
    expect(
      checkHeaders([...FULL.filter((h) => h !== 'Deals'), 'Deals closed'], {
        ...DEFAULT_ALIASES,
        deals: [...DEFAULT_ALIASES.deals, 'Deals closed'],
      }),
    ).toEqual([]);
  });
});

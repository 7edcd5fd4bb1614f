import {
  actionItemsFor,
  feedbackFor,
  howToAdd,
  isClosedStage,
  loggedOn,
  pipelineFor,
  rowForHeader,
} from '../../../src/core/qbr/optionalSheets';
import { dayOfIso } from '../../../src/core/reading/calendar';
import type { CellValue } from '../../../src/core/reading/cells';
import { NEW_YORK } from '../../calendars';

const day = (iso: string) => dayOfIso(iso) as number;
const date = (iso: string) => new Date(`${iso}T00:00:00`);
const today = day('2026-12-01');

describe('Pipeline (spec §6)', () => {
  const sheet: CellValue[][] = [
    ['Partner', 'Opportunity', 'Stage', 'Amount', 'Close date', 'Last stage change'],
    ['Acme', 'A1', 'Proposal', 100, date('2026-12-20'), date('2026-11-02')], // 29 days: not stuck
    ['acme ', 'A2', 'Proposal', 50, date('2027-01-20'), date('2026-11-01')], // 30 days: stuck
    ['Acme', 'A3', 'Discovery', '', '', ''],
    ['Acme', 'A4', 'Closed won', 999, date('2026-11-20'), date('2026-09-01')],
    ['Other', 'B1', 'Proposal', 1000, '', date('2026-01-01')],
  ];

  test('open deals by stage in sheet order, forecast of open amounts, the partner matched without case or spaces', () => {
    const p = pipelineFor(sheet, 'ACME', today, NEW_YORK);
    expect(p.byStage).toEqual([
      { stage: 'Proposal', count: 2, amount: 150 },
      { stage: 'Discovery', count: 1, amount: 0 },
    ]);
    expect(p.forecast).toBe(150);
    expect(p.closedCount).toBe(1);
    expect(p.open.map((d) => d.opportunity)).toEqual(['A1', 'A2', 'A3']);
  });

  test('stuck = open and 30 or more days since the last stage change; closed deals never stuck', () => {
    const p = pipelineFor(sheet, 'Acme', today, NEW_YORK);
    expect(p.stuck.map((d) => [d.opportunity, d.daysInStage])).toEqual([['A2', 30]]);
  });

  test('columns in another order are found by header; a bad date is a problem naming the row, not a crash', () => {
    const p = pipelineFor(
      [
        ['Stage', 'Partner', 'Opportunity', 'Last stage change'],
        ['Demo', 'Acme', 'X', 'soon'],
      ],
      'Acme',
      today,
      NEW_YORK,
    );
    expect(p.open[0]).toMatchObject({ opportunity: 'X', stage: 'Demo', lastStageChange: null, stuck: false });
    expect(p.problems).toEqual([
      'Pipeline row 2: Last stage change "soon" is not a date; allowed: a date cell or text like 11/25/2026 or 2026-11-25',
    ]);
  });

  test.each(['Closed won', 'closed lost', 'Won', 'Lost', 'Closed'])('stage %s is closed', (s) =>
    expect(isClosedStage(s)).toBe(true),
  );
  test.each(['Proposal', 'Negotiation', 'Wonder', 'Closing'])('stage %s is open', (s) =>
    expect(isClosedStage(s)).toBe(false),
  );
});

test('feedback newest first, undated last', () => {
  const f = feedbackFor(
    [
      ['Partner', 'Type', 'Summary', 'Date'],
      ['Acme', 'Praise', 'old', date('2026-10-01')],
      ['Acme', 'Request', 'none', ''],
      ['Acme', 'Concern', 'new', date('2026-11-20')],
    ],
    'Acme',
    NEW_YORK,
  );
  expect(f.entries.map((e) => e.summary)).toEqual(['new', 'old', 'none']);
  expect(f.entries[0].date).toBe('2026-11-20');
});

test('action items: open first, done last, overdue when open past due, rows as on the sheet', () => {
  const a = actionItemsFor(
    [
      ['Partner', 'Item', 'Side', 'Due', 'Status'],
      ['Acme', 'late', 'us', date('2026-11-30'), 'Open'],
      ['Acme', 'finished', 'Partner', date('2026-11-01'), 'Done'],
      ['Acme', 'later', 'Both', date('2026-12-10'), ''],
      ['Acme', 'odd side', 'Them', '', 'Open'],
    ],
    'Acme',
    today,
    NEW_YORK,
  );
  expect(a.items.map((i) => [i.item, i.row, i.side, i.overdue, i.done])).toEqual([
    ['late', 2, 'Us', true, false],
    ['later', 4, 'Both', false, false],
    ['odd side', 5, null, false, false],
    ['finished', 3, 'Partner', false, true],
  ]);
  expect(a.problems).toEqual(['Action items row 5: Side "Them" is not one of Us, Partner, Both']);
});

test('QBR log: a QBR with the partner on that day is found', () => {
  const log = [
    ['Partner', 'Held on', 'Notes', 'Next QBR'],
    ['Acme', date('2026-12-01'), '', ''],
  ];
  expect(loggedOn(log, 'acme', today, NEW_YORK)).toBe(true);
  expect(loggedOn(log, 'acme', today + 1, NEW_YORK)).toBe(false);
  expect(loggedOn(log, 'Other', today, NEW_YORK)).toBe(false);
});

test('rows to append follow the sheet header order, and a missing column is named', () => {
  expect(
    rowForHeader(['Status', 'Partner', 'Extra', 'Item'], 'Action items', {
      Partner: 'Acme',
      Item: 'x',
      Status: 'Open',
    }),
  ).toEqual(['Open', 'Acme', '', 'x']);
  expect(() => rowForHeader(['Partner'], 'Action items', { Partner: 'Acme', Side: 'Us' })).toThrow(
    'The "Action items" sheet has no "Side" column; add it to its first row.',
  );
});

test('a missing sheet is explained with its name and headers', () => {
  expect(howToAdd('pipeline', 'Pipeline')).toBe(
    'Add a sheet named "Pipeline" with the header row Partner · Opportunity · Stage · Amount · Close date · Last stage change, one row per entry.',
  );
});

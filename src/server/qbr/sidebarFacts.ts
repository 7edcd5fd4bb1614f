// The numbers and lists the QBR sidebar prints, filled from Settings and the rules (src/contracts/qbrSidebar.ts,
// docs/qbr-sidebar.md): the sidebar writes none of them itself, so a change in Settings shows there at once.
import type { QbrSidebarFacts } from '../../contracts/qbrSidebar';
import { FOLLOW_UP_DAYS, SIDES, type Side } from '../../core/qbr/meeting';
import { STUCK_AFTER_DAYS } from '../../core/qbr/optionalSheets';
import { TREND_DAYS, TREND_SCALE } from '../../core/qbr/trend';
import type { Rules } from '../../core/rules';
import { SCORE_RANGE } from '../../core/scoring/health';
import { WHAT_IF_CONTROLS } from '../../core/scoring/whatIf';
import { TEXT_LIMITS } from './args';

/** The Add milestone form offers Both first: a joint milestone is usually worked on together (docs/journey.md). */
const MILESTONE_SIDES: Side[] = ['Both', 'Us', 'Partner'];

export function sidebarFacts(rules: Rules): QbrSidebarFacts {
  const floors = rules.tierFloors;
  return {
    tierFloors: (Object.keys(floors) as (keyof typeof floors)[])
      .map((tier) => ({ tier, floor: floors[tier] }))
      .sort((a, b) => b.floor - a.floor),
    score: { ...SCORE_RANGE },
    trendDays: TREND_DAYS,
    againstDaysAgo: rules.healthDrop.againstDaysAgo,
    trendScale: { ...TREND_SCALE },
    stuckAfterDays: STUCK_AFTER_DAYS,
    followUpDays: FOLLOW_UP_DAYS,
    maxLength: {
      item: TEXT_LIMITS.item,
      milestone: TEXT_LIMITS.milestone,
      target: TEXT_LIMITS.target,
      notes: TEXT_LIMITS.notes,
    },
    sides: { actionItem: [...SIDES], milestone: MILESTONE_SIDES },
    whatIf: WHAT_IF_CONTROLS.map((c) => (c.kind === 'choice' ? { ...c, options: [...c.options] } : { ...c })),
  };
}

// The QBR sidebar's contract (docs/qbr-sidebar.md, CONTRIBUTING.md "Add a sidebar section"): every type that
// crosses google.script.run between ui/sidebar/ and the server, and every number or label the sidebar prints,
// as data the server fills from Settings. The sidebar imports nothing from src/ but this module; the server's
// entries (src/index.ts) are checked against `QbrSidebarServer` in src/contracts/conformance.ts.
//
// google.script.run carries strings, numbers, booleans, arrays and plain objects, not Date: dates are ISO
// `YYYY-MM-DD` strings (a Date anywhere in a call's arguments or result fails to compile, see DateFree).

import type { Side } from '../core/qbr/meeting';
import type { QbrDetails } from '../core/qbr/view';
import type { Tier } from '../core/rules';
import type { WhatIfControl, WhatIfField } from '../core/scoring/whatIf';

export type { LifecycleView, RisksView } from '../core/journey/view';
// The partner's data as the sidebar shows it (built in src/core/qbr/view.ts and src/server/qbr/qbrContext.ts).
export type { Side } from '../core/qbr/meeting';
/** How long the QBR takes: the agenda's sections added up, as the agenda e-mail says it. */
export { agendaMinutes } from '../core/qbr/meeting';
export type { ActionItem, FeedbackEntry, PipelineSummary } from '../core/qbr/optionalSheets';
export type { Trend } from '../core/qbr/trend';
export type { Optional, QbrDetails, QbrNextSteps, QbrPartner } from '../core/qbr/view';
/** Day numbers of ISO dates, for placing the trend's points. */
export { dayOfIso } from '../core/reading/calendar';
export type {
  WhatIfControl,
  WhatIfField,
  WhatIfInputs,
  WhatIfModel,
  WhatIfOutcome,
} from '../core/scoring/whatIf';

// The what-if panel runs the server's own rules and cell readers in the browser (docs/qbr-sidebar.md), so the
// score it previews is the score Apply gives; these are those rules, not a copy.
export {
  changedFields,
  describeField,
  readWhatIfText,
  WHAT_IF_FIELDS,
  WHAT_IF_LABELS,
  whatIfChange,
  whatIfOutcome,
  whatIfText,
} from '../core/scoring/whatIf';

/**
 * Every number and list the sidebar prints or offers that is not the partner's own data, from Settings and
 * the rules (docs/rules.md). The sidebar writes none of them itself (test/ui/productNumbers.test.ts).
 */
export interface QbrSidebarFacts {
  /** The tier lines on the score trend: each tier's lowest score (Settings → Tier floors), highest first. */
  tierFloors: { tier: Tier; floor: number }[];
  /** The health score's scale. */
  score: { min: number; max: number };
  /** Days of Health history the trend shows. */
  trendDays: number;
  /** Days back the trend's change is measured against (Settings → Health drop). */
  againstDaysAgo: number;
  /** The trend is drawn at least this many score points high, padded by `padPoints` above and below. */
  trendScale: { minSpan: number; padPoints: number };
  /** Open deals with no stage change for this many days are stuck. */
  stuckAfterDays: number;
  /** Mark QBR held adds follow-up action items due this many days later. */
  followUpDays: number;
  /** The longest text each input takes (the server refuses longer). */
  maxLength: { item: number; milestone: number; target: number; notes: number };
  /** Who does an action item or milestone; the first is preselected in each form. */
  sides: { actionItem: Side[]; milestone: Side[] };
  /** The what-if panel's fields, in order, with the choices for Engagement, Strategic fit and relevance. */
  whatIf: WhatIfControl[];
}

export interface QbrData {
  today: string;
  /** Every partner name, for the search box. */
  partners: string[];
  /** null: no partner selected (the sidebar shows how to pick one). */
  details: QbrDetails | null;
  /** Why nothing is selected, when that is the case. */
  note: string | null;
  /** "Automation: last run failed 2 h ago — …" when the last automated run failed, so nobody misses it. */
  automation: string | null;
  facts: QbrSidebarFacts;
}

/**
 * Which partner a sidebar call is about: its row as the sidebar read it and a fingerprint of that row's
 * values, so an action lands on the row the user saw, never on another row of the same name, and is refused
 * when the row moved or changed since (docs/alerts-and-data-problems.md).
 */
export interface PartnerRef {
  row: number;
  fingerprint: string;
  name?: string;
}

/** What an action did, in words, and the sidebar's data after it. */
export interface QbrActionResult {
  message: string;
  /** One line per thing written ("Partners row 2: Last QBR …"). */
  changes: string[];
  data: QbrData;
}

/**
 * What the sidebar sends on Apply: each changed field as the user typed it (Growth as percent text such as
 * "20%", read by the server's Growth reader), or the chosen label, or true/false for Market relevance; null
 * blanks the cell. The server reads every value again with the partner sheet's readers.
 */
export type WhatIfChanges = Partial<Record<WhatIfField, number | string | boolean | null>>;

/** The server functions the sidebar calls through google.script.run, with their arguments and results. */
export interface QbrSidebarServer {
  getQbrData(partnerName: string | PartnerRef | null): QbrData;
  setQbrChecklistItem(partner: PartnerRef, quarter: string, itemId: string, done: boolean): QbrActionResult;
  addQbrActionItem(partner: PartnerRef, item: string, side: string, due: string): QbrActionResult;
  completeQbrActionItem(partner: PartnerRef, row: number, item: string): QbrActionResult;
  addJointPlanMilestone(
    partner: PartnerRef,
    milestone: string,
    side: string,
    due: string,
    target: string,
  ): QbrActionResult;
  completeJointPlanMilestone(partner: PartnerRef, row: number, milestone: string): QbrActionResult;
  createQbrBrief(partner: PartnerRef): QbrActionResult;
  emailQbrAgenda(partner: PartnerRef): QbrActionResult;
  markQbrHeld(partner: PartnerRef, notes: string): QbrActionResult;
  applyQbrWhatIf(partner: PartnerRef, changes: WhatIfChanges): QbrActionResult;
}

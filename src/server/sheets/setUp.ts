import { SEVERITIES } from '../../core/alerts/escalations';
import { MILESTONE_STATUSES } from '../../core/journey/jointPlan';
import { OPTIONAL_SHEET_HEADERS } from '../../core/qbr/optionalSheets';
import type { CellValue } from '../../core/reading/cells';
import { checkHeaders } from '../../core/reading/headerCheck';
import { ENGAGEMENT_LEVELS, FITS } from '../../core/rules';
import { aliasesOf, type Settings } from '../../core/settings/settings';
import { activeSpreadsheet, calendarOf, loadSettings, storedSettings } from '../platform/spreadsheetContext';
import { AS_OF_RANGE } from '../settings/formulaContext';
import { keepFormulasCurrent } from './asOfSheet';

/** A drop-down on one column: the values offered, and whether other values are refused or only flagged. */
interface DropDown {
  header: string;
  values: readonly string[];
  /** Engagement also takes a date or a login count, relevance also Yes/No or 1–5: those are only flagged. */
  allowInvalid: boolean;
  help: string;
}

interface SheetPlan {
  name: string;
  headers: string[];
  dropDowns: DropDown[];
  /** Formulas of the first data row, by header. */
  formulas?: Record<string, string>;
}

/** The partner sheet of docs/rules.md §1 with the formula columns; the letters below follow this order. */
export const PARTNER_HEADERS = [
  'Partner',
  'Owner',
  'Revenue',
  'Revenue last year',
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
  'Signed',
  'First deal',
  'Partner contact',
  'Health',
  'Tier',
  'Segment',
  'Quadrant',
  'Next touch',
  'Stage',
  'Snooze until',
  'Recruiting since',
];

export const PARTNER_FORMULAS: Record<string, string> = {
  // Each ends with the as-of cells (server/sheets/asOfSheet.ts) so it moves on every day and after Settings are saved.
  Health: `=PARTNER_HEALTH(E2:E, F2:F, H2:H, I2:I, J2:J, ${AS_OF_RANGE})`,
  Tier: `=PARTNER_TIER(R2:R, , , , , ${AS_OF_RANGE})`,
  Segment: `=SEGMENT(C2:C, E2:E, F2:F, H2:H, ${AS_OF_RANGE})`,
  Quadrant: `=PARTNER_QUADRANT(G2:G, K2:K, ${AS_OF_RANGE})`,
  'Next touch': `=NEXT_TOUCH(T2:T, L2:L, ${AS_OF_RANGE})`,
  Stage: `=PARTNER_STAGE(O2:O, P2:P, F2:F, ${AS_OF_RANGE})`,
};

export const ACTION_STATUSES = ['Open', 'In progress', 'Done'] as const;

function plans(settings: Settings): SheetPlan[] {
  const s = settings.sheets;
  return [
    {
      name: s.partners,
      headers: PARTNER_HEADERS,
      formulas: PARTNER_FORMULAS,
      dropDowns: [
        {
          header: 'Engagement',
          values: ENGAGEMENT_LEVELS,
          allowInvalid: true,
          help: 'Weekly, Monthly, Quarterly or Inactive — or the date of last portal activity, or logins in the last 90 days.',
        },
        { header: 'Strategic fit', values: FITS, allowInvalid: false, help: 'Strong, Moderate or Weak.' },
        {
          header: 'Market relevance',
          values: ['High', 'Low'],
          allowInvalid: true,
          help: 'High or Low (Yes/No or 1–5 work too; 4 and 5 are high).',
        },
      ],
    },
    { name: s.pipeline, headers: [...OPTIONAL_SHEET_HEADERS.pipeline], dropDowns: [] },
    {
      name: s.escalations,
      headers: ['Partner', 'Severity', 'Opened', 'Responded', 'Resolved'],
      dropDowns: [
        {
          header: 'Severity',
          values: SEVERITIES,
          allowInvalid: false,
          // The response windows as Settings has them now (docs/settings.md#escalations-and-program-targets).
          help: `${SEVERITIES.map((sev) => `${sev} ${settings.rules.escalationHours[sev]} h`).join(', ')} to respond.`,
        },
      ],
    },
    {
      name: s.actionItems,
      headers: [...OPTIONAL_SHEET_HEADERS.actionItems],
      dropDowns: [
        {
          header: 'Side',
          values: ['Us', 'Partner', 'Both'],
          allowInvalid: false,
          help: 'Who owes it: Us, Partner or Both.',
        },
        { header: 'Status', values: ACTION_STATUSES, allowInvalid: false, help: 'Open, In progress or Done.' },
      ],
    },
    { name: s.qbrLog, headers: [...OPTIONAL_SHEET_HEADERS.qbrLog], dropDowns: [] },
    { name: s.feedback, headers: [...OPTIONAL_SHEET_HEADERS.feedback], dropDowns: [] },
    {
      name: s.jointPlan,
      headers: [...OPTIONAL_SHEET_HEADERS.jointPlan],
      dropDowns: [
        {
          header: 'Side',
          values: ['Us', 'Partner', 'Both'],
          allowInvalid: false,
          help: 'Who delivers the milestone: Us, Partner or Both.',
        },
        {
          header: 'Status',
          values: MILESTONE_STATUSES,
          allowInvalid: false,
          help: 'Open, Done or Dropped (blank counts as Open).',
        },
      ],
    },
  ];
}

function createSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, plan: SheetPlan): void {
  const sheet = ss.insertSheet(plan.name);
  sheet.getRange(1, 1, 1, plan.headers.length).setValues([plan.headers]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const dataRows = sheet.getMaxRows() - 1;
  for (const d of plan.dropDowns) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList([...d.values], true)
      .setAllowInvalid(d.allowInvalid)
      .setHelpText(d.help)
      .build();
    sheet.getRange(2, plan.headers.indexOf(d.header) + 1, dataRows, 1).setDataValidation(rule);
  }
  if (plan.formulas) {
    // One write for the formula block: the columns are adjacent (Health … Stage).
    const names = Object.keys(plan.formulas);
    const first = plan.headers.indexOf(names[0]) + 1;
    sheet
      .getRange(2, first, 1, names.length)
      .setFormulas([names.map((n) => (plan.formulas as Record<string, string>)[n])]);
  }
}

export interface SetUpResult {
  created: string[];
  left: string[];
  /** Header check of a partner sheet that was already there. */
  headerFindings: string[];
  message: string;
}

/**
 * Menu: Set up example sheets. Creates each sheet PartnerPulse reads that does not exist yet — headers,
 * frozen header row, drop-downs, the formula columns — and leaves every existing sheet exactly as it is.
 */
export function setUpSheets(): SetUpResult {
  const ss = activeSpreadsheet();
  const stored = storedSettings();
  const settings = stored.settings;
  const created: string[] = [];
  const left: string[] = [];
  // The formula columns end with the as-of cells, so those exist before the formulas do.
  const calendar = calendarOf(ss);
  keepFormulasCurrent(ss, calendar, calendar.dayOf(new Date()), stored.json);
  for (const plan of plans(settings)) {
    if (ss.getSheetByName(plan.name)) {
      left.push(plan.name);
      continue;
    }
    createSheet(ss, plan);
    created.push(plan.name);
  }
  let headerFindings: string[] = [];
  if (left.includes(settings.sheets.partners)) headerFindings = partnerSheetFindings(ss, settings);
  const lines = [
    created.length ? `Created: ${created.join(', ')}.` : 'Created nothing: every sheet was already there.',
    left.length ? `Left as they were (they exist): ${left.join(', ')}.` : '',
    headerFindings.length ? `Header check of "${settings.sheets.partners}":\n• ${headerFindings.join('\n• ')}` : '',
  ].filter(Boolean);
  const message = lines.join('\n');
  SpreadsheetApp.getUi().alert('PartnerPulse set-up', message, SpreadsheetApp.getUi().ButtonSet.OK);
  return { created, left, headerFindings, message };
}

/**
 * The header check of the partner sheet, headers and a sample of the values under them (one read of the
 * sheet): missing, misspelled and remarked headers, owner columns without addresses, unreadable columns,
 * partners listed twice. [] when all is well or there is no partner sheet (set-up says so itself).
 */
export function partnerSheetFindings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): string[] {
  const sheet = ss.getSheetByName(settings.sheets.partners);
  if (!sheet)
    return [
      `There is no sheet named "${settings.sheets.partners}": nothing can be scored or alerted. Use "Set up example sheets", or change the partner sheet's name in Settings.`,
    ];
  const values = sheet.getDataRange().getValues() as CellValue[][];
  return checkHeaders(values[0] ?? [], aliasesOf(settings), values.slice(1), calendarOf(ss)).map((f) => f.message);
}

/** Menu: Check headers — the partner sheet's missing and misspelled columns, with the nearest alias. */
export function checkPartnerHeaders(): string[] {
  const ss = activeSpreadsheet();
  const settings = loadSettings();
  const sheet = ss.getSheetByName(settings.sheets.partners);
  const ui = SpreadsheetApp.getUi();
  if (!sheet) {
    const text = `There is no sheet named "${settings.sheets.partners}". Use "Set up example sheets" to create it, or change the partner sheet's name in Settings.`;
    ui.alert('PartnerPulse header check', text, ui.ButtonSet.OK);
    return [text];
  }
  const findings = partnerSheetFindings(ss, settings);
  ui.alert(
    'PartnerPulse header check',
    findings.length
      ? findings.join('\n')
      : `Every column PartnerPulse reads was found on "${settings.sheets.partners}".`,
    ui.ButtonSet.OK,
  );
  return findings;
}

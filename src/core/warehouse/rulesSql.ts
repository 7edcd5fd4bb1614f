import { type DayNumber, dayOfIso } from '../reading/calendar';
import {
  DIMENSIONS,
  type Dimension,
  ENGAGEMENT_LEVELS,
  type EngagementLevel,
  FITS,
  type Rules,
  SEGMENTS,
} from '../rules';
import { type HealthInputs, scoreHealth } from '../scoring/health';
import { quadrantOf } from '../segments/quadrants';
import { type Dialect, sqlNumber, sqlString } from './dialect';
import { MESSAGES, type MessageTemplate } from './messages';
import { textDateStages } from './textDates';

/**
 * The partner rules of docs/rules.md §2–§5 as one SQL query over a warehouse table with the §13 columns
 * (docs/warehouse.md). Every threshold, weight, band, point value and cadence comes from the `Rules` the
 * custom functions are given, and every point value is computed by `scoreHealth` itself, so a Settings
 * change moves the formulas and the SQL together. Each choice the formulas make on blank or invalid input is
 * made the same way here; test/property/warehouse.property.test.ts checks row by row against the formulas.
 */
export interface RulesSqlOptions {
  table: string;
  /** The evaluation date, `YYYY-MM-DD`, a calendar date in the spreadsheet's time zone. */
  asOf: string;
  /** The spreadsheet's locale (`en_US`, `de_DE`, …): how an engagement typed as a text date reads. Default en_US. */
  locale?: string;
}

/** Internal columns carry this prefix; the input table's own columns are kept whole in `pp_row`. */
const P = 'pp_';

// Whitespace as JavaScript's String.prototype.trim sees it ([[:space:]] is RE2's ASCII class), so a cell the
// formulas call blank is NULL here too.
export const SPACE =
  '[[:space:]\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
// core/reading/cells.ts NUMBER_TEXT, without backslashes (both dialects then read the literal alike).
const NUMBER_TEXT = '^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?$|^[+-]?[.][0-9]+$';
// core/reading/cells.ts readRelevance's words.
const HIGH_RELEVANCE = ['high', 'yes', 'true', 'strong'];
const LOW_RELEVANCE = ['low', 'no', 'false', 'weak', 'moderate', 'medium'];

export function asOfDay(asOf: string): DayNumber {
  const day = dayOfIso(asOf);
  if (day === null) throw new Error(`As-of date "${asOf}" is not a date; allowed: YYYY-MM-DD, such as 2026-12-01`);
  return day;
}

/** Points one dimension earns for one input, as the custom functions compute them. */
function pointsFor(dimension: Dimension, input: number | string, rules: Rules): number {
  const key = (
    { revenue: 'growth', activity: 'deals', engagement: 'engagement', satisfaction: 'nps', fit: 'fit' } as const
  )[dimension];
  const inputs: HealthInputs = { growth: null, deals: null, engagement: null, nps: null, fit: null, [key]: input };
  return scoreHealth(inputs, rules).dimensions[0].earned;
}

const list = (values: readonly string[]) => values.map((v) => sqlString(v)).join(', ');

/** `CASE WHEN x >= t1 THEN v1 … ELSE v END`, first match wins, as the rules' if-chains. */
function bands(
  x: string,
  steps: ReadonlyArray<[op: '>=' | '>', threshold: string, value: string]>,
  otherwise: string,
): string {
  return `CASE ${steps.map(([op, t, v]) => `WHEN ${x} ${op} ${t} THEN ${v}`).join(' ')} ELSE ${otherwise} END`;
}

export function rulesSql(rules: Rules, dialect: Dialect, options: RulesSqlOptions): string {
  const d = dialect;
  const num = (n: number) => sqlNumber(n, d);
  const str = sqlString;
  const today = asOfDay(options.asOf);
  const inf = `CAST('inf' AS ${d.floatType})`;

  const trimmed = (x: string) =>
    `NULLIF(REGEXP_REPLACE(REGEXP_REPLACE(${x}, ${d.regex(`^${SPACE}+`)}, ''), ${d.regex(`${SPACE}+$`)}, ''), '')`;
  const normalizedNumber = (t: string) => `REGEXP_REPLACE(${t}, '^−', '-')`;
  const numberOfText = (t: string) =>
    `CASE WHEN ${d.regexContains(normalizedNumber(t), d.regex(NUMBER_TEXT))} THEN CAST(REPLACE(REGEXP_REPLACE(${normalizedNumber(t)}, '^[+]', ''), ',', '') AS ${d.floatType}) END`;
  // core/reading/inputError.ts formatNumber: a typographic minus, integers without ".0".
  const plain = (x: string) =>
    `CASE WHEN ${x} = FLOOR(${x}) AND ${x} < ${2 ** 53} THEN CAST(CAST(${x} AS ${d.intType}) AS ${d.stringType}) ELSE CAST(${x} AS ${d.stringType}) END`;
  const shownFloat = (x: string) =>
    `CASE WHEN ${d.isNan(x)} THEN 'NaN' WHEN ${d.isInf(x)} THEN (CASE WHEN ${x} > 0 THEN 'Infinity' ELSE '−Infinity' END) WHEN ${x} < 0 THEN '−' || (${plain(`(-${x})`)}) ELSE (${plain(x)}) END`;
  const shownInt = (x: string) =>
    `CASE WHEN ${x} < 0 THEN '−' || CAST(-${x} AS ${d.stringType}) ELSE CAST(${x} AS ${d.stringType}) END`;
  const message = (m: MessageTemplate, shown: string) => `${str(m.before)} || ${shown} || ${str(m.after)}`;
  const quoted = (m: MessageTemplate, raw: string) => message(m, raw);
  const notFinite = (x: string) => `(${d.isNan(x)} OR ${d.isInf(x)})`;

  // --- Stage 1: text trimmed and parsed once.
  const row = (c: string) => `${P}row.${c}`;
  const stageText = [
    `t AS ${P}row`,
    `${trimmed('t.engagement')} AS ${P}eng_text`,
    `${trimmed('t.fit')} AS ${P}fit_text`,
    `${trimmed('t.relevance')} AS ${P}rel_text`,
  ];

  // --- Stage 2: every input read as the cell readers of core/reading/cells.ts read it: a value or a problem.
  const floatField = (
    c: string,
    invalid: (x: string) => string,
    notNumber: MessageTemplate,
    outOfRange: MessageTemplate,
  ) => {
    const x = row(c);
    return [
      `CASE WHEN ${x} IS NULL OR ${notFinite(x)} OR ${invalid(x)} THEN NULL ELSE ${x} END AS ${P}${c}`,
      `CASE WHEN ${x} IS NULL THEN NULL WHEN ${notFinite(x)} THEN ${message(notNumber, shownFloat(x))} WHEN ${invalid(x)} THEN ${message(outOfRange, shownFloat(x))} END AS ${P}${c}_problem`,
    ];
  };
  const intField = (c: string, below: MessageTemplate) => {
    const x = row(c);
    return [
      `CASE WHEN ${x} < 0 THEN NULL ELSE ${x} END AS ${P}${c}`,
      `CASE WHEN ${x} < 0 THEN ${message(below, shownInt(x))} END AS ${P}${c}_problem`,
    ];
  };
  const e = rules.engagement;
  /** The engagement level of the last portal activity on `day`, a day number. */
  const byDaysAgo = (day: string) => {
    const daysAgo = `(${today} - ${day})`;
    return (
      `CASE WHEN ${daysAgo} <= ${num(e.weeklyWithinDays)} THEN 'Weekly' WHEN ${daysAgo} <= ${num(e.monthlyWithinDays)} THEN 'Monthly'` +
      ` WHEN ${daysAgo} <= ${num(e.quarterlyWithinDays)} THEN 'Quarterly' ELSE 'Inactive' END`
    );
  };
  const byLogins = (n: string) =>
    bands(
      n,
      [
        ['>=', num(e.weeklyLogins), `'Weekly'`],
        ['>=', num(e.monthlyLogins), `'Monthly'`],
        ['>=', num(e.quarterlyLogins), `'Quarterly'`],
      ],
      `'Inactive'`,
    );
  const engLabel = `CASE LOWER(${P}eng_text) ${ENGAGEMENT_LEVELS.map((l) => `WHEN ${str(l.toLowerCase())} THEN ${str(l)}`).join(' ')} END`;
  // An engagement typed as a text date, read in the spreadsheet's locale (core/warehouse/textDates.ts).
  const dateStages = textDateStages(`${P}eng_text`, `${P}eng`, options.locale ?? 'en_US', d, SPACE);
  const engDay = `${P}eng_day`;
  const engWhy = `${P}eng_why`;
  const u = MESSAGES.engagementUnreadable;
  const engCount = numberOfText(`${P}eng_text`);
  const relCount = numberOfText(`${P}rel_text`);
  const fitLabel = `CASE LOWER(${P}fit_text) ${FITS.map((f) => `WHEN ${str(f.toLowerCase())} THEN ${str(f)}`).join(' ')} END`;
  const relWord = `CASE WHEN LOWER(${P}rel_text) IN (${list(HIGH_RELEVANCE)}) THEN TRUE WHEN LOWER(${P}rel_text) IN (${list(LOW_RELEVANCE)}) THEN FALSE END`;

  const stageRead = [
    `${P}row`,
    ...floatField('revenue', (x) => `${x} < 0`, MESSAGES.revenueNotNumber, MESSAGES.revenueBelow),
    ...floatField(
      'revenue_last_year',
      (x) => `${x} < 0`,
      MESSAGES.revenueLastYearNotNumber,
      MESSAGES.revenueLastYearBelow,
    ),
    ...floatField('growth', (x) => `${x} < -1`, MESSAGES.growthNotNumber, MESSAGES.growthBelow),
    ...intField('deals', MESSAGES.dealsBelow),
    ...intField('leads', MESSAGES.leadsBelow),
    ...floatField('nps', (x) => `(${x} < -100 OR ${x} > 100)`, MESSAGES.npsNotNumber, MESSAGES.npsOutside),
    // Engagement: the label when present, else the date of last portal activity, else the logins (docs/rules.md §13).
    `CASE WHEN ${P}eng_text IS NOT NULL THEN (CASE WHEN ${engLabel} IS NOT NULL THEN ${engLabel} WHEN ${engDay} IS NOT NULL THEN ${byDaysAgo(engDay)} WHEN ${engWhy} IS NOT NULL THEN NULL WHEN ${engCount} >= 0 THEN ${byLogins(engCount)} END)` +
      ` WHEN ${row('last_portal_activity')} IS NOT NULL THEN ${byDaysAgo(d.unixDate(row('last_portal_activity')))}` +
      ` WHEN ${row('portal_logins')} >= 0 THEN ${byLogins(row('portal_logins'))} END AS ${P}engagement`,
    `CASE WHEN ${P}eng_text IS NOT NULL THEN (CASE WHEN ${engLabel} IS NOT NULL OR ${engDay} IS NOT NULL THEN NULL` +
      ` WHEN ${engWhy} IS NOT NULL THEN ${str(u.before)} || ${row('engagement')} || ${str(u.between)} || ${engWhy} || ${str(u.after)} WHEN ${engCount} IS NOT NULL THEN (CASE WHEN ${engCount} < 0 THEN ${message(MESSAGES.engagementBelow, shownFloat(engCount))} END) ELSE ${quoted(MESSAGES.engagementNotOneOf, row('engagement'))} END)` +
      ` WHEN ${row('last_portal_activity')} IS NOT NULL THEN NULL` +
      ` WHEN ${row('portal_logins')} < 0 THEN ${message(MESSAGES.engagementBelow, shownInt(row('portal_logins')))} END AS ${P}engagement_problem`,
    `${fitLabel} AS ${P}fit`,
    `CASE WHEN ${P}fit_text IS NOT NULL AND ${fitLabel} IS NULL THEN ${quoted(MESSAGES.fitNotOneOf, row('fit'))} END AS ${P}fit_problem`,
    `CASE WHEN ${relWord} IS NOT NULL THEN ${relWord} WHEN ${relCount} >= 1 AND ${relCount} <= 5 THEN ${relCount} >= ${num(rules.quadrant.highRelevanceMin)} END AS ${P}relevance`,
    `CASE WHEN ${P}rel_text IS NULL OR ${relWord} IS NOT NULL THEN NULL WHEN ${relCount} IS NULL THEN ${quoted(MESSAGES.relevanceNotOneOf, row('relevance'))}` +
      ` WHEN ${relCount} < 1 OR ${relCount} > 5 THEN ${quoted(MESSAGES.relevanceOutside, row('relevance'))} END AS ${P}relevance_problem`,
  ];

  // --- Stage 3: growth (the column, else from the two revenues, docs/rules.md §1) and who takes part in the rankings.
  const flat = rules.revenue.flatBand;
  const growth =
    `CASE WHEN ${row('growth')} IS NOT NULL THEN ${P}growth WHEN ${P}revenue IS NULL OR ${P}revenue_last_year IS NULL THEN NULL` +
    ` WHEN ${P}revenue_last_year = 0 THEN (CASE WHEN ${P}revenue > 0 THEN ${inf} ELSE 0 END)` +
    // core/reading/cells.ts growthFromRevenue rounds to 9 places with Math.round, which is FLOOR(x + 0.5).
    ` ELSE FLOOR(((${P}revenue - ${P}revenue_last_year) / ${P}revenue_last_year) * ${num(1e9)} + ${num(0.5)}) / ${num(1e9)} END`;
  const segmentProblem = `(${P}revenue_problem IS NOT NULL OR ${P}growth_problem IS NOT NULL OR ${P}deals_problem IS NOT NULL OR ${P}engagement_problem IS NOT NULL)`;
  const quadrantProblem = `(${P}leads_problem IS NOT NULL OR ${P}relevance_problem IS NOT NULL)`;
  const stageGrowth = ['*', `${growth} AS ${P}g`];
  const segmentRead = `(NOT ${segmentProblem} AND NOT (${P}revenue IS NULL AND ${P}g IS NULL AND ${P}deals IS NULL AND ${P}engagement IS NULL))`;
  const stageFlags = [
    '*',
    `${segmentRead} AS ${P}seg_read`,
    `CASE WHEN ${segmentRead} AND ${P}revenue IS NOT NULL THEN 1 ELSE 0 END AS ${P}ranked`,
    `(NOT ${quadrantProblem} AND NOT (${P}leads IS NULL AND ${P}relevance IS NULL)) AS ${P}quad_read`,
  ];

  // --- Stage 4: the whole-column parts: the revenue cuts of the top and bottom shares and the median of leads.
  // A partner's rank with ties sharing the best rank (RANK()) is within the first K exactly when its revenue is
  // at least the K-th largest revenue, so the segments need two revenue values, not a rank per row: sorting
  // the one revenue column instead of whole rows keeps a million-row table fast (docs/warehouse.md, Bench).
  const s = rules.segments;
  const revenuesSql =
    `SELECT ${P}revenue AS ${P}v, ROW_NUMBER() OVER (ORDER BY ${P}revenue DESC) AS ${P}k_desc, ROW_NUMBER() OVER (ORDER BY ${P}revenue ASC) AS ${P}k_asc,` +
    ` COUNT(*) OVER () AS ${P}c FROM ${P}flagged WHERE ${P}ranked = 1`;
  const cutsSql =
    `SELECT MAX(CASE WHEN ${P}k_desc = CEIL(${num(s.topShare)} * ${P}c) THEN ${P}v END) AS ${P}top_cut,` +
    ` MAX(CASE WHEN ${P}k_asc = CEIL(${num(s.bottomShare)} * ${P}c) THEN ${P}v END) AS ${P}bottom_cut FROM ${P}revenues`;
  const stageRanks = [
    `${P}flagged.*`,
    `${P}cuts.${P}top_cut`,
    `${P}cuts.${P}bottom_cut`,
    `GREATEST(${num(rules.quadrant.minHighLeads)}, COALESCE(${P}median.${P}leads_median, 0)) AS ${P}high_leads`,
  ];
  const medianSql =
    `SELECT AVG(${P}v) AS ${P}leads_median FROM (SELECT ${P}leads AS ${P}v, ROW_NUMBER() OVER (ORDER BY ${P}leads) AS ${P}k, COUNT(*) OVER () AS ${P}c` +
    ` FROM ${P}flagged WHERE ${P}quad_read AND ${P}leads IS NOT NULL) AS ${P}ordered WHERE ${P}k IN (FLOOR((${P}c + 1) / 2), FLOOR((${P}c + 2) / 2))`;

  // --- Stage 5: health (docs/rules.md §2) and segment (docs/rules.md §3).
  const pts = (dim: Dimension, input: number | string) => num(pointsFor(dim, input, rules));
  const rv = rules.revenue;
  const minOf = (...xs: number[]) => Math.min(...xs);
  const g = `${P}g`;
  const dimPoints: Record<Dimension, string> = {
    revenue: `CASE WHEN ${g} IS NULL THEN NULL ${[
      `WHEN ${g} >= ${num(rv.growingFast)} THEN ${pts('revenue', rv.growingFast)}`,
      `WHEN ${g} > ${num(flat)} THEN ${pts('revenue', flat < rv.growingFast ? (flat + rv.growingFast) / 2 : rv.growingFast)}`,
      `WHEN ${g} >= ${num(-flat)} THEN ${pts('revenue', -flat)}`,
    ].join(' ')} ELSE ${pts('revenue', minOf(-flat, flat, rv.growingFast) - 1)} END`,
    activity: `CASE WHEN ${P}deals IS NULL THEN NULL ELSE ${bands(
      `${P}deals`,
      (['dealsHigh', 'dealsMid', 'dealsLow'] as const).map((k) => [
        '>=',
        num(rules.activity[k]),
        pts('activity', rules.activity[k]),
      ]),
      pts('activity', minOf(...Object.values(rules.activity)) - 1),
    )} END`,
    engagement: `CASE ${P}engagement ${ENGAGEMENT_LEVELS.map((l: EngagementLevel) => `WHEN ${str(l)} THEN ${pts('engagement', l)}`).join(' ')} END`,
    satisfaction: `CASE WHEN ${P}nps IS NULL THEN NULL ELSE ${bands(
      `${P}nps`,
      (['npsHigh', 'npsMid', 'npsLow'] as const).map((k) => [
        '>=',
        num(rules.satisfaction[k]),
        pts('satisfaction', rules.satisfaction[k]),
      ]),
      pts('satisfaction', minOf(...Object.values(rules.satisfaction)) - 1),
    )} END`,
    fit: `CASE ${P}fit ${FITS.map((f) => `WHEN ${str(f)} THEN ${pts('fit', f)}`).join(' ')} END`,
  };
  // Summed in spec order from 0, as scoreHealth sums, so the doubles round the same way.
  const earned = DIMENSIONS.reduce((sum, dim) => `(${sum} + COALESCE(${P}pts_${dim}, 0))`, '0');
  const possible = DIMENSIONS.reduce(
    (sum, dim) => `(${sum} + CASE WHEN ${P}pts_${dim} IS NULL THEN 0 ELSE ${num(rules.weights[dim])} END)`,
    '0',
  );
  const present = DIMENSIONS.map((dim) => `CASE WHEN ${P}pts_${dim} IS NULL THEN 0 ELSE 1 END`).join(' + ');
  const healthProblem = `(${P}growth_problem IS NOT NULL OR ${P}deals_problem IS NOT NULL OR ${P}engagement_problem IS NOT NULL OR ${P}nps_problem IS NOT NULL OR ${P}fit_problem IS NOT NULL)`;
  const declining = `COALESCE(${g} < ${num(-flat)}, FALSE)`;
  const segment =
    `CASE WHEN NOT ${P}seg_read THEN NULL` +
    ` WHEN ${P}ranked = 1 AND ${P}revenue >= ${P}top_cut AND NOT ${declining} THEN ${str('Strategic')}` +
    ` WHEN ${declining} AND ${P}engagement IN ('Quarterly', 'Inactive') THEN ${str('At-risk')}` +
    ` WHEN COALESCE(${g} > ${num(flat)}, FALSE) THEN ${str('Growth')}` +
    ` WHEN ${P}ranked = 1 AND ${P}revenue <= ${P}bottom_cut AND COALESCE(${P}deals, 0) <= ${num(s.longTailMaxDeals)} THEN ${str('Long-tail')}` +
    ` ELSE ${str('Stable')} END`;
  const stagePoints = ['*', ...DIMENSIONS.map((dim) => `${dimPoints[dim]} AS ${P}pts_${dim}`)];
  const stageScore = [
    '*',
    `${healthProblem} AS ${P}health_bad`,
    `${present} AS ${P}present`,
    `CASE WHEN ${possible} = 0 THEN 0 ELSE CAST(FLOOR(${earned} * 100 / ${possible} + ${num(0.5)} + ${num(1e-9)}) AS ${d.intType}) END AS ${P}score`,
    `${segment} AS segment`,
  ];

  // --- Result: the input row, then the six result columns of docs/rules.md §13.
  const f = rules.tierFloors;
  const tier = bands(
    `${P}score`,
    [
      ['>=', num(f.Champion), `'Champion'`],
      ['>=', num(f.Healthy), `'Healthy'`],
      ['>=', num(f['At-risk']), `'At-risk'`],
      ['>=', num(f.Critical), `'Critical'`],
    ],
    `'Churning'`,
  );
  const quadrant =
    `CASE WHEN NOT ${P}quad_read THEN NULL WHEN ${P}leads IS NULL OR ${P}relevance IS NULL THEN 'Unknown'` +
    ` WHEN ${P}relevance THEN (CASE WHEN ${P}leads >= ${P}high_leads THEN ${str(quadrantOf(true, true))} ELSE ${str(quadrantOf(false, true))} END)` +
    ` ELSE (CASE WHEN ${P}leads >= ${P}high_leads THEN ${str(quadrantOf(true, false))} ELSE ${str(quadrantOf(false, false))} END) END`;
  const cadence = `CASE segment ${SEGMENTS.map((seg) => `WHEN ${str(seg)} THEN ${num(rules.segmentPolicies[seg].touchEveryDays)}`).join(' ')} END`;
  const problems = ['revenue', 'revenue_last_year', 'growth', 'deals', 'leads', 'engagement', 'nps', 'fit', 'relevance']
    .map((c) => `COALESCE('; ' || ${P}${c}_problem, '')`)
    .join(' || ');
  const result = [
    `${P}row.*`,
    `CASE WHEN ${P}health_bad OR ${P}present = 0 OR ${P}present < ${num(rules.minDimensions)} THEN NULL ELSE ${P}score END AS health`,
    `CASE WHEN ${P}health_bad OR ${P}present = 0 THEN NULL WHEN ${P}present < ${num(rules.minDimensions)} THEN 'Unknown' ELSE ${tier} END AS tier`,
    'segment',
    `${quadrant} AS quadrant`,
    `CASE WHEN segment IS NULL OR ${row('last_contact')} IS NULL THEN NULL ELSE ${d.dateFromUnixDate(`${d.unixDate(row('last_contact'))} + ${cadence}`)} END AS next_touch`,
    `NULLIF(SUBSTR(${problems}, 3), '') AS problems`,
  ];

  const select = (columns: string[], from: string) => `SELECT\n    ${columns.join(',\n    ')}\n  FROM ${from}`;
  return [
    `-- PartnerPulse partner rules (docs/rules.md §2–§5, §13) as of ${options.asOf}; generated by \`npm run sql\`, see docs/warehouse.md`,
    `WITH ${P}text AS (\n  ${select(stageText, `${d.table(options.table)} AS t`)}\n),`,
    ...dateStages.map(
      (columns, i) =>
        `${P}date${i} AS (\n  ${select(['*', ...columns], i === 0 ? `${P}text` : `${P}date${i - 1}`)}\n),`,
    ),
    `${P}read AS (\n  ${select(stageRead, `${P}date${dateStages.length - 1}`)}\n),`,
    `${P}grown AS (\n  ${select(stageGrowth, `${P}read`)}\n),`,
    `${P}flagged AS (\n  ${select(stageFlags, `${P}grown`)}\n),`,
    `${P}median AS (\n  ${medianSql}\n),`,
    `${P}revenues AS (\n  ${revenuesSql}\n),`,
    `${P}cuts AS (\n  ${cutsSql}\n),`,
    `${P}windows AS (\n  ${select(stageRanks, `${P}flagged CROSS JOIN ${P}median CROSS JOIN ${P}cuts`)}\n),`,
    `${P}points AS (\n  ${select(stagePoints, `${P}windows`)}\n),`,
    `${P}scored AS (\n  ${select(stageScore, `${P}points`)}\n)`,
    select(result, `${P}scored`),
  ].join('\n');
}

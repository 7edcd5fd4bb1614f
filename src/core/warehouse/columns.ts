/**
 * The warehouse partner table of docs/warehouse.md, docs/rules.md §13: one column per field of the partner sheet, typed, NULL for
 * a blank. The add-on checks a connected table against this list before it builds a query over it
 * (docs/warehouse.md).
 */
export type WarehouseType = 'STRING' | 'FLOAT64' | 'INT64' | 'DATE';

export interface WarehouseColumn {
  name: string;
  type: WarehouseType;
}

export const WAREHOUSE_COLUMNS: readonly WarehouseColumn[] = [
  { name: 'partner', type: 'STRING' },
  { name: 'owner', type: 'STRING' },
  { name: 'revenue', type: 'FLOAT64' },
  { name: 'revenue_last_year', type: 'FLOAT64' },
  { name: 'growth', type: 'FLOAT64' },
  { name: 'deals', type: 'INT64' },
  { name: 'leads', type: 'INT64' },
  { name: 'engagement', type: 'STRING' },
  { name: 'portal_logins', type: 'INT64' },
  { name: 'fit', type: 'STRING' },
  { name: 'relevance', type: 'STRING' },
  { name: 'last_contact', type: 'DATE' },
  { name: 'last_qbr', type: 'DATE' },
  { name: 'next_qbr', type: 'DATE' },
  { name: 'signed', type: 'DATE' },
  { name: 'first_deal', type: 'DATE' },
  { name: 'last_portal_activity', type: 'DATE' },
  { name: 'nps', type: 'FLOAT64' },
];

/** The columns the generated query adds after the input columns (docs/rules.md §13). */
export const RESULT_COLUMNS: readonly WarehouseColumn[] = [
  { name: 'health', type: 'INT64' },
  { name: 'tier', type: 'STRING' },
  { name: 'segment', type: 'STRING' },
  { name: 'quadrant', type: 'STRING' },
  { name: 'next_touch', type: 'DATE' },
  { name: 'problems', type: 'STRING' },
];

/** Type names a warehouse may report for each of our types (BigQuery's legacy names, DuckDB's names). */
const TYPE_SYNONYMS: Record<WarehouseType, readonly string[]> = {
  STRING: ['STRING', 'VARCHAR', 'TEXT'],
  FLOAT64: ['FLOAT64', 'FLOAT', 'DOUBLE', 'NUMERIC', 'BIGNUMERIC', 'DECIMAL', 'INT64', 'INTEGER', 'BIGINT'],
  INT64: ['INT64', 'INTEGER', 'BIGINT', 'INT', 'SMALLINT'],
  DATE: ['DATE'],
};

export interface SchemaProblem {
  column: string;
  message: string;
}

/**
 * What is wrong with a table's columns for the partner rules: each missing column, and each column whose type
 * the rules cannot read, named with the type found and the type expected. Columns not in §13 are allowed
 * (they pass through the query unchanged).
 */
export function checkWarehouseSchema(found: ReadonlyArray<{ name: string; type: string }>): SchemaProblem[] {
  const byName = new Map(found.map((c) => [c.name.toLowerCase(), c.type.toUpperCase().replace(/\(.*$/, '').trim()]));
  const problems: SchemaProblem[] = [];
  for (const column of WAREHOUSE_COLUMNS) {
    const type = byName.get(column.name);
    if (type === undefined)
      problems.push({ column: column.name, message: `Column ${column.name} is missing; expected type ${column.type}` });
    else if (!TYPE_SYNONYMS[column.type].includes(type)) {
      problems.push({
        column: column.name,
        message: `Column ${column.name} has type ${type}; expected ${column.type}`,
      });
    }
  }
  for (const column of RESULT_COLUMNS) {
    if (byName.has(column.name))
      problems.push({
        column: column.name,
        message: `Column ${column.name} would be hidden by the result column of the same name; rename it in the table`,
      });
  }
  return problems;
}

// Registers the custom functions of a loaded dist/Code.js in HyperFormula, so formulas such as
// =PARTNER_TIER(85) or =PARTNER_HEALTH(A2:A6, B2:B6, C2:C6, D2:D6, E2:E6) compute in cells the way Sheets
// computes them: a range argument arrives as rows of one cell, blanks as "", date cells as Date; a column
// result spills down from the formula's cell; a single-cell error becomes #ERROR! with the function's message.
// NOTE: local/formulas.ts (the local runtime) registers the same functions; the two should share one helper.
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  FunctionPluginDefinition,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { Bundle, CUSTOM_FUNCTIONS, CustomFunctionName, SheetsArg, SheetsCell } from './bundle';

const ARITY: Record<CustomFunctionName, number> = {
  PARTNER_HEALTH: 5,
  PARTNER_TIER: 1,
  SEGMENT: 4,
  PARTNER_QUADRANT: 2,
  NEXT_TOUCH: 2,
};

const MS_PER_DAY = 86_400_000;
/** Spreadsheet serial 0 = 1899-12-30, as in Sheets and HyperFormula. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** What a HyperFormula argument value holds; rich numbers (dates, percents) carry `val` and a detailed type. */
interface RichNumberLike {
  val: number;
  getDetailedType(): string;
}

function isRichNumber(value: unknown): value is RichNumberLike {
  return typeof value === 'object' && value !== null && 'val' in value && typeof (value as RichNumberLike).getDetailedType === 'function';
}

export function serialOfDate(date: Date): number {
  const utc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds());
  return (utc - SERIAL_EPOCH) / MS_PER_DAY;
}

function toSheets(value: unknown, bundle: Bundle): SheetsCell | CellError {
  if (value === EmptyValue || value === undefined || value === null) return '';
  if (value instanceof CellError) return value;
  if (isRichNumber(value)) {
    const type = value.getDetailedType();
    if (type !== 'NUMBER_DATE' && type !== 'NUMBER_DATETIME') return value.val;
    const d = new Date(SERIAL_EPOCH + Math.round(value.val * MS_PER_DAY));
    return bundle.date({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`unexpected HyperFormula value ${String(value)}`);
}

function fromSheets(value: unknown): number | string | boolean {
  if (Object.prototype.toString.call(value) === '[object Date]') return serialOfDate(value as Date);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`a custom function returned ${String(value)}, which no cell can show`);
}

/** The HyperFormula plugin that forwards each custom function to `bundle`. */
export function partnerPulsePlugin(bundle: Bundle): FunctionPluginDefinition {
  // HyperFormula does not export its syntax-tree and state types; these name them from a method signature.
  type Ast = Parameters<PartnerPulsePlugin['arraySizeForAst']>[0];
  type State = Parameters<PartnerPulsePlugin['arraySizeForAst']>[1];
  class PartnerPulsePlugin extends FunctionPlugin {
    private compute(name: CustomFunctionName, ast: Ast, state: State) {
      const args = (ast as unknown as { args: Ast[] }).args;
      return this.runFunction(args, state, this.metadata(name), (...values: unknown[]) => {
        const sheetsArgs: SheetsArg[] = [];
        for (const value of values) {
          if (value instanceof SimpleRangeValue) {
            const rows = value.data.map((row) => row.map((cell) => toSheets(cell, bundle)));
            const error = rows.flat().find((cell): cell is CellError => cell instanceof CellError);
            if (error) return error;
            sheetsArgs.push(rows as SheetsCell[][]);
          } else {
            const cell = toSheets(value, bundle);
            if (cell instanceof CellError) return cell;
            sheetsArgs.push(cell);
          }
        }
        let result: unknown;
        try {
          result = bundle.call(name, ...sheetsArgs);
        } catch (error) {
          // Sheets shows #ERROR! with the thrown message.
          return new CellError(ErrorType.ERROR, String((error as { message?: unknown }).message));
        }
        if (Array.isArray(result)) {
          return SimpleRangeValue.onlyValues((result as unknown[][]).map((row) => row.map(fromSheets)));
        }
        return fromSheets(result);
      });
    }

    /** A column result spills as tall as the tallest range argument; all-scalar arguments give one cell. */
    private size(ast: Ast, state: State): ArraySize {
      const args = (ast as unknown as { args: Ast[] }).args;
      let height = 1;
      let width = 1;
      for (const arg of args) {
        // A range reference reports isScalar() (it is a reference); its shape is what counts here.
        const size = this.arraySizeForAst(arg, state);
        height = Math.max(height, size.height);
        width = Math.max(width, size.width);
      }
      return height === 1 && width === 1 ? ArraySize.scalar() : new ArraySize(1, height);
    }

    partnerHealth(ast: Ast, state: State) { return this.compute('PARTNER_HEALTH', ast, state); }
    partnerTier(ast: Ast, state: State) { return this.compute('PARTNER_TIER', ast, state); }
    segment(ast: Ast, state: State) { return this.compute('SEGMENT', ast, state); }
    partnerQuadrant(ast: Ast, state: State) { return this.compute('PARTNER_QUADRANT', ast, state); }
    nextTouch(ast: Ast, state: State) { return this.compute('NEXT_TOUCH', ast, state); }
    resultSize(ast: Ast, state: State) { return this.size(ast, state); }
  }
  const methods: Record<CustomFunctionName, string> = {
    PARTNER_HEALTH: 'partnerHealth',
    PARTNER_TIER: 'partnerTier',
    SEGMENT: 'segment',
    PARTNER_QUADRANT: 'partnerQuadrant',
    NEXT_TOUCH: 'nextTouch',
  };
  PartnerPulsePlugin.implementedFunctions = Object.fromEntries(
    CUSTOM_FUNCTIONS.map((name) => [
      name,
      {
        method: methods[name],
        sizeOfResultArrayMethod: 'resultSize',
        // Ranges go to the function whole (as Sheets passes them), never cell by cell.
        vectorizationForbidden: true,
        parameters: Array.from({ length: ARITY[name] }, () => ({ argumentType: FunctionArgumentType.ANY, passSubtype: true })),
      },
    ]),
  );
  return PartnerPulsePlugin;
}

/**
 * Registers the custom functions of `bundle` (HyperFormula's function registry is global) and returns the
 * function that unregisters them again.
 */
export function registerPartnerPulse(bundle: Bundle): () => void {
  const plugin = partnerPulsePlugin(bundle);
  const names = Object.fromEntries(CUSTOM_FUNCTIONS.map((name) => [name, name]));
  HyperFormula.registerFunctionPlugin(plugin, { enGB: names, enUS: names });
  return () => HyperFormula.unregisterFunctionPlugin(plugin);
}

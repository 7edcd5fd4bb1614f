// Registers the custom functions of a loaded dist/Code.js in HyperFormula — with the local runtime's own
// registration (local/formulas/hyperFormulaPlugin.ts), so the build tests and `npm start` compute cells the same way: a range
// argument arrives as rows of one cell, blanks as "", date cells as Date; a column result spills down from the
// formula's cell; a single-cell error becomes #ERROR! with the function's message.
import { registerCustomFunctions } from '../../local/formulas/hyperFormulaPlugin';
import { type Bundle, CUSTOM_FUNCTIONS, type SheetsArg } from './bundle';

/** Registers the bundle's custom functions; returns the function that unregisters them again. */
export function registerPartnerPulse(bundle: Bundle): () => void {
  return registerCustomFunctions({
    names: CUSTOM_FUNCTIONS,
    call: (name, args) => bundle.call(name as (typeof CUSTOM_FUNCTIONS)[number], ...(args as SheetsArg[])),
  });
}

/**
 * Google's interfaces (@types/google-apps-script) with our classes in place of Google's, so that a class
 * declaring `implements Pick<Localized<GRange>, …>` for the methods it has fails the type check when a
 * signature drifts from Google's.
 */
import type { LocalDataValidation, LocalDataValidationBuilder } from './dataValidation';
import type { LocalRange } from './range';
import type { LocalSheet } from './sheet';
import type { LocalSpreadsheet } from './spreadsheet';
import type { LocalMenu, LocalUi } from './ui';

export type GRange = GoogleAppsScript.Spreadsheet.Range;
export type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
export type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type GApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
export type GUi = GoogleAppsScript.Base.Ui;
export type GMenu = GoogleAppsScript.Base.Menu;
export type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;
export type GValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

type Swap<R> = R extends GRange
  ? LocalRange
  : R extends GSheet
    ? LocalSheet
    : R extends GSpreadsheet
      ? LocalSpreadsheet
      : R extends GMenu
        ? LocalMenu
        : R extends GUi
          ? LocalUi
          : R extends GValidationBuilder
            ? LocalDataValidationBuilder
            : R extends GValidation
              ? LocalDataValidation
              : R extends (infer E)[]
                ? Swap<E>[]
                : R;
type SwapAll<A> = { [I in keyof A]: Swap<A[I]> };
export type Localized<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: SwapAll<A>) => Swap<R> : T[K];
};

/**
 * The per-cell properties of a Range that the add-on reads or sets — fill color, note, number format, font weight,
 * dropdown — as one table. Each row becomes Apps Script's getters and setters: `getX()` reads the top-left cell,
 * `getXs()` every cell, `setX(value)` writes the one value to every cell, `setXs(values)` one value per cell.
 * https://developers.google.com/apps-script/reference/spreadsheet/range
 *
 * Formatting does not change formula results, so unlike values no setter here marks formulas stale.
 */
import type { Cell } from '../../workbook';
import { normalizeColor } from './cellDisplay';
import { LocalDataValidation } from './dataValidation';
import type { GRange, Localized } from './googleTypes';
import { type CellsMoved, RangeCells } from './rangeCells';

interface CellProperty {
  /** How one cell reads (`undefined` when nothing is stored there); absent when the add-on only sets it. */
  read?(cell: Cell | undefined): unknown;
  /** Sets one cell; null (or "" where Sheets treats it so) clears the property. */
  write(cell: Cell, value: unknown): void;
  /** Whether the per-cell forms getXs / setXs exist here too. */
  perCell: boolean;
}

export const CELL_PROPERTIES = {
  Background: {
    perCell: true,
    read: (cell) => cell?.background ?? '#ffffff',
    write(cell, color) {
      const hex = normalizeColor(color as string | null);
      if (hex) cell.background = hex;
      else delete cell.background;
    },
  },
  Note: {
    perCell: true,
    read: (cell) => cell?.note ?? '',
    write(cell, note) {
      if (note) cell.note = String(note);
      else delete cell.note;
    },
  },
  NumberFormat: {
    perCell: true,
    write(cell, numberFormat) {
      cell.numberFormat = String(numberFormat);
    },
  },
  FontWeight: {
    perCell: true,
    write(cell, fontWeight) {
      if (fontWeight === 'bold') cell.bold = true;
      else delete cell.bold;
    },
  },
  DataValidation: {
    perCell: false,
    read: (cell) => (cell?.validation ? new LocalDataValidation(cell.validation) : null),
    write(cell, rule) {
      if (rule instanceof LocalDataValidation) cell.validation = { ...rule.rule, values: rule.rule.values.slice() };
      else delete cell.validation;
    },
  },
} satisfies Record<string, CellProperty>;

type Properties = typeof CELL_PROPERTIES;
type Name = keyof Properties & string;
type Readable = { [K in Name]: Properties[K] extends { read: unknown } ? K : never }[Name];
type PerCell = { [K in Name]: Properties[K] extends { perCell: true } ? K : never }[Name];

/** The Range methods the table makes, by Apps Script's names (checked against Google's Range below). */
export type CellPropertyMethod = `set${Name}` | `set${PerCell}s` | `get${Readable}` | `get${Readable & PerCell}s`;
export type CellPropertyMethods = Pick<Localized<GRange>, CellPropertyMethod>;

type Method = (this: RangeCells, ...args: never[]) => unknown;

/** The methods of the table, each with the cells it moves (for the cost model). */
function cellPropertyMethods(): Map<string, { method: Method; moves: CellsMoved }> {
  const methods = new Map<string, { method: Method; moves: CellsMoved }>();
  for (const [name, property] of Object.entries(CELL_PROPERTIES) as [Name, CellProperty][]) {
    const { read, write } = property;
    methods.set(`set${name}`, {
      moves: 'cells written',
      method(this: RangeCells, value: unknown) {
        this.each((cell) => write(cell, value));
        return this;
      },
    });
    if (property.perCell)
      methods.set(`set${name}s`, {
        moves: 'cells written',
        method(this: RangeCells, values: unknown[][]) {
          this.eachWith(values, write);
          return this;
        },
      });
    if (!read) continue;
    methods.set(`get${name}`, {
      moves: 'first cell read',
      method(this: RangeCells) {
        return read(this.firstCell());
      },
    });
    if (property.perCell)
      methods.set(`get${name}s`, {
        moves: 'cells read',
        method(this: RangeCells) {
          return this.grid(read);
        },
      });
  }
  return methods;
}

const METHODS = cellPropertyMethods();

/** What each generated method moves, by name, for the counting Proxy (local/services/track.ts). */
export const CELL_PROPERTY_CALLS: ReadonlyMap<string, CellsMoved> = new Map(
  [...METHODS].map(([name, { moves }]) => [name, moves]),
);

abstract class RangeWithCellPropertyMethods extends RangeCells {}
for (const [name, { method }] of METHODS)
  Object.defineProperty(RangeWithCellPropertyMethods.prototype, name, {
    value: method,
    writable: true,
    configurable: true,
  });

/** RangeCells with the table's getters and setters on its prototype, as Range extends it. */
export const RangeWithCellProperties = RangeWithCellPropertyMethods as unknown as abstract new (
  ...args: ConstructorParameters<typeof RangeWithCellPropertyMethods>
) => RangeCells & CellPropertyMethods;

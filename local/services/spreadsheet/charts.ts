/**
 * Charts — https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder and
 * …/embedded-chart. A builder only collects settings in the script (no backend call until Sheet.insertChart), so
 * nothing here is counted; the typed builders (asColumnChart() …) are the same builder with the type set, which
 * is why one class serves them all. Not declared `implements` Google's interfaces: those list some fifty
 * type-specific setters each that the add-on does not use.
 */
import type { ChartModel, SheetModel } from '../../workbook';
import { countedRange, type LocalRange } from './range';
import type { Session } from './session';

const CHART_TYPES = ['area', 'bar', 'column', 'combo', 'histogram', 'line', 'pie', 'scatter', 'table'] as const;
type ChartType = (typeof CHART_TYPES)[number];

/** The chart's data ranges as ranges of its sheet; none before the chart has a sheet. */
function rangesOf(session: Session, sheet: SheetModel | null, model: ChartModel): LocalRange[] {
  return sheet ? model.ranges.map((area) => countedRange(session, sheet, area)) : [];
}

const copyOf = (model: ChartModel) => JSON.parse(JSON.stringify(model)) as ChartModel;

export class LocalEmbeddedChart {
  constructor(
    readonly model: ChartModel,
    private readonly session: Session,
    private readonly sheetModel: SheetModel | null,
  ) {}
  /** Null until the chart is inserted in a sheet, as in Apps Script. */
  getChartId(): number | null {
    return this.sheetModel?.charts.includes(this.model) ? this.model.id : null;
  }
  getRanges(): LocalRange[] {
    return rangesOf(this.session, this.sheetModel, this.model);
  }
  getNumHeaders(): number {
    return this.model.numHeaders;
  }
  getOptions(): { get(option: string): unknown } {
    const options = this.model.options;
    return { get: (option: string) => (option in options ? options[option] : null) };
  }
  getContainerInfo(): {
    getAnchorRow(): number;
    getAnchorColumn(): number;
    getOffsetX(): number;
    getOffsetY(): number;
  } {
    const p = this.model.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.column,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }
  modify(): LocalChartBuilder {
    return new LocalChartBuilder(this.session, this.sheetModel, copyOf(this.model));
  }
}

export class LocalChartBuilder {
  constructor(
    private readonly session: Session,
    private readonly sheetModel: SheetModel | null,
    private readonly model: ChartModel = {
      id: 0,
      type: 'line',
      ranges: [],
      numHeaders: -1,
      options: {},
      position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    },
  ) {}
  private as(type: ChartType): LocalChartBuilder {
    this.model.type = type;
    return this;
  }
  asAreaChart(): LocalChartBuilder {
    return this.as('area');
  }
  asBarChart(): LocalChartBuilder {
    return this.as('bar');
  }
  asColumnChart(): LocalChartBuilder {
    return this.as('column');
  }
  asComboChart(): LocalChartBuilder {
    return this.as('combo');
  }
  asHistogramChart(): LocalChartBuilder {
    return this.as('histogram');
  }
  asLineChart(): LocalChartBuilder {
    return this.as('line');
  }
  asPieChart(): LocalChartBuilder {
    return this.as('pie');
  }
  asScatterChart(): LocalChartBuilder {
    return this.as('scatter');
  }
  asTableChart(): LocalChartBuilder {
    return this.as('table');
  }
  /** Charts.ChartType values print as their names ("COLUMN"). */
  setChartType(type: unknown): LocalChartBuilder {
    const name = String(type).toLowerCase() as ChartType;
    if (!CHART_TYPES.includes(name)) this.session.fail(`Invalid argument: type`);
    return this.as(name);
  }
  getChartType(): string {
    return this.model.type.toUpperCase();
  }
  addRange(range: LocalRange): LocalChartBuilder {
    this.model.ranges.push({ row: range.row, column: range.column, rows: range.rows, columns: range.columns });
    return this;
  }
  removeRange(range: LocalRange): LocalChartBuilder {
    this.model.ranges = this.model.ranges.filter(
      (r) =>
        !(r.row === range.row && r.column === range.column && r.rows === range.rows && r.columns === range.columns),
    );
    return this;
  }
  clearRanges(): LocalChartBuilder {
    this.model.ranges = [];
    return this;
  }
  getRanges(): LocalRange[] {
    return rangesOf(this.session, this.sheetModel, this.model);
  }
  setNumHeaders(headers: number): LocalChartBuilder {
    this.model.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): LocalChartBuilder {
    // Options cross from the add-on's realm; JSON keeps plain data and drops what a chart could not use.
    this.model.options[String(option)] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    return this;
  }
  /** The typed builders' setTitle is the "title" option. */
  setTitle(chartTitle: string): LocalChartBuilder {
    return this.setOption('title', chartTitle);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): LocalChartBuilder {
    this.model.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  build(): LocalEmbeddedChart {
    return new LocalEmbeddedChart(copyOf(this.model), this.session, this.sheetModel);
  }
}

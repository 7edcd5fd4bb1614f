// Embedded charts in the local runtime: EmbeddedChartBuilder / EmbeddedChart / Sheet.insertChart, getCharts,
// removeChart (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
// …/embedded-chart, …/sheet#newChart()), and their pictures.
import { chartData, chartSvg, sheetWithChartsPicture } from '../../local/chartPicture';
import { createRuntime } from '../../local/runtime';
import { WorkbookModel } from '../../local/workbook';

function workbook(): WorkbookModel {
  const model = new WorkbookModel('c', 'Charts', 'America/New_York');
  const sheet = model.addSheet('Data');
  [
    ['Segment', 'Partners'],
    ['Strategic', 2],
    ['Growth', 4],
    ['Stable', 2],
  ].forEach((row, r) =>
    row.forEach((v, c) => {
      sheet.ensure(r + 1, c + 1).value = v;
    }),
  );
  return model;
}

const SCRIPT = `
function build() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B4')).setNumHeaders(1)
    .setOption('title', 'Mix').setPosition(2, 4, 0, 0).build();
  var before = chart.getChartId();
  sheet.insertChart(chart);
  var charts = sheet.getCharts();
  return [before, charts.length, charts[0].getChartId(), charts[0].getOptions().get('title'), charts[0].getRanges()[0].getA1Notation(),
    charts[0].getContainerInfo().getAnchorRow(), charts[0].getContainerInfo().getAnchorColumn(), charts[0].modify().getChartType()];
}
function removeAll() { var sheet = SpreadsheetApp.getActiveSheet(); sheet.getCharts().forEach(function (c) { sheet.removeChart(c); }); return sheet.getCharts().length; }
function pie() { var sheet = SpreadsheetApp.getActiveSheet(); sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange('A1:B4')).setOption('title', 'Pie').build()); }
`;

test('a built chart has no id until inserted; inserted, the sheet lists it with its options, range and anchor; removeChart takes it out', async () => {
  const rt = await createRuntime({ workbook: workbook(), code: SCRIPT });
  expect(rt.call('build')).toEqual([null, 1, 1, 'Mix', 'A1:B4', 2, 4, 'COLUMN']);
  expect(rt.calls.totalFor('Sheet')).toBeGreaterThanOrEqual(3); // newChart, insertChart, getCharts are counted
  expect(rt.call('removeAll')).toBe(0);
});

test('the chart picture draws bars in proportion to the cells, pie slices with their shares', async () => {
  const rt = await createRuntime({ workbook: workbook(), code: SCRIPT });
  rt.call('build');
  rt.call('pie');
  const sheet = rt.workbook.sheet('Data')!;
  const [column, pie] = sheet.charts;
  expect(chartData(sheet, column)).toEqual({
    categories: ['Strategic', 'Growth', 'Stable'],
    series: [{ name: 'Partners', values: [2, 4, 2] }],
  });
  const svg = chartSvg(sheet, column);
  expect(svg).toContain('>Mix</text>');
  const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#3366cc"/g)].map(
    (m) => Number(m[1]),
  );
  expect(heights).toHaveLength(3);
  expect(heights[1]).toBeCloseTo(heights[0] * 2, 0);
  expect(heights[2]).toBeCloseTo(heights[0], 5);
  const pieSvg = chartSvg(sheet, pie);
  expect(pieSvg).toContain('Growth: 4 50%');
  expect(pieSvg).toContain('Strategic: 2 25%');
  expect(pieSvg.match(/<path /g)).toHaveLength(3);
  const whole = sheetWithChartsPicture(sheet, { columns: [1, 2] });
  expect(whole.match(/<svg /g)).toHaveLength(4); // the page, the cells, two charts
});

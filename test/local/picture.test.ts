import { sheetPicture } from '../../local/picture';
import { SheetModel } from '../../local/workbook';

test('the picture of a sheet shows each cell on its fill, cell text escaped', () => {
  const sheet = new SheetModel('Partners', 0);
  sheet.ensure(1, 1).value = 'Partner';
  sheet.ensure(1, 2).value = 'Tier';
  sheet.ensure(2, 1).value = '<img src=x onerror=alert(1)>';
  Object.assign(sheet.ensure(2, 2), { value: 'Champion', background: '#b7e1cd' });
  const svg = sheetPicture(sheet, { columns: [1, 2] });
  expect(svg).toContain('fill="#b7e1cd"');
  expect(svg).toContain('>Champion</text>');
  expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(svg).not.toContain('<img');
});

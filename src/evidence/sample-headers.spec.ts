import { columnLetter, mapHeader, REQUIRED_COLUMNS } from './sample-headers';

describe('sample file headers (HJ 25.1 EDD; DESIGN §6.1): Chinese or English, any order, 介质 optional', () => {
  it('maps the Chinese headers of the template onto the columns', () => {
    const { layout } = mapHeader(['样品编号', '经度', '纬度', '采样深度', '检测项目', '检测值', '单位', '检出限', '介质']);
    expect(layout?.index).toEqual({ sample_id: 0, x: 1, y: 2, depth_m: 3, analyte: 4, value: 5, unit: 6, detection_limit: 7, medium: 8 });
  });

  it('maps English headers in any order and any letter case, X and Y included, without 介质', () => {
    const { layout } = mapHeader(['Analyte', 'X', 'Y', 'SAMPLE_ID', 'depth_m', 'value', 'unit', 'detection_limit']);
    expect(layout?.index).toEqual({ analyte: 0, x: 1, y: 2, sample_id: 3, depth_m: 4, value: 5, unit: 6, detection_limit: 7 });
  });

  it('accepts full-width forms, spaces and a unit in brackets after the name (采样深度（m）, 检出限(mg/kg))', () => {
    const { layout } = mapHeader([' 样品编号 ', 'Ｘ', 'Ｙ', '采样深度（m）', '检测项目', '检测值', '单位', '检出限(mg/kg)']);
    expect(layout?.index.depth_m).toBe(3);
    expect(layout?.index.detection_limit).toBe(7);
    expect(layout?.index.x).toBe(1);
  });

  it('skips blank header cells (a spreadsheet\'s empty columns)', () => {
    const { layout } = mapHeader(['', ...REQUIRED_COLUMNS, '', '']);
    expect(layout?.index.sample_id).toBe(1);
  });

  it('names the missing columns in Chinese and English, the unknown ones, and a column given twice', () => {
    const missing = mapHeader(['样品编号', '经度', '纬度', '检测项目', '检测值', '备注']);
    expect(missing.problem).toContain('缺少列 采样深度（depth_m）、单位（unit）、检出限（detection_limit）');
    expect(missing.problem).toContain('无法识别的列 “备注”');
    const twice = mapHeader([...REQUIRED_COLUMNS, '检测值']);
    expect(twice.problem).toContain('同一列出现两次：“value”与“检测值”');
  });

  it('gives spreadsheet column letters: A, Z, AA, AZ, BA, ZZ, AAA', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

import { loadLandUseTable } from '../registers/land-use';
import { readHeader } from './list-columns';
import { duplicateErrors, readRow, type ProposalRowInput } from './list-rows';
import { loadProposalReference, registrationReasonFor } from './proposal-reference';
import { isLateLandList, landListDueDate, quarterLabel } from './quarter';

const ref = loadProposalReference();
const landUses = loadLandUseTable();
const land = { source: 'land_quarterly' as const, ref, landUses };
const miit = { source: 'miit_closures' as const, ref, landUses };
const HUAWEI = '914403001922038216';
const square = JSON.stringify({ type: 'Polygon', coordinates: [[[113.4, 34.7], [113.401, 34.7], [113.401, 34.701], [113.4, 34.701], [113.4, 34.7]]] });

describe('list headers (issue 18: 工信 and 自然资源 lists by upload; Chinese or English headers, any order)', () => {
  it('Chinese and English headers in any order name the same columns; full-width and half-width parentheses alike', () => {
    const zh = readHeader(['地址', '原因', '企业名称', '面积(平方米)'], 1, 'csv');
    const en = readHeader(['name', 'address', 'reason', 'areaM2'], 1, 'xlsx');
    expect(zh.errors).toEqual([]);
    expect(en.errors).toEqual([]);
    expect(zh.layout.index).toEqual({ address: 0, reason: 1, name: 2, areaM2: 3 });
    expect(en.layout.index).toEqual({ name: 0, address: 1, reason: 2, areaM2: 3 });
  });

  it('a CSV saved in GBK rather than UTF-8 is named as such, not as unknown headers', () => {
    const gbk = Buffer.from([0xd4, 0xad, 0xd2, 0xf2]).toString('utf8'); // 原因 in GBK, read as UTF-8
    const { errors } = readHeader([gbk, 'name'], 1, 'csv');
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('UTF-8 编码') }]);
  });

  it('an unknown header, a column twice and a missing required column are each named with the column', () => {
    const { errors } = readHeader(['原因', '名称', '企业名称', '备注'], 1, 'xlsx');
    expect(errors).toEqual([
      { line: 1, column: 'C 列（企业名称）', message: '“企业或地块名称”列重复（已在B 列（名称））' },
      { line: 1, column: 'D 列（备注）', message: expect.stringContaining('无法识别的表头“备注”') },
      { line: 1, message: '缺少必填列“地址”' },
    ]);
  });
});

describe('list rows: every fault named by line and column, in Chinese', () => {
  const { layout } = readHeader(['原因', '名称', '统一社会信用代码', '地块编码', '地址', '面积', '拟供用途', '重点监管单位', '边界'], 1, 'csv');

  it('a good land row is read with its use in GB 50137 words and its boundary checked', () => {
    const { row, errors } = readRow(['供应', '某机械厂旧址', HUAWEI, 'SJ-P-1', '上街区淮阳路 18 号', '18,000', '住宅', '否', square], 2, layout, land);
    expect(errors).toEqual([]);
    expect(row).toMatchObject({ line: 2, reason: 'supply', creditCode: HUAWEI, parcelCode: 'SJ-P-1', areaM2: 18000, intendedUse: '居住用地', keyUnit: null });
    expect(row!.boundary!.type).toBe('Polygon');
  });

  it('统一社会信用代码 is checked when given (GB 32100-2015 校验码), and each bad cell is named', () => {
    const { row, errors } = readRow(['拆除', '', '914403001922038217', 'SJ 1', '', '-5', '火星用地', '', '{"type":"Point"}'], 7, layout, land);
    expect(row).toBeUndefined();
    const cols = errors.map((e) => e.column);
    expect(cols).toEqual(['第 1 列（原因）', '第 2 列（名称）', '第 3 列（统一社会信用代码）', '第 4 列（地块编码）', '第 5 列（地址）', '第 6 列（面积）', '第 7 列（拟供用途）', '第 9 列（边界）']);
    expect(errors.every((e) => e.line === 7 && /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    expect(errors[2].message).toContain('校验码');
  });

  it('each bureau gives its own reasons: 关闭、搬迁、破产 for 工信, 收回、供应、用途变更 for 自然资源 (issue 18)', () => {
    expect(readRow(['关闭', 'A', '', '', '地址', '', '', '', ''], 2, layout, miit).row?.reason).toBe('closure');
    expect(readRow(['relocation', 'A', '', '', '地址', '', '', '', ''], 2, layout, miit).row?.reason).toBe('relocation');
    expect(readRow(['收回', 'A', '', '', '地址', '', '', '', ''], 2, layout, miit).errors[0].message).toContain('不属于本部门清单的原因');
    expect(readRow(['破产', 'A', '', '', '地址', '', '', '', ''], 2, layout, land).errors[0].message).toContain('应为收回、供应、用途变更');
    expect(readRow(['关闭', 'A', '', '', '地址', '', '住宅', '', ''], 2, layout, miit).errors[0].message).toContain('不填写拟供用途');
  });

  it('a parcel or an enterprise named twice in one list names the earlier line', () => {
    const base = { reason: 'closure', name: 'A', address: 'x', areaM2: null, intendedUse: null, keyUnit: null, boundary: null } as const;
    const rows: ProposalRowInput[] = [
      { ...base, line: 2, creditCode: HUAWEI, parcelCode: 'P-1' },
      { ...base, line: 3, creditCode: null, parcelCode: 'P-1' },
      { ...base, line: 4, creditCode: HUAWEI, parcelCode: null },
    ];
    expect(duplicateErrors(rows)).toEqual([
      { line: 3, message: '地块编码 P-1与第 2 行重复' },
      { line: 4, message: `统一社会信用代码 ${HUAWEI}与第 2 行重复` },
    ]);
  });
});

describe('the registration reason of a confirmed proposal', () => {
  it('closure, relocation and bankruptcy register a suspected plot (42号令第二条、土壤法第五十九条第一款)', () => {
    for (const r of ['closure', 'relocation', 'bankruptcy'] as const) expect(registrationReasonFor(ref, r, '是')).toBe('suspected');
  });
  it('a change of use registers useChange (土壤法第五十九条第二款)', () => {
    expect(registrationReasonFor(ref, 'useChange', null)).toBe('useChange');
  });
  it('a parcel taken back or supplied is suspected, unless the row names a key unit: keyUnitLand (土壤法第六十七条)', () => {
    expect(registrationReasonFor(ref, 'takeBack', null)).toBe('suspected');
    expect(registrationReasonFor(ref, 'supply', null)).toBe('suspected');
    expect(registrationReasonFor(ref, 'takeBack', '是')).toBe('keyUnitLand');
    expect(registrationReasonFor(ref, 'supply', '某铝业有限公司')).toBe('keyUnitLand');
  });
});

describe('the land bureau quarterly list: due by the 25th of the quarter’s last month (provincial practice, issue 18; UNVERIFIED in reference/plot-proposals.json)', () => {
  it('the due day comes from reference/, the quarter’s last month', () => {
    expect(ref.landListDueDay.day).toBe(25);
    expect(landListDueDate('2026Q4', 25)).toBe('2026-12-25');
    expect(landListDueDate('2027Q1', 25)).toBe('2027-03-25');
    expect(quarterLabel('2026Q4')).toBe('2026 年第四季度');
  });
  it('handed in on the 25th is on time, on the 26th late', () => {
    expect(isLateLandList('2026Q4', 25, '2026-12-25')).toBe(false);
    expect(isLateLandList('2026Q4', 25, '2026-12-26')).toBe(true);
    expect(isLateLandList('2026Q4', 25, '2026-10-01')).toBe(false);
  });
});

import { checkCreditCode } from '../common/credit-code';
import { ValidationFailedError } from '../common/errors';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { checkBoundary } from '../geometry/polygon-check';
import { parseUse, type LandUseTable } from '../registers/land-use';
import { columnPlace, LIST_COLUMNS, NOT_UTF8, NOT_UTF8_TEXT, type ListColumn, type ListLayout, type RowError } from './list-columns';
import { PROPOSAL_REASONS, type ListSource, type ProposalReason, type ProposalReference } from './proposal-reference';

/** One row of a list, checked: a proposed suspected plot. */
export interface ProposalRowInput {
  line: number;
  reason: ProposalReason;
  name: string;
  creditCode: string | null;
  parcelCode: string | null;
  address: string;
  areaM2: number | null;
  intendedUse: string | null;
  keyUnit: string | null;
  boundary: GeoJsonPolygon | null;
}

// The parcel's code becomes the plot's code on confirmation (CreatePlotDto's rule).
const PARCEL_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// Characters no person types: a NUL cannot be stored, the others hide text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NO = new Set(['', '否', '无', 'no', 'false', 'n', '0']);
const YES = new Set(['是', 'yes', 'true', 'y', '1']);

export interface RowContext {
  source: ListSource;
  ref: ProposalReference;
  landUses: LandUseTable;
}

/** Checks one data row; every fault is named with its column. */
export function readRow(cells: string[], line: number, layout: ListLayout, ctx: RowContext): { row?: ProposalRowInput; errors: RowError[] } {
  const faults: Array<RowError & { at: number }> = [];
  const cell = (key: ListColumn) => {
    const i = layout.index[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const fail = (key: ListColumn, message: string) => {
    const i = layout.index[key];
    faults.push({ at: i ?? -1, line, ...(i === undefined ? {} : { column: columnPlace(layout, i) }), message });
  };
  for (const key of Object.keys(LIST_COLUMNS) as ListColumn[]) {
    if (CONTROL.test(cell(key))) fail(key, '含有不可见的控制字符，请删去');
    if (cell(key).includes(NOT_UTF8)) fail(key, NOT_UTF8_TEXT);
  }
  const reason = reasonOf(cell('reason'), ctx);
  if (typeof reason !== 'string') fail('reason', reason.error);
  const name = text(cell('name'), 200, '企业或地块名称', (m) => fail('name', m));
  const address = text(cell('address'), 300, '地址', (m) => fail('address', m));
  const creditCode = cell('creditCode') || null;
  if (creditCode) {
    const v = checkCreditCode(creditCode);
    if (!v.valid) fail('creditCode', `“${creditCode}”不是有效的统一社会信用代码（GB 32100-2015）：${v.reason}`);
  }
  const parcelCode = cell('parcelCode') || null;
  if (parcelCode && !PARCEL_CODE.test(parcelCode)) fail('parcelCode', '地块编码为 1–64 位字母、数字、点、下划线或连字符');
  const areaM2 = areaOf(cell('areaM2'), (m) => fail('areaM2', m));
  const intendedUse = useOf(cell('intendedUse'), ctx, (m) => fail('intendedUse', m));
  const keyUnit = keyUnitOf(cell('keyUnit'), (m) => fail('keyUnit', m));
  const boundary = boundaryOf(cell('boundary'), (m) => fail('boundary', m));
  // In the order of the columns, as the person reads the row.
  const errors: RowError[] = faults.sort((a, b) => a.at - b.at).map(({ at: _at, ...e }) => e);
  if (errors.length > 0) return { errors };
  return {
    row: { line, reason: reason as ProposalReason, name: name!, creditCode, parcelCode, address: address!, areaM2, intendedUse, keyUnit, boundary },
    errors,
  };
}

/** The reason by its Chinese label (关闭) or its code (closure); each bureau's list has its own reasons. */
function reasonOf(raw: string, { source, ref }: RowContext): ProposalReason | { error: string } {
  const own = PROPOSAL_REASONS.filter((r) => ref.reasons[r].source === source);
  const allowed = own.map((r) => ref.reasons[r].label).join('、');
  if (raw === '') return { error: `必须填写原因（${allowed}）` };
  const found = PROPOSAL_REASONS.find((r) => r === raw || ref.reasons[r].label === raw);
  if (!found) return { error: `无法识别的原因“${raw}”，应为${allowed}` };
  if (!own.includes(found)) return { error: `“${ref.reasons[found].label}”不属于本部门清单的原因，应为${allowed}` };
  return found;
}

function text(raw: string, max: number, what: string, fail: (m: string) => void): string | undefined {
  if (raw === '') return void fail(`必须填写${what}`);
  if ([...raw].length > max) return void fail(`${what}不应超过 ${max} 个字符`);
  return raw;
}

function areaOf(raw: string, fail: (m: string) => void): number | null {
  if (raw === '') return null;
  const n = Number(raw.replace(/,/g, ''));
  if (!/^[0-9][0-9,]*(\.[0-9]+)?$/.test(raw) || !Number.isFinite(n)) return (fail(`面积“${raw}”不是数值（单位：平方米）`), null);
  if (n < 1 || n > 1e9) return (fail('面积应在 1–1,000,000,000 平方米之间'), null);
  return n;
}

/** The intended use (land lists only), a GB 50137 name as the land-use check knows it. */
function useOf(raw: string, { source, landUses }: RowContext, fail: (m: string) => void): string | null {
  if (raw === '') return null;
  if (source !== 'land_quarterly') return (fail('工业和信息化部门的清单不填写拟供用途'), null);
  const use = parseUse(landUses, raw);
  if (!use || use.kind !== 'use') return (fail(`未知的用途“${raw}”，应为 GB 50137 用地名称（如 住宅用地、工业用地）`), null);
  return use.use.name;
}

/** 是 / 否, or the key unit's name (土壤法第六十七条). */
function keyUnitOf(raw: string, fail: (m: string) => void): string | null {
  const folded = raw.toLowerCase();
  if (NO.has(folded)) return null;
  if (YES.has(folded)) return '是';
  if ([...raw].length > 200) return (fail('重点监管单位名称不应超过 200 个字符'), null);
  return raw;
}

function boundaryOf(raw: string, fail: (m: string) => void): GeoJsonPolygon | null {
  if (raw === '') return null;
  let geo: unknown;
  try {
    geo = JSON.parse(raw);
  } catch {
    return (fail('边界不是合法的 GeoJSON 文本（应为 {"type":"Polygon","coordinates":[…]}，WGS84 经纬度）'), null);
  }
  try {
    return checkBoundary(geo as GeoJsonPolygon, undefined, 'boundary').polygon;
  } catch (e) {
    if (!(e instanceof ValidationFailedError)) throw e;
    for (const err of e.errors) fail(err.message);
    return null;
  }
}

/** A parcel or an enterprise named twice in one list is a fault of the list: the second row names the first. */
export function duplicateErrors(rows: ProposalRowInput[]): RowError[] {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const keys = [r.parcelCode && `p:${r.parcelCode}`, r.creditCode && `c:${r.creditCode}:${r.reason}`].filter((k): k is string => !!k);
    for (const k of keys) {
      const first = seen.get(k);
      if (first !== undefined) {
        const what = k.startsWith('p:') ? `地块编码 ${r.parcelCode}` : `统一社会信用代码 ${r.creditCode}`;
        errors.push({ line: r.line, message: `${what}与第 ${first} 行重复` });
      } else {
        seen.set(k, r.line);
      }
    }
  }
  return errors;
}

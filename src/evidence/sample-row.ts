import type { AnalyteItem } from './gb36600';
import { LATITUDE_RANGE, LONGITUDE_RANGE } from './china-extent';
import { parseDecimal as parseStrictDecimal } from '../reference/reference-files';
import { REQUIRED_COLUMNS, SAMPLE_COLUMNS, type SampleColumn } from './sample-headers';
import { MEDIUM_LABELS, parseMedium, parseUnit, toCanonical, unitsFor, type UnitOf } from './sample-units';

/** The columns of the English header, in the template's order (DESIGN §6.1). */
export const SAMPLE_CSV_COLUMNS = REQUIRED_COLUMNS;
export type { SampleColumn } from './sample-headers';

/** 介质: soil results are screened against GB 36600, groundwater results against GB/T 14848-2017. */
export type SampleMedium = 'soil' | 'groundwater';

/** The unit a result is stored in, after conversion: mg/kg for soil, mg/L for groundwater. */
export type CanonicalUnit = 'mg/kg' | 'mg/L';

export const CANONICAL_UNIT: Record<SampleMedium, CanonicalUnit> = { soil: 'mg/kg', groundwater: 'mg/L' };

export interface SampleRow {
  sampleId: string;
  /** Longitude, decimal degrees (CGCS2000 / WGS 84). */
  x: number;
  /** Latitude, decimal degrees (CGCS2000 / WGS 84). */
  y: number;
  depthM: number;
  /** The key of the item (its CAS field). */
  cas: string;
  analyteName: string;
  medium: SampleMedium;
  /** In the canonical unit of the medium; null when not detected. */
  value: number | null;
  detected: boolean;
  /** Canonical for the medium (CANONICAL_UNIT), whatever unit the file wrote. */
  unit: CanonicalUnit;
  /** In the canonical unit of the medium. */
  detectionLimit: number;
  /** Physical line number in a CSV file (header = 1), or the row number of the sheet. */
  line: number;
}

export interface SampleCsvError {
  /** The line of a CSV file (header = 1), or the row number of the sheet. */
  line: number;
  /** The header as written (CSV), or the column letter (xlsx). */
  column?: string;
  /** For xlsx: the header of that column. */
  header?: string;
  message: string;
}

/** How an error names a column: what goes in `column` (and `header`), and the words of the message. */
export interface ColumnPlace {
  column: string;
  header?: string;
  label: string;
}

export const SAMPLE_ID_MAX_LENGTH = 64;
export const DEPTH_RANGE_M = [0, 100] as const;

// Laboratory spellings of "not detected" (未检出); '<0.01' style is handled separately.
const NOT_DETECTED_MARKERS = new Set(['nd', 'n.d.', 'n.d', '未检出', '<dl', '<lod', '<mdl']);

export function sampleError(line: number, place: ColumnPlace | undefined, detail: string): SampleCsvError {
  const where = place === undefined ? `第 ${line} 行` : `第 ${line} 行 ${place.label}`;
  return {
    line,
    ...(place === undefined ? {} : { column: place.column }),
    ...(place?.header === undefined ? {} : { header: place.header }),
    message: `${where}：${detail}`,
  };
}

/** One data record read through the file's header: a column's text ('' when the file has no such column). */
export interface SampleRecord {
  get(column: SampleColumn): string;
  /** Whether the file has the column (介质 may be left out). */
  has(column: SampleColumn): boolean;
  place(column: SampleColumn): ColumnPlace;
}

/**
 * Finds the item a result is screened against by what the file wrote (name or CAS) and the
 * sample's medium: GB 36600 items for soil, GB/T 14848-2017 items for groundwater, and the
 * pollutants accepted without a standard value. Undefined: not an item of that medium.
 */
export interface AnalyteFinder {
  find(nameOrCas: string, medium: SampleMedium): AnalyteItem | undefined;
}

/** Validates one data record; returns the row, in the canonical unit of its medium, or every error found in it. */
export function validateSampleRecord(
  cells: SampleRecord,
  line: number,
  analytes: AnalyteFinder,
): { row: SampleRow; errors: [] } | { row?: undefined; errors: SampleCsvError[] } {
  const errors: SampleCsvError[] = [];
  const fail = (column: SampleColumn, detail: string) => errors.push(sampleError(line, cells.place(column), detail));
  for (const column of SAMPLE_COLUMNS) {
    if (cells.get(column).includes('\uFFFD')) fail(column, '含有无法识别的字符：文件须为 UTF-8 编码（Excel 请另存为“CSV UTF-8”或 .xlsx）');
  }
  if (errors.length > 0) return { errors };

  const sampleId = checkSampleId(cells.get('sample_id'), (d) => fail('sample_id', d));
  const x = checkCoordinate(cells, 'x', (d) => fail('x', d));
  const y = checkCoordinate(cells, 'y', (d) => fail('y', d));
  const depthM = checkDepth(cells.get('depth_m'), (d) => fail('depth_m', d));
  const medium = checkMedium(cells.get('medium'), (d) => fail('medium', d));
  const item = medium && checkAnalyte(cells.get('analyte'), medium, analytes, (d) => fail('analyte', d));
  const value = checkValue(cells.get('value'), (d) => fail('value', d));
  const unit = checkUnit(cells.get('unit'), medium, cells.has('medium'), (d) => fail('unit', d));
  const detectionLimit = checkDetectionLimit(cells.get('detection_limit'), (d) => fail('detection_limit', d));
  if (errors.length > 0) return { errors };

  // The value and its detection limit are in the row's unit: both converted, then compared.
  const limit = toCanonical(detectionLimit!, unit!);
  const measured = value === 'nd' ? undefined : toCanonical(value!, unit!);
  const detected = measured !== undefined && measured >= limit;
  const row: SampleRow = {
    sampleId: sampleId!,
    x: x!,
    y: y!,
    depthM: depthM!,
    cas: item!.cas,
    analyteName: item!.nameZh,
    medium: medium!,
    value: detected ? measured! : null,
    detected,
    unit: unit!.canonical,
    detectionLimit: limit,
    line,
  };
  return { row, errors: [] };
}

function checkSampleId(text: string, fail: (d: string) => void): string | undefined {
  const id = text.trim();
  if (id === '') return void fail('不能为空');
  // Code points, not UTF-16 units; counted only when the units leave it in doubt.
  if (id.length > SAMPLE_ID_MAX_LENGTH && [...id].length > SAMPLE_ID_MAX_LENGTH) return void fail(`不能超过 ${SAMPLE_ID_MAX_LENGTH} 个字符`);
  if (/\p{Cc}/u.test(id)) return void fail('不能含有控制字符');
  return id;
}

function checkCoordinate(cells: SampleRecord, column: 'x' | 'y', fail: (d: string) => void): number | undefined {
  const n = parseDecimal(cells.get(column));
  const [min, max] = column === 'x' ? LONGITUDE_RANGE : LATITUDE_RANGE;
  const what = column === 'x' ? '经度' : '纬度';
  if (n === undefined) return void fail(`必须是数值（${what}，十进制度），实际为“${cells.get(column)}”`);
  if (n >= min && n <= max) return n;
  if (Math.abs(n) > 180) return void fail(`${n} 看起来是投影坐标（米）；请换算为经纬度（十进制度，${what} ${min}–${max}）`);
  if (swapped(cells)) return void fail(`${n} 不在中国境内的${what}范围 ${min}–${max}；x 与 y 可能填反了（x 为经度，y 为纬度）`);
  return void fail(`${n} 不在中国境内的${what}范围 ${min}–${max}`);
}

function swapped(cells: SampleRecord): boolean {
  const x = parseDecimal(cells.get('x'));
  const y = parseDecimal(cells.get('y'));
  if (x === undefined || y === undefined) return false;
  return y >= LONGITUDE_RANGE[0] && y <= LONGITUDE_RANGE[1] && x >= LATITUDE_RANGE[0] && x <= LATITUDE_RANGE[1];
}

function checkDepth(text: string, fail: (d: string) => void): number | undefined {
  const n = parseDecimal(text);
  const [min, max] = DEPTH_RANGE_M;
  if (n === undefined || n < min || n > max) return void fail(`必须是 ${min} 至 ${max} 之间的数值（米），实际为“${text}”`);
  return n;
}

function checkMedium(text: string, fail: (d: string) => void): SampleMedium | undefined {
  const medium = parseMedium(text);
  if (!medium) fail(`必须是“土壤”或“地下水”（soil、groundwater），留空为土壤，实际为“${text}”`);
  return medium;
}

function checkAnalyte(text: string, medium: SampleMedium, analytes: AnalyteFinder, fail: (d: string) => void): AnalyteItem | undefined {
  const name = text.trim();
  const standard = medium === 'soil' ? 'GB 36600' : 'GB/T 14848';
  if (name === '') return void fail(`不能为空（填写 ${standard} 中的中文名称或 CAS 号）`);
  const item = analytes.find(name, medium);
  if (item) return item;
  if (medium === 'soil') return void fail(`“${name}”不是 GB 36600 中的检测项目（请填写标准中的中文名称或 CAS 号）`);
  return void fail(`“${name}”不是地下水的检测项目：GB/T 14848 地下水质量标准中没有此项（请填写标准中的中文名称或 CAS 号）`);
}

/** The unit converts to the medium's canonical one; a soil unit on a groundwater row (or the reverse) is refused. */
function checkUnit(text: string, medium: SampleMedium | undefined, hasMedium: boolean, fail: (d: string) => void): UnitOf | undefined {
  const unit = parseUnit(text);
  if (!unit) return void fail(`必须是 ${unitsFor('soil')}（土壤）或 ${unitsFor('groundwater')}（地下水），实际为“${text}”`);
  if (medium === undefined || unit.medium === medium) return unit;
  const why = hasMedium ? `本行介质为${MEDIUM_LABELS[medium]}` : '未填介质列时各行均为土壤';
  return void fail(`“${text.trim()}”是${MEDIUM_LABELS[unit.medium]}的单位，${why}（${MEDIUM_LABELS[medium]}用 ${unitsFor(medium)}）`);
}

function checkDetectionLimit(text: string, fail: (d: string) => void): number | undefined {
  const n = parseDecimal(text);
  if (n === undefined || n <= 0) return void fail(`必须是大于 0 的数值，实际为“${text}”`);
  return n;
}

/**
 * The strict parseDecimal, with a shortcut for the plain digits-and-point numbers
 * that make up nearly every cell of a lab file (the pattern accepts them all).
 */
function parseDecimal(text: string): number | undefined {
  return isPlainDecimal(text) ? finite(Number(text)) : parseStrictDecimal(text);
}

function isPlainDecimal(s: string): boolean {
  let digits = 0;
  let point = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && point === -1 && digits > 0) point = i;
    else return false;
  }
  return digits > 0 && point !== s.length - 1;
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/** A number ≥ 0, or 'nd' for a below-detection marker ('ND', '未检出', '<DL', '<0.01'). */
function checkValue(text: string, fail: (d: string) => void): number | 'nd' | undefined {
  // A plain decimal reads the same after NFKC normalisation (ASCII is unchanged by it).
  const plain = parseDecimal(text);
  if (plain !== undefined && plain >= 0) return plain;
  const t = text.normalize('NFKC').trim();
  if (NOT_DETECTED_MARKERS.has(t.toLowerCase().replace(/\s+/g, ''))) return 'nd';
  if (t.startsWith('<')) {
    const limit = parseDecimal(t.slice(1));
    if (limit !== undefined && limit > 0) return 'nd';
  }
  const n = parseDecimal(t);
  if (n === undefined || n < 0) {
    return void fail(`必须是不小于 0 的数值，或未检出标记（ND、未检出、<DL、<0.01），实际为“${text}”`);
  }
  return n;
}

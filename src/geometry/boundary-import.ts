import { open, readFile } from 'node:fs/promises';
import { parseBoundaryPoints } from './boundary-points';
import { importGeoJson } from './geojson-import';
import { importError, type ZoneOptions } from './import-error';
import { checkBoundary } from './polygon-check';
import { importShapefileZip, type ImportedGeometry } from './shapefile-import';
import type { GeoJsonPolygon } from '../evidence/geojson';

export const BOUNDARY_FORMATS = ['geojson', 'shapefile', 'points'] as const;
export type BoundaryFormat = (typeof BOUNDARY_FORMATS)[number];

export interface BoundaryImportOptions extends ZoneOptions {
  format?: BoundaryFormat;
  declaredAreaM2?: number;
}

export interface BoundaryImportResult {
  polygon: GeoJsonPolygon;
  areaM2: number;
  crs: string;
  vertexCount: number;
  warnings: string[];
}

const FORMAT_LABELS: Record<BoundaryFormat, string> = {
  geojson: 'GeoJSON',
  shapefile: 'Shapefile 压缩包（ZIP）',
  points: '界址点坐标表（文本）',
};
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** Reads a staged boundary file, whatever it turns out to be by its content, into a checked lon/lat polygon. */
export async function importBoundaryFile(path: string, options: BoundaryImportOptions): Promise<BoundaryImportResult> {
  const format = await sniff(path);
  if (options.format && options.format !== format) {
    throw importError('format', `format 为 ${FORMAT_LABELS[options.format]}，但上传的文件内容是${FORMAT_LABELS[format]}`);
  }
  const imported = await readAs(format, path, options);
  const checked = checkBoundary(imported.polygon, options.declaredAreaM2);
  return {
    polygon: checked.polygon,
    areaM2: checked.areaM2,
    crs: imported.crs,
    vertexCount: checked.vertexCount,
    warnings: [...imported.warnings, ...checked.warnings],
  };
}

async function readAs(format: BoundaryFormat, path: string, options: BoundaryImportOptions): Promise<ImportedGeometry> {
  if (format === 'shapefile') return importShapefileZip(path);
  const text = decodeText(await readFile(path));
  if (format === 'geojson') return importGeoJson(text);
  const parsed = parseBoundaryPoints(text, options);
  return { polygon: parsed.polygon, crs: parsed.crs.code, warnings: parsed.warnings };
}

/** By content, not by name: a ZIP's local header, JSON's opening brace, or text. */
async function sniff(path: string): Promise<BoundaryFormat> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(512);
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const bytes = head.subarray(0, bytesRead);
  if (bytes.length === 0) throw importError('file', '上传的文件为空');
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return 'shapefile';
  if (bytes.includes(0)) {
    throw importError('file', '无法识别的文件：请上传 Shapefile 压缩包（ZIP）、GeoJSON 或界址点坐标表（文本）');
  }
  return /^(\uFEFF|\xEF\xBB\xBF)?\s*[{[]/.test(bytes.toString('latin1')) ? 'geojson' : 'points';
}

/** UTF-8 (with or without BOM); text that is not is taken as GB 18030, as Chinese spreadsheet exports often are. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

import { open as openShapefile } from 'shapefile';
import * as yauzl from 'yauzl';
import { importError } from './import-error';
import { readPrj } from './prj';
import { unproject } from './unproject';
import type { GeoJsonPolygon, Position } from '../evidence/geojson';

/** Uncompressed bytes a boundary archive may hold in all (what is read of it). */
export const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 200;
const FIELD = 'file';
const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

export interface ImportedGeometry {
  polygon: GeoJsonPolygon;
  crs: string;
  warnings: string[];
}

/**
 * A zipped ESRI Shapefile (ESRI Shapefile Technical Description, 1998): .shp with
 * .shx, .dbf and the .prj naming its coordinate system. Entries are read one at a time;
 * the declared uncompressed size is judged before an entry is opened and the bytes
 * actually inflated are counted as they come (yauzl also checks them against the
 * declared size), so an archive that inflates past the limit is refused, never unpacked.
 * Entry names are never used as paths.
 */
export async function importShapefileZip(zipPath: string): Promise<ImportedGeometry> {
  const parts = await readParts(zipPath);
  if (!parts.shp) throw importError(FIELD, '压缩包中没有 .shp 文件（Shapefile 须含 .shp、.shx、.dbf、.prj）');
  if (!parts.prj) throw importError(FIELD, '压缩包中缺少 .prj 文件，无法确定坐标系；请一并压缩 .prj（CGCS2000 经纬度或 3 度带）');
  const warnings = (['shx', 'dbf'] as const).filter((p) => !parts[p]).map((p) => `压缩包中缺少 .${p} 文件（不影响读取边界）`);
  const source = readPrj(parts.prj.toString('utf8'));
  const rings = await readOnePolygon(parts.shp);
  return { polygon: { type: 'Polygon', coordinates: unproject(rings, source) }, crs: source.code, warnings };
}

async function readParts(zipPath: string): Promise<Partial<Record<Part, Buffer>>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw importError(FIELD, '无法读取 ZIP 压缩包（文件损坏或不是 ZIP）');
  }
  const parts: Partial<Record<Part, Buffer>> = {};
  let total = 0;
  let count = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++count > MAX_ENTRIES) throw importError(FIELD, `压缩包内文件过多（超过 ${MAX_ENTRIES} 个）`);
      const part = partOf(entry.fileName);
      if (!part) continue;
      if (parts[part]) throw importError(FIELD, `压缩包内有多个 .${part} 文件；一个压缩包只放一个地块的 Shapefile`);
      if (entry.isEncrypted()) throw importError(FIELD, '压缩包已加密，请上传未加密的 ZIP');
      total += entry.uncompressedSize;
      if (total > MAX_UNZIPPED_BYTES) throw tooLarge();
      parts[part] = await readEntry(zip, entry, MAX_UNZIPPED_BYTES - (total - entry.uncompressedSize));
    }
  } finally {
    zip.close();
  }
  return parts;
}

function tooLarge() {
  return importError(FIELD, `压缩包解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，拒绝读取`);
}

/** The Shapefile part an entry is, by extension; folders, macOS resource forks and other files are skipped. */
function partOf(fileName: string): Part | undefined {
  if (fileName.endsWith('/') || /(^|\/)(__MACOSX\/|\._)/.test(fileName)) return undefined;
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1].toLowerCase();
  return PARTS.find((p) => p === ext);
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
    zip.once('entry', (e: yauzl.Entry) => (cleanup(), resolve(e)));
    zip.once('end', () => (cleanup(), resolve(undefined)));
    zip.once('error', () => (cleanup(), reject(importError(FIELD, 'ZIP 压缩包结构损坏'))));
    zip.readEntry();
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<Buffer> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw importError(FIELD, `无法解压 ${entry.fileName.split('/').pop()}（压缩方式不受支持或数据损坏）`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > budget) {
        stream.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof Error && 'status' in e) throw e;
    throw importError(FIELD, `解压 ${entry.fileName.split('/').pop()} 出错（数据损坏或大小与声明不符）`);
  }
  return Buffer.concat(chunks);
}

/** Exactly one polygon feature (or a multipolygon of one part): its rings as [x, y]. */
async function readOnePolygon(shp: Buffer): Promise<Position[][]> {
  const features: Array<{ type: string; coordinates: unknown } | null> = [];
  try {
    const source = await openShapefile(shp);
    for (let r = await source.read(); !r.done; r = await source.read()) {
      features.push(r.value.geometry as { type: string; coordinates: unknown } | null);
      if (features.length > 1) break;
    }
  } catch {
    throw importError(FIELD, '.shp 文件无法读取（不是有效的 Shapefile）');
  }
  if (features.length !== 1) {
    throw importError(FIELD, features.length === 0 ? '.shp 中没有要素' : '.shp 中有多个要素；请只导出本地块的一个面要素');
  }
  return polygonRings(features[0], '.shp 中的要素');
}

/** The rings of a Polygon, or of a MultiPolygon with a single part; anything else is refused. */
export function polygonRings(geometry: { type?: unknown; coordinates?: unknown } | null, what: string): Position[][] {
  if (geometry?.type === 'Polygon') return geometry.coordinates as Position[][];
  if (geometry?.type === 'MultiPolygon') {
    const parts = geometry.coordinates as Position[][][];
    if (Array.isArray(parts) && parts.length === 1) return parts[0];
    throw importError(FIELD, `${what}由 ${Array.isArray(parts) ? parts.length : 0} 个互不相连的面组成；一个地块只能有一个面`);
  }
  const label: Record<string, string> = { Point: '点', MultiPoint: '点', LineString: '线', MultiLineString: '线' };
  throw importError(FIELD, `${what}不是面（实际为${label[String(geometry?.type)] ?? '空或无法识别的几何'}）`);
}

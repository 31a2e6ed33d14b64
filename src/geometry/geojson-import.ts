import { importError } from './import-error';
import { readGeoJsonCrs } from './prj';
import { type ImportedGeometry, polygonRings } from './shapefile-import';
import { unproject } from './unproject';

const FIELD = 'file';

/**
 * A boundary as GeoJSON (RFC 7946): a Polygon, a Feature of one, or a FeatureCollection
 * holding exactly one feature. Coordinates are lon/lat, unless an old-style "crs" member
 * names a CGCS2000 3-degree zone (EPSG:4513–4554), whose [easting, northing] are converted.
 */
export function importGeoJson(text: string): ImportedGeometry {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw importError(FIELD, '文件不是有效的 JSON（GeoJSON）');
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw importError(FIELD, 'GeoJSON 顶层必须是对象');
  const doc = root as { type?: unknown; crs?: unknown; features?: unknown; geometry?: unknown };
  const source = readGeoJsonCrs(doc.crs);
  let geometry: unknown = doc;
  if (doc.type === 'FeatureCollection') {
    const features = Array.isArray(doc.features) ? doc.features : [];
    if (features.length !== 1) {
      throw importError(FIELD, `FeatureCollection 须只含一个地块要素，实际有 ${features.length} 个`);
    }
    geometry = (features[0] as { geometry?: unknown })?.geometry ?? null;
  } else if (doc.type === 'Feature') {
    geometry = doc.geometry ?? null;
  }
  const rings = polygonRings(geometry as { type?: unknown; coordinates?: unknown } | null, 'GeoJSON 的几何');
  if (!Array.isArray(rings) || !rings.every((r) => Array.isArray(r) && r.every((p) => Array.isArray(p) && p.every(Number.isFinite)))) {
    throw importError(FIELD, 'GeoJSON 的坐标必须是数值数组');
  }
  return { polygon: { type: 'Polygon', coordinates: unproject(rings, source) }, crs: source.code, warnings: [] };
}

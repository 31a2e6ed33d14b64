import { FIRST_ZONE, gaussKruger, gaussKrugerByCode, type GaussKrugerCrs, isZone } from './crs';
import { importError } from './import-error';

export type SourceCrs = { kind: 'geographic'; code: 'EPSG:4490' } | { kind: 'projected'; code: string; crs: GaussKrugerCrs };

export const GEOGRAPHIC: SourceCrs = { kind: 'geographic', code: 'EPSG:4490' };

// The names ESRI, QGIS and the EPSG registry give CGCS2000's datum and geographic CRS
// ("D_China_2000", "China_2000", "GCS_China_Geodetic_Coordinate_System_2000", "CGCS2000").
const CGCS2000_NAME = /China[_ ]2000|CGCS[_ ]?2000|China[_ ]Geodetic[_ ]Coordinate[_ ]System[_ ]2000/i;
const OTHER_DATUMS: Array<[RegExp, string]> = [
  [/Beijing[_ ]1954|Beijing_54|北京/i, '1954 北京坐标系'],
  [/Xian[_ ]1980|Xian_80|西安/i, '1980 西安坐标系'],
  [/WGS[_ ]?(19)?84/i, 'WGS 84'],
];

const FIELD = 'file';

/**
 * The coordinate system a Shapefile's .prj (ESRI or OGC WKT 1) names, accepted only when
 * it is CGCS2000 geographic (EPSG:4490) or one of its 3-degree Gauss-Krüger zones
 * (EPSG:4513–4554), recognised by datum name and projection parameters.
 */
export function readPrj(wkt: string): SourceCrs {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const projected = /^(PROJCS|PROJCRS)\s*\[/i.test(text);
  if (!projected && !/^(GEOGCS|GEOGCRS)\s*\[/i.test(text)) {
    throw importError(FIELD, '.prj 文件不是可识别的坐标系定义（WKT）');
  }
  const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  const geogcs = /GEOG(CS|CRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[2] ?? '';
  if (!CGCS2000_NAME.test(datum) && !CGCS2000_NAME.test(geogcs)) {
    const other = OTHER_DATUMS.find(([re]) => re.test(datum) || re.test(geogcs))?.[1];
    throw importError(FIELD, `.prj 中的坐标系为${other ?? `“${geogcs || datum || '未知'}”`}，只接受 2000 国家大地坐标系（CGCS2000）经纬度或 3 度带高斯-克吕格投影；请先转换为 CGCS2000`);
  }
  if (!projected) return GEOGRAPHIC;
  return { kind: 'projected', ...projectedCrs(text) };
}

function projectedCrs(text: string): { code: string; crs: GaussKrugerCrs } {
  const params = new Map<string, number>();
  for (const m of text.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([-+0-9.eE]+)/gi)) {
    params.set(m[1].toLowerCase().replace(/ /g, '_'), Number(m[2]));
  }
  const method = /(PROJECTION|METHOD)\s*\[\s*"([^"]+)"/i.exec(text)?.[2] ?? '';
  const cm = params.get('central_meridian') ?? params.get('longitude_of_natural_origin');
  const fe = params.get('false_easting');
  const fn = params.get('false_northing') ?? 0;
  const k = params.get('scale_factor') ?? params.get('scale_factor_at_natural_origin') ?? 1;
  const lat0 = params.get('latitude_of_origin') ?? params.get('latitude_of_natural_origin') ?? 0;
  const zone = cm === undefined ? NaN : cm / 3;
  const tm = /Transverse[_ ]Mercator|Gauss[_ ]Kruger/i.test(method);
  const prefixed = fe === zone * 1_000_000 + 500_000;
  if (!tm || !isZone(zone) || !(prefixed || fe === 500_000) || fn !== 0 || k !== 1 || lat0 !== 0) {
    throw importError(
      FIELD,
      `.prj 的投影不是 2000 国家大地坐标系 3 度带高斯-克吕格投影（投影 ${method || '未注明'}，中央经线 ${cm ?? '未注明'}°，东偏移 ${fe ?? '未注明'} 米，比例因子 ${k}）；3 度带中央经线为 ${FIRST_ZONE * 3}°–135° 间 3 的倍数，东偏移 500000 米或带号加 500000 米`,
    );
  }
  const crs = gaussKruger(zone, prefixed);
  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text)?.[1] ?? /ID\s*\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(text)?.[1];
  if (authority && gaussKrugerByCode(Number(authority)) && `EPSG:${authority}` !== crs.code) {
    throw importError(FIELD, `.prj 自相矛盾：标注为 EPSG:${authority}，投影参数却是 ${crs.name}（${crs.code}）`);
  }
  return { code: crs.code, crs };
}

/** The coordinate system a GeoJSON's (pre-RFC 7946) "crs" member names; none means lon/lat. */
export function readGeoJsonCrs(crs: unknown): SourceCrs {
  if (crs === undefined || crs === null) return GEOGRAPHIC;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  const code = typeof name === 'string' ? /EPSG:*(?:[\d.]*:)?:?(\d{4,5})$/i.exec(name)?.[1] : undefined;
  if (typeof name === 'string' && /CRS84$/i.test(name)) return GEOGRAPHIC;
  if (code === '4490' || code === '4326') return GEOGRAPHIC;
  const gk = code ? gaussKrugerByCode(Number(code)) : undefined;
  if (gk) return { kind: 'projected', code: gk.code, crs: gk };
  throw importError(FIELD, `GeoJSON 的 crs 为 ${typeof name === 'string' ? name : '无法识别'}；只接受经纬度（CGCS2000）或 EPSG:4513–4554（CGCS2000 3 度带）`);
}

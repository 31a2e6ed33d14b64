import proj4 from 'proj4';

// CGCS2000 (2000国家大地坐标系, in use since 2008-07-01; EPSG:4490 "China Geodetic
// Coordinate System 2000"): ellipsoid a = 6 378 137 m, 1/f = 298.257222101, which is
// GRS80's. Its 3-degree Gauss-Krüger zones, as the EPSG registry defines them
// (epsg.io/4526, epsg.io/4547, WKT of 4513–4554): Transverse Mercator, latitude of
// origin 0, central meridian 3 × zone, scale 1, false northing 0; false easting
// <zone>500000 for "3-degree Gauss-Kruger zone 25–45" (EPSG:4513–4533) and 500000 for
// the truncated "3-degree Gauss-Kruger CM 75E–135E" (EPSG:4534–4554). Axes northing (X),
// easting (Y), metres. CGCS2000 is taken as WGS 84 for display (towgs84 zero).
export const CGCS2000 = 'EPSG:4490';
export const FIRST_ZONE = 25;
export const LAST_ZONE = 45;
const PREFIXED_BASE = 4513; // zone 25
const TRUNCATED_BASE = 4534; // CM 75E

export interface GaussKrugerCrs {
  /** 'EPSG:45xx' */
  code: string;
  zone: number;
  centralMeridian: number;
  /** True when the easting carries the zone number in front (38 512 345.678). */
  zonePrefix: boolean;
  name: string;
}

const ELLIPSOID = '+ellps=GRS80 +towgs84=0,0,0 +units=m +no_defs';

function define(zone: number, zonePrefix: boolean): GaussKrugerCrs {
  const centralMeridian = 3 * zone;
  const code = `EPSG:${(zonePrefix ? PREFIXED_BASE : TRUNCATED_BASE) + zone - FIRST_ZONE}`;
  const x0 = zonePrefix ? `${zone}500000` : '500000';
  proj4.defs(code, `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${x0} +y_0=0 ${ELLIPSOID}`);
  const name = zonePrefix ? `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}` : `CGCS2000 / 3-degree Gauss-Kruger CM ${centralMeridian}E`;
  return { code, zone, centralMeridian, zonePrefix, name };
}

proj4.defs(CGCS2000, `+proj=longlat ${ELLIPSOID.replace(' +units=m', '')}`);
const ZONES = new Map<string, GaussKrugerCrs>();
for (let zone = FIRST_ZONE; zone <= LAST_ZONE; zone++) {
  for (const prefixed of [true, false]) {
    const crs = define(zone, prefixed);
    ZONES.set(crs.code, crs);
  }
}

export const isZone = (zone: number) => Number.isInteger(zone) && zone >= FIRST_ZONE && zone <= LAST_ZONE;

/** The Gauss-Krüger CRS of a 3-degree zone, with or without the zone prefix on eastings. */
export function gaussKruger(zone: number, zonePrefix: boolean): GaussKrugerCrs {
  const crs = ZONES.get(`EPSG:${(zonePrefix ? PREFIXED_BASE : TRUNCATED_BASE) + zone - FIRST_ZONE}`);
  if (!crs || !isZone(zone)) throw new RangeError(`no 3-degree zone ${zone}`);
  return crs;
}

/** A CGCS2000 3-degree Gauss-Krüger CRS by its EPSG code (4513–4554), or undefined. */
export function gaussKrugerByCode(code: string | number): GaussKrugerCrs | undefined {
  return ZONES.get(typeof code === 'number' ? `EPSG:${code}` : code);
}

/** [easting, northing] in metres on `crs` → [longitude, latitude] in degrees on CGCS2000. */
export function toLonLat(crs: GaussKrugerCrs, easting: number, northing: number): [number, number] {
  const [lon, lat] = proj4(crs.code, CGCS2000, [easting, northing]);
  return [round(lon), round(lat)];
}

/** [longitude, latitude] → [easting, northing] on `crs` (tests and test fixtures). */
export function fromLonLat(crs: GaussKrugerCrs, lon: number, lat: number): [number, number] {
  const [e, n] = proj4(CGCS2000, crs.code, [lon, lat]);
  return [e, n];
}

// 1e-9 degree is about 0.1 mm: finer than any survey, and stable output.
const round = (deg: number) => Math.round(deg * 1e9) / 1e9;

import { crc32, deflateRawSync } from 'node:zlib';

// A small writer of ESRI Shapefiles (ESRI Shapefile Technical Description, July 1998:
// main file header of 100 bytes, big-endian file code 9994 and length in 16-bit words,
// little-endian version 1000 and shape type; Polygon records of type 5 with box, parts
// and points; the index .shx of offset/length pairs) and of dBASE III .dbf tables,
// enough to build the boundary files a survey delivers. And a ZIP writer for them.

/** [x, y]: for a Gauss-Krüger zone [easting, northing], else [lon, lat]. */
export type XY = [number, number];

const SHAPE_POLYGON = 5;
const SHAPE_POLYLINE = 3;

function mainHeader(fileBytes: number, shapeType: number, box: number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  box.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

function boxOf(points: XY[]): number[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** One record's content: shape type, box, parts (each a list of rings' points, closed here). */
function polyContent(shapeType: number, parts: XY[][]): Buffer {
  const closed = parts.map((ring) => {
    const [f, l] = [ring[0], ring[ring.length - 1]];
    return f[0] === l[0] && f[1] === l[1] ? ring : [...ring, f];
  });
  const points = closed.flat();
  const c = Buffer.alloc(44 + 4 * closed.length + 16 * points.length);
  c.writeInt32LE(shapeType, 0);
  boxOf(points).forEach((v, i) => c.writeDoubleLE(v, 4 + 8 * i));
  c.writeInt32LE(closed.length, 36);
  c.writeInt32LE(points.length, 40);
  let start = 0;
  closed.forEach((ring, i) => {
    c.writeInt32LE(start, 44 + 4 * i);
    start += ring.length;
  });
  const at = 44 + 4 * closed.length;
  points.forEach(([x, y], i) => {
    c.writeDoubleLE(x, at + 16 * i);
    c.writeDoubleLE(y, at + 16 * i + 8);
  });
  return c;
}

export interface ShapefileSpec {
  /** Each feature: its rings (exterior clockwise, as the specification has it). */
  features: XY[][][];
  prj?: string;
  shapeType?: 'polygon' | 'polyline';
  /** A name attribute per feature (dBASE character field NAME). */
  names?: string[];
}

export interface ShapefileParts {
  shp: Buffer;
  shx: Buffer;
  dbf: Buffer;
  prj?: Buffer;
}

export function writeShapefile(spec: ShapefileSpec): ShapefileParts {
  const type = spec.shapeType === 'polyline' ? SHAPE_POLYLINE : SHAPE_POLYGON;
  const contents = spec.features.map((rings) => polyContent(type, rings));
  const box = boxOf(spec.features.flat(2));
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((content, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(content.length / 2, 4);
    records.push(rh, content);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(content.length / 2, 4);
    index.push(ix);
    offset += 8 + content.length;
  });
  const fullBox = [...box, 0, 0, 0, 0];
  const shp = Buffer.concat([mainHeader(offset, type, fullBox), ...records]);
  const shx = Buffer.concat([mainHeader(100 + 8 * contents.length, type, fullBox), ...index]);
  const names = spec.names ?? spec.features.map((_, i) => `PLOT${i + 1}`);
  return { shp, shx, dbf: writeDbf(names), prj: spec.prj === undefined ? undefined : Buffer.from(spec.prj, 'utf8') };
}

/** A dBASE III table with one character field NAME (20 wide). */
function writeDbf(names: string[]): Buffer {
  const width = 20;
  const header = Buffer.alloc(32);
  header.writeUInt8(0x03, 0);
  header.writeUInt8(126, 1); // 2026
  header.writeUInt8(12, 2);
  header.writeUInt8(1, 3);
  header.writeUInt32LE(names.length, 4);
  header.writeUInt16LE(32 + 32 + 1, 8);
  header.writeUInt16LE(1 + width, 10);
  const field = Buffer.alloc(32);
  field.write('NAME', 0, 'latin1');
  field.write('C', 11, 'latin1');
  field.writeUInt8(width, 16);
  const rows = names.map((n) => Buffer.from(` ${n.padEnd(width).slice(0, width)}`, 'latin1'));
  return Buffer.concat([header, field, Buffer.from([0x0d]), ...rows, Buffer.from([0x1a])]);
}

export interface ZipFileSpec {
  name: string;
  content: Buffer;
  /** Write this uncompressed size in the headers instead of the true one (a lying archive). */
  declaredSize?: number;
}

/** A ZIP archive (PKWARE APPNOTE: local headers, deflated data, central directory, end record). */
export function writeZip(files: ZipFileSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = deflateRawSync(f.content);
    const crc = crc32(f.content);
    const size = f.declaredSize ?? f.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of a Shapefile named `base`.shp … as ZIP entries. */
export function shapefileZip(parts: ShapefileParts, base = 'parcel'): Buffer {
  const files: ZipFileSpec[] = [
    { name: `${base}.shp`, content: parts.shp },
    { name: `${base}.shx`, content: parts.shx },
    { name: `${base}.dbf`, content: parts.dbf },
  ];
  if (parts.prj) files.push({ name: `${base}.prj`, content: parts.prj });
  return writeZip(files);
}

// .prj texts as ArcGIS writes them (ESRI WKT), for the test parcel's zone.
export const PRJ_ZONE_38 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_CM_114E =
  'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const PRJ_XIAN_1980_ZONE_38 =
  'PROJCS["Xian_1980_3_Degree_GK_Zone_38",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/**
 * The test parcel near 上街区 (zone 38, CM 114°E) as a 勘测定界 report lists its 界址点:
 * [name, X = northing, Y = easting with the zone prefix], clockwise.
 */
export const PARCEL_POINTS: Array<[string, number, number]> = [
  ['J1', 3853200.0, 38435100.0],
  ['J2', 3853200.0, 38435260.0],
  ['J3', 3853080.0, 38435300.0],
  ['J4', 3852980.0, 38435180.0],
  ['J5', 3853050.0, 38435060.0],
];

/** The parcel's area on the zone's plane (坐标解析法, shoelace), square metres. */
export function parcelPlaneArea(): number {
  const pts = PARCEL_POINTS.map(([, x, y]) => [y, x]);
  let twice = 0;
  pts.forEach(([e1, n1], i) => {
    const [e2, n2] = pts[(i + 1) % pts.length];
    twice += e1 * n2 - e2 * n1;
  });
  return Math.abs(twice) / 2;
}

/** The parcel as [easting, northing], with the zone prefix or without it. */
export function parcelXY(zonePrefix = true): XY[] {
  return PARCEL_POINTS.map(([, x, y]) => [zonePrefix ? y : y - 38_000_000, x]);
}

import { ValidationFailedError } from '../common/errors';
import { readGeoJsonCrs, readPrj } from './prj';
import { PRJ_CGCS2000, PRJ_CM_114E, PRJ_XIAN_1980_ZONE_38, PRJ_ZONE_38 } from '../../test/factories/shapefile';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationFailedError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

// The registry's own WKT for EPSG:4547 (epsg.io/4547.wkt), as QGIS writes it.
const OGC_4547 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4547"]]';

describe('.prj of a Shapefile: only CGCS2000 (EPSG:4490) and its 3-degree zones (EPSG:4513–4554)', () => {
  it('recognises ESRI WKT of zone 38 (EPSG:4526) and CM 114E (EPSG:4547) by their parameters', () => {
    expect(readPrj(PRJ_ZONE_38)).toMatchObject({ kind: 'projected', code: 'EPSG:4526' });
    expect(readPrj(PRJ_CM_114E)).toMatchObject({ kind: 'projected', code: 'EPSG:4547' });
  });

  it('recognises the EPSG registry’s OGC WKT of EPSG:4547 and CGCS2000 geographic (EPSG:4490)', () => {
    expect(readPrj(OGC_4547)).toMatchObject({ code: 'EPSG:4547' });
    expect(readPrj(PRJ_CGCS2000)).toEqual({ kind: 'geographic', code: 'EPSG:4490' });
  });

  it('refuses another datum (1980 西安坐标系, WGS 84), asking for CGCS2000', () => {
    expect(message(() => readPrj(PRJ_XIAN_1980_ZONE_38))).toMatch(/1980 西安坐标系.*只接受 2000 国家大地坐标系/);
    expect(message(() => readPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]'))).toMatch(/WGS 84/);
  });

  it('refuses parameters that are no 3-degree zone, and a code that contradicts them', () => {
    const sixDegree = PRJ_ZONE_38.replace('38500000.0', '19500000.0').replace('114.0', '111.0');
    expect(message(() => readPrj(sixDegree))).toMatch(/不是 2000 国家大地坐标系 3 度带/);
    expect(message(() => readPrj(PRJ_ZONE_38.replace('"Scale_Factor",1.0', '"Scale_Factor",0.9996')))).toMatch(/比例因子 0.9996/);
    expect(message(() => readPrj(OGC_4547.replace('AUTHORITY["EPSG","4547"]]', 'AUTHORITY["EPSG","4548"]]')))).toMatch(/自相矛盾/);
    expect(message(() => readPrj('not a wkt'))).toMatch(/不是可识别的坐标系定义/);
  });

  it('reads a GeoJSON crs member: none or CRS84 is lon/lat, EPSG:4526 a zone, anything else refused', () => {
    expect(readGeoJsonCrs(undefined).code).toBe('EPSG:4490');
    expect(readGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }).code).toBe('EPSG:4490');
    expect(readGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } }).code).toBe('EPSG:4526');
    expect(readGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:4547' } }).code).toBe('EPSG:4547');
    expect(message(() => readGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:2383' } }))).toMatch(/只接受经纬度/);
  });
});

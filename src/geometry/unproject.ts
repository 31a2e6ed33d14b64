import { toLonLat } from './crs';
import { importError } from './import-error';
import type { SourceCrs } from './prj';
import type { Position } from '../evidence/geojson';

const FIELD = 'file';
const grouped = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Rings of [x, y] on the source CRS → [lon, lat]. For a Gauss-Krüger zone x is the
 * easting and y the northing (the Shapefile and GeoJSON order); each position is checked
 * to sit on the zone the CRS names, so that swapped axes or a wrong zone are refused
 * rather than drawn somewhere else. Geographic rings are returned as they are.
 */
export function unproject(rings: Position[][], source: SourceCrs): Position[][] {
  if (source.kind === 'geographic') return rings;
  const { crs } = source;
  const low = crs.zonePrefix ? crs.zone * 1_000_000 : 0;
  return rings.map((ring) =>
    ring.map(([x, y]) => {
      const isNorthing = (v: number) => v >= 1_000_000 && v < 6_200_000;
      const isEasting = (v: number) => v >= low + 100_000 && v < low + 1_000_000;
      if (isNorthing(x) && !isNorthing(y)) {
        throw importError(FIELD, `X、Y 坐标疑似颠倒：坐标 [${x}, ${y}] 中北坐标（约 ${grouped(x)} 米）在前；应为 [东坐标, 北坐标]`);
      }
      if (!isEasting(x) || !isNorthing(y)) {
        const zoneHint = crs.zonePrefix ? `东坐标应以带号 ${crs.zone} 开头（8 位）` : '东坐标应为 6 位（不含带号）';
        throw importError(FIELD, `坐标 [${x}, ${y}] 与坐标系 ${crs.name}（${crs.code}）不符（带号不符或不是该带的平面坐标）：${zoneHint}`);
      }
      return toLonLat(crs, x, y);
    }),
  );
}

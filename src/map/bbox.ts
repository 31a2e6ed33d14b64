import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { LATITUDE_RANGE, LONGITUDE_RANGE } from '../evidence/china-extent';
import type { BBox } from './plot-geometry';

/**
 * `minLon,minLat,maxLon,maxLat` in decimal degrees (OGC API – Features Part 1 §7.15.3) that meets China's extent,
 * clipped to it.
 */
export function parseBBox(text: string): { ok: true; bbox: BBox } | { ok: false; message: string } {
  const parts = text.split(',');
  if (parts.length !== 4 || parts.some((p) => !/^\s*-?\d+(\.\d+)?\s*$/.test(p))) {
    return { ok: false, message: 'bbox 应为 4 个以逗号分隔的数：最小经度,最小纬度,最大经度,最大纬度' };
  }
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number);
  // A box of no width or height (a map not yet laid out, a point) is a query for what touches it, not a mistake.
  if (!(minLon <= maxLon) || !(minLat <= maxLat)) return { ok: false, message: 'bbox 的最小经度、纬度不能大于最大经度、纬度' };
  // A view zoomed out past the country is clipped to it; one wholly outside it is refused (most often a box
  // with longitude and latitude swapped, which lies far outside).
  const [west, east] = LONGITUDE_RANGE;
  const [south, north] = LATITUDE_RANGE;
  if (maxLon < west || minLon > east || maxLat < south || minLat > north) {
    return {
      ok: false,
      message: `bbox 不在我国范围内（经度 ${west}–${east}°，纬度 ${south}–${north}°）；请确认经纬度未颠倒`,
    };
  }
  return { ok: true, bbox: [Math.max(minLon, west), Math.max(minLat, south), Math.min(maxLon, east), Math.min(maxLat, north)] };
}

@ValidatorConstraint({ name: 'bbox' })
export class IsBBox implements ValidatorConstraintInterface {
  private lastMessage = '';
  validate(value: unknown): boolean {
    const r = typeof value === 'string' ? parseBBox(value) : { ok: false as const, message: 'bbox 必须是字符串' };
    this.lastMessage = r.ok ? '' : r.message;
    return r.ok;
  }
  defaultMessage(): string {
    return this.lastMessage || 'bbox 格式不正确';
  }
}

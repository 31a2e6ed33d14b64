import type { LandClass } from '../../workflows';
import type { AnalyteCatalogue } from '../evidence/analytes';
import { farmlandLimits, type Crop, type PointLand } from './monitoring-reference';

/** The point facts a result is screened by. */
export interface ScreenedPoint {
  land: PointLand;
  crop: Crop | null;
  landClass: LandClass | null;
}

export interface Limits {
  screening: number | null;
  intervention: number | null;
  /** which standard the limits come from, in words */
  standard: string;
}

/**
 * The limits of one result by the point's land (issue 20): farmland GB 15618-2018 by the result's pH band and the
 * point's crop; construction land GB 36600-2018 by the point's land class; groundwater GB/T 14848-2017 Ⅲ类 (Ⅳ类 as
 * the upper line of its chart). Null limits: the standard has no value for the analyte (or a farmland result has no pH).
 */
export function limitsOf(point: ScreenedPoint, cas: string, ph: number | null, analytes: AnalyteCatalogue): Limits {
  if (point.land === 'farmland') {
    const l = ph === null ? undefined : farmlandLimits(cas, ph, point.crop ?? 'other');
    return { screening: l?.screening ?? null, intervention: l?.intervention ?? null, standard: 'GB 15618-2018' };
  }
  if (point.land === 'construction') {
    const item = analytes.soil.byCas(cas);
    const cls = point.landClass ?? 2;
    return { screening: item?.screening[cls] ?? null, intervention: item?.intervention[cls] ?? null, standard: 'GB 36600-2018' };
  }
  const item = analytes.groundwater.find(cas);
  return { screening: item?.class3 ?? null, intervention: item?.class4 ?? null, standard: 'GB/T 14848-2017' };
}

/** value ÷ screening value, rounded to 3 places; null when not detected or without a screening value. */
export function factorOf(value: number | null, screening: number | null): number | null {
  if (value === null || screening === null || screening <= 0) return null;
  return Math.round((value / screening) * 1000) / 1000;
}

/** The last `n` values strictly rising, oldest first (a rising trend over the last n campaigns). */
export function strictlyRising(values: readonly number[], n: number): boolean {
  if (values.length < n) return false;
  const last = values.slice(-n);
  return last.every((v, i) => i === 0 || v > last[i - 1]);
}

import { readTextFile, referencePath } from '../reference/reference-files';

/** The kinds of point of the network (reference/monitoring.json pointKinds; 上政文〔2017〕147号 三（一）2). */
export const POINT_KINDS = ['basic', 'risk', 'keyUnitSurroundings', 'controlZone', 'waterSource'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const MEDIA = ['soil', 'groundwater', 'surfaceWater', 'air'] as const;
export type Medium = (typeof MEDIA)[number];
export const LANDS = ['farmland', 'construction', 'groundwater'] as const;
export type PointLand = (typeof LANDS)[number];
export const CROPS = ['paddy', 'orchard', 'other'] as const;
export type Crop = (typeof CROPS)[number];

interface MonitoringReference {
  pointKinds: Record<PointKind, { label: string; frequencyYears: number; basis: string }>;
  media: Record<Medium, string>;
  lands: Record<PointLand, { label: string; standard: string }>;
  warningRules: { risingTrend: { campaigns: number } };
  lastingExceedanceCampaigns: number;
  handling: { verifyWithinDays: number; handleWithinDays: number };
}

interface Gb15618 {
  phBands: Array<{ label: string; maxInclusive: number | null }>;
  screening: Array<{ cas: string; name: string; byLand: Partial<Record<'paddy' | 'orchard' | 'other' | 'all', number[]>> }>;
  intervention: Array<{ cas: string; values: number[] }>;
}

let monitoring: MonitoringReference | undefined;
let gb15618: Gb15618 | undefined;

export function monitoringReference(): MonitoringReference {
  return (monitoring ??= JSON.parse(readTextFile(referencePath('monitoring.json'))) as MonitoringReference);
}

function farmlandTable(): Gb15618 {
  return (gb15618 ??= JSON.parse(readTextFile(referencePath('gb15618-2018.json'))) as Gb15618);
}

export const CROP_LABELS: Record<Crop, string> = { paddy: '水田', orchard: '果园', other: '其他农用地' };

/** The pH band's index of GB 15618-2018 (≤5.5, 5.5–6.5, 6.5–7.5, >7.5; upper bounds inclusive). */
export function phBand(ph: number): number {
  const bands = farmlandTable().phBands;
  const i = bands.findIndex((b) => b.maxInclusive !== null && ph <= b.maxInclusive);
  return i === -1 ? bands.length - 1 : i;
}

export function phBandLabel(ph: number): string {
  return farmlandTable().phBands[phBand(ph)].label;
}

/**
 * GB 15618-2018 表1 and 表3 for one analyte, pH and crop: 水田 its own column for Cd, Hg, As, Pb, Cr; 果园 its own for
 * Cu; every other land the 其他 column; Ni and Zn one row. Undefined when the standard has no such item.
 */
export function farmlandLimits(cas: string, ph: number, crop: Crop): { screening: number; intervention: number | null } | undefined {
  const t = farmlandTable();
  const item = t.screening.find((s) => s.cas === cas);
  if (!item) return undefined;
  const band = phBand(ph);
  const own = crop === 'other' ? undefined : item.byLand[crop];
  const row = (item.byLand.all ?? own ?? item.byLand.other)!;
  const intervention = t.intervention.find((i) => i.cas === cas)?.values[band] ?? null;
  return { screening: row[band], intervention };
}

/** Days after a date, in the calendar (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

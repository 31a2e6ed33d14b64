import type { CanonicalUnit, SampleMedium } from './sample-row';

// Results are compared with the standards in their units: GB 36600-2018 Table 1 and 2 in mg/kg (dry
// soil), GB/T 14848-2017 Table 1 and 2 in mg/L. Laboratories also report μg/kg and μg/L.

export const MEDIUM_LABELS: Record<SampleMedium, string> = { soil: '土壤', groundwater: '地下水' };

const MEDIUM_NAMES = new Map<string, SampleMedium>([
  ['土壤', 'soil'],
  ['soil', 'soil'],
  ['地下水', 'groundwater'],
  ['groundwater', 'groundwater'],
]);

/** 介质 as written; blank (or no such column) is soil. Undefined: not a medium this product screens. */
export function parseMedium(text: string): SampleMedium | undefined {
  // Exact spelling first, as for units: every row of a file has one.
  const exact = text === '' ? 'soil' : MEDIUM_NAMES.get(text);
  if (exact) return exact;
  const t = text.normalize('NFKC').trim().toLowerCase();
  return t === '' ? 'soil' : MEDIUM_NAMES.get(t);
}

export interface UnitOf {
  medium: SampleMedium;
  canonical: CanonicalUnit;
  /** Canonical value = written value / divisor. Division, not × 0.001, keeps 15 μg/kg at 0.015. */
  divisor: 1 | 1000;
}

const UNITS = new Map<string, UnitOf>([
  ['mg/kg', { medium: 'soil', canonical: 'mg/kg', divisor: 1 }],
  ['μg/kg', { medium: 'soil', canonical: 'mg/kg', divisor: 1000 }],
  ['ug/kg', { medium: 'soil', canonical: 'mg/kg', divisor: 1000 }],
  ['mg/l', { medium: 'groundwater', canonical: 'mg/L', divisor: 1 }],
  ['μg/l', { medium: 'groundwater', canonical: 'mg/L', divisor: 1000 }],
  ['ug/l', { medium: 'groundwater', canonical: 'mg/L', divisor: 1000 }],
]);

/** The unit as written, letter case and full-width forms folded (NFKC also turns the micro sign µ into μ). */
export function parseUnit(text: string): UnitOf | undefined {
  // Exact spelling first: normalising every row's unit costs more than the rest of its checks.
  return UNITS.get(text) ?? UNITS.get(text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase());
}

/** The units accepted for a medium, for messages. */
export function unitsFor(medium: SampleMedium): string {
  return medium === 'soil' ? 'mg/kg、μg/kg（ug/kg）' : 'mg/L、μg/L（ug/L）';
}

export function toCanonical(value: number, unit: UnitOf): number {
  return unit.divisor === 1 ? value : value / unit.divisor;
}

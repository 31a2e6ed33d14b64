import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../reference/reference-files';

/**
 * The priority-control scoring model (优先控制名录): indicators → weights →
 * score → rank, read from reference/priority-model.json. The land bureau's
 * SET_PRIORITY confirms or overrides the rank it proposes.
 */
export type IndicatorKey = 'maxExceedanceFactor' | 'aboveInterventionCount' | 'plannedSensitiveUse' | 'areaM2' | 'distanceToSensitiveTargetM';

export type Scale = { kind: 'log10'; full: number } | { kind: 'linear'; full: number } | { kind: 'boolean' };

export interface Indicator {
  key: IndicatorKey;
  label: string;
  weight: number;
  scale?: Scale;
  /** false: no data yet, not scored */
  available?: boolean;
  note?: string;
}

export interface PriorityModel {
  version: number;
  indicators: Indicator[];
}

export type IndicatorValues = Partial<Record<IndicatorKey, number | boolean | null>>;

export interface PriorityScore {
  /** 0–100 */
  score: number;
  /** each scored indicator's value, normalised part (0–1) and points */
  parts: Array<{ key: IndicatorKey; label: string; value: number | boolean | null; points: number }>;
}

const KEYS: readonly IndicatorKey[] = ['maxExceedanceFactor', 'aboveInterventionCount', 'plannedSensitiveUse', 'areaM2', 'distanceToSensitiveTargetM'];

export class PriorityModelError extends Error {
  constructor(detail: string) {
    super(`reference/priority-model.json：${detail}`);
    this.name = 'PriorityModelError';
  }
}

/** Reads and checks the model; a bad file stops the application at start with the reason. */
export function loadPriorityModel(path = join(findProjectRoot(), 'reference', 'priority-model.json')): PriorityModel {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as PriorityModel;
  return checkModel(raw);
}

export function checkModel(raw: PriorityModel): PriorityModel {
  if (!Array.isArray(raw.indicators) || !raw.indicators.length) throw new PriorityModelError('indicators 不能为空');
  for (const [i, ind] of raw.indicators.entries()) {
    const at = `indicators[${i}]`;
    if (!KEYS.includes(ind.key)) throw new PriorityModelError(`${at}.key 必须是 ${KEYS.join('、')} 之一`);
    if (typeof ind.weight !== 'number' || !(ind.weight >= 0)) throw new PriorityModelError(`${at}.weight 必须是非负数`);
    if (ind.available === false) continue;
    const s = ind.scale;
    if (!s || !['log10', 'linear', 'boolean'].includes(s.kind)) throw new PriorityModelError(`${at}.scale.kind 必须是 log10、linear 或 boolean`);
    if (s.kind !== 'boolean' && !(s.full > (s.kind === 'log10' ? 1 : 0))) throw new PriorityModelError(`${at}.scale.full 必须大于 ${s.kind === 'log10' ? 1 : 0}`);
  }
  if (!scored(raw).some((ind) => ind.weight > 0)) throw new PriorityModelError('至少一个可用指标的权重须大于 0');
  return raw;
}

const scored = (model: PriorityModel) => model.indicators.filter((ind) => ind.available !== false);

/** The normalised part (0–1) of one value on its scale; a missing value scores 0. */
export function normalise(value: number | boolean | null | undefined, scale: Scale): number {
  if (value === null || value === undefined) return 0;
  if (scale.kind === 'boolean') return value ? 1 : 0;
  const v = Number(value);
  if (!(v > 0)) return 0;
  const part = scale.kind === 'log10' ? Math.log10(Math.max(v, 1)) / Math.log10(scale.full) : v / scale.full;
  return Math.min(1, Math.max(0, part));
}

/** score = 100 × Σ weight × part / Σ weight over the indicators with data, rounded to 0.1. */
export function scorePlot(model: PriorityModel, values: IndicatorValues): PriorityScore {
  const indicators = scored(model);
  const total = indicators.reduce((sum, ind) => sum + ind.weight, 0);
  const parts = indicators.map((ind) => {
    const value = values[ind.key] ?? null;
    return { key: ind.key, label: ind.label, value, points: (100 * ind.weight * normalise(value, ind.scale!)) / total };
  });
  const score = Math.round(parts.reduce((sum, p) => sum + p.points, 0) * 10) / 10;
  return { score, parts: parts.map((p) => ({ ...p, points: Math.round(p.points * 10) / 10 })) };
}

/** Ranks by score (highest first), ties by plot code; returns rank by key. */
export function rankByScore<T extends { key: string; code: string; score: number }>(items: T[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  return new Map(sorted.map((item, i) => [item.key, i + 1]));
}

import { MANDATORY_NEGATIVE_USES, plotStateLabel, type LandClass } from '../../workflows';
import type { AnalyteExceedance } from '../evidence/screening';
import { rankByScore, scorePlot, type PriorityModel, type PriorityScore } from './priority-model';

/** One plot of the register as read from the database. */
export interface RegisterRow {
  id: string;
  code: string;
  name: string;
  address: string;
  jurisdiction: string;
  jurisdictionName: string;
  areaM2: number;
  plannedLandClass: LandClass;
  holderOrganisationName: string;
  state: string;
  context: { priority?: { rank: number | null; negativeList: string[]; reason: string | null } | null; removalRefused?: boolean };
  assessedPollutants: unknown;
  listedAt: string | null;
}

/** 建设用地土壤污染风险管控和修复名录: one entry. */
export interface RegisterEntry {
  plotId: string;
  code: string;
  name: string;
  address: string;
  jurisdiction: string;
  jurisdictionName: string;
  areaM2: number;
  holderOrganisationName: string;
  state: string;
  stateLabel: string;
  /** listed sub-stage, e.g. 'remediation' */
  stage: string;
  stageLabel: string;
  listedAt: string | null;
  /** 主要污染物 */
  pollutants: string[];
  pollutantsSource: 'risk_assessment' | 'screening' | 'none';
  /** the rank the land bureau confirmed or set (SET_PRIORITY), null before */
  rank: number | null;
  priorityReason: string | null;
  /** the model's proposal: score 0–100 and rank within the jurisdiction */
  modelScore: number;
  modelRank: number;
  indicators: PriorityScore['parts'];
  /** 开发利用负面清单, always with 住宅 and 公共管理与公共服务用地 (土壤法 art. 61) */
  negativeList: string[];
  removalRefused: boolean;
}

/** The main pollutants: the risk assessment's conclusion, else the analytes above screening. */
export function pollutantsOf(row: RegisterRow, analytes: readonly AnalyteExceedance[]): Pick<RegisterEntry, 'pollutants' | 'pollutantsSource'> {
  const assessed = Array.isArray(row.assessedPollutants) ? row.assessedPollutants.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  if (assessed.length) return { pollutants: assessed, pollutantsSource: 'risk_assessment' };
  const screened = analytes.filter((a) => a.aboveScreening).map((a) => a.name);
  return screened.length ? { pollutants: screened, pollutantsSource: 'screening' } : { pollutants: [], pollutantsSource: 'none' };
}

export function negativeListOf(row: RegisterRow): string[] {
  return [...new Set([...MANDATORY_NEGATIVE_USES, ...(row.context.priority?.negativeList ?? [])])];
}

/** Register entries with the model's score, and its rank within each jurisdiction. */
export function registerEntries(rows: RegisterRow[], exceedances: Map<string, AnalyteExceedance[]>, model: PriorityModel): RegisterEntry[] {
  const scored = rows.map((row) => {
    const analytes = exceedances.get(row.id) ?? [];
    const score = scorePlot(model, {
      maxExceedanceFactor: analytes.reduce<number | null>((m, a) => (a.factor !== null && (m === null || a.factor > m) ? a.factor : m), null),
      aboveInterventionCount: analytes.filter((a) => a.aboveIntervention).length,
      plannedSensitiveUse: Number(row.plannedLandClass) === 1,
      areaM2: Number(row.areaM2),
      distanceToSensitiveTargetM: null,
    });
    return { row, score, analytes };
  });
  // One pass to group by jurisdiction: the administrator's register spans them all.
  const byJurisdiction = new Map<string, Array<{ key: string; code: string; score: number }>>();
  for (const x of scored) {
    const entry = { key: x.row.id, code: x.row.code, score: x.score.score };
    const group = byJurisdiction.get(x.row.jurisdiction);
    if (group) group.push(entry);
    else byJurisdiction.set(x.row.jurisdiction, [entry]);
  }
  const ranks = new Map<string, number>();
  for (const group of byJurisdiction.values()) {
    for (const [key, rank] of rankByScore(group)) ranks.set(key, rank);
  }
  return scored.map(({ row, score, analytes }) => {
    const stage = row.state.split('.')[1] ?? '';
    return {
      plotId: row.id,
      code: row.code,
      name: row.name,
      address: row.address,
      jurisdiction: row.jurisdiction,
      jurisdictionName: row.jurisdictionName,
      areaM2: Number(row.areaM2),
      holderOrganisationName: row.holderOrganisationName,
      state: row.state,
      stateLabel: plotStateLabel(row.state),
      stage,
      stageLabel: plotStateLabel(`listed.${stage}`),
      listedAt: row.listedAt ? new Date(row.listedAt).toISOString() : null,
      ...pollutantsOf(row, analytes),
      rank: row.context.priority?.rank ?? null,
      priorityReason: row.context.priority?.reason ?? null,
      modelScore: score.score,
      modelRank: ranks.get(row.id)!,
      indicators: score.parts,
      negativeList: negativeListOf(row),
      removalRefused: Boolean(row.context.removalRefused),
    };
  });
}

/** 优先控制名录 order: the confirmed rank first, then the model's score. */
export function byPriority(a: RegisterEntry, b: RegisterEntry): number {
  const ra = a.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.rank ?? Number.POSITIVE_INFINITY;
  return ra - rb || b.modelScore - a.modelScore || a.code.localeCompare(b.code);
}

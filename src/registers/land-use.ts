import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANDATORY_NEGATIVE_USES, plotStateLabel, type LandClass } from '../../workflows';
import { findProjectRoot } from '../reference/reference-files';

/**
 * The land-use check (README, Registers): may this plot be supplied for this use now?
 * Land uses are GB 50137 names mapped to the GB 36600 land classes by
 * reference/land-use-classes.json; the rules follow 土壤法 arts. 61 and 66.
 */
export interface LandUse {
  name: string;
  code: string;
  class: LandClass;
  parent?: string;
  aliases?: string[];
  note?: string;
}

export interface LandUseTable {
  legalBasis: { listed: string; removalRefused: string; landClass: string };
  mandatoryNegative: string[];
  uses: LandUse[];
  riskControlProjects: { name: string; aliases: string[] };
}

export type RequestedUse =
  | { kind: 'use'; use: LandUse }
  | { kind: 'class'; landClass: LandClass }
  | { kind: 'riskControlProject'; name: string };

export interface LandUseVerdict {
  permitted: boolean;
  reason: string;
}

export function loadLandUseTable(path = join(findProjectRoot(), 'reference', 'land-use-classes.json')): LandUseTable {
  const table = JSON.parse(readFileSync(path, 'utf8')) as LandUseTable;
  const seen = new Set<string>();
  for (const u of table.uses) {
    if (u.class !== 1 && u.class !== 2) throw new Error(`land-use-classes.json：${u.name} 的 class 必须是 1 或 2`);
    for (const n of new Set([u.name, ...(u.aliases ?? [])].map(normal))) {
      if (seen.has(n)) throw new Error(`land-use-classes.json：用途名称“${n}”重复`);
      seen.add(n);
    }
  }
  return table;
}

/** Names compare without spaces and without a trailing 用地 (工业 = 工业用地). */
export function normal(name: string): string {
  return name.replace(/\s+/g, '').replace(/用地$/, '');
}

/** The requested use, or null when the name is unknown. */
export function parseUse(table: LandUseTable, raw: string): RequestedUse | null {
  const text = raw.trim();
  if (text === '1' || text === '2') return { kind: 'class', landClass: Number(text) as LandClass };
  const n = normal(text);
  const rc = table.riskControlProjects;
  if ([rc.name, ...rc.aliases].some((a) => normal(a) === n)) return { kind: 'riskControlProject', name: rc.name };
  const use = table.uses.find((u) => [u.name, ...(u.aliases ?? [])].some((a) => normal(a) === n));
  return use ? { kind: 'use', use } : null;
}

/** Every name a use answers to, its parent category's included (中小学用地 is a 公共管理与公共服务用地). */
function namesOf(table: LandUseTable, use: LandUse): Set<string> {
  const parent = use.parent ? table.uses.find((u) => u.name === use.parent) : undefined;
  return new Set([use, ...(parent ? [parent] : [])].flatMap((u) => [u.name, ...(u.aliases ?? [])]).map(normal));
}

export interface PlotForCheck {
  state: string;
  plannedLandClass: LandClass;
  context: { priority?: { negativeList?: string[] } | null; removalRefused?: boolean; permittedLandClass?: LandClass | null };
}

const CLASS_LABEL = { 1: '第一类用地', 2: '第二类用地' } as const;

export function checkLandUse(table: LandUseTable, plot: PlotForCheck, requested: RequestedUse): LandUseVerdict {
  const basis = table.legalBasis;
  const label = plotStateLabel(plot.state);
  const what = requested.kind === 'use' ? requested.use.name : requested.kind === 'class' ? CLASS_LABEL[requested.landClass] : requested.name;
  if (plot.state.startsWith('listed.')) {
    if (plot.context.removalRefused) {
      if (requested.kind === 'riskControlProject') return yes(`地块在名录中且移出申请未获同意，可开展风险管控和修复工程（${basis.removalRefused}）`);
      return no(`地块未达到风险管控、修复目标（移出名录申请未获同意），禁止开工建设与风险管控、修复无关的项目，不得供应为“${what}”（${basis.removalRefused}）`);
    }
    if (requested.kind === 'riskControlProject') return yes(`地块在名录中（${label}），可开展风险管控和修复工程`);
    const negative = [...new Set([...table.mandatoryNegative, ...MANDATORY_NEGATIVE_USES, ...(plot.context.priority?.negativeList ?? [])])];
    if (requested.kind === 'class') {
      return no(`地块在建设用地土壤污染风险管控和修复名录中（${label}），${CLASS_LABEL[requested.landClass]}包含负面清单所列用途（${negative.join('、')}），请按具体用途核查（${basis.listed}）`);
    }
    const names = namesOf(table, requested.use);
    const hit = negative.find((item) => names.has(normal(item)));
    if (hit) return no(`地块在建设用地土壤污染风险管控和修复名录中（${label}），“${requested.use.name}”属于开发利用负面清单中的“${hit}”，不得作为该用途（${basis.listed}）`);
    return yes(`地块在名录中（${label}），“${requested.use.name}”不在其开发利用负面清单（${negative.join('、')}）内（${basis.listed}）`);
  }
  const permitted = plot.state === 'released' ? plot.context.permittedLandClass : plot.state === 'cleared' ? plot.context.permittedLandClass ?? plot.plannedLandClass : undefined;
  if (permitted === 1 || permitted === 2) {
    if (requested.kind === 'riskControlProject') return yes('地块已准予开发利用，可开展相关工程');
    const useClass = requested.kind === 'class' ? requested.landClass : requested.use.class;
    const how = plot.state === 'released' ? '已移出名录' : '经调查评估不属于污染地块（或风险可接受）';
    // First-class values are the stricter ones: a plot fit for class 1 is fit for class 2 too.
    if (useClass >= permitted) {
      return yes(`地块${how}，准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，可以供应（${basis.landClass}）`);
    }
    return no(`地块${how}，仅准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，不得供应（${basis.landClass}）`);
  }
  return no(`地块处于“${label}”阶段，土壤污染状况尚无结论，暂不能确定可否供应为“${what}”`);
}

const yes = (reason: string): LandUseVerdict => ({ permitted: true, reason });
const no = (reason: string): LandUseVerdict => ({ permitted: false, reason });

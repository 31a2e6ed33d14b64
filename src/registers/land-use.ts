import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANDATORY_NEGATIVE_USES, plotStateLabel, type LandClass } from '../../workflows';
import { findProjectRoot } from '../reference/reference-files';

/**
 * The land-use check (README, Registers): may this plot be supplied for this use now?
 * Land uses are GB 50137 names mapped to the GB 36600 land classes by
 * reference/land-use-classes.json; the rules follow 土壤法 arts. 37, 42, 61, 63 and 66 through the plot's whole life.
 */
export interface LandUse {
  name: string;
  code: string;
  class: LandClass;
  parent?: string;
  aliases?: string[];
  note?: string;
}

/** The legal bases the answers cite, each a string in reference/land-use-classes.json (`legalBasis`). */
const BASES = ['listed', 'targetsNotReached', 'removalRefused', 'landClass', 'assessedScenario', 'negativeList', 'aftercare', 'controlZone'] as const;

export interface LandUseTable {
  legalBasis: Record<(typeof BASES)[number], string>;
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
  for (const key of BASES) {
    if (typeof table.legalBasis?.[key] !== 'string') throw new Error(`land-use-classes.json：缺少 legalBasis.${key}`);
  }
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

/** 后期管理 (土壤法第四十二条第三款): an obligation after the works, with what it forbids on the plot, if anything. */
export interface AftercareObligation {
  kind: 'monitoring' | 'institutionalControl';
  description: string;
  dueOn: string;
  fulfilledOn: string | null;
  /** a limit on use, e.g. 禁止开挖地下水; a use it names is refused */
  restriction?: string | null;
}

/** The plot's facts the check reads; any field may be absent on a snapshot older than it. */
export interface PlotForCheck {
  state: string;
  plannedLandClass: LandClass;
  context: {
    priority?: { negativeList?: string[] } | null;
    removalRefused?: boolean;
    permittedLandClass?: LandClass | null;
    worksStage?: 'remediation' | 'riskControl' | null;
    /** the land class of the exposure scenario of the approved risk assessment */
    assessedLandClass?: LandClass | null;
    /** 管控区: the plot is kept from development (暂不开发利用) */
    controlZone?: object | null;
    aftercare?: AftercareObligation[] | null;
  };
}

interface Facts {
  negativeList: string[];
  removalRefused: boolean;
  permittedLandClass: LandClass | null;
  worksStage: 'remediation' | 'riskControl' | null;
  assessedLandClass: LandClass | null;
  underControlZone: boolean;
  /** restrictions of the aftercare obligations not yet fulfilled */
  restrictions: string[];
}

const landClassOf = (v: unknown): LandClass | null => (v === 1 || v === 2 ? v : null);

/** The facts as stored, read without trusting their shape (snapshots are JSON of many versions). */
function readFacts(context: PlotForCheck['context'] | null | undefined): Facts {
  const c = (context ?? {}) as Record<string, unknown>;
  const priority = c.priority as { negativeList?: unknown } | null | undefined;
  const list = Array.isArray(priority?.negativeList) ? priority.negativeList : [];
  const aftercare = Array.isArray(c.aftercare) ? (c.aftercare as unknown[]) : [];
  return {
    negativeList: list.filter((x): x is string => typeof x === 'string'),
    removalRefused: c.removalRefused === true,
    permittedLandClass: landClassOf(c.permittedLandClass),
    worksStage: c.worksStage === 'riskControl' || c.worksStage === 'remediation' ? c.worksStage : null,
    assessedLandClass: landClassOf(c.assessedLandClass),
    underControlZone: typeof c.controlZone === 'object' && c.controlZone !== null,
    restrictions: aftercare
      .map((a) => (a ?? {}) as { fulfilledOn?: unknown; restriction?: unknown })
      .filter((a) => !a.fulfilledOn && typeof a.restriction === 'string' && a.restriction.trim() !== '')
      .map((a) => (a.restriction as string).trim()),
  };
}

const CLASS_LABEL = { 1: '第一类用地', 2: '第二类用地' } as const;

/** 土壤法第六十六条: in these states the effect evaluation found the targets of the risk assessment reached. */
const TARGETS_REACHED = new Set(['listed.awaitingRemoval', 'listed.removalReview', 'listed.removalPublicity']);

interface Ask {
  table: LandUseTable;
  requested: RequestedUse;
  /** the use or class as a person reads it */
  what: string;
  label: string;
  facts: Facts;
}

export function checkLandUse(table: LandUseTable, plot: PlotForCheck, requested: RequestedUse): LandUseVerdict {
  const what = requested.kind === 'use' ? requested.use.name : requested.kind === 'class' ? CLASS_LABEL[requested.landClass] : requested.name;
  const ask: Ask = { table, requested, what, label: plotStateLabel(plot.state), facts: readFacts(plot.context) };
  if (ask.facts.underControlZone) return underControlZone(ask);
  if (plot.state.startsWith('listed.')) {
    return TARGETS_REACHED.has(plot.state) && !ask.facts.removalRefused ? listedTargetsReached(ask) : listedTargetsNotReached(ask);
  }
  if (plot.state === 'released') return released(ask);
  if (plot.state === 'cleared') return cleared(ask, ask.facts.permittedLandClass ?? landClassOf(plot.plannedLandClass));
  return no(`地块处于“${ask.label}”阶段，土壤污染状况尚无结论，暂不能确定可否供应为“${what}”`);
}

/** 管控区 (暂不开发利用, 土壤法第六十三条第一项): nothing but the works that control the risk. */
function underControlZone({ table, requested, what }: Ask): LandUseVerdict {
  const basis = table.legalBasis.controlZone;
  if (requested.kind === 'riskControlProject') return yes(`地块已划入管控区域、暂不开发利用，只可开展风险管控和修复工程（${basis}）`);
  return no(`地块已划入管控区域、暂不开发利用，除风险管控和修复工程外不得开发利用，不得供应为“${what}”（${basis}）`);
}

/** 土壤法第六十六条第三款: until the targets are reached, no project but the works themselves — 工业 as much as 住宅. */
function listedTargetsNotReached(ask: Ask): LandUseVerdict {
  const { table, requested, what, label, facts } = ask;
  const basis = facts.removalRefused ? table.legalBasis.removalRefused : table.legalBasis.targetsNotReached;
  const why = facts.removalRefused ? '移出名录申请未获同意，地块未达到风险管控、修复目标' : `地块在名录中（${label}），尚未达到土壤污染风险评估报告确定的风险管控、修复目标`;
  if (requested.kind === 'riskControlProject') return yes(`${why}，可开展风险管控和修复工程（${basis}）`);
  const negative = negativeHit(ask, listedNegative(ask));
  const also = negative ? `；且“${what}”属于开发利用负面清单中的“${negative}”（${table.legalBasis.listed}）` : '';
  return no(`${why}，禁止开工建设与风险管控、修复无关的项目，不得供应为“${what}”（${basis}）${also}`);
}

/** Targets reached, still on the register: art. 61's uses and the plot's negative list, then the permitted land class. */
function listedTargetsReached(ask: Ask): LandUseVerdict {
  const { table, requested, label } = ask;
  if (requested.kind === 'riskControlProject') return yes(`地块在名录中（${label}），可开展风险管控和修复工程`);
  const negative = listedNegative(ask);
  if (requested.kind === 'class') {
    return no(`地块仍在建设用地土壤污染风险管控和修复名录中（${label}），${ask.what}包含开发利用负面清单所列用途（${negative.join('、')}），请按具体用途核查（${table.legalBasis.listed}）`);
  }
  const hit = negativeHit(ask, negative);
  if (hit) return no(`地块仍在建设用地土壤污染风险管控和修复名录中（${label}），“${ask.what}”属于开发利用负面清单中的“${hit}”，不得作为该用途（${table.legalBasis.listed}）`);
  return byLandClass(ask, `已达到风险管控、修复目标但仍在名录中（${label}）`, requested.use.class);
}

/** Removed from the register: art. 61 no longer binds, the plot's own negative list and the permitted class do. */
function released(ask: Ask): LandUseVerdict {
  const { table, requested, what } = ask;
  if (requested.kind === 'riskControlProject') return yes('地块已移出名录，可开展相关工程');
  const mandatory = new Set([...table.mandatoryNegative, ...MANDATORY_NEGATIVE_USES].map(normal));
  const own = ask.facts.negativeList.filter((item) => !mandatory.has(normal(item)));
  const basis = table.legalBasis.negativeList;
  if (own.length && requested.kind === 'class') {
    return no(`地块已移出名录，但其开发利用负面清单仍列有“${own.join('、')}”，${what}请按具体用途核查（${basis}）`);
  }
  const hit = negativeHit(ask, own);
  if (hit) return no(`地块已移出名录，但“${what}”属于地块开发利用负面清单中的“${hit}”，不得作为该用途（${basis}）`);
  return byLandClass(ask, '已移出名录', requested.kind === 'class' ? requested.landClass : requested.use.class);
}

function cleared({ table, requested, what }: Ask, permitted: LandClass | null): LandUseVerdict {
  if (requested.kind === 'riskControlProject') return yes('地块已准予开发利用，可开展相关工程');
  const how = '经调查评估不属于污染地块（或风险可接受）';
  if (permitted === null) return no(`地块${how}，但未记录准予的用地类别，暂不能确定可否供应为“${what}”`);
  const useClass = requested.kind === 'class' ? requested.landClass : requested.use.class;
  // First-class values are the stricter ones: a plot fit for class 1 is fit for class 2 too.
  if (useClass >= permitted) return yes(`地块${how}，准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，可以供应（${table.legalBasis.landClass}）`);
  return no(`地块${how}，仅准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，不得供应（${table.legalBasis.landClass}）`);
}

/**
 * The land class the effect evaluation permits, never wider than the risk assessment's exposure scenario after risk
 * control (the pollutants stay in the plot; 土壤法第三十七条第二款第四项、第四十二条第二款), then the aftercare's restrictions.
 */
function byLandClass(ask: Ask, how: string, useClass: LandClass): LandUseVerdict {
  const { table, what, facts } = ask;
  const basis = table.legalBasis;
  const evaluated = facts.permittedLandClass;
  if (evaluated === null) return no(`地块${how}，但效果评估未载明准予的用地类别，暂不能确定可否供应为“${what}”`);
  const assessed = facts.worksStage === 'riskControl' ? facts.assessedLandClass : null;
  const capped = assessed !== null && assessed > evaluated;
  const permitted = capped ? assessed : evaluated;
  if (useClass < permitted) {
    if (capped) {
      return no(`地块${how}，经风险管控后污染物仍留在地块内，准予的用地类别不能宽于风险评估所依据的${CLASS_LABEL[assessed]}暴露情景；“${what}”属${CLASS_LABEL[useClass]}，不得供应（${basis.assessedScenario}；${basis.landClass}）`);
    }
    return no(`地块${how}，仅准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，不得供应（${basis.landClass}）`);
  }
  const restricted = restrictionHit(ask);
  if (restricted) return no(`地块${how}，但后期管理要求“${restricted}”限制“${what}”这一用途，不得供应（${basis.aftercare}）`);
  const aftercare = facts.restrictions.length ? `；须遵守后期管理要求：${facts.restrictions.join('；')}（${basis.aftercare}）` : '';
  return yes(`地块${how}，准予${CLASS_LABEL[permitted]}；“${what}”属${CLASS_LABEL[useClass]}，可以供应（${basis.landClass}）${aftercare}`);
}

/** Art. 61's uses and the land bureau's negative list, as they bind a plot on the register. */
function listedNegative({ table, facts }: Ask): string[] {
  return [...new Set([...table.mandatoryNegative, ...MANDATORY_NEGATIVE_USES, ...facts.negativeList])];
}

/** The item of the list the requested use falls under, its parent category's included. */
function negativeHit({ table, requested }: Ask, list: string[]): string | undefined {
  if (requested.kind === 'class') return list.find((item) => table.uses.some((u) => u.class === requested.landClass && namesOf(table, u).has(normal(item))));
  if (requested.kind !== 'use') return undefined;
  const names = namesOf(table, requested.use);
  return list.find((item) => names.has(normal(item)));
}

/** An open restriction whose text names the use (or, for a class, a use of that class); kept to plain name matching. */
function restrictionHit({ table, requested, facts }: Ask): string | undefined {
  const uses = requested.kind === 'use' ? [requested.use] : requested.kind === 'class' ? table.uses.filter((u) => u.class === requested.landClass) : [];
  const names = [...new Set(uses.flatMap((u) => [...namesOf(table, u)]))].filter((n) => n.length >= 2);
  return facts.restrictions.find((text) => {
    const t = text.replace(/\s+/g, '');
    return names.some((n) => t.includes(n));
  });
}

const yes = (reason: string): LandUseVerdict => ({ permitted: true, reason });
const no = (reason: string): LandUseVerdict => ({ permitted: false, reason });

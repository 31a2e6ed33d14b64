// 分级决定 (DESIGN §1.1): which level of government and which bureaus decide each stage of this plot, the stage under
// way, its legal basis and review time limit; and the state of the current review round (报送, expert panel with each
// expert's opinion, conclusion, 修改后通过 revision), the holder's disclosures and a removal's publicity.
import { h, type Child } from '../dom.js';
import {
  BUREAU_LABELS, date, dateTime, DISCLOSED_WORK_LABELS, labelOf, LEVEL_LABELS, PANEL_CONCLUSION_LABELS, REPORT_KIND_LABELS,
} from '../format.js';
import type { ReportRef } from './parties.js';
import type { Plot, PlotDecision } from './types.js';

/** One member of a review's expert panel (workflows/plot-lifecycle/v2/context.ts `PanelExpert`). */
export interface PanelExpert {
  name: string;
  organisationId: string;
  title?: string | null;
  userId?: string | null;
}

/** The expert panel of a review round (workflows/plot-lifecycle/v2/context.ts `ExpertPanel`). */
export interface ExpertPanel {
  experts: PanelExpert[];
  /** opinions by the expert's index in `experts` */
  opinions?: Record<string, string>;
  conclusion: string | null;
  summary?: string | null;
}

/** The review round in the plot's context (workflows/plot-lifecycle/v2/context.ts `ReviewRound`). */
export interface ReviewRound {
  forwarded?: { at: string } | null;
  panel?: ExpertPanel | null;
  revision?: { reportId: string; accepted: boolean } | null;
}

/** The round in the plot's context: types.ts leaves `context.review` a free record, read here as the server writes it. */
export const reviewOf = (plot: Plot): ReviewRound | null | undefined => plot.context?.review as ReviewRound | null | undefined;

/** What the deciding body's name is made of: a decision step, or the district's default where none is under way. */
export type DecidingBody = Pick<PlotDecision, 'jurisdiction' | 'level' | 'bureaus'> & Partial<Pick<PlotDecision, 'organisations'>>;

/** The user the round's next steps are offered to (GET /me). */
export interface RoundUser {
  role: string;
  id?: string;
}

/** What the round's readiness answers: the events offered now, and why others wait. */
export interface ReadyEvents {
  events: string[];
  waiting: string | null;
}

/** '河南省' for '410000' when the directory names it; the level's words otherwise. */
export function jurisdictionName(code: string | null | undefined, level: string | null | undefined, names: ReadonlyMap<string, string>): string {
  return (code === null || code === undefined ? undefined : names.get(code)) ?? labelOf(LEVEL_LABELS, level) ?? '';
}

/** 生态环境 会同 自然资源. */
export function bureausText(bureaus: readonly string[] | null | undefined): string {
  return (bureaus ?? []).map((b) => labelOf(BUREAU_LABELS, b) ?? b).join(' 会同 ');
}

/** "河南省生态环境部门会同河南省自然资源部门": the body that decides a step, named for a sentence. */
export function decidingBodyText(d: DecidingBody, names: ReadonlyMap<string, string>): string {
  const where = jurisdictionName(d.jurisdiction, d.level, names);
  // The bureaus as registered (河南省生态环境厅) when the directory has them, else by level and kind.
  return (d.bureaus ?? []).map((b, i) => d.organisations?.[i] ?? `${where}${labelOf(BUREAU_LABELS, b) ?? b}部门`).join('会同');
}

/** The step under way (its `current` flag), or null outside a review. */
export function currentDecision(plot: Plot): PlotDecision | null {
  if (plot.machine?.version === 1) return null;
  return (plot.decisions ?? []).find((d) => d.current) ?? null;
}

function modeText(d: PlotDecision): string {
  return d.mode === 'recorded' ? '系统外决定，由区分局录入' : '在本系统内办理';
}

function decisionRow(d: PlotDecision, names: ReadonlyMap<string, string>): HTMLElement {
  const where = jurisdictionName(d.jurisdiction, d.level, names);
  return h('li', { class: ['decision', d.current && 'decision-current', d.mode === 'recorded' && 'decision-recorded'], dataset: { step: d.step }, 'aria-current': d.current ? 'step' : undefined },
    h('div', { class: 'decision-head' },
      h('strong', { class: 'decision-label' }, d.label),
      d.current ? h('span', { class: 'chip chip-current' }, '正在办理') : null),
    h('p', { class: 'decision-who' },
      h('span', { class: `level-badge level-${d.level}` }, labelOf(LEVEL_LABELS, d.level) ?? ''),
      ' ', where && where !== labelOf(LEVEL_LABELS, d.level) ? `${where} ` : '',
      bureausText(d.bureaus),
      h('span', { class: 'muted' }, ' · ', modeText(d))),
    h('p', { class: 'decision-facts muted small' },
      [d.expertReview ? '须组织专家评审' : '不需专家评审',
        d.reviewWorkingDays ? `评审期限 ${d.reviewWorkingDays} 个工作日` : null].filter(Boolean).join(' · ')),
    (d.basis ?? []).length ? h('p', { class: 'decision-basis small' }, '依据：', (d.basis ?? []).join('；')) : null);
}

/** "本阶段……由河南省生态环境部门会同河南省自然资源部门决定", for the top of the actions; null outside a review. */
export function decisionNow(plot: Plot, names: ReadonlyMap<string, string>): HTMLElement | null {
  const current = currentDecision(plot);
  if (!current) return null;
  const forwarded = reviewOf(plot)?.forwarded;
  const above = current.level !== 'district';
  return h('p', { class: 'notice notice-info decision-now', 'data-testid': 'decision-now' },
    `本阶段“${current.label}”由${decidingBodyText(current, names)}${current.mode === 'recorded' ? '在系统外作出决定，由区分局录入' : '决定'}`,
    above ? (forwarded ? '；所在地生态环境部门已报送。' : '；须先由所在地生态环境部门报送。') : '。',
    h('a', { href: '#decisions' }, '查看各阶段由谁决定'));
}

/** The 分级决定 panel: one row per stage, the current one highlighted. */
export function decisionsPanel(plot: Plot, names: ReadonlyMap<string, string>): HTMLElement | null {
  const decisions = plot.decisions ?? [];
  if (!decisions.length) return null;
  // Plots started on the first version keep its rule until migrated: the district's bureaus decide every stage.
  if (plot.machine?.version === 1) {
    return h('p', { class: 'notice notice-info', 'data-testid': 'decisions' },
      '本地块按原流程办理：各阶段由所在地生态环境部门、自然资源部门决定，不分级报送、不组织专家评审。迁移至现行流程后按分级决定办理。');
  }
  return h('div', { class: 'decisions', 'data-testid': 'decisions' },
    h('ol', { class: 'decision-list' }, decisions.map((d) => decisionRow(d, names))));
}

function expertRows(panel: ExpertPanel, orgNames: ReadonlyMap<string, string>): HTMLElement {
  return h('ol', { class: 'panel-experts' }, panel.experts.map((e, i) => {
    const opinion = panel.opinions?.[String(i)];
    return h('li', { class: 'panel-expert', dataset: { index: i } },
      h('p', {}, h('strong', {}, e.name), e.title ? ` · ${e.title}` : '', ' · ', orgNames.get(e.organisationId) ?? '已登记单位',
        e.userId ? h('span', { class: 'chip' }, '本人在系统中填写') : null),
      opinion
        ? h('p', { class: 'panel-opinion' }, h('span', { class: 'muted' }, '意见：'), opinion)
        : h('p', { class: 'muted small' }, '尚未提交意见'));
  }));
}

function conclusionBadge(conclusion: string): HTMLElement {
  return h('span', { class: `conclusion conclusion-${conclusion}` }, labelOf(PANEL_CONCLUSION_LABELS, conclusion) ?? conclusion);
}

/** What the round has so far: forwarded or not, the panel and its opinions, the conclusion, the revision. */
export function reviewRound(plot: Plot, { orgNames, reports, names }: { orgNames: ReadonlyMap<string, string>; reports: ReadonlyMap<string, ReportRef>; names: ReadonlyMap<string, string> }): HTMLElement | null {
  const review = reviewOf(plot);
  const current = currentDecision(plot);
  if (!review || !current) return null;
  const parts: Child[] = [];
  if (current.level !== 'district') {
    parts.push(h('p', { 'data-testid': 'round-forwarded' }, h('strong', {}, '报送：'), review.forwarded
      ? `已于 ${/^\d{4}-\d{2}-\d{2}$/.test(review.forwarded.at) ? review.forwarded.at : dateTime(review.forwarded.at)} 报送${decidingBodyText(current, names)}`
      : '尚未报送上级部门'));
  }
  const panel = review.panel;
  if (panel) {
    const given = Object.keys(panel.opinions ?? {}).length;
    parts.push(h('div', { class: 'panel', 'data-testid': 'round-panel' },
      h('p', {}, h('strong', {}, '专家组：'), `${panel.experts.length} 名专家，已提交意见 ${given} 份`),
      expertRows(panel, orgNames),
      panel.conclusion
        ? h('p', { 'data-testid': 'round-conclusion' }, h('strong', {}, '评审结论：'), conclusionBadge(panel.conclusion), panel.summary ? ` ${panel.summary}` : '')
        : h('p', { class: 'muted' }, '专家组尚未形成结论')));
  } else if (current.expertReview && current.mode !== 'recorded') {
    parts.push(h('p', { class: 'muted' }, h('strong', {}, '专家组：'), '尚未组织专家评审'));
  }
  if (review.revision) {
    const r = reports.get(review.revision.reportId);
    parts.push(h('p', { 'data-testid': 'round-revision' }, h('strong', {}, '修改后的报告：'),
      r ? `${labelOf(REPORT_KIND_LABELS, r.kind) ?? '报告'}（${r.fileName}）` : '已提交',
      review.revision.accepted ? '，主管部门已确认' : '，待主管部门确认'));
  }
  // Each bureau's approval is shown in the round's progress (progress.js).
  return h('div', { class: 'review-round', 'data-testid': 'review-round' }, h('h3', {}, `本轮评审：${current.label}`), parts);
}

/** The holder's disclosures (42号令) and a removal decision's publicity period. */
export function disclosuresFacts(plot: Plot): HTMLElement | null {
  const c = plot.context ?? {};
  const items = Object.entries(c.disclosures ?? {}).map(([work, d]) =>
    h('li', {}, `${labelOf(DISCLOSED_WORK_LABELS, work) ?? work}：${date(d.publishedOn)} 起在“${d.place}”公开`));
  if (c.publicityEndsOn) items.push(h('li', {}, `移出名录决定公示至 ${date(c.publicityEndsOn)}，期满后生效`));
  return items.length ? h('ul', { class: 'plain-list' }, items) : null;
}

/**
 * Which of the allowed events the round's facts let through now (the server answers the rest with a refusal): the
 * panel once, after forwarding where a higher level decides; opinions until every expert gave one; the conclusion
 * after; the revision after 修改后通过; the decision after the panel (环办土壤〔2019〕63号). `waiting` says why a
 * step is not offered yet.
 */
export function readyEvents(plot: Plot, me: RoundUser): ReadyEvents {
  const review = reviewOf(plot);
  const current = currentDecision(plot);
  if (!review || !current || !/underReview$|^listed\.removal(Review|Publicity)$/.test(plot.state)) return { events: plot.allowedEvents, waiting: null };
  const panel = review.panel;
  const opinions = Object.keys(panel?.opinions ?? {}).length;
  const needsForwarding = current.level !== 'district' && !review.forwarded && plot.state !== 'listed.removalPublicity';
  const panelDone = !current.expertReview || current.mode === 'recorded'
    || panel?.conclusion === 'pass' || (panel?.conclusion === 'passWithRevisions' && review.revision?.accepted === true);
  const mine = (e: PanelExpert, i: number) => me.role !== 'expert' || (e.userId === me.id && panel?.opinions?.[String(i)] === undefined);
  const ready: Record<string, () => boolean> = {
    FORWARD: () => needsForwarding,
    FORM_PANEL: () => !needsForwarding && !panel,
    RECORD_EXPERT_OPINION: () => Boolean(panel && panel.conclusion === null && opinions < panel.experts.length && panel.experts.some(mine)),
    CONCLUDE_PANEL: () => Boolean(panel && panel.conclusion === null && opinions === panel.experts.length),
    SUBMIT_REVISION: () => panel?.conclusion === 'passWithRevisions' && !review.revision,
    ACCEPT_REVISION: () => Boolean(review.revision && !review.revision.accepted),
    APPROVE: () => !needsForwarding && panelDone && !(plot.context?.approvals ?? {})[me.role],
    RETURN: () => !needsForwarding,
    RECORD_DECISION: () => !needsForwarding || plot.state === 'listed.removalPublicity',
  };
  const events = plot.allowedEvents.filter((type) => (ready[type] ? ready[type]() : true));
  // The deciding bureau's officers: they are offered the round's decisions (the server offers APPROVE only once allowed).
  const deciding = ['APPROVE', 'RETURN', 'FORM_PANEL', 'CONCLUDE_PANEL', 'ACCEPT_REVISION'].some((t) => plot.allowedEvents.includes(t));
  let waiting: string | null = null;
  if (needsForwarding && plot.allowedEvents.some((t) => t !== 'FORWARD')) waiting = '待所在地生态环境部门报送后，方可组织评审和作出决定。';
  else if (deciding && panel && panel.conclusion === null && opinions < panel.experts.length) {
    waiting = `尚有 ${panel.experts.length - opinions} 名专家未提交意见，全部提交后方可形成评审结论。`;
  } else if (deciding && !panelDone) {
    if (!panel) waiting = '须先组织专家评审，专家组结论为“通过”或“修改后通过”后方可作出审查决定。';
    else if (panel.conclusion === 'passWithRevisions') waiting = review.revision ? '修改后的报告待确认，确认后方可作出审查决定。' : '待编制单位提交修改后的报告。';
  }
  return { events, waiting };
}

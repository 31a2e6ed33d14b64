// The forms of plot-lifecycle v2's events (workflows/plot-lifecycle/v2/events.ts, src/engine/dto/plot-events-v2.dto.ts):
// 报送, the expert panel (环办土壤〔2019〕63号) with 回避, opinions, conclusion, 修改后通过, the decision of a body outside
// the system recorded by the district, the holder's disclosure (42号令), the end of a removal's publicity, site values.
import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, type Question } from '../forms.js';
import { dateTime, DISCLOSED_WORK_LABELS, labelOf, REPORT_KIND_LABELS, today, WORK_LABELS } from '../format.js';
import { currentDecision, decidingBodyText, reviewOf } from './decisions.js';
import type { EventFormContext, EventFormMaker, EventFormSpec } from './event-forms.js';
import type { Plot } from './types.js';

/** An organisation experts may come from (GET /directory/organisations, directory.ts), with its expert users. */
interface ExpertOrganisation {
  id: string;
  name: string;
  kind: string;
  experts?: { userId: string; displayName: string; id?: string; name?: string }[];
}

/** One row of the panel editor. */
interface ExpertRowValues {
  name: string;
  title: string;
  organisationId: string;
  userId: string;
}

/** The answer of POST /plots/:id/reports that the decision's scan upload reads (src/reports/reports.service.ts `UploadResult`). */
interface UploadedReport {
  id: string;
}

const KIND_OF_WORK_STATE: [prefix: string, kind: string][] = [
  ['investigation.preliminary', 'preliminary_investigation'],
  ['investigation.detailed', 'detailed_investigation'],
  ['riskAssessment', 'risk_assessment'],
  ['listed.effectEvaluation', 'effect_evaluation'],
];

/** The report kind under review in this state. */
export function kindUnderReview(state: string): string | null {
  return KIND_OF_WORK_STATE.find(([prefix]) => state.startsWith(prefix))?.[1] ?? null;
}

function body(ctx: EventFormContext): string {
  const d = currentDecision(ctx.plot);
  return d ? decidingBodyText(d, ctx.names) : '主管部门';
}

/** Organisations an expert must not come from (回避): the report's author, the holder, the works contractor. */
export function conflictedOrganisations(plot: Plot): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of plot.commissions ?? []) out.set(c.organisationId, `${labelOf(WORK_LABELS, c.work) ?? ''}单位（报告编制单位）`);
  out.set(plot.holderOrganisationId, '土地使用权人（委托单位）');
  const contractor = plot.context?.worksContractorOrgId;
  if (typeof contractor === 'string' && contractor) out.set(contractor, '修复施工单位');
  return out;
}

function expertRow(i: number, row: ExpertRowValues, orgs: readonly ExpertOrganisation[], conflicts: Map<string, string>, onRemove: () => void, canRemove: boolean): HTMLElement {
  const users = (orgs.find((o) => o.id === row.organisationId)?.experts ?? []);
  const warn = h('p', { class: 'field-warning', hidden: !conflicts.has(row.organisationId) },
    conflicts.has(row.organisationId) ? `回避：该单位是本地块的${conflicts.get(row.organisationId)}，其人员不得担任评审专家` : '');
  const wrap = h('fieldset', { class: 'expert-row', dataset: { row: i } },
    h('legend', {}, `第 ${i + 1} 名专家`),
    h('div', { class: 'fields' },
      field({ name: `experts.${i}.name`, label: '姓名', required: true, maxLength: 50, value: row.name }),
      field({ name: `experts.${i}.title`, label: '职称（可选）', maxLength: 50, value: row.title, placeholder: '如 研究员、高级工程师' }),
      field({
        name: `experts.${i}.organisationId`, label: '所在单位', type: 'select', required: true, placeholder: '请选择已登记的单位', value: row.organisationId,
        options: orgs.map((o) => ({ value: o.id, label: o.kind === 'expert' ? o.name : `${o.name}（第三方机构）` })),
      }),
      users.length
        ? field({
          name: `experts.${i}.userId`, label: '专家用户（可选，本人在系统中填写意见）', type: 'select', placeholder: '不指定', value: row.userId,
          options: users.map((u) => ({ value: u.userId ?? u.id, label: u.displayName ?? u.name })),
        })
        : null),
    warn,
    canRemove ? h('button', { type: 'button', class: 'btn btn-small', on: { click: onRemove } }, '删除此专家') : null);
  return wrap;
}

/** Reads the rows of the panel editor: [{name, title, organisationId, userId}]. */
function readRows(box: HTMLElement): ExpertRowValues[] {
  return [...box.querySelectorAll('.expert-row')].map((row) => {
    const v = (n: string) => (row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name$=".${n}"]`)?.value ?? '').trim();
    return { name: v('name'), title: v('title'), organisationId: v('organisationId'), userId: v('userId') };
  });
}

function panelEditor(ctx: EventFormContext, min: number): { box: HTMLElement; read: () => ExpertRowValues[] } {
  const orgs: readonly ExpertOrganisation[] = ctx.expertOrgs ?? [];
  const conflicts = conflictedOrganisations(ctx.plot);
  const box = h('div', { class: 'panel-editor', 'data-testid': 'panel-editor' });
  let rows: ExpertRowValues[] = Array.from({ length: min }, () => ({ name: '', title: '', organisationId: '', userId: '' }));
  const draw = () => {
    fill(box,
      rows.map((r, i) => expertRow(i, r, orgs, conflicts, () => { rows = readRows(box); rows.splice(i, 1); draw(); }, rows.length > min)),
      h('button', { type: 'button', class: 'btn btn-small', on: { click: () => { rows = readRows(box); rows.push({ name: '', title: '', organisationId: '', userId: '' }); draw(); } } }, '增加一名专家'));
    for (const select of box.querySelectorAll<HTMLSelectElement>('select[name$=".organisationId"]')) {
      select.addEventListener('change', () => { rows = readRows(box); draw(); box.querySelector<HTMLElement>(`[name="${CSS.escape(select.name)}"]`)?.focus(); });
    }
  };
  draw();
  return { box, read: () => readRows(box) };
}

const decisionConfirm = (title: string, ...lines: string[]) => (): Question => ({ title, lines });

export const REVIEW_FORMS: Record<string, EventFormMaker> = {
  FORWARD: (ctx) => ({
    intro: `本阶段依法由${body(ctx)}决定。所在地生态环境部门将报告报送上级部门，由其组织评审。`,
    fields: [{ name: 'note', label: '报送说明（可选）', type: 'textarea', rows: 2, maxLength: 2000 }],
    payload: (v) => (v.note ? { note: v.note } : {}),
    confirm: decisionConfirm('确认报送上级部门', `报送后：由${body(ctx)}${currentDecision(ctx.plot)?.step === 'removal' ? '审查' : '评审'}，本部门继续跟踪办理情况。`),
  }),
  FORM_PANEL: (ctx) => {
    const min = 3;
    const editor = panelEditor(ctx, min);
    const conflicts = [...new Set(conflictedOrganisations(ctx.plot).values())].join('、');
    return {
      intro: `组织不少于 ${min} 名专家评审报告（环办土壤〔2019〕63号）。`,
      fieldsFirst: [
        h('p', { class: 'notice notice-warn', 'data-testid': 'avoidance' }, `回避：专家不得来自${conflicts}。系统将拒绝有利害关系的专家。`),
        editor.box,
      ],
      fields: [],
      extraLabels: { 'experts.*': '第 * 名专家', 'experts.*.name': '姓名', 'experts.*.organisationId': '所在单位', 'experts.*.title': '职称', 'experts.*.userId': '专家用户', experts: '专家组' },
      extraCheck: () => editor.read().flatMap((r, i) => [
        !r.name ? { field: `experts.${i}.name`, message: '必填' } : null,
        !r.organisationId ? { field: `experts.${i}.organisationId`, message: '请选择' } : null,
      ].filter((e): e is NonNullable<typeof e> => Boolean(e))),
      payload: () => ({
        experts: editor.read().map((r) => ({
          name: r.name, organisationId: r.organisationId, ...(r.title ? { title: r.title } : {}), ...(r.userId ? { userId: r.userId } : {}),
        })),
      }),
    };
  },
  RECORD_EXPERT_OPINION: (ctx) => {
    const panel = reviewOf(ctx.plot)?.panel;
    const pending = (panel?.experts ?? []).map((e, i) => ({ e, i }))
      .filter(({ e, i }) => panel?.opinions?.[String(i)] === undefined && (ctx.me.role !== 'expert' || e.userId === ctx.me.id));
    return {
      intro: ctx.me.role === 'expert' ? '请填写您对本报告的评审意见。意见提交后不能修改。' : '记录专家组成员的书面评审意见，每名专家一份。',
      fields: [
        {
          name: 'expertIndex', label: '专家', type: 'select', required: true, value: pending[0] ? String(pending[0].i) : undefined,
          placeholder: pending.length ? undefined : '（各位专家均已提交意见）',
          options: pending.map(({ e, i }) => ({ value: String(i), label: `第 ${i + 1} 名：${e.name}${e.title ? `（${e.title}）` : ''}` })),
        },
        { name: 'opinion', label: '评审意见', type: 'textarea', required: true, rows: 3, maxLength: 4000 },
      ],
      payload: (v) => ({ expertIndex: Number(v.expertIndex), opinion: v.opinion }),
    };
  },
  CONCLUDE_PANEL: (ctx) => ({
    intro: '全部专家提交意见后，形成专家组评审结论。',
    fields: [
      {
        name: 'conclusion', label: '专家组结论', type: 'radio', required: true, className: 'conclusion-choices',
        options: [
          { value: 'pass', label: '通过', className: 'choice-pass' },
          { value: 'passWithRevisions', label: '修改后通过', className: 'choice-passWithRevisions' },
          { value: 'fail', label: '不通过', className: 'choice-fail' },
        ],
      },
      { name: 'summary', label: '结论说明', type: 'textarea', required: true, rows: 3, maxLength: 4000 },
    ],
    payload: (v) => ({ conclusion: v.conclusion, summary: v.summary }),
    confirm: (v) => ({
      pass: { title: '确认结论：通过', lines: [`确认后：专家评审完成，由${body(ctx)}作出审查决定。`] },
      passWithRevisions: { title: '确认结论：修改后通过', lines: ['确认后：编制单位须按专家意见修改并提交修改后的报告，经主管部门确认后方可作出审查决定。'] },
      fail: { title: '确认结论：不通过', lines: ['确认后：报告退回编制单位修改，本轮评审结束，系统出具评审意见（退回）。'], tone: 'danger' },
    } as Record<string, Question>)[String(v.conclusion)],
  }),
  SUBMIT_REVISION: ({ plot, reports, me }) => {
    const kind = kindUnderReview(plot.state);
    const under = plot.context?.currentReportId;
    const options = reports
      .filter((r) => r.kind === kind && r.id !== under && r.authorOrganisationId === me.organisationId)
      // A revision names the report it revises (its structured conclusion), when the list carries conclusions.
      .filter((r) => !r.conclusion || r.conclusion.revisesReportId === under)
      .slice().reverse()
      .map((r) => ({ value: r.id, label: `${labelOf(REPORT_KIND_LABELS, r.kind) ?? ''} · ${r.fileName} · ${dateTime(r.createdAt)}` }));
    return {
      intro: '专家组结论为“修改后通过”：按专家意见修改报告，作为新报告上传（勾选“修改稿”），再在此提交。',
      fields: [{
        name: 'reportId', label: '修改后的报告', type: 'select', required: true, value: options[0]?.value, options,
        placeholder: options.length ? undefined : '（尚未上传修改稿）',
        hint: options.length ? '最新上传的在前。' : '请先在“上传报告”中上传修改稿，并注明修改的是本轮评审中的报告。',
      }],
      payload: (v) => ({ reportId: v.reportId }),
      confirm: decisionConfirm('确认提交修改后的报告', '提交后：由主管部门确认修改情况，确认后方可作出审查决定。'),
    };
  },
  ACCEPT_REVISION: (ctx) => ({
    intro: '核对修改后的报告已按专家意见修改。',
    fields: [{ name: 'note', label: '确认意见（可选）', type: 'textarea', rows: 2, maxLength: 2000 }],
    payload: (v) => (v.note ? { note: v.note } : {}),
    confirm: decisionConfirm('确认修改后的报告', `确认后：修改后的报告作为本轮评审的报告，由${body(ctx)}作出审查决定。`),
  }),
  RECORD_DECISION: (ctx) => recordDecisionForm(ctx),
  RECORD_DISCLOSURE: ({ plot }) => {
    const submitted = plot.context?.submittedReports;
    const works = Object.keys(submitted && typeof submitted === 'object' ? submitted : {});
    return {
      intro: '土地使用权人应将调查报告、风险评估报告、效果评估报告的主要内容向社会公开（《污染地块土壤环境管理办法（试行）》）。记录公开的日期和场所。',
      fields: [
        {
          name: 'work', label: '公开的报告', type: 'select', required: true, value: works.includes('effectEvaluation') ? 'effectEvaluation' : works[works.length - 1],
          options: works.map((w) => ({ value: w, label: labelOf(DISCLOSED_WORK_LABELS, w) ?? w })), placeholder: works.length ? undefined : '（尚无已提交的报告）',
        },
        { name: 'publishedOn', label: '公开日期', type: 'date', required: true, value: today(), validate: (v) => (String(v) > today() ? '公开日期不能晚于今天' : null) },
        { name: 'place', label: '公开场所或网址', required: true, maxLength: 500, placeholder: '如 本单位网站 https://…… 或 地块现场公告栏' },
      ],
      payload: (v) => ({ work: v.work, publishedOn: v.publishedOn, place: v.place }),
      confirm: (v) => ({
        title: '确认记录信息公开',
        lines: [`记录后：${labelOf(DISCLOSED_WORK_LABELS, v.work) ?? '报告'}自 ${v.publishedOn} 起公开，列入公示页面。`,
          v.work === 'effectEvaluation' ? '效果评估报告公开满两个月后，方可申请移出名录。' : null],
      }),
    };
  },
  END_PUBLICITY: ({ plot }) => ({
    intro: `移出名录决定公示至 ${plot.context?.publicityEndsOn ?? '—'}。公示期满且无异议的，决定生效。`,
    fields: [],
    payload: () => ({}),
    confirm: decisionConfirm('确认公示期满，决定生效', '确认后：地块移出名录，准予按规划用途开发利用，系统出具移出名录决定。'),
  }),
  SET_SITE_VALUE: () => ({
    folded: '报告涉及无标准值的污染物时填写',
    intro: '为 GB 36600-2018 无标准值的污染物确定本地块的限值，并注明来源。',
    fields: [
      { name: 'name', label: '污染物名称', required: true, maxLength: 50, placeholder: '如 氟化物' },
      { name: 'cas', label: 'CAS 号', required: true, maxLength: 40, placeholder: '如 16984-48-8' },
      { name: 'medium', label: '介质', type: 'select', required: true, value: 'soil', options: [{ value: 'soil', label: '土壤' }, { value: 'groundwater', label: '地下水' }] },
      { name: 'value', label: '限值', type: 'number', required: true, min: 0, step: 'any', validate: (v) => (Number(v) <= 0 ? '限值须为正数' : null) },
      { name: 'unit', label: '单位', type: 'select', required: true, value: 'mg/kg', options: [{ value: 'mg/kg', label: 'mg/kg（土壤）' }, { value: 'mg/L', label: 'mg/L（地下水）' }] },
      { name: 'source', label: '来源', required: true, maxLength: 500, placeholder: '如 本地块风险评估报告第 5 章' },
    ],
    payload: (v) => ({ name: v.name, cas: v.cas, medium: v.medium, value: v.value, unit: v.unit, source: v.source }),
    confirm: (v) => ({ title: '确认地块限值', lines: [`确认后：本地块${v.name}的限值为 ${v.value} ${v.unit}，样品筛查按此限值判定。`] }),
  }),
};

/** The recorded decision: the district uploads the scan of the decision (PDF), then records it with its number and date. */
function recordDecisionForm(ctx: EventFormContext): EventFormSpec {
  const d = currentDecision(ctx.plot);
  const who = d ? decidingBodyText(d, ctx.names) : '上级主管部门';
  const publicity = ctx.plot.state === 'listed.removalPublicity';
  let uploaded: { key: string; id: string } | null = null;
  return {
    intro: publicity
      ? `公示期间${who}撤销移出名录决定的，录入其决定。`
      : `本阶段由${who}在系统外作出决定。录入其决定文书的文号、日期、结论和扫描件。`,
    fields: [
      { name: 'documentNumber', label: '决定文号', required: true, maxLength: 100, placeholder: '如 豫环审〔2026〕8号' },
      { name: 'decisionDate', label: '决定日期', type: 'date', required: true, validate: (v) => (String(v) > today() ? '决定日期不能晚于今天' : null) },
      {
        name: 'outcome', label: '决定结论', type: 'radio', required: true, value: publicity ? 'returned' : undefined,
        options: publicity ? [{ value: 'returned', label: '退回、不予移出' }] : [{ value: 'approved', label: '通过', className: 'choice-pass' }, { value: 'returned', label: '退回、不予通过', className: 'choice-fail' }],
      },
      { name: 'reason', label: '理由（退回或不予通过时必填）', type: 'textarea', rows: 2, maxLength: 4000 },
      { name: 'scan', label: '决定文书扫描件（PDF）', type: 'file', required: true, accept: 'application/pdf,.pdf', extensions: ['.pdf'] },
    ],
    extraCheck: (_form, v) => (v.outcome === 'returned' && !v.reason ? [{ field: 'reason', message: '退回或不予通过须说明理由' }] : []),
    payload: (v) => ({
      documentNumber: v.documentNumber, decisionDate: v.decisionDate, outcome: v.outcome, ...(v.reason ? { reason: v.reason } : {}),
    }),
    /** Uploads the scan once (a retry after a refusal reuses it), then adds its id to the event. */
    prepare: async (v) => {
      // The scan is required: the form's checks let only a chosen file through.
      const scan = v.scan as File;
      const key = `${scan.name}:${scan.size}:${scan.lastModified}`;
      if (uploaded?.key !== key) {
        const data = new FormData();
        data.append('kind', 'decision_record');
        data.append('conclusion', JSON.stringify({ summary: `${v.documentNumber}（${v.decisionDate}）` }));
        data.append('file', scan, scan.name);
        const res = await api<UploadedReport>('POST', `/plots/${ctx.plot.id}/reports`, data);
        uploaded = { key, id: res.id };
      }
      return { scanReportId: uploaded.id };
    },
    confirm: (v) => ({
      title: '确认录入上级部门决定',
      lines: v.outcome === 'approved'
        ? [`录入后：按${who}的决定（${v.documentNumber}）进入下一阶段，系统签发录入回执。`]
        : [`录入后：按${who}的决定（${v.documentNumber}）${publicity ? '撤销移出名录决定，地块留在名录中' : '退回报告，回到编制阶段'}，系统签发录入回执。`],
      tone: v.outcome === 'approved' ? 'normal' : 'danger',
    }),
  };
}

// The actions this user may take on a plot now (its allowedEvents), each as a form, and the report upload.
import { api, ApiError, idempotencyKey } from '../api.js';
import { fill, h, uid, type Child } from '../dom.js';
import { makeForm, type FieldSpec, type Option, type Values } from '../forms.js';
import { LAND_CLASS_LABELS, labelOf, REPORT_KIND_LABELS, VERDICT_LABELS } from '../format.js';
import type { Me } from '../page.js';
import { formFor, KIND_FOR_STATE, type EventFormContext } from './event-forms.js';
import { reviewOf } from './decisions.js';
import { kindUnderReview } from './review-forms.js';
import type { Plot, PlotParties } from './types.js';
import { stockPicker } from './stock-opinions.js';
import { missingItemsNotice, sampleTemplates, TARGET_LABELS, targetsEditor, uploadProgress, uploadWithProgress } from './upload-parts.js';

/** Which report kinds a user may upload on this plot (src/reports/dto/conclusions.dto.ts). */
const HOLDER_KINDS = ['control_plan', 'remediation_plan', 'monitoring', 'transport_receipt'];
const KINDS_BY_WORK: Record<string, string[]> = {
  investigation: ['preliminary_investigation', 'detailed_investigation', 'monitoring'],
  riskAssessment: ['risk_assessment', 'monitoring'],
  effectEvaluation: ['effect_evaluation', 'monitoring'],
};
const KINDS_WITH_SAMPLES = ['preliminary_investigation', 'detailed_investigation', 'effect_evaluation', 'monitoring'];
const DUTY_ROLES: string[] = ['holder', 'land', 'eeb'];

/** The plot after an event or a migration (POST /plots/:id/events, /migrate: src/plots/plot-view.ts `PlotView`). */
interface EventAnswer {
  stateLabel?: string;
}

/** The answer of POST /plots/:id/reports that the upload card reads (src/reports/reports.service.ts `UploadResult`). */
interface UploadAnswer {
  kind: string;
  sha256: string;
  sampleCount?: number;
  screening?: { verdict: string; groundwater?: { verdict: string; verdictLabel?: string } | null } | null;
  missingRequiredItems?: string[];
}

/**
 * Whether the user's organisation answers for the plot's holder duties: the holder, or whoever carries the duties of
 * the investigation or of control after 收回、转让 or the responsible party's identification (土壤法第四十五条、第六十八条).
 */
export function answersFor(plot: Plot, me: Me): boolean {
  if (!DUTY_ROLES.includes(me.role) || !me.organisationId) return false;
  const p: PlotParties = plot.parties ?? {};
  return [plot.holderOrganisationId, p.investigationDuty?.organisationId, p.controlDuty?.organisationId].includes(me.organisationId);
}

export function uploadableKinds(plot: Plot, me: Me): string[] {
  if (answersFor(plot, me)) {
    // The holder's own papers (plans, monitoring, transport receipts) belong to the register stages; aftercare and
    // new evidence after the procedure are monitoring reports (土壤法第四十二条、第五十九条).
    if (plot.state.startsWith('listed.')) return HOLDER_KINDS;
    if (plot.state === 'released' || plot.state === 'cleared') return ['monitoring'];
    return [];
  }
  if (plot.state === 'released' || plot.state === 'cleared') {
    // The district bureau's own verification sampling may be the new evidence that reopens the plot (土壤法第五十九条).
    return me.role === 'eeb' && plot.jurisdiction === me.jurisdictionCode ? ['monitoring'] : [];
  }
  if (me.role === 'consultant') {
    const mine = (plot.commissions ?? []).filter((c) => c.organisationId === me.organisationId);
    return [...new Set(mine.flatMap((c) => KINDS_BY_WORK[c.work] ?? []))];
  }
  return [];
}

function defaultKind(plot: Plot, kinds: string[]): string {
  const wanted = KIND_FOR_STATE[plot.state] ?? (kinds.find((k) => revisable(plot, k)))
    ?? (plot.state === 'listed.awaitingPlan' ? 'remediation_plan' : plot.state === 'listed.riskControl' ? 'monitoring' : undefined);
  return wanted !== undefined && kinds.includes(wanted) ? wanted : kinds[0];
}

/** Refusing steps: their button is the danger style, never the twin of the approving one. */
const REFUSING = new Set(['RETURN']);
/** The text field of each step a reviewer may fill from stock opinions. */
const OPINION_FIELD: Record<string, string> = { APPROVE: 'opinion', RETURN: 'reason', RECORD_EXPERT_OPINION: 'opinion', CONCLUDE_PANEL: 'summary' };

/** Puts the values typed before a conflict back into the form offered again (text, dates, numbers, choices). */
function restore(form: HTMLFormElement, values: Values | undefined) {
  for (const [name, value] of Object.entries(values ?? {})) {
    const controls = [...form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)];
    for (const c of controls) {
      if (c.type === 'file') continue;
      if (c.type === 'checkbox' || c.type === 'radio') c.checked = ([] as unknown[]).concat(value).map(String).includes(c.value);
      else if (typeof value === 'string' || typeof value === 'number') c.value = String(value);
    }
  }
}

/**
 * One card per allowed event; `done(message)` re-renders the page with the outcome. A 409 (the plot changed since
 * the page was drawn) hands the typed values to `conflict(…)`, which draws the plot again and offers them back.
 */
export function eventForms(ctx: EventFormContext): HTMLElement[] {
  const { plot, eventLabels, done } = ctx;
  return plot.allowedEvents.map((type) => {
    const spec = formFor(type, ctx);
    const label = eventLabels[type] ?? type;
    const headingId = uid('ev');
    const form = makeForm({
      dataset: { event: type },
      intro: spec.intro,
      fields: spec.fields,
      fieldsFirst: spec.fieldsFirst,
      extraCheck: spec.extraCheck,
      extraLabels: spec.extraLabels,
      confirm: spec.confirm,
      submitLabel: label,
      onSubmit: async (values, el) => {
        const extra = spec.prepare ? await spec.prepare(values, el) : {};
        const body = { type, expectedVersion: plot.version, ...spec.payload(values, el), ...extra };
        let res: EventAnswer;
        try {
          res = await api<EventAnswer>('POST', `/plots/${plot.id}/events`, body, { 'Idempotency-Key': idempotencyKey() });
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 409 && ctx.conflict)) throw e;
          ctx.conflict({ type, label, values, version: plot.version });
          return;
        }
        done(`已办理“${label}”。地块当前状态：${res.stateLabel ?? '已更新'}。`);
      },
    });
    if (REFUSING.has(type)) {
      const button = form.querySelector('button[type="submit"]');
      button?.classList.remove('btn-primary');
      button?.classList.add('btn-danger');
    }
    const text = OPINION_FIELD[type] && form.querySelector<HTMLTextAreaElement>(`textarea[name="${OPINION_FIELD[type]}"]`);
    if (text) text.before(stockPicker(type, text) ?? '');
    if (ctx.draft?.type === type) {
      restore(form, ctx.draft.values);
      form.prepend(h('p', { class: 'notice notice-warn', 'data-testid': 'draft-kept' }, '已保留您先前填写的内容，请核对后再次提交。'));
    }
    // Rarely needed steps stay folded until opened.
    const content = spec.folded ? h('details', { class: 'folded' }, h('summary', {}, spec.folded), form) : form;
    return h('article', { class: ['action-card', spec.confirm && 'action-decision', REFUSING.has(type) && 'action-refuse'], 'aria-labelledby': headingId, dataset: { event: type } },
      h('h3', { id: headingId }, label), content);
  });
}

/** The administrator's move of a v1 plot to the current workflow (irreversible, with its own audit row). */
export function migrateCard(plot: Plot, me: Me, done: (message: Child) => void): HTMLElement | null {
  if (me.role !== 'admin' || plot.machine?.version !== 1) return null;
  const id = uid('mig');
  const form = makeForm({
    dataset: { testid: 'migrate' },
    intro: '本地块按原流程办理。迁移后按现行流程（分级决定、专家评审、信息公开）继续办理，已有的办理记录保留。',
    fields: [],
    submitLabel: '迁移至现行流程',
    confirm: () => ({
      title: '确认迁移至现行流程',
      lines: ['迁移后：地块按现行流程继续办理，本轮已有的审查意见保留；迁移不可撤销，系统记录迁移的办理人和时间。'],
      tone: 'danger',
    }),
    onSubmit: async () => {
      const res = await api<EventAnswer>('POST', `/plots/${plot.id}/migrate`, { toVersion: 2 });
      done(`已迁移至现行流程。地块当前状态：${res.stateLabel ?? '已更新'}。`);
    },
  });
  return h('article', { class: 'action-card action-decision', 'aria-labelledby': id, dataset: { event: 'migrate' } },
    h('h3', { id }, '迁移至现行流程'), form);
}

function conclusionFields(kind: string): FieldSpec[] {
  const pollutants: FieldSpec = { name: 'conclusion.pollutants', label: '主要污染物（可选，用逗号或顿号分隔）', maxLength: 500, placeholder: '如 砷、铅' };
  const summary: FieldSpec = { name: 'conclusion.summary', label: '结论摘要（可选）', type: 'textarea', rows: 2, maxLength: 4000 };
  const yesNo = (yes: string, no: string): Option[] => [{ value: 'true', label: yes }, { value: 'false', label: no }];
  // 土壤法第三十六条: the investigation (and the risk assessment) states whether groundwater is polluted.
  const groundwater: FieldSpec = {
    name: 'conclusion.groundwaterPolluted', label: '地下水是否受到污染（可选）', type: 'select', placeholder: '未说明',
    options: [{ value: 'true', label: '地下水受到污染' }, { value: 'false', label: '地下水未受到污染' }],
  };
  switch (kind) {
    case 'risk_assessment':
      return [
        { name: 'conclusion.riskAcceptable', label: '风险评估结论', type: 'radio', required: true, options: yesNo('风险可接受', '风险不可接受') },
        pollutants,
        { name: 'conclusion.areaM2', label: '需修复或管控的面积（平方米，可选）', type: 'number', min: 0, step: 'any' },
        { name: 'conclusion.volumeM3', label: '需修复或管控的土方量（立方米，可选）', type: 'number', min: 0, step: 'any' },
        groundwater,
        summary,
      ];
    case 'effect_evaluation':
      return [
        { name: 'conclusion.targetsAchieved', label: '效果评估结论', type: 'radio', required: true, options: yesNo('达到修复或管控目标', '未达到目标') },
        { name: 'conclusion.permittedLandClass', label: '准予的用地类别', type: 'select', required: true, placeholder: '请选择', options: ([1, 2] as const).map((c) => ({ value: String(c), label: LAND_CLASS_LABELS[c] })) },
        summary,
      ];
    case 'preliminary_investigation':
      return [
        pollutants,
        groundwater,
        {
          name: 'conclusion.missingItemsReason', label: '未检测项目说明（可选）', type: 'textarea', rows: 2, maxLength: 2000,
          hint: '样品未检测 GB 36600-2018 表1 全部 45 项基本项目时，写明理由；提交后由评审确认。',
        },
        summary,
      ];
    case 'detailed_investigation':
      return [pollutants, groundwater, summary];
    case 'control_plan':
    case 'remediation_plan':
      return [
        { name: 'conclusion.targets', label: '管控或修复目标（可选）', maxLength: 2000 },
        { name: 'conclusion.groundwaterMeasures', label: '地下水污染防治措施（可选）', type: 'textarea', rows: 2, maxLength: 2000 },
        summary,
      ];
    case 'monitoring':
      return [{ name: 'conclusion.period', label: '监测期（可选）', maxLength: 100, placeholder: '如 2026 年度' }, summary];
    case 'transport_receipt':
      return [{ name: 'conclusion.quantityT', label: '接收量（吨，可选）', type: 'number', min: 0, step: 'any' }, summary];
    default:
      return [summary];
  }
}

function conclusionOf(values: Values): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith('conclusion.') || value === '' || value === null) continue;
    const name = key.slice('conclusion.'.length);
    if (name === 'riskAcceptable' || name === 'targetsAchieved' || name === 'groundwaterPolluted') c[name] = value === 'true';
    else if (name === 'permittedLandClass') c[name] = Number(value);
    else if (name === 'pollutants') c[name] = String(value).split(/[，,、;；\s]+/).map((x) => x.trim()).filter(Boolean);
    else c[name] = value;
  }
  return c;
}

/** 修改后通过: the report under review, when this kind's upload may be its revision (环办土壤〔2019〕63号). */
function revisable(plot: Plot, kind: string): string | null | undefined {
  const review = reviewOf(plot);
  return review?.panel?.conclusion === 'passWithRevisions' && !review.revision && kindUnderReview(plot.state) === kind
    ? plot.context?.currentReportId
    : null;
}

function uploadFormFor(plot: Plot, kind: string, done: (message: Child) => void): HTMLFormElement {
  const withSamples = KINDS_WITH_SAMPLES.includes(kind);
  const investigation = kind === 'preliminary_investigation' || kind === 'detailed_investigation';
  const revises = revisable(plot, kind);
  const targets = kind === 'risk_assessment' ? targetsEditor() : null;
  const progress = uploadProgress();
  return makeForm({
    dataset: { testid: 'upload-report', kind },
    fields: [
      { name: 'file', label: '报告文件（PDF）', type: 'file', required: true, accept: 'application/pdf,.pdf', extensions: ['.pdf'] },
      revises
        ? {
          name: 'revises', label: '修改稿', type: 'checkboxes', value: ['yes'],
          options: [{ value: 'yes', label: '这是按专家意见修改后的报告，修改的是本轮评审中的报告' }],
        }
        : null,
      ...conclusionFields(kind),
      withSamples
        ? {
          name: 'samples', label: `样品检测数据（CSV 或 Excel${investigation ? '，调查报告提交审查前必须附上' : '，可选'}）`, type: 'file',
          accept: 'text/csv,.csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.csv', '.xlsx'],
          hint: '表头为中文或英文，顺序不限：样品编号、X（经度）、Y（纬度）、采样深度（米）、检测项目、检测值、单位、检出限、介质（土壤或地下水，可省略）。检测项目为 GB 36600 或 GB/T 14848 的中文名称或 CAS 号；单位 mg/kg 或 μg/kg，地下水 mg/L 或 μg/L；未检出填 ND 或 <检出限。有错误的行会逐行列出，整份数据不导入。',
        }
        : null,
    ],
    note: [targets?.box, withSamples ? sampleTemplates() : null, progress.box],
    extraLabels: targets ? TARGET_LABELS : {},
    extraCheck: () => targets?.check() ?? [],
    submitLabel: '上传报告',
    onSubmit: async (v) => {
      const data = new FormData();
      data.append('kind', kind);
      const conclusion = conclusionOf(v);
      if (revises && Array.isArray(v.revises) && v.revises.length) conclusion.revisesReportId = revises;
      const targetList = targets?.read() ?? [];
      if (targetList.length) conclusion.targets = targetList;
      data.append('conclusion', JSON.stringify(conclusion));
      // The report file is required: the form's checks let only a chosen file through.
      const file = v.file as File;
      data.append('file', file, file.name);
      if (v.samples instanceof File) data.append('samples', v.samples, v.samples.name);
      // XMLHttpRequest for its upload progress: a laboratory's file may take a while.
      const res = (await uploadWithProgress(`/plots/${plot.id}/reports`, data, progress)) as UploadAnswer;
      const verdict = res.screening ? `；筛查结论：${labelOf(VERDICT_LABELS, res.screening.verdict) ?? '—'}` : '';
      const water = res.screening?.groundwater && res.screening.groundwater.verdict !== 'no_data' ? `；地下水：${res.screening.groundwater.verdictLabel}` : '';
      done([
        h('p', {}, `已上传${labelOf(REPORT_KIND_LABELS, res.kind) ?? '报告'}，SHA-256：${res.sha256}；样品 ${res.sampleCount ?? 0} 条${verdict}${water}。`),
        missingItemsNotice(res, !!conclusion.missingItemsReason),
      ]);
    },
  });
}

/** The upload card: a report kind picker, then the fields that kind's structured conclusion needs. */
export function uploadCard(plot: Plot, me: Me, done: (message: Child) => void): HTMLElement | null {
  const kinds = uploadableKinds(plot, me);
  if (!kinds.length) return null;
  const id = uid('kind');
  const holder = h('div', {});
  const select = h('select', { id, name: 'kind' }, kinds.map((k) => h('option', { value: k }, labelOf(REPORT_KIND_LABELS, k) ?? k)));
  select.value = defaultKind(plot, kinds);
  const show = () => fill(holder, uploadFormFor(plot, select.value, done));
  select.addEventListener('change', show);
  show();
  return h('article', { class: 'action-card upload-card', 'aria-labelledby': `${id}-h` },
    h('h3', { id: `${id}-h` }, '上传报告'),
    h('p', { class: 'hint' }, '报告上传后不可更改；更正的报告作为新报告上传。系统记录文件的 SHA-256 摘要。'),
    h('div', { class: 'field' }, h('label', { for: id }, '报告类型'), select),
    holder);
}

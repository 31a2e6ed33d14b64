// What each plot-lifecycle event asks of the person sending it (the client payload of
// workflows/plot-lifecycle/v1/events.ts and src/engine/dto/plot-events.dto.ts).
import type { DirectoryOrganisation } from '../directory.js';
import type { Child } from '../dom.js';
import type { FieldSpec, FormOptions, Question, Values } from '../forms.js';
import { dateTime, isIsoDate, labelOf, LAND_USES, REPORT_KIND_LABELS, today, WORK_LABELS } from '../format.js';
import type { Me } from '../page.js';
import { currentDecision, decidingBodyText } from './decisions.js';
import { approveOutcome, returnOutcome } from './outcomes.js';
import { firstStageAllowed, PART_TWO_FORMS } from './party-forms.js';
import { REVIEW_FORMS } from './review-forms.js';
import type { Plot } from './types.js';

/** A report of the plot, as GET /plots/:id/reports lists it (src/reports/reports.repository.ts `ReportRow`). */
export interface PlotReport {
  id: string;
  kind: string;
  authorOrganisationId: string;
  authorOrganisationName?: string;
  fileName: string;
  fileSha256: string;
  pages?: number;
  sampleCount?: number;
  conclusion?: Record<string, unknown> | null;
  createdAt: string;
}

/** A plot's entry in GET /registers/priority (src/registers/register-entries.ts `RegisterEntry`). */
export interface PriorityEntry {
  plotId: string;
  code: string;
  jurisdiction: string;
  rank: number | null;
  modelRank?: number;
  modelScore?: number;
}

/** A rank another plot of the jurisdiction holds already. */
export interface RankTaken {
  rank: number;
  code: string;
}

/** The workflow definition (GET /workflows/:name): its states and events with their labels, and the machine. */
export interface WorkflowDefinition {
  states?: { path: string; label: string }[];
  events?: { type: string; label: string }[];
  definition?: unknown;
}

/**
 * The signed-in user as the forms read them: GET /me answers the user's id as `id` (src/auth/auth.service.ts
 * `toLoginUserView`), which page.ts's `Me` does not name.
 */
export type FormUser = Me & { id?: string };

/** A step refused with 409 because the plot changed, handed back to the page with what was typed. */
export interface EventConflict {
  type: string;
  label: string;
  values: Values;
  version: number;
}

/** What the plot page hands the event forms: the plot, the user, the lists the forms pick from. */
export interface EventFormContext {
  plot: Plot;
  me: FormUser;
  reports: PlotReport[];
  consultants: DirectoryOrganisation[];
  eventLabels: Record<string, string>;
  proposal?: PriorityEntry | null;
  ranksTaken?: RankTaken[];
  done: (message: Child) => void;
  names: Map<string, string>;
  expertOrgs?: DirectoryOrganisation[];
  holders?: DirectoryOrganisation[];
  workflow?: WorkflowDefinition | null;
  screening?: unknown;
  underReview?: PlotReport | null;
  draft?: (EventConflict & { plotId: string }) | null;
  conflict?: (c: EventConflict) => void;
}

/** An event's form: its fields, the event's payload from the values, and what it confirms before sending. */
export interface EventFormSpec {
  intro: string;
  fields: FieldSpec[];
  payload: (values: Values, form?: HTMLFormElement) => Record<string, unknown>;
  confirm?: (values: Values) => Question | null | undefined;
  fieldsFirst?: Child;
  extraCheck?: FormOptions['extraCheck'];
  extraLabels?: Record<string, string>;
  /** Work before the event is sent (an upload); its answer is added to the payload. */
  prepare?: (values: Values, form: HTMLFormElement) => Promise<Record<string, unknown>>;
  /** A rarely needed step: folded under this summary until opened. */
  folded?: string;
}

export type EventFormMaker = (ctx: EventFormContext) => EventFormSpec;

/** The report kind each drafting state expects to be submitted. */
export const KIND_FOR_STATE: Record<string, string> = {
  'investigation.preliminary.drafting': 'preliminary_investigation',
  'investigation.detailed.drafting': 'detailed_investigation',
  'riskAssessment.drafting': 'risk_assessment',
  'listed.effectEvaluation.drafting': 'effect_evaluation',
};

// 土壤法 art. 61: never for housing or public services while listed.
const MANDATORY_NEGATIVE = ['住宅', '公共管理与公共服务用地'];

function workForState(state: string): string {
  if (state.startsWith('riskAssessment')) return 'riskAssessment';
  if (state.startsWith('listed')) return 'effectEvaluation';
  return 'investigation';
}

function reportField(reports: readonly PlotReport[], kind: string, { mineOnly, me }: { mineOnly: boolean; me: FormUser }): FieldSpec {
  const options = reports
    .filter((r) => r.kind === kind && (!mineOnly || r.authorOrganisationId === me.organisationId))
    .slice()
    .reverse()
    .map((r) => ({ value: r.id, label: `${labelOf(REPORT_KIND_LABELS, r.kind) ?? r.kind} · ${r.fileName} · ${dateTime(r.createdAt)} · ${r.fileSha256.slice(0, 12)}…` }));
  return {
    name: 'reportId', label: `报告（${labelOf(REPORT_KIND_LABELS, kind) ?? kind}）`, type: 'select', required: true,
    placeholder: options.length ? undefined : '（尚无此类报告）', value: options[0]?.value,
    options,
    hint: options.length ? '列出本地块已上传的此类报告，最新的在前。' : '请先在本栏第一张卡片“上传报告”中上传此类报告，上传后即可在这里选择。',
  };
}

const noPayload = (intro: string): EventFormMaker => () => ({ intro, fields: [], payload: () => ({}) });
const reportRef = (kind: string, intro: string, mineOnly = false): EventFormMaker => ({ reports, me }) => ({
  intro, fields: [reportField(reports, kind, { mineOnly, me })], payload: (v) => ({ reportId: v.reportId }),
});

export const EVENT_FORMS: Record<string, EventFormMaker> = {
  ISSUE_INVESTIGATION_NOTICE: () => ({
    intro: '向土地使用权人下达土壤污染状况调查通知书（D2），并写明完成期限。',
    fields: [{
      name: 'dueDate', label: '调查完成期限', type: 'date', required: true, min: today(), hint: '不得早于今天（北京时间）。',
      validate: (v) => (String(v) < today() ? '调查完成期限不能早于今天' : null),
    }],
    payload: (v) => ({ dueDate: v.dueDate }),
  }),
  ASSIGN_CONSULTANT: ({ plot, consultants }) => {
    // 土壤法第六十五条: the works contractor and the plan's authors may not evaluate the effect of their own works.
    const planAuthors = plot.context?.planAuthorOrgIds;
    const own = new Set([plot.context?.worksContractorOrgId, ...(Array.isArray(planAuthors) ? planAuthors : [])].filter(Boolean));
    const evaluating = workForState(plot.state) === 'effectEvaluation';
    return {
    intro: '委托第三方机构承担调查、风险评估或效果评估。效果评估须另行委托：不得委托修复施工单位或方案编制单位（土壤法第六十五条）。',
    fields: [
      {
        name: 'orgId', label: '受委托机构', type: 'select', required: true, placeholder: '请选择第三方机构',
        options: consultants.filter((o) => !evaluating || !own.has(o.id)).map((o) => ({ value: o.id, label: o.name })),
        hint: evaluating && own.size ? '本地块的修复施工单位和方案编制单位不在可选之列（土壤法第六十五条）。' : undefined,
        validate: (v, values) => (values.work === 'effectEvaluation' && own.has(String(v)) ? '该机构是本地块的修复施工单位或方案编制单位，不能承担效果评估（土壤法第六十五条）' : null),
      },
      {
        name: 'work', label: '委托事项', type: 'select', required: true, value: workForState(plot.state),
        options: Object.entries(WORK_LABELS).map(([value, label]) => ({ value, label })),
      },
    ],
    payload: (v) => ({ orgId: v.orgId, work: v.work }),
    };
  },
  START_INVESTIGATION: noPayload('已委托调查单位：启动初步调查，由调查单位采样并编制报告。'),
  SUBMIT_REPORT: ({ plot, reports, me }) => ({
    intro: '将本单位编制的报告提交生态环境、自然资源部门审查，系统出具报告备案回执。',
    fields: [
      reportField(reports, KIND_FOR_STATE[plot.state] ?? 'preliminary_investigation', { mineOnly: true, me }),
      // HJ 25.1-2019: a plot registered for a change of use or as a key unit's land may end at the first stage.
      firstStageAllowed(plot)
        ? {
          name: 'firstStageOnly', label: '调查阶段', type: 'checkboxes',
          options: [{ value: 'yes', label: '第一阶段调查即结束（未发现可能的污染源，HJ 25.1-2019）' }],
          hint: '资料收集、现场踏勘和人员访谈未发现可能的污染源的，报告可不附样品检测数据；疑似污染地块和重新启动调查的地块须采样（土壤法第五十九条）。',
        }
        : null,
    ].filter((f): f is FieldSpec => Boolean(f)),
    payload: (v) => ({ reportId: v.reportId, ...(Array.isArray(v.firstStageOnly) && v.firstStageOnly.length ? { firstStageOnly: true } : {}) }),
  }),
  APPROVE: (ctx) => {
    const { plot, names } = ctx;
    const d = currentDecision(plot);
    const who = d ? decidingBodyText(d, names ?? new Map()) : '生态环境部门与自然资源部门';
    // What this approval leads to, from the statechart and the facts its guards read (the same words as the confirmation).
    const outcome = approveOutcome(plot, ctx.workflow, { screening: ctx.screening, report: ctx.underReview, myRole: ctx.me?.role }, names ?? new Map());
    return {
      intro: `${plot.state.startsWith('listed.effectEvaluation') ? `效果评估报告由${who}备案审查。` : `由${who}审查。`}${outcome.join('')}`,
      fields: [{ name: 'opinion', label: '审查意见', type: 'textarea', required: true, maxLength: 4000, rows: 3 }],
      payload: (v) => ({ opinion: v.opinion }),
    };
  },
  RETURN: (ctx) => ({
    intro: `${returnOutcome(ctx.plot, ctx.workflow)}退回须写明理由。`,
    fields: [{ name: 'reason', label: '退回理由', type: 'textarea', required: true, maxLength: 4000, rows: 3 }],
    payload: (v) => ({ reason: v.reason }),
  }),
  SET_PRIORITY: ({ proposal, ranksTaken = [] }) => ({
    intro: '确定优先控制次序和开发利用负面清单。列入名录的地块不得作为住宅、公共管理与公共服务用地（土壤法第六十一条）。',
    fields: [
      {
        name: 'rank', label: '优先控制次序', type: 'number', required: true, integer: true, min: 1, max: 100000, step: 1, inputmode: 'numeric',
        // The model's rank is offered only while no plot of the jurisdiction holds it already.
        value: proposal?.modelRank && !ranksTaken.some((r) => r.rank === proposal.modelRank) ? proposal.modelRank : undefined,
        hint: [
          proposal?.modelRank ? `优先级评分模型建议：第 ${proposal.modelRank} 位（${proposal.modelScore} 分）。与建议不同时请在说明中写明理由。` : null,
          ranksTaken.length ? `本行政区已确定的次序：${ranksTaken.map((r) => `第 ${r.rank} 位（${r.code}）`).join('、')}。` : '本行政区尚无已确定次序的地块。',
        ].filter(Boolean).join(''),
      },
      {
        name: 'negativeList', label: '开发利用负面清单', type: 'checkboxes', required: true, value: MANDATORY_NEGATIVE,
        options: LAND_USES.filter((u) => u !== '工业').map((u) => ({ value: u, label: u, locked: MANDATORY_NEGATIVE.includes(u) })),
        hint: '住宅、公共管理与公共服务用地为法定必列项。',
      },
      { name: 'otherUses', label: '其他禁止用途（可选，用逗号或顿号分隔）', maxLength: 500 },
      { name: 'reason', label: '说明（可选）', type: 'textarea', maxLength: 2000, rows: 2 },
    ],
    payload: (v) => {
      const extra = v.otherUses ? String(v.otherUses).split(/[，,、;；\s]+/).map((x) => x.trim()).filter(Boolean) : [];
      const chosen = Array.isArray(v.negativeList) ? v.negativeList : [];
      const body: Record<string, unknown> = { rank: v.rank, negativeList: [...new Set([...MANDATORY_NEGATIVE, ...chosen, ...extra])] };
      if (v.reason) body.reason = v.reason;
      return body;
    },
  }),
  FILE_CONTROL_PLAN: ({ reports, me, consultants }) => ({
    intro: '报送风险管控方案，转入风险管控阶段（D7 回执）。',
    fields: [
      reportField(reports, 'control_plan', { mineOnly: false, me }),
      {
        name: 'implementerOrganisationId', label: '风险管控工程实施单位（可选）', type: 'select', placeholder: '暂不指定',
        options: (consultants ?? []).map((o) => ({ value: o.id, label: o.name })),
        hint: '实施风险管控工程的单位不得再受委托开展效果评估（土壤法第六十五条）。',
      },
    ],
    payload: (v) => ({ reportId: v.reportId, ...(v.implementerOrganisationId ? { implementerOrganisationId: v.implementerOrganisationId } : {}) }),
  }),
  FILE_REMEDIATION_PLAN: reportRef('remediation_plan', '报送修复方案，待生态环境部门备案（D8 回执）。'),
  SUBMIT_MONITORING_REPORT: reportRef('monitoring', '报送风险管控定期监测报告（D7 回执）。'),
  ACKNOWLEDGE_FILING: noPayload('对土地使用权人报送的修复方案予以备案，之后可以开工。'),
  START_WORKS: ({ consultants }) => ({
    intro: '修复开工，须在施工现场设立公告牌，公开工程名称、施工单位、修复措施、联系方式和起止日期（土壤法第四十条，D9）。',
    fields: [
      { name: 'noticeBoard.project', label: '工程名称', required: true, maxLength: 200 },
      { name: 'noticeBoard.contractorOrganisationId', label: '施工单位', type: 'select', required: true, placeholder: '请选择已登记的机构', options: consultants.map((o) => ({ value: o.id, label: o.name })) },
      { name: 'noticeBoard.measures', label: '修复措施', type: 'textarea', required: true, maxLength: 2000, rows: 2 },
      { name: 'noticeBoard.contact', label: '联系方式', required: true, maxLength: 200 },
      { name: 'noticeBoard.startDate', label: '开工日期', type: 'date', required: true },
      {
        name: 'noticeBoard.endDate', label: '计划完工日期', type: 'date', required: true,
        validate: (v, all) => (isIsoDate(String(all['noticeBoard.startDate'] ?? '')) && String(v) < String(all['noticeBoard.startDate']) ? '完工日期不能早于开工日期' : null),
      },
    ],
    payload: (v) => ({
      noticeBoard: {
        project: v['noticeBoard.project'],
        contractorOrganisationId: v['noticeBoard.contractorOrganisationId'],
        measures: v['noticeBoard.measures'],
        contact: v['noticeBoard.contact'],
        startDate: v['noticeBoard.startDate'],
        endDate: v['noticeBoard.endDate'],
      },
    }),
  }),
  COMPLETE_WORKS: ({ plot }) => {
    const start = plot.context?.noticeBoard?.startDate;
    return {
      intro: '修复施工完成，进入效果评估。须本地块的污染土壤转运均已办结（土壤法第四十一条）。',
      fields: [{
        name: 'completedOn', label: '完工日期', type: 'date', required: true, max: today(), value: today(),
        hint: start ? `开工日期为 ${start}；完工日期不得早于开工日期，也不得晚于今天。` : '不得晚于今天。',
        validate: (v) => (String(v) > today() ? '完工日期不能晚于今天' : start && String(v) < start ? `完工日期不能早于开工日期 ${start}` : null),
      }],
      payload: (v) => ({ completedOn: v.completedOn }),
    };
  },
  REQUEST_EFFECT_EVALUATION: noPayload('风险管控措施已落实，申请开展效果评估。'),
  APPLY_REMOVAL: noPayload('效果评估达到目标且报告公开已满两个月：申请将地块移出名录，由所在地生态环境部门报送、省级生态环境主管部门会同自然资源主管部门审查（土壤法第六十六条，D12）。'),
};

/** A confirmation's title, its line or lines, and its tone. */
type Said = [title: string, lines: Question['lines'] | string, tone?: Question['tone']];
/** A form's values with the context, as the confirmations read them. */
interface ConfirmValues {
  [name: string]: unknown;
  ctx: EventFormContext;
}

/**
 * What follows each decision that issues a document or changes a stage, said before it is sent (the events of
 * review-forms.js say their own).
 */
const CONFIRMS: Record<string, (v: ConfirmValues) => Said> = {
  ISSUE_INVESTIGATION_NOTICE: (v) => ['确认下达调查通知', `下达后：系统出具土壤污染状况调查通知书（D2），土地使用权人须在 ${v.dueDate} 前完成调查。`],
  START_INVESTIGATION: () => ['确认启动初步调查', '启动后：地块进入初步调查阶段，由受委托的调查单位采样并编制报告。'],
  SUBMIT_REPORT: (v) => ['确认提交报告', Array.isArray(v.firstStageOnly) && v.firstStageOnly.length
    ? '提交后：报告作为第一阶段调查结论进入评审，系统出具报告备案回执；评审通过后地块调查结束，不再采样。'
    : '提交后：报告进入评审，系统出具报告备案回执；评审期间报告不能更换。'],
  APPROVE: ({ ctx }) => ['确认同意', approveOutcome(ctx.plot, ctx.workflow, { screening: ctx.screening, report: ctx.underReview, myRole: ctx.me?.role }, ctx.names ?? new Map())],
  RETURN: ({ ctx }) => ['确认退回', returnOutcome(ctx.plot, ctx.workflow), 'danger'],
  SET_PRIORITY: (v) => {
    const same = (v.ctx.ranksTaken ?? []).filter((r) => r.rank === v.rank);
    return ['确认优先控制次序', [`确认后：地块列入优先控制名录第 ${v.rank} 位，并公告开发利用负面清单（D6）。`,
      same.length ? `注意：第 ${v.rank} 位已由地块 ${same.map((r) => r.code).join('、')} 确定，确认后将有两个地块同为第 ${v.rank} 位。` : null]];
  },
  FILE_CONTROL_PLAN: () => ['确认报送风险管控方案', '报送后：地块进入风险管控阶段，系统出具方案备案回执（D7）。'],
  FILE_REMEDIATION_PLAN: () => ['确认报送修复方案', '报送后：由生态环境部门备案，系统出具方案备案回执（D8）。'],
  SUBMIT_MONITORING_REPORT: () => ['确认报送监测报告', '报送后：系统出具定期报告回执（D7）。'],
  ACKNOWLEDGE_FILING: () => ['确认备案', '备案后：土地使用权人可以开工修复。'],
  START_WORKS: () => ['确认开工', '确认后：地块进入修复施工阶段，系统出具施工公告牌（D9）。'],
  COMPLETE_WORKS: (v) => ['确认完成施工', `确认后：记录修复施工于 ${v.completedOn} 完成，地块进入效果评估阶段；效果评估须另行委托，不得委托施工单位（土壤法第六十五条）。`],
  REQUEST_EFFECT_EVALUATION: () => ['确认申请效果评估', '确认后：地块进入效果评估阶段。'],
  APPLY_REMOVAL: () => ['确认申请移出名录', '申请后：系统出具移出申请（D12），由主管部门审查。'],
};

/** A form for an event; one the console does not know yet is the event alone, without payload. */
export function formFor(type: string, ctx: EventFormContext): EventFormSpec {
  const make = EVENT_FORMS[type] ?? REVIEW_FORMS[type] ?? PART_TWO_FORMS[type];
  const spec: EventFormSpec = make ? make(ctx) : { intro: '此事项无需填写内容。', fields: [], payload: () => ({}) };
  const said = CONFIRMS[type];
  if (!spec.confirm && said) {
    spec.confirm = (values) => {
      const [title, line, tone] = said({ ...values, ctx });
      return { title, lines: ([] as (string | null | undefined | false)[]).concat(line), tone };
    };
  }
  return spec;
}

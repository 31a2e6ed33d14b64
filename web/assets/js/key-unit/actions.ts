// The actions a user may take on a key unit now (its allowedEvents), each a form; a report is uploaded before its event.
import { api, idempotencyKey } from '../api.js';
import { h, uid } from '../dom.js';
import { makeForm, type FieldSpec, type FieldValue, type Question, type Values } from '../forms.js';
import { today } from '../format.js';
import { CLOSURE_REASONS, DUTY_LABELS, DUTY_REPORT_KINDS, EVENT_LABELS, INVESTIGATED_BEFORE } from './labels.js';
import type { KeyUnit } from './sections.js';

const PDF: Pick<FieldSpec, 'type' | 'accept' | 'extensions' | 'hint'> = { type: 'file', accept: '.pdf,application/pdf', extensions: ['.pdf'], hint: 'PDF 文件，系统按内容核对并记录其 SHA-256。' };
const SAMPLES: Pick<FieldSpec, 'type' | 'accept' | 'extensions' | 'hint'> = {
  type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.csv', '.xlsx'],
  hint: 'CSV 或 Excel；须同时包括土壤和地下水样品，系统按第二类用地筛选值（GB 36600-2018）和地下水质量标准筛查。',
};
const notFuture = (v: FieldValue) => (String(v) > today() ? '日期不能晚于今天' : null);

// A refused event leaves its report uploaded: sent again with the same files, the form names that report again.
const uploaded = new WeakMap<File, { unitId: string | undefined; kind: string; samples: File | null; id: string }>();

/** What the page gives the cards: `done(message)` draws the page again; the lead time of a demolition plan. */
export interface ActionContext {
  done: (message: string) => void;
  leadDays: number;
}

/** One event's form: its fields, the confirmation, the event's payload from the values and the outcome's words. */
interface ActionForm {
  intro?: string;
  fields: FieldSpec[];
  confirm?: (values: Values) => Question;
  payload: (values: Values) => Promise<Record<string, unknown>>;
  done: (values: Values) => string;
}

/** POST /key-units/:id/reports: the report received (its id is named in the event). */
interface UploadedReport {
  id: string;
}

/** Uploads the report (its PDF and, for monitoring, its samples) for the unit; resolves to its id. */
async function uploadReport(unit: KeyUnit, kind: string, file: File, samples?: File | null): Promise<string> {
  const known = uploaded.get(file);
  if (known && known.unitId === unit.id && known.kind === kind && known.samples === (samples ?? null)) return known.id;
  const id = await sendReport(unit, kind, file, samples);
  uploaded.set(file, { unitId: unit.id, kind, samples: samples ?? null, id });
  return id;
}

async function sendReport(unit: KeyUnit, kind: string, file: File, samples?: File | null): Promise<string> {
  const data = new FormData();
  data.append('kind', kind);
  data.append('file', file, file.name);
  if (samples) data.append('samples', samples, samples.name);
  return (await api<UploadedReport>('POST', `/key-units/${unit.id}/reports`, data)).id;
}

function years(unit: KeyUnit): { value: string; label: string }[] {
  return Object.keys(unit.dutiesByYear ?? {}).sort().reverse().map((y) => ({ value: y, label: `${y} 年度` }));
}

/** The first year whose duty is not filed yet: the form's default choice. */
function firstOpenYear(unit: KeyUnit, duty: 'toxicDischarge' | 'bureauMonitoring'): string | undefined {
  const byYear = unit.dutiesByYear ?? {};
  return Object.keys(byYear).sort().find((y) => !byYear[y]?.[duty]?.filed);
}

const FORMS: Record<string, (unit: KeyUnit, ctx: ActionContext) => ActionForm> = {
  FILE_DUTY_REPORT: (unit) => ({
    intro: '选择义务和年度，上传报告的 PDF（自行监测须附样品数据），系统先接收文件再记录报送（土壤法第二十一条第二款）。',
    fields: [
      { name: 'duty', label: '义务', type: 'select', required: true, placeholder: '请选择', options: ['toxicDischarge', 'hiddenDangerInspection', 'selfMonitoring'].map((d) => ({ value: d, label: DUTY_LABELS[d] })) },
      { name: 'year', label: '年度', type: 'select', required: true, options: years(unit), value: firstOpenYear(unit, 'toxicDischarge') },
      { name: 'file', label: '报告（PDF）', required: true, ...PDF },
      { name: 'samples', label: '样品数据', required: true, when: (v) => v.duty === 'selfMonitoring', ...SAMPLES },
    ],
    payload: async (v) => ({
      duty: v.duty, year: Number(v.year),
      reportId: await uploadReport(unit, DUTY_REPORT_KINDS[String(v.duty)], v.file as File, v.duty === 'selfMonitoring' ? (v.samples as File | null) : null),
    }),
    done: (v) => `已报送${v.year} 年度${DUTY_LABELS[String(v.duty)]}。`,
  }),
  RECORD_BUREAU_MONITORING: (unit) => ({
    intro: '登记本部门对该单位周边土壤开展的年度监测（土壤法第二十一条第五款），上传监测报告，可附样品数据。',
    fields: [
      { name: 'year', label: '年度', type: 'select', required: true, options: years(unit), value: firstOpenYear(unit, 'bureauMonitoring') },
      { name: 'file', label: '监测报告（PDF）', required: true, ...PDF },
      { name: 'samples', label: '样品数据（可选）', ...SAMPLES, hint: 'CSV 或 Excel；系统按第二类用地筛选值筛查。' },
    ],
    payload: async (v) => ({ year: Number(v.year), reportId: await uploadReport(unit, DUTY_REPORT_KINDS.bureauMonitoring, v.file as File, v.samples as File | null) }),
    done: (v) => `已登记 ${v.year} 年度周边土壤监测。`,
  }),
  FILE_DEMOLITION_PLAN: (unit, ctx) => ({
    intro: '拆除设施、设备或建筑物、构筑物前，上传拆除活动土壤污染防治工作方案，报生态环境、工业和信息化主管部门备案（土壤法第二十二条第二款）。',
    fields: [
      { name: 'file', label: '工作方案（PDF）', required: true, ...PDF },
      {
        name: 'plannedStart', label: '计划拆除开工日期', type: 'date', required: true,
        hint: `须在开工前至少 ${ctx.leadDays} 个工作日报备（土壤法第二十二条第二款；节假日按工作日历扣除）。`,
        validate: (v) => (String(v) <= today() ? '计划开工日期应晚于今天' : null),
      },
    ],
    confirm: (v) => ({
      title: '确认报备拆除方案',
      lines: [
        `报备后：系统出具拆除活动土壤污染防治工作方案备案回执（D18），送区生态环境部门和工业和信息化部门；本单位进入“拆除方案已备案 · 待开工”，计划 ${v.plannedStart} 开工。`,
        `开工日距今不足 ${ctx.leadDays} 个工作日的，方案不予备案。`,
      ],
    }),
    payload: async (v) => ({ plannedStart: v.plannedStart, reportId: await uploadReport(unit, DUTY_REPORT_KINDS.demolitionPlan, v.file as File) }),
    done: (v) => `拆除方案已备案，计划 ${v.plannedStart} 开工；备案回执（D18）见下方备案文件。`,
  }),
  START_DEMOLITION: (unit) => {
    const plan = (unit.demolitions ?? []).find((d) => d.status === 'filed');
    return {
      intro: `按备案的工作方案开始拆除${plan ? `（计划开工日 ${plan.plannedStart}）` : ''}。`,
      fields: [],
      confirm: () => ({ title: '确认开始拆除', lines: ['确认后：本单位进入“拆除中”，拆除须按备案的土壤污染防治工作方案实施；拆除完成后请登记完成日期。'] }),
      payload: async () => ({}),
      done: () => '已记录开始拆除。',
    };
  },
  COMPLETE_DEMOLITION: () => ({
    fields: [{ name: 'completedOn', label: '拆除完成日期', type: 'date', required: true, value: today(), validate: notFuture }],
    confirm: (v) => ({ title: '确认拆除完成', lines: [`确认后：拆除活动于 ${v.completedOn} 完成，本单位回到“在名录中”，继续履行年度义务。`] }),
    payload: async (v) => ({ completedOn: v.completedOn }),
    done: (v) => `已记录拆除于 ${v.completedOn} 完成。`,
  }),
  RECORD_UNFILED_DEMOLITION: () => ({
    intro: '记录检查中发现的未备案工作方案的拆除活动（土壤法第二十二条第二款、第九十五条第一项）。',
    fields: [
      { name: 'observedOn', label: '发现日期', type: 'date', required: true, value: today(), validate: notFuture },
      { name: 'note', label: '现场情况', type: 'textarea', required: true, rows: 3, maxLength: 2000, wide: true },
    ],
    confirm: (v) => ({ title: '确认记录未备案拆除', lines: [`确认后：${v.observedOn} 发现的未备案拆除作为违法行为记入本单位档案并列入待办，记录不能撤销。`], tone: 'danger' }),
    payload: async (v) => ({ observedOn: v.observedOn, note: v.note }),
    done: () => '已记录未备案拆除。',
  }),
  CLOSE: (unit) => ({
    intro: '记录本单位关闭、搬迁、破产，或其生产经营用地用途变更、土地使用权收回或转让（土壤法第六十七条）。',
    fields: [
      { name: 'reason', label: '原因', type: 'select', required: true, placeholder: '请选择', options: CLOSURE_REASONS },
      { name: 'on', label: '日期', type: 'date', required: true, value: today(), validate: notFuture },
      { name: 'note', label: '说明（可选）', type: 'textarea', rows: 2, maxLength: 2000, wide: true },
    ],
    confirm: (v) => {
      const reason = CLOSURE_REASONS.find((r) => r.value === v.reason)?.label ?? '';
      const before = INVESTIGATED_BEFORE.includes(String(v.reason));
      return {
        title: `确认记录${reason}`,
        lines: [
          `确认后：本单位于 ${v.on} ${reason}，状态为“已关闭 · 场地待调查”。`,
          `场地将登记为疑似污染地块“${unit.name}场地”（编码 KU-${unit.creditCode}），进入土壤污染状况调查，系统出具登记表（D1）${before ? '；用途变更、收回或转让前须完成调查' : ''}。`,
        ],
      };
    },
    payload: async (v) => (v.note ? { reason: v.reason, on: v.on, note: v.note } : { reason: v.reason, on: v.on }),
    done: () => '已记录，场地已登记为疑似污染地块，见下方“关闭与场地”。',
  }),
  REMOVE: () => ({
    fields: [
      { name: 'on', label: '移出日期', type: 'date', required: true, value: today(), validate: notFuture },
      { name: 'reason', label: '移出理由', type: 'textarea', required: true, rows: 2, maxLength: 1000, wide: true },
    ],
    confirm: (v) => ({
      title: '确认移出重点监管单位名录',
      lines: [`确认后：本单位自 ${v.on} 移出重点监管单位名录，不再履行年度义务，也不再在名录中公开；移出不能撤销。理由：${v.reason}`],
      tone: 'danger',
    }),
    payload: async (v) => ({ reason: v.reason, on: v.on }),
    done: () => '已移出重点监管单位名录。',
  }),
};

/** One card per event the user may send now; `done(message)` draws the page again with the outcome. */
export function unitActionCards(unit: KeyUnit, ctx: ActionContext): HTMLElement[] {
  return (unit.allowedEvents ?? []).filter((type) => FORMS[type]).map((type) => {
    const spec = FORMS[type](unit, ctx);
    const label = EVENT_LABELS[type];
    const headingId = uid('ku');
    const form = makeForm({
      dataset: { event: type },
      intro: spec.intro,
      fields: spec.fields,
      confirm: spec.confirm,
      submitLabel: label,
      onSubmit: async (values) => {
        // The key is fixed before the upload, so a retried submission of the same event counts once.
        const key = idempotencyKey();
        const body = { type, expectedVersion: unit.version, ...(await spec.payload(values)) };
        await api('POST', `/key-units/${unit.id}/events`, body, { 'Idempotency-Key': key });
        ctx.done(spec.done(values));
      },
    });
    if (type === 'REMOVE') form.querySelector('button[type="submit"]')?.classList.replace('btn-primary', 'btn-danger');
    return h('article', { class: ['action-card', spec.confirm && 'action-decision'], 'aria-labelledby': headingId, dataset: { event: type } },
      h('h3', { id: headingId }, label), form);
  });
}

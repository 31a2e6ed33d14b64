// The forms of part 2 of the law (workflows/plot-lifecycle/v2/events.ts, src/engine/dto/plot-events-v2.dto.ts):
// 收回 and 转让 of the land-use right, the responsible party, reopening a plot that left the procedure, aftercare and
// the control zone of a plot not developed for now. Each confirmation says who answers for the plot afterwards.
import type { FieldSpec, FieldValue, Option, Values } from '../forms.js';
import { dateTime, AFTERCARE_KIND_LABELS, labelOf as labelIn, REPORT_KIND_LABELS, SENSITIVE_USES, today, ZONE_MEDIUM_LABELS } from '../format.js';
import type { EventFormContext, EventFormMaker } from './event-forms.js';
import type { Plot, PlotContext } from './types.js';

const DATE_HINT = '按北京时间，不能晚于今天';
const notFuture = (v: FieldValue) => (String(v) > today() ? '日期不能晚于今天' : null);
const yesNo = (yes: string, no: string): Option[] => [{ value: 'true', label: yes }, { value: 'false', label: no }];

/** The registered holders other than the plot's own: land-reserve centres, transferees, responsible parties. */
function holderOptions(ctx: EventFormContext, { exceptHolder = true }: { exceptHolder?: boolean } = {}): Option[] {
  return (ctx.holders ?? [])
    .filter((o) => !exceptHolder || o.id !== ctx.plot.holderOrganisationId)
    .map((o) => ({ value: o.id, label: o.name }));
}

/** The officer's own bureau first, labelled as such, then the registered holders. */
function ownBureauAndHolders(ctx: EventFormContext, bureauWord: string, holderWord: string): Option[] {
  const own: Option[] = ctx.me.organisationId ? [{ value: ctx.me.organisationId, label: `${ctx.me.organisationName ?? bureauWord}（本局）` }] : [];
  return [...own, ...holderOptions(ctx).map((o) => ({ ...o, label: `${o.label}（${holderWord}）` }))];
}

function labelOf(options: readonly Option[], value: FieldValue | undefined): string {
  return options.find((o) => String(o.value) === String(value))?.label.replace(/（[^（）]*）$/, '') ?? '所选单位';
}

/** This plot's reports of one kind, newest first, as select options. */
function reportOptions(ctx: EventFormContext, kind: string): Option[] {
  return (ctx.reports ?? []).filter((r) => r.kind === kind).slice().reverse()
    .map((r) => ({ value: r.id, label: `${labelIn(REPORT_KIND_LABELS, r.kind) ?? '报告'} · ${r.fileName} · ${dateTime(r.createdAt)}` }));
}

function monitoringField(ctx: EventFormContext, name: string, label: string, hint: string, extra: Partial<FieldSpec> = {}): FieldSpec {
  const options = reportOptions(ctx, 'monitoring');
  return {
    name, label, type: 'select', required: true, options, value: options[0]?.value,
    placeholder: options.length ? undefined : '（尚无定期监测报告）',
    hint: options.length ? hint : `${hint}${ctx.me.role === 'eeb' ? '请先在“上传报告”中上传本部门的监测报告，或由承担义务的单位上传。' : '请先在“上传报告”中上传定期监测报告。'}`,
    ...extra,
  };
}

/** The duty bearer of the control part, by name (the plot view's `parties`). */
function controlBearer(plot: Plot): string {
  return plot.parties?.controlDuty?.name ?? plot.holderOrganisationName ?? '土地使用权人';
}

const takeBack: EventFormMaker = (ctx) => {
  const organisers = ownBureauAndHolders(ctx, '自然资源主管部门', '土地储备机构');
  return {
    intro: '记录人民政府收回本地块土地使用权的决定。收回后由土地储备机构或地块所在地自然资源主管部门组织调查；原土地使用权人为土壤污染责任人的，由地方人民政府组织实施风险管控和修复（土壤法第六十八条）。',
    fields: [
      { name: 'documentNumber', label: '收回决定文号', required: true, maxLength: 100, placeholder: '如 上政土收〔2026〕3号', hint: '人民政府收回土地使用权的决定文号（土壤法第六十八条）。' },
      { name: 'decidedOn', label: '收回决定日期', type: 'date', required: true, value: today(), hint: DATE_HINT, validate: notFuture },
      {
        name: 'organiserOrganisationId', label: '收回后组织调查的单位', type: 'select', required: true, placeholder: '请选择', options: organisers,
        hint: '土地储备机构（已登记的土地使用权人单位）或地块所在地的自然资源主管部门；不能是被收回土地使用权的单位（土壤法第六十八条）。',
      },
      {
        name: 'formerHolderResponsible', label: '原土地使用权人是否为土壤污染责任人', type: 'radio', required: true,
        options: yesNo('是土壤污染责任人', '不是或尚未认定'),
        hint: '是的，由地方人民政府组织实施风险管控和修复（土壤法第六十八条）；尚未认定的，可在认定后另行记录（第四十八条）。',
      },
    ],
    payload: (v) => ({
      documentNumber: v.documentNumber, decidedOn: v.decidedOn, organiserOrganisationId: v.organiserOrganisationId,
      formerHolderResponsible: v.formerHolderResponsible === 'true',
    }),
    confirm: (v) => ({
      title: '确认记录土地使用权收回',
      lines: [
        `收回后：地块的调查由${labelOf(organisers, v.organiserOrganisationId)}组织，原土地使用权人不再办理本地块事项，但仍列为原权利人；系统出具权利人及责任主体变更记录（D15）。`,
        v.formerHolderResponsible === 'true'
          ? '原土地使用权人为土壤污染责任人：风险管控和修复由地方人民政府组织实施（土壤法第六十八条），原土地使用权人列为土壤污染责任人。'
          : '风险管控和修复：已认定的其他责任人继续承担；未认定的，由组织调查的单位承担。',
      ],
      tone: 'danger',
    }),
  };
};

const transfer: EventFormMaker = (ctx) => {
  const holders = holderOptions(ctx);
  return {
    intro: '记录本地块土地使用权的转让。转让后由受让人或双方约定的责任人承担相关责任（《污染地块土壤环境管理办法（试行）》责任主体规定）。',
    fields: [
      { name: 'contractNumber', label: '转让合同编号', required: true, maxLength: 100, hint: '土地使用权转让合同的编号。' },
      { name: 'transferredOn', label: '转让日期', type: 'date', required: true, value: today(), hint: DATE_HINT, validate: notFuture },
      {
        name: 'transfereeOrganisationId', label: '受让人', type: 'select', required: true, placeholder: '请选择已登记的土地使用权人', options: holders,
        hint: '受让人须是系统中已登记的土地使用权人单位，且不能是转让方本身。',
      },
      {
        name: 'agreedResponsibleOrganisationId', label: '合同约定的责任人（可选）', type: 'select', placeholder: '合同未约定（由受让人承担）', options: holders,
        hint: '转让合同约定由其他单位承担土壤污染相关责任的，选择该单位（42号令责任主体规定）。',
      },
    ],
    payload: (v) => ({
      contractNumber: v.contractNumber, transferredOn: v.transferredOn, transfereeOrganisationId: v.transfereeOrganisationId,
      ...(v.agreedResponsibleOrganisationId ? { agreedResponsibleOrganisationId: v.agreedResponsibleOrganisationId } : {}),
    }),
    confirm: (v) => ({
      title: '确认记录土地使用权转让',
      lines: [`转让后：${labelOf(holders, v.transfereeOrganisationId)}成为土地使用权人；地块的调查、风险管控和修复由${v.agreedResponsibleOrganisationId ? `合同约定的${labelOf(holders, v.agreedResponsibleOrganisationId)}` : '受让人'}承担。原土地使用权人不再办理本地块事项，但仍列为原权利人；系统出具权利人及责任主体变更记录（D15）。`],
    }),
  };
};

const responsibleParty: EventFormMaker = (ctx) => {
  const parties = holderOptions(ctx, { exceptHolder: false });
  const organisers = ownBureauAndHolders(ctx, '生态环境主管部门', '土地储备机构或其他单位');
  return {
    intro: '记录生态环境主管部门会同自然资源主管部门对土壤污染责任人的认定（土壤法第四十八条）。责任人负有实施风险管控和修复的义务；无法认定的，由土地使用权人实施（第四十五条第一款）。',
    fields: [
      {
        name: 'status', label: '认定结果', type: 'radio', required: true,
        options: [{ value: 'identified', label: '已认定责任人' }, { value: 'unidentifiable', label: '无法认定' }, { value: 'extinct', label: '责任主体灭失' }],
        hint: '无法认定的，风险管控和修复由土地使用权人实施（土壤法第四十五条第一款）。',
      },
      {
        name: 'organisationId', label: '被认定为土壤污染责任人的单位', type: 'select', required: true, placeholder: '请选择已登记的单位', options: parties,
        when: (v) => v.status === 'identified', hint: '须是系统中已登记的单位（土壤法第四十八条）。',
      },
      {
        name: 'organiserOrganisationId', label: '代表所在地人民政府组织实施的单位', type: 'select', required: true, placeholder: '请选择', options: organisers,
        when: (v) => v.status === 'extinct', hint: '责任主体灭失的，由所在地人民政府承担相关责任，并指定组织实施的单位（土壤法第四十五条第二款）。',
      },
      { name: 'documentNumber', label: '认定文书文号', required: true, maxLength: 100, placeholder: '如 上环认〔2026〕2号' },
      { name: 'decidedOn', label: '认定日期', type: 'date', required: true, value: today(), hint: DATE_HINT, validate: notFuture },
    ],
    payload: (v) => ({
      status: v.status, documentNumber: v.documentNumber, decidedOn: v.decidedOn,
      ...(v.status === 'identified' ? { organisationId: v.organisationId } : {}),
      ...(v.status === 'extinct' ? { organiserOrganisationId: v.organiserOrganisationId } : {}),
    }),
    confirm: (v) => ({
      title: '确认记录责任人认定',
      lines: [({
        identified: `记录后：${labelOf(parties, v.organisationId)}为土壤污染责任人，承担本地块的风险管控和修复（土壤法第四十五条第一款）；其土地使用权已被收回的，由地方人民政府组织实施（第六十八条）。调查仍由土地使用权人办理。`,
        unidentifiable: '记录后：土壤污染责任人无法认定，风险管控和修复由土地使用权人实施（土壤法第四十五条第一款）。',
        extinct: `记录后：责任主体灭失，风险管控和修复由${labelOf(organisers, v.organiserOrganisationId)}代表所在地人民政府组织实施。`,
      } as Record<string, string>)[String(v.status)]],
    }),
  };
};

const reopen: EventFormMaker = (ctx) => ({
  intro: '已移出名录或不属于污染地块的地块，因用途变更为住宅、公共管理与公共服务用地（土壤法第五十九条第二款），或发现新的污染证据，重新启动土壤污染状况调查。此前的报告、决定和办理记录全部保留。',
  fields: [
    {
      name: 'reason', label: '重新启动的原因', type: 'radio', required: true,
      options: [{ value: 'useChange', label: '用途变更为住宅、公共管理与公共服务用地' }, { value: 'newEvidence', label: '发现新的污染证据' }],
    },
    {
      name: 'plannedUse', label: '变更后的规划用途', type: 'select', required: true, placeholder: '请选择', when: (v) => v.reason === 'useChange',
      options: SENSITIVE_USES.map((u) => ({ value: u, label: u })),
      hint: '住宅、公共管理与公共服务用地或其下属用途；变更前应当进行土壤污染状况调查（土壤法第五十九条第二款）。',
    },
    monitoringField(ctx, 'evidenceReportId', '新的污染证据（定期监测报告）', '本地块已上传的监测报告，其样品检测结果须超过筛选值。', { when: (v) => v.reason === 'newEvidence' }),
    { name: 'note', label: '理由', type: 'textarea', required: true, rows: 2, maxLength: 2000, hint: '如 控规调整为二类居住用地；例行监测发现地下水超标。' },
  ],
  payload: (v) => ({
    reason: v.reason, note: v.note,
    ...(v.reason === 'useChange' ? { plannedUse: v.plannedUse } : {}),
    ...(v.reason === 'newEvidence' ? { evidenceReportId: v.evidenceReportId } : {}),
  }),
  confirm: (v) => ({
    title: '确认重新启动调查',
    lines: [
      '重新启动后：地块回到初步调查阶段，由调查单位重新采样调查并提交评审；原准予的用地类别不再有效，此前的报告、决定和办理记录保留；系统出具重新启动调查通知（D16）。',
      v.reason === 'useChange' ? `规划用途改为“${v.plannedUse}”，样品按其用地类别的筛选值评价。` : null,
    ],
    tone: 'danger',
  }),
});

const addAftercare: EventFormMaker = (ctx) => ({
  intro: '风险管控、修复活动完成后需要实施后期管理的，设定后期管理要求及其期限，由承担义务的单位履行并报告（土壤法第四十二条第三款）。',
  fields: [
    {
      name: 'kind', label: '后期管理类型', type: 'radio', required: true,
      options: Object.entries(AFTERCARE_KIND_LABELS).map(([value, label]) => ({ value, label })),
      hint: '长期监测须以监测报告履行；制度控制（如限制开采地下水）须说明落实情况。',
    },
    { name: 'description', label: '后期管理内容', type: 'textarea', required: true, rows: 2, maxLength: 1000, placeholder: '如 地下水长期监测（每半年一次）' },
    {
      name: 'dueOn', label: '履行期限', type: 'date', required: true, hint: '须晚于今天（土壤法第四十二条第三款）。',
      validate: (v) => (String(v) <= today() ? '期限须晚于今天' : null),
    },
    { name: 'restriction', label: '使用限制（可选）', maxLength: 500, placeholder: '如 禁止开采浅层地下水', hint: '写明的限制在供地核查时一并提示。' },
  ],
  payload: (v) => ({ kind: v.kind, description: v.description, dueOn: v.dueOn, ...(v.restriction ? { restriction: v.restriction } : {}) }),
  confirm: (v) => ({
    title: '确认设定后期管理要求',
    lines: [`设定后：${controlBearer(ctx.plot)}须在 ${v.dueOn} 前履行并报告；履行完毕前，地块保留在其待办事项中（土壤法第四十二条第三款）；系统出具后期管理要求（D17）。`],
  }),
});

const fulfilAftercare: EventFormMaker = (ctx) => {
  const list = ctx.plot.context?.aftercare ?? [];
  const open = list.map((o, index) => ({ o, index })).filter(({ o }) => !o.fulfilledOn);
  const kindOf = (v: Values) => list[Number(v.index)]?.kind;
  return {
    intro: '报告后期管理要求的履行情况（土壤法第四十二条第三款）。长期监测须附本地块已上传的监测报告。',
    fields: [
      {
        name: 'index', label: '后期管理要求', type: 'select', required: true, value: open[0] ? String(open[0].index) : undefined,
        placeholder: open.length ? undefined : '（没有未履行的要求）',
        options: open.map(({ o, index }) => ({ value: String(index), label: `${o.description}（${labelIn(AFTERCARE_KIND_LABELS, o.kind) ?? ''}，期限 ${o.dueOn}）` })),
      },
      monitoringField(ctx, 'reportId', '监测报告', '本地块已上传的定期监测报告。', { when: (v) => kindOf(v) === 'monitoring' }),
      { name: 'note', label: '履行情况', type: 'textarea', rows: 2, maxLength: 2000, hint: '制度控制类须说明落实情况。' },
    ],
    extraCheck: (_form, v) => (kindOf(v) === 'institutionalControl' && !v.note ? [{ field: 'note', message: '制度控制类须说明落实情况' }] : []),
    payload: (v) => ({ index: Number(v.index), note: v.note ?? '', ...(kindOf(v) === 'monitoring' && v.reportId ? { reportId: v.reportId } : {}) }),
    confirm: (v) => ({
      title: '确认已履行',
      lines: [`报告后：“${list[Number(v.index)]?.description ?? ''}”记为已履行，其期限关闭；其余未履行的要求继续保留在待办事项中。`],
    }),
  };
};

const MEDIA = Object.entries(ZONE_MEDIUM_LABELS);
/** The media chosen in the control zone form. */
const mediaOf = (v: Values): string[] => (Array.isArray(v.media) ? v.media : []);

const placeUnderControlZone: EventFormMaker = () => ({
  intro: '暂不开发利用的地块划定管控区域：设立标识、发布公告，并定期监测管控区域及周边的环境（土壤法第六十三条第一项；上政文〔2017〕147号 三（四）2）。管控期间只能实施风险管控工程。',
  fields: [
    { name: 'noticeNumber', label: '管控区域公告文号', required: true, maxLength: 100, placeholder: '如 上环告〔2026〕5号' },
    { name: 'signsPostedOn', label: '设立标识日期', type: 'date', required: true, value: today(), hint: DATE_HINT, validate: notFuture },
    {
      name: 'media', label: '监测的环境要素', type: 'checkboxes', required: true, value: ['soil', 'groundwater'],
      options: MEDIA.map(([value, label]) => ({ value, label })),
      hint: '勾选须定期监测的环境要素，并填写各自的监测周期。',
    },
    ...MEDIA.map(([medium, label]): FieldSpec => ({
      name: `interval.${medium}`, label: `${label}监测周期（月）`, type: 'number', required: true, integer: true, min: 1, max: 60, step: 1, inputmode: 'numeric',
      value: medium === 'groundwater' ? 6 : 12, when: (v) => mediaOf(v).includes(medium), hint: '1–60 个月；下次监测期限自设立标识之日起算。',
    })),
  ],
  payload: (v) => ({
    noticeNumber: v.noticeNumber, signsPostedOn: v.signsPostedOn,
    monitoring: mediaOf(v).map((medium) => ({ medium, intervalMonths: v[`interval.${medium}`] })),
  }),
  extraLabels: { monitoring: '监测的环境要素' },
  confirm: (v) => ({
    title: '确认划定管控区域',
    lines: [`划定后：地块暂不开发利用，只能实施风险管控工程；${mediaOf(v).map((m) => `${labelIn(ZONE_MEDIUM_LABELS, m)}每 ${v[`interval.${m}`]} 个月`).join('、')}监测一次，到期前报送监测报告；系统发布管控区域公告（D17）。`],
  }),
});

const recordZoneMonitoring: EventFormMaker = (ctx) => {
  const planned = ctx.plot.context?.controlZone?.monitoring ?? [];
  return {
    intro: '报送管控区域的环境监测报告；报送后该环境要素的下次监测期限按监测周期顺延。',
    fields: [
      {
        name: 'medium', label: '环境要素', type: 'select', required: true, value: planned[0]?.medium,
        options: planned.map((m) => ({ value: m.medium, label: `${labelIn(ZONE_MEDIUM_LABELS, m.medium) ?? '—'}（每 ${m.intervalMonths} 个月，下次 ${m.nextDueOn}）` })),
      },
      monitoringField(ctx, 'reportId', '监测报告', '本地块已上传的定期监测报告。'),
    ],
    payload: (v) => ({ medium: v.medium, reportId: v.reportId }),
    confirm: (v) => {
      const m = planned.find((x) => x.medium === v.medium);
      return { title: '确认报送监测报告', lines: [`报送后：${labelIn(ZONE_MEDIUM_LABELS, v.medium) ?? ''}的下次监测期限为今天起 ${m?.intervalMonths ?? ''} 个月后。`] };
    },
  };
};

export const PART_TWO_FORMS: Record<string, EventFormMaker> = {
  TAKE_BACK: takeBack,
  TRANSFER: transfer,
  RECORD_RESPONSIBLE_PARTY: responsibleParty,
  REOPEN: reopen,
  ADD_AFTERCARE: addAftercare,
  FULFIL_AFTERCARE: fulfilAftercare,
  PLACE_UNDER_CONTROL_ZONE: placeUnderControlZone,
  RECORD_ZONE_MONITORING: recordZoneMonitoring,
};

/** 第一阶段调查 (HJ 25.1-2019): offered only where the law allows ending without samples (土壤法第五十九条). */
export function firstStageAllowed(plot: Plot): boolean {
  const c: PlotContext = plot.context ?? {};
  return plot.state === 'investigation.preliminary.drafting' && c.registrationReason !== undefined && c.registrationReason !== 'suspected'
    && (Array.isArray(c.reopenings) ? c.reopenings : []).length === 0;
}

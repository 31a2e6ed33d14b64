// Sample filing records, one per document kind and variant, with the demo
// demo organisations. Dates are fixed so renders are reproducible.
import { createHash } from 'node:crypto';
import type {
  AnalyteScreening, Decision, DetailsByKind, DocumentKind, FilingEnvelope, FilingRecord, FilingRecordBase,
  FilingRecordOf, PlotDocumentKind, ReportRef, Signatory,
} from './filing-record';
import { monitoringCampaignRecord } from './d19-monitoring-campaign.fixture';

export const ORG = {
  eeb: '郑州市生态环境局上街分局',
  land: '郑州市上街区自然资源局',
  eebDestination: '荥阳市生态环境局',
  holder: '上街区某铝业有限公司',
  consultant: '某环境调查评估有限公司',
  evaluator: '某修复效果评估有限公司',
  contractor: '某环境修复工程有限公司',
  reserve: '郑州市上街区土地储备中心',
  holder2: '某置业有限公司',
} as const;

const VERIFY_BASE = 'http://localhost:3000/public/verify/';

const PLOT: FilingRecordBase['plot'] = {
  code: '410106-2026-0003',
  name: '上街区原某铝业厂区地块',
  address: '河南省郑州市上街区中心路以北、淮阳路以东',
  jurisdictionCode: '410106',
  jurisdictionName: '郑州市上街区',
  areaM2: 48215.37,
  plannedLandClass: 1,
  holderOrganisation: ORG.holder,
};

const EEB_OFFICER: Decision['by'] = { name: '王建国', role: 'eeb', roleLabel: '生态环境局审查人员', organisation: ORG.eeb };
const LAND_OFFICER: Decision['by'] = { name: '李秀兰', role: 'land', roleLabel: '自然资源局审查人员', organisation: ORG.land };
const HOLDER_AGENT: Decision['by'] = { name: '赵明', role: 'holder', roleLabel: '土地使用权人经办人', organisation: ORG.holder };

const LAW = {
  art59: '《中华人民共和国土壤污染防治法》第五十九条',
  art60: '《中华人民共和国土壤污染防治法》第六十条、第六十一条',
  art62: '《中华人民共和国土壤污染防治法》第六十二条、第六十三条',
  art64: '《中华人民共和国土壤污染防治法》第六十四条',
  art40: '《中华人民共和国土壤污染防治法》第四十条',
  art41: '《中华人民共和国土壤污染防治法》第四十一条',
  art65: '《中华人民共和国土壤污染防治法》第六十五条',
  art66: '《中华人民共和国土壤污染防治法》第六十六条',
  order42: '《污染地块土壤环境管理办法（试行）》（原环境保护部令第42号）',
  parties: '《中华人民共和国土壤污染防治法》第四十五条、第四十七条、第四十八条、第六十八条',
  art42: '《中华人民共和国土壤污染防治法》第四十二条第三款',
  art59b: '《中华人民共和国土壤污染防治法》第五十九条第一款、第二款',
  zone: '上政文〔2017〕147号 三（四）2',
  gb36600: '《土壤环境质量 建设用地土壤污染风险管控标准（试行）》（GB 36600-2018）',
};

function report(kindLabel: string, fileName: string, author: string, uploadedAt: string): ReportRef {
  const sha256 = createHash('sha256').update(fileName).digest('hex');
  return { kindLabel, fileName, sha256, authorOrganisation: author, uploadedAt };
}

export const SAMPLE_ANALYTES: AnalyteScreening[] = [
  { name: '砷', cas: '7440-38-2', max: 86.4, screeningValue: 20, interventionValue: 120, nAboveScreening: 7, nAboveIntervention: 0, factor: 4.32 },
  { name: '镉', cas: '7440-43-9', max: 12.5, screeningValue: 20, interventionValue: 47, nAboveScreening: 0, nAboveIntervention: 0, factor: 0.625 },
  { name: '铅', cas: '7439-92-1', max: 1250, screeningValue: 400, interventionValue: 800, nAboveScreening: 5, nAboveIntervention: 2, factor: 3.125 },
  { name: '苯并[a]芘', cas: '50-32-8', max: 3.6, screeningValue: 0.55, interventionValue: 5.5, nAboveScreening: 4, nAboveIntervention: 0, factor: 6.545 },
  { name: '石油烃（C10-C40）', cas: '—', max: 1530, screeningValue: 826, interventionValue: 5000, nAboveScreening: 2, nAboveIntervention: 0, factor: 1.852 },
];

type Common = FilingEnvelope & { plot?: FilingRecordBase['plot'] };

// Recomputes the digest over the record without its digest fields; the
// application has its own canonical form, this only has to be stable here.
export function withDigest<R extends FilingRecord>(record: R): R {
  const { digest: _digest, verifyUrl: _url, ...rest } = record;
  const digest = createHash('sha256').update(JSON.stringify(rest)).digest('hex');
  return { ...record, digest, verifyUrl: `${VERIFY_BASE}${digest}` };
}

// 签发人 when an officer decided; 填报单位 when the holder filed (no bureau officer signs a holder's filing).
export function signatoryOf(by: Decision['by']): Signatory {
  return by.role === 'holder' || by.role === 'consultant'
    ? { kind: 'filed', label: by.role === 'holder' ? '填报单位' : '报送单位', organisation: by.organisation, name: by.name }
    : { kind: 'signed', name: by.name, organisation: by.organisation };
}

function envelope(n: number, number: string, issuedAt: string, decision: Decision, over: Partial<Common> = {}): Common {
  return {
    signatory: signatoryOf(decision.by),
    id: `5b0e6f2c-8d4a-4e1b-9c3f-${String(n).padStart(12, '0')}`,
    number,
    year: Number(issuedAt.slice(0, 4)),
    issuer: { name: ORG.eeb, jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' },
    addressees: [ORG.holder],
    issuedAt,
    decision,
    reports: [],
    legalBasis: [LAW.order42],
    digest: '',
    verifyUrl: '',
    plot: PLOT,
    ...over,
  };
}

function decision(text: string, by: Decision['by'], at: string, reason?: string): Decision {
  return reason ? { text, reason, by, at } : { text, by, at };
}

function plotRecord<K extends PlotDocumentKind>(
  kind: K, common: Common, stage: FilingRecordBase['stage'], details: DetailsByKind[K],
): FilingRecordOf<K> {
  return withDigest({ ...common, plot: common.plot ?? PLOT, stage, kind, details } as unknown as FilingRecordOf<K>);
}

const STAGE = {
  suspected: { state: 'suspected', label: '疑似污染地块' },
  prelimReview: { state: 'investigation.preliminary.underReview', label: '初步调查 · 评审中' },
  detailedDrafting: { state: 'investigation.detailed.drafting', label: '详细调查 · 编制中' },
  riskReview: { state: 'riskAssessment.underReview', label: '风险评估 · 评审中' },
  prioritization: { state: 'listed.prioritization', label: '纳入名录 · 优先控制名录' },
  awaitingPlan: { state: 'listed.awaitingPlan', label: '待报送方案' },
  riskControl: { state: 'listed.riskControl', label: '风险管控' },
  planFiled: { state: 'listed.remediation.planFiled', label: '治理与修复 · 方案已备案' },
  inProgress: { state: 'listed.remediation.inProgress', label: '治理与修复 · 施工中' },
  evaluationReview: { state: 'listed.effectEvaluation.underReview', label: '效果评估 · 评审中' },
  removalReview: { state: 'listed.removalReview', label: '申请移出名录 · 审查中' },
  released: { state: 'released', label: '移出名录 · 准予按规划用途开发利用' },
  prelimDrafting: { state: 'investigation.preliminary.drafting', label: '初步调查 · 编制中' },
  awaitingRemoval: { state: 'listed.awaitingRemoval', label: '待申请移出名录' },
} as const;

const REPORTS = {
  preliminary: report('土壤污染状况初步调查报告', '上街区原某铝业厂区地块初步调查报告.pdf', ORG.consultant, '2026-05-12T03:20:00Z'),
  detailed: report('土壤污染状况详细调查报告', '上街区原某铝业厂区地块详细调查报告（终稿）.pdf', ORG.consultant, '2026-07-02T06:45:00Z'),
  risk: report('土壤污染风险评估报告', '风险评估报告.pdf', ORG.consultant, '2026-08-20T02:10:00Z'),
  controlPlan: report('风险管控方案', '风险管控方案.pdf', ORG.consultant, '2026-09-03T01:00:00Z'),
  monitoring: report('风险管控定期报告', '2026年度风险管控监测报告.pdf', ORG.consultant, '2026-12-10T08:00:00Z'),
  remediationPlan: report('修复方案', '治理与修复方案.pdf', ORG.consultant, '2026-09-10T01:30:00Z'),
  evaluation: report('效果评估报告', '风险管控与修复效果评估报告.pdf', ORG.evaluator, '2027-03-15T02:00:00Z'),
};

const BUILDERS: { [K in DocumentKind]: () => FilingRecordOf<K> } = {
  D1: () => plotRecord('D1',
    envelope(1, '上环土登〔2026〕0003号', '2026-03-02T02:00:00Z', decision('列入疑似污染地块名单', EEB_OFFICER, '2026-03-02T01:40:00Z', '原有色金属冶炼企业，属42号令第二条所列行业'), {
      addressees: [ORG.holder, ORG.land], legalBasis: [LAW.order42, '《中华人民共和国土壤污染防治法》第五十九条第一款'],
    }), STAGE.suspected, {
      formerIndustry: '有色金属冶炼（铝冶炼，1987—2019年）', currentUse: '闲置厂房，已停产', plannedUse: '居住用地（R2 二类居住用地）',
      registrationGround: '《污染地块土壤环境管理办法（试行）》第二条：曾从事有色金属冶炼的企业用地',
      boundary: { vertexCount: 14, centroid: { lon: 113.293451, lat: 34.808712 } }, registeringBody: ORG.eeb,
    }),
  D2: () => plotRecord('D2',
    envelope(2, '上环土调〔2026〕0007号', '2026-03-10T02:00:00Z', decision('责令开展土壤污染状况调查', EEB_OFFICER, '2026-03-10T01:30:00Z'), {
      legalBasis: [LAW.art59, LAW.order42],
    }), STAGE.suspected, {
      dueDate: '2026-06-30',
      requirements: '按照《建设用地土壤污染状况调查技术导则》（HJ 25.1-2019）和《建设用地土壤污染风险管控和修复监测技术导则》（HJ 25.2-2019）开展初步调查，布点应覆盖原电解车间、阳极焙烧车间、渣场及污水处理站等重点区域；调查报告应附样品检测数据（EDD）及质量控制报告。',
    }),
  D3: () => plotRecord('D3',
    envelope(3, '上环土备〔2026〕0012号', '2026-06-05T02:00:00Z', decision('准予备案；样品超过筛选值，进入详细调查', EEB_OFFICER, '2026-06-04T08:10:00Z'), {
      reports: [REPORTS.preliminary], legalBasis: [LAW.art59, LAW.gb36600],
    }), STAGE.detailedDrafting, {
      stage: 'preliminary', screening: { landClass: 1, verdict: 'above_intervention', sampleCount: 86, analytes: SAMPLE_ANALYTES },
    }),
  D4: () => plotRecord('D4',
    envelope(4, '上环土评〔2026〕0005号', '2026-06-04T08:30:00Z', decision('同意通过评审', EEB_OFFICER, '2026-06-04T08:10:00Z'), {
      reports: [REPORTS.preliminary], legalBasis: [LAW.art59],
    }), STAGE.prelimReview, {
      variant: 'approved', reportLabel: '土壤污染状况初步调查报告',
      opinion: '报告布点、采样和检测符合技术导则要求，结论可信。同意通过评审。',
      reviewers: [
        { bureau: ORG.eeb, roleLabel: '生态环境', approved: true, by: '王建国', at: '2026-06-04T08:10:00Z', opinion: '同意' },
        { bureau: ORG.land, roleLabel: '自然资源', approved: true, by: '李秀兰', at: '2026-06-03T07:00:00Z', opinion: '同意' },
      ],
    }),
  D5: () => plotRecord('D5',
    envelope(5, '上环土备〔2026〕0019号', '2026-09-01T02:00:00Z', decision('准予备案；风险不可接受，纳入风险管控和修复名录', EEB_OFFICER, '2026-08-31T07:00:00Z'), {
      reports: [REPORTS.risk], legalBasis: [LAW.art60],
    }), STAGE.riskReview, {
      riskAcceptable: false,
      conclusion: '按第一类用地情景，砷、铅、苯并[a]芘的致癌风险超过10⁻⁶，危害商超过1，风险不可接受，需开展风险管控或修复。',
    }),
  D6: () => plotRecord('D6',
    envelope(6, '上环土告〔2026〕0002号', '2026-09-03T02:00:00Z', decision('纳入建设用地土壤污染风险管控和修复名录', EEB_OFFICER, '2026-09-02T06:00:00Z'), {
      addressees: ['社会公众'], reports: [REPORTS.risk], legalBasis: [LAW.art60],
    }), STAGE.prioritization, {
      variant: 'listing', mainPollutants: ['砷', '铅', '苯并[a]芘'], negativeList: ['住宅用地', '公共管理与公共服务用地'],
    }),
  D7: () => plotRecord('D7',
    envelope(7, '上环土备〔2026〕0023号', '2026-09-08T02:00:00Z', decision('准予备案', EEB_OFFICER, '2026-09-07T07:00:00Z'), {
      reports: [REPORTS.controlPlan], legalBasis: [LAW.art62],
    }), STAGE.awaitingPlan, {
      variant: 'plan', measures: '划定管控区并设置围挡和警示标识；禁止开挖和扰动表层土壤；对地下水设置 6 口监测井，每季度监测一次。',
    }),
  D8: () => plotRecord('D8',
    envelope(8, '上环土备〔2026〕0025号', '2026-09-15T02:00:00Z', decision('准予备案', EEB_OFFICER, '2026-09-14T07:00:00Z'), {
      reports: [REPORTS.remediationPlan], legalBasis: [LAW.art64],
    }), STAGE.planFiled, {
      technology: '重金属污染土壤固化/稳定化；有机污染土壤异位热脱附', targets: '砷 20 mg/kg，铅 400 mg/kg，苯并[a]芘 0.55 mg/kg（第一类用地筛选值）',
      scope: { areaM2: 12650, volumeM3: 31800 }, plannedDuration: '2026年10月至2027年2月，共约150日', offSiteTransport: true,
    }),
  D9: () => plotRecord('D9',
    envelope(9, '上环土牌〔2026〕0001号', '2026-10-08T02:00:00Z', decision('开工并公示施工信息', HOLDER_AGENT, '2026-10-08T01:00:00Z'), {
      addressees: ['社会公众'], legalBasis: [LAW.art40],
    }), STAGE.inProgress, {
      noticeBoard: {
        project: '上街区原某铝业厂区地块土壤污染治理与修复工程', contractor: ORG.contractor,
        measures: '污染土壤清挖后原地固化/稳定化，有机污染土壤外运热脱附处置；施工区全封闭作业，配备雾炮降尘与废气收集处理设施。',
        contact: '项目负责人 孙工 0371-68000000', startDate: '2026-10-10', endDate: '2027-02-28',
      },
      supervisingBureau: `${ORG.eeb}（电话 0371-12369）`,
    }),
  D10: () => plotRecord('D10',
    envelope(10, '上环土运〔2026〕0001号', '2026-10-20T02:00:00Z', decision('报告污染土壤转运计划', HOLDER_AGENT, '2026-10-20T01:30:00Z'), {
      addressees: [ORG.eeb, ORG.eebDestination], legalBasis: [LAW.art41],
    }), STAGE.inProgress, {
      transport: {
        batchNo: 'ZY-2026-001', plannedStart: '2026-10-29', method: '公路运输，全密闭自卸车',
        route: '地块南门—中心路—连霍高速上街站—连霍高速荥阳站—荥阳市某固废处置中心，全程约 23 公里',
        carrier: '郑州某危险货物运输有限公司', vehicles: ['豫A·D1234', '豫A·D5678', '豫A·D9012'], quantityT: 1860.5,
        destinationFacility: '某固废综合处置中心', destinationJurisdiction: { code: '410182', name: '荥阳市' },
        finalDisposal: '水泥窑协同处置', hazardousWaste: false,
      },
    }),
  D11: () => plotRecord('D11',
    envelope(11, '上环土备〔2027〕0004号', '2027-03-25T02:00:00Z', decision('准予备案；达到修复目标', EEB_OFFICER, '2027-03-24T07:00:00Z'), {
      reports: [REPORTS.evaluation], legalBasis: [LAW.art65],
    }), STAGE.evaluationReview, {
      targetsAchieved: true, permittedLandClass: 1, evaluatorOrganisation: ORG.evaluator, implementerOrganisation: ORG.contractor,
    }),
  D12: () => plotRecord('D12',
    envelope(12, '上环土移〔2027〕0001号', '2027-04-20T02:00:00Z', decision('准予移出名录，可作为第一类用地开发利用', EEB_OFFICER, '2027-04-19T07:00:00Z'), {
      addressees: [ORG.holder, ORG.land], reports: [REPORTS.evaluation], legalBasis: [LAW.art66],
    }), STAGE.removalReview, {
      variant: 'decision', permittedLandClass: 1, applicant: ORG.holder, effectEvaluationNumber: '上环土备〔2027〕0004号',
    }),
  D15: () => plotRecord('D15',
    envelope(15, '上资土权〔2026〕0001号', '2026-11-30T02:00:00Z', decision('记录土地使用权收回及责任主体变更', LAND_OFFICER, '2026-11-30T01:30:00Z'), {
      issuer: { name: ORG.land, jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' }, signatory: signatoryOf(LAND_OFFICER),
      addressees: [ORG.reserve], copyTo: [ORG.holder, ORG.eeb], legalBasis: [LAW.parties, `${LAW.order42}关于责任主体的规定`],
    }), STAGE.prelimDrafting, {
      variant: 'takeBack', documentNumber: '上政土收〔2026〕3号', actDate: '2026-11-28', formerHolder: ORG.holder, holder: ORG.reserve,
      formerHolderResponsible: true,
      responsible: { status: 'identified', organisation: ORG.holder, documentNumber: '上政土收〔2026〕3号', decidedOn: '2026-11-28' },
      investigationDuty: ORG.reserve, controlDuty: ORG.reserve, controlBasis: 'government',
    }),
  D16: () => plotRecord('D16',
    envelope(16, '上环土启〔2027〕0001号', '2027-06-01T02:00:00Z', decision('重新启动土壤污染状况调查', EEB_OFFICER, '2027-06-01T01:30:00Z', '控规调整为二类居住用地'), {
      addressees: [ORG.holder], copyTo: [ORG.land], legalBasis: [LAW.art59b, `${LAW.order42}关于终身责任制的规定`],
    }), STAGE.prelimDrafting, {
      reason: 'useChange', reopenedFrom: 'released', plannedUse: '住宅', note: '控规调整为二类居住用地',
      permittedLandClass: 2, earlierDecisionNumber: '上环土移〔2027〕0001号', dutyBearer: ORG.holder,
    }),
  D17: () => plotRecord('D17',
    envelope(17, '上环土管〔2027〕0001号', '2027-04-02T02:00:00Z', decision('提出后期管理要求', EEB_OFFICER, '2027-04-02T01:30:00Z'), {
      addressees: [ORG.holder], copyTo: [ORG.land], legalBasis: [LAW.art42],
    }), STAGE.awaitingRemoval, {
      variant: 'aftercare', dutyBearer: ORG.holder, ordinal: 2,
      obligation: { kind: 'institutionalControl', description: '阻隔区域内禁止开采浅层地下水，供地时纳入土地出让条件', dueOn: '2028-04-01', restriction: '禁止开采浅层地下水' },
    }),
  D14: () => withDigest<FilingRecordOf<'D14'>>({
    ...envelope(14, '上环土报〔2026〕0001号', '2026-12-28T02:00:00Z', decision('报送年度工作进展报告', EEB_OFFICER, '2026-12-28T01:00:00Z'), {
      addressees: ['郑州市生态环境局'], legalBasis: [LAW.order42],
    }),
    plot: undefined,
    kind: 'D14',
    details: annualDetails(4),
  }),
  D18: () => withDigest<FilingRecordOf<'D18'>>({
    ...envelope(18, '上环土拆〔2026〕0001号', '2026-07-01T02:00:00Z', decision('准予备案', EEB_OFFICER, '2026-07-01T01:00:00Z'), {
      addressees: [ORG.eeb, '郑州市上街区工业和信息化局'], legalBasis: ['《中华人民共和国土壤污染防治法》第二十二条第二款'],
    }),
    plot: undefined,
    kind: 'D18',
    details: {
      unit: { name: '上街区某碳素有限公司', creditCode: '91410106MA45C8T2XX', industry: '碳素生产', address: '郑州市上街区工业路 8 号', jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' },
      plannedStart: '2026-08-03', filedOn: '2026-07-01', workingDaysUntilStart: 23, requiredWorkingDays: 15,
    },
  }),
  D19: () => withDigest({ ...monitoringCampaignRecord(), digest: '', verifyUrl: '' }),
};

export function annualDetails(rows: number): DetailsByKind['D14'] {
  const code = (i: number) => `410106-2026-${String(i + 1).padStart(4, '0')}`;
  const range = Array.from({ length: rows }, (_, i) => i);
  return {
    year: 2026,
    jurisdiction: { code: '410106', name: '郑州市上街区' },
    countsByStage: [
      { label: '疑似污染地块', count: 12 }, { label: '初步调查', count: 5 }, { label: '详细调查', count: 3 },
      { label: '风险评估', count: 2 }, { label: '风险管控', count: 4 }, { label: '治理与修复', count: 3 },
      { label: '效果评估', count: 1 }, { label: '移出名录', count: 2 },
    ],
    entered: range.map((i) => ({ plotCode: code(i), plotName: `上街区某工业地块${i + 1}号`, date: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`, note: '风险评估结论为风险不可接受' })),
    left: range.slice(0, Math.ceil(rows / 4)).map((i) => ({ plotCode: code(i + 500), plotName: `上街区某旧厂地块${i + 1}号`, date: '2026-11-20', note: '效果评估达到目标，准予作为第二类用地' })),
    transports: range.slice(0, Math.ceil(rows / 2)).map((i) => ({ plotCode: code(i), batchNo: `ZY-2026-${String(i + 1).padStart(3, '0')}`, destination: '荥阳市某固废综合处置中心', quantityT: 500 + i * 12.5, state: '已接收' })),
    overdue: range.slice(0, Math.ceil(rows / 3)).map((i) => ({ plotCode: code(i), item: '风险管控年度监测报告', dueDate: '2026-12-01', daysOverdue: 27 })),
  };
}

export function filingFixture<K extends DocumentKind>(kind: K): FilingRecordOf<K> {
  return BUILDERS[kind]();
}

export const ALL_KINDS: DocumentKind[] = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10', 'D11', 'D12', 'D14', 'D15', 'D16', 'D17'];

// The other variant of each kind that has two, so every title is rendered.
export function variantFixtures(): FilingRecord[] {
  const d3 = filingFixture('D3');
  const d4 = filingFixture('D4');
  const d6 = filingFixture('D6');
  const d7 = filingFixture('D7');
  const d12 = filingFixture('D12');
  const d15 = filingFixture('D15');
  const d17 = filingFixture('D17');
  return [
    withDigest({ ...d3, id: id(103), number: '上环土备〔2026〕0016号', details: { ...d3.details, stage: 'detailed' as const } }),
    withDigest({
      ...d4, id: id(104), number: '上资土审〔2026〕0001号', issuer: { name: ORG.land, jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' },
      decision: decision('退回修改', LAND_OFFICER, '2026-06-03T07:00:00Z', '地下水采样点位不足'), signatory: signatoryOf(LAND_OFFICER),
      details: {
        ...d4.details, variant: 'returned' as const, returnReason: '地下水监测井数量少于导则要求，原渣场区域未布设采样点。',
        reviewers: [{ ...d4.details.reviewers[1], approved: false, opinion: '退回' }, { ...d4.details.reviewers[0], approved: false, by: undefined, at: undefined, opinion: undefined }],
      },
    }),
    withDigest({ ...d6, id: id(106), number: '上资土告〔2026〕0001号', issuer: { name: ORG.land }, decision: decision('列入优先控制名录', LAND_OFFICER, '2026-09-10T02:00:00Z'), signatory: signatoryOf(LAND_OFFICER), details: { ...d6.details, variant: 'priority' as const, rank: 2 } }),
    withDigest({ ...d7, id: id(107), number: '上环土备〔2026〕0041号', reports: [REPORTS.monitoring], stage: STAGE.riskControl, details: { ...d7.details, variant: 'monitoring', monitoringPeriod: '2026年度', findings: '地下水中砷浓度稳定，未见扩散。', nextReportDue: '2027-12-31' } }),
    withDigest({
      ...d15, id: id(115), number: '上资土权〔2026〕0002号', addressees: [ORG.holder2], copyTo: [ORG.holder, ORG.eeb],
      details: {
        ...d15.details, variant: 'transfer' as const, documentNumber: 'SJ-2026-017', holder: ORG.holder2, formerHolderResponsible: undefined,
        responsible: null, investigationDuty: ORG.holder2, controlDuty: ORG.holder2, controlBasis: 'holder' as const,
      },
    }),
    withDigest({
      ...d15, id: id(215), number: '上环土权〔2026〕0001号', issuer: { name: ORG.eeb, jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' },
      decision: decision('记录土壤污染责任人认定', EEB_OFFICER, '2026-11-30T03:00:00Z'), signatory: signatoryOf(EEB_OFFICER),
      addressees: [ORG.holder2], copyTo: [ORG.holder, ORG.land],
      details: {
        ...d15.details, variant: 'responsibleParty' as const, documentNumber: '上环认〔2026〕2号', holder: ORG.holder, formerHolder: ORG.holder,
        formerHolderResponsible: undefined, responsible: { status: 'identified' as const, organisation: ORG.holder2, documentNumber: '上环认〔2026〕2号', decidedOn: '2026-11-30' },
        investigationDuty: ORG.holder, controlDuty: ORG.holder2, controlBasis: 'responsibleParty' as const,
      },
    }),
    withDigest({
      ...d17, id: id(117), number: '上环土管〔2026〕0003号', issuedAt: '2026-12-01T02:00:00Z', year: 2026, addressees: ['社会公众', ORG.holder], copyTo: undefined, stage: STAGE.riskControl,
      legalBasis: ['《中华人民共和国土壤污染防治法》第六十二条、第六十三条', LAW.zone],
      decision: decision('划定管控区域并公告', EEB_OFFICER, '2026-12-01T01:30:00Z'),
      details: {
        variant: 'controlZone' as const, dutyBearer: ORG.holder, noticeNumber: '上环告〔2026〕5号', signsPostedOn: '2026-11-30',
        monitoring: [
          { medium: 'soil' as const, intervalMonths: 12, firstDueOn: '2027-11-30' },
          { medium: 'groundwater' as const, intervalMonths: 6, firstDueOn: '2027-05-30' },
          { medium: 'air' as const, intervalMonths: 3, firstDueOn: '2027-02-28' },
        ],
      },
    }),
    withDigest({ ...d12, id: id(112), number: '上环土移〔2027〕0002号', addressees: [ORG.eeb, ORG.land], decision: decision('申请移出名录', HOLDER_AGENT, '2027-04-01T02:00:00Z'), signatory: signatoryOf(HOLDER_AGENT), details: { ...d12.details, variant: 'application' as const } }),
  ];
}

// Records of part 2 whose title is another fixture's: D16 for new evidence, D3 of a key unit's land (抄送 不动产登记机构).
export function partTwoFixtures() {
  const d16 = filingFixture('D16');
  const d3 = filingFixture('D3');
  return {
    newEvidence: withDigest({
      ...d16, id: id(116), number: '上环土启〔2027〕0002号', decision: decision('重新启动土壤污染状况调查', EEB_OFFICER, '2027-06-01T01:30:00Z', '例行监测发现砷超过筛选值'),
      details: {
        ...d16.details, reason: 'newEvidence' as const, reopenedFrom: 'cleared' as const, plannedUse: undefined, permittedLandClass: 1 as const,
        evidence: { fileName: '2027年第二季度土壤监测报告.pdf', authorOrganisation: ORG.consultant }, note: '例行监测发现砷超过筛选值',
        earlierDecisionNumber: '上环土审〔2026〕0005号',
      },
    }),
    keyUnitLand: withDigest({ ...d3, id: id(203), number: '上环土备〔2026〕0013号', copyTo: ['郑州市上街区人民政府不动产登记机构'] }),
  };
}

function id(n: number): string {
  return `5b0e6f2c-8d4a-4e1b-9c3f-${String(n).padStart(12, '0')}`;
}

// An annual report with `rows` plots entered in the year (more rows in the other tables).
export function largeAnnualReport(rows: number): FilingRecordOf<'D14'> {
  const base = filingFixture('D14');
  return withDigest({ ...base, id: id(1400 + rows), details: annualDetails(rows) });
}

// The filing record: the stored, plain-data input of a filing document.
// A template draws exactly what is here; it never looks anything up.

import type { LandClass, ScreeningVerdict } from '../workflows';

export type DocumentKind =
  | 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7'
  | 'D8' | 'D9' | 'D10' | 'D11' | 'D12' | 'D14'
  | 'D15' | 'D16' | 'D17' | 'D18';

// 'YYYY-MM-DD', a calendar date in China Standard Time
export type CalendarDate = string;
// ISO 8601 instant, e.g. '2026-11-30T02:00:00Z'
export type Instant = string;

export interface Issuer {
  name: string;
  jurisdictionCode?: string;
  jurisdictionName?: string;
}

export interface PlotFacts {
  code: string;
  name: string;
  address: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  areaM2: number;
  plannedLandClass: LandClass;
  holderOrganisation: string;
}

export interface StageRef {
  state: string; // dotted state path, e.g. 'investigation.preliminary.underReview'
  label: string; // 中文, e.g. '初步调查 · 评审中'
}

export interface Decision {
  text: string;
  reason?: string;
  by: { name: string; role: string; roleLabel: string; organisation: string };
  at: Instant;
}

/**
 * Who answers for a document, printed at its foot (GB/T 9704 签发人):
 * - `signed`: the officer of the issuing body who took the decision (签发人);
 * - `filed`: the holder's (or a third party's) own filing, received by the bureau
 *   (填报单位 and 填报人, or 报送单位 and 报送人); no bureau officer signs it;
 * - `recorded`: a decision taken outside this system by the deciding body (决定机关),
 *   with its own 文号 and date, recorded by a district officer (录入人); we sign nothing
 *   we did not decide.
 */
export type Signatory =
  | { kind: 'signed'; name: string; organisation: string }
  | { kind: 'filed'; label: '填报单位' | '报送单位'; organisation: string; name: string }
  | {
      kind: 'recorded';
      decidingBody: string; // e.g. 河南省生态环境厅 会同 河南省自然资源厅
      documentNumber: string; // the decision's own 文号
      decisionDate: CalendarDate;
      recordedBy: string;
      recordingOrganisation: string;
    };

export interface ReportRef {
  kindLabel: string;
  fileName: string;
  sha256: string;
  authorOrganisation: string;
  uploadedAt: Instant;
}

// Fields every filing carries, whether about one plot or a whole jurisdiction.
export interface FilingEnvelope {
  id: string; // uuid; also the PDF file /ID
  number: string; // e.g. 上环土备〔2026〕0007号
  year: number;
  issuer: Issuer;
  addressees: string[]; // 主送
  copyTo?: string[]; // 抄送 (GB/T 9704 版记); absent on the kinds that have none
  issuedAt: Instant; // printed as a China Standard Time date
  decision: Decision;
  reports: ReportRef[];
  legalBasis: string[]; // 依据, from configuration
  signatory?: Signatory; // absent on documents issued before it was recorded: they print 签发人 as the decision's actor
  digest: string; // SHA-256 hex of the canonical record
  verifyUrl: string; // public verification URL, encoded in the QR code
}

// The head of the plot's audit chain when the step was taken: printed beside
// the digest, so that a later rewrite of the chain contradicts the paper.
export interface AuditHeadRef {
  seq: number;
  hash: string; // the first 16 hex digits of that row's hash
}

export interface FilingRecordBase extends FilingEnvelope {
  plot: PlotFacts;
  stage: StageRef;
  auditHead?: AuditHeadRef; // absent on documents issued before it was printed
}

export interface D1Details {
  formerIndustry: string; // 原行业
  currentUse: string;
  plannedUse: string;
  registrationGround: string; // 列入疑似清单的情形, e.g. 42号令第二条行业排查
  boundary?: { vertexCount: number; centroid: { lon: number; lat: number } };
  registeringBody: string; // 登记单位
}

export interface D2Details {
  dueDate: CalendarDate; // 调查报告报送期限
  requirements: string;
}

export interface AnalyteScreening {
  name: string;
  cas: string;
  max: number; // mg/kg
  screeningValue: number; // 筛选值
  interventionValue: number; // 管制值
  nAboveScreening: number;
  nAboveIntervention: number;
  factor: number; // max / screeningValue
}

export interface ScreeningSummary {
  landClass: LandClass;
  verdict: ScreeningVerdict;
  sampleCount: number;
  analytes: AnalyteScreening[];
}

export interface D3Details {
  stage: 'preliminary' | 'detailed';
  screening: ScreeningSummary;
}

export interface Reviewer {
  bureau: string;
  roleLabel: string; // 生态环境 / 自然资源
  approved: boolean;
  by?: string;
  at?: Instant;
  opinion?: string;
}

export interface PanelExpert {
  name: string;
  organisation: string;
  title?: string; // 职称
  opinion?: string;
}

// 专家评审 (环办土壤〔2019〕63号): the panel of the review round, its opinions and conclusion.
export interface ExpertPanel {
  experts: PanelExpert[];
  conclusion?: 'pass' | 'passWithRevisions' | 'fail';
  summary?: string;
}

export interface D4Details {
  variant: 'approved' | 'returned';
  reportLabel: string; // 被评审报告, e.g. 土壤污染状况初步调查报告
  opinion: string;
  reviewers: Reviewer[]; // 会同评审: every reviewing bureau and whether it approved (empty for a recorded decision)
  returnReason?: string;
  panel?: ExpertPanel; // when the round had an expert panel
}

export interface D5Details {
  riskAcceptable: boolean;
  conclusion: string;
}

export interface D6Details {
  variant: 'listing' | 'priority';
  mainPollutants: string[];
  rank?: number; // 优先控制序号, for 'priority'
  negativeList: string[]; // 开发利用负面清单 (土壤法 art. 61)
}

export interface D7Details {
  variant: 'plan' | 'monitoring';
  measures: string; // 管控措施
  monitoringPeriod?: string; // for 'monitoring', e.g. 2026年度
  findings?: string; // for 'monitoring'
  nextReportDue?: CalendarDate;
}

export interface D8Details {
  technology: string; // 修复技术
  targets: string; // 修复目标
  scope: { areaM2: number; volumeM3: number };
  plannedDuration: string;
  offSiteTransport: boolean;
}

export interface NoticeBoard {
  project: string;
  contractor: string;
  measures: string;
  contact: string;
  startDate: CalendarDate;
  endDate: CalendarDate;
}

export interface D9Details {
  noticeBoard: NoticeBoard;
  supervisingBureau: string;
}

export interface SoilTransport {
  batchNo: string;
  plannedStart: CalendarDate;
  method: string;
  route: string;
  carrier: string;
  vehicles: string[];
  quantityT: number;
  destinationFacility: string;
  destinationJurisdiction: { code: string; name: string };
  finalDisposal: string;
  hazardousWaste: boolean;
  /** the receiver's 危险废物经营许可证 number, which a hazardous plan names (soil-transport v2) */
  receiverLicenceNo?: string;
}

export interface D10Details {
  transport: SoilTransport;
}

export interface D11Details {
  targetsAchieved: boolean;
  permittedLandClass?: LandClass;
  evaluatorOrganisation: string; // 效果评估单位
  implementerOrganisation: string; // 施工单位 / 方案编制单位
}

export interface D12Details {
  variant: 'application' | 'decision';
  permittedLandClass: LandClass;
  applicant: string;
  effectEvaluationNumber?: string; // number of the D11 receipt
}

export type ResponsibleStatus = 'identified' | 'unidentifiable' | 'extinct';
export type ControlBasis = 'holder' | 'responsibleParty' | 'government' | 'contract';

// 土壤污染责任人 as the bureaus established it (土壤法第四十八条).
export interface ResponsiblePartyFacts {
  status: ResponsibleStatus;
  organisation?: string; // identified: who; extinct: who organises for the government
  documentNumber: string;
  decidedOn: CalendarDate;
}

// D15 地块权利人及责任主体变更记录: after 收回, 转让 or the identification of the responsible party.
export interface D15Details {
  variant: 'takeBack' | 'transfer' | 'responsibleParty';
  documentNumber: string; // 收回决定文号, 转让合同编号 or 认定文书文号
  actDate: CalendarDate;
  formerHolder: string; // 土地使用权人 before the act
  holder: string; // and after it
  agreedResponsible?: string; // transfer: 合同约定的责任人
  formerHolderResponsible?: boolean; // takeBack: 原土地使用权人为土壤污染责任人
  responsible: ResponsiblePartyFacts | null;
  investigationDuty: string; // who carries the holder's duties of the investigation now
  controlDuty: string; // and of risk control and remediation
  controlBasis: ControlBasis;
}

// D16 重新启动土壤污染状况调查通知 (终身责任制; 土壤法第五十九条).
export interface D16Details {
  reason: 'useChange' | 'newEvidence';
  reopenedFrom: 'released' | 'cleared';
  plannedUse?: string; // useChange: the new use
  evidence?: { fileName: string; authorOrganisation: string }; // newEvidence: the monitoring report
  note: string;
  permittedLandClass: LandClass | null; // what the plot was permitted for until now
  earlierDecisionNumber?: string; // the document of the decision now reopened
  dutyBearer: string;
}

export type ZoneMediumCode = 'soil' | 'groundwater' | 'surfaceWater' | 'air';

// D17 后期管理要求 (土壤法第四十二条第三款) / 管控区域公告 (上政文〔2017〕147号 三（四）2).
export type D17Details =
  | {
      variant: 'aftercare';
      dutyBearer: string;
      ordinal: number; // 第 n 项后期管理要求 of the plot
      obligation: { kind: 'monitoring' | 'institutionalControl'; description: string; dueOn: CalendarDate; restriction: string | null };
    }
  | {
      variant: 'controlZone';
      dutyBearer: string;
      noticeNumber: string;
      signsPostedOn: CalendarDate;
      monitoring: Array<{ medium: ZoneMediumCode; intervalMonths: number; firstDueOn: CalendarDate }>;
    };

export interface StageCount { label: string; count: number }
export interface RegisterMovement { plotCode: string; plotName: string; date: CalendarDate; note: string }
export interface TransportLine {
  plotCode: string;
  batchNo: string;
  destination: string;
  quantityT: number;
  state: string; // 中文
}
export interface OverdueItem { plotCode: string; item: string; dueDate: CalendarDate; daysOverdue: number }

export interface D14Details {
  year: number;
  jurisdiction: { code: string; name: string };
  countsByStage: StageCount[];
  entered: RegisterMovement[]; // 纳入名录
  left: RegisterMovement[]; // 移出名录
  transports: TransportLine[];
  overdue: OverdueItem[];
  /** 污染地块安全利用率 of the year (reference/safe-use-indicator.json); absent in reports issued before it */
  safeUse?: SafeUseLine;
  /** 土壤环境监测网络与预警 of the year (issue 20; 上政文〔2017〕147号 三（一）2、4) */
  monitoring?: MonitoringLine;
}

export interface MonitoringLine {
  points: number;
  overduePoints: number;
  campaigns: number;
  results: number;
  warningsRaised: number;
  warningsOpen: number;
  warningsClosed: number;
}

export interface SafeUseLine {
  numerator: number;
  denominator: number;
  /** "71.43%", or "无" when no plot counts */
  rateText: string;
  /** "不低于 91%（上政文〔2017〕147号 二（主要指标））", or null when no target is in force */
  targetText: string | null;
  /** 达到 / 未达到 / 无开发利用地块 */
  verdict: string;
  notDeveloped: number;
  basis: string;
  children: Array<{ name: string; numerator: number; denominator: number; rateText: string }>;
}

export interface DetailsByKind {
  D1: D1Details; D2: D2Details; D3: D3Details; D4: D4Details; D5: D5Details;
  D6: D6Details; D7: D7Details; D8: D8Details; D9: D9Details; D10: D10Details;
  D11: D11Details; D12: D12Details; D14: D14Details;
  D15: D15Details; D16: D16Details; D17: D17Details; D18: D18Details;
}

// D18 拆除活动土壤污染防治工作方案备案回执 (土壤法第二十二条第二款): a key unit's filing, addressed to the 生态环境 and
// 工业和信息化 bureaus of its district. It is about a unit, not a plot.
export interface KeyUnitFacts {
  name: string;
  creditCode: string; // 统一社会信用代码
  industry: string; // 重点行业, in words
  address: string;
  jurisdictionCode: string;
  jurisdictionName: string;
}

export interface D18Details {
  unit: KeyUnitFacts;
  plannedStart: CalendarDate; // 计划拆除开工日期
  filedOn: CalendarDate;
  workingDaysUntilStart: number;
  requiredWorkingDays: number;
}

export interface KeyUnitFilingRecord extends FilingEnvelope {
  kind: 'D18';
  plot?: undefined;
  stage?: undefined;
  auditHead?: AuditHeadRef; // the head of the unit's own audit chain at the filing
  details: D18Details;
}

export type PlotDocumentKind = Exclude<DocumentKind, 'D14' | 'D18'>;

export type PlotFilingRecord<K extends PlotDocumentKind> =
  FilingRecordBase & { kind: K; details: DetailsByKind[K] };

// D14 is per jurisdiction, not per plot: it has no plot and no stage.
export interface AnnualFilingRecord extends FilingEnvelope {
  kind: 'D14';
  plot?: undefined;
  stage?: undefined;
  details: D14Details;
}

export type FilingRecord =
  | { [K in PlotDocumentKind]: PlotFilingRecord<K> }[PlotDocumentKind]
  | AnnualFilingRecord
  | KeyUnitFilingRecord;

export type FilingRecordOf<K extends DocumentKind> = Extract<FilingRecord, { kind: K }>;

const D3_TITLE = { preliminary: '土壤污染状况初步调查报告备案回执', detailed: '土壤污染状况详细调查报告备案回执' };
const D6_TITLE = {
  listing: '纳入建设用地土壤污染风险管控和修复名录公告',
  priority: '优先控制名录及开发利用负面清单公告',
};
const D7_TITLE = { plan: '风险管控方案备案回执', monitoring: '风险管控定期报告回执' };
const D15_TITLE = {
  takeBack: '地块权利人及责任主体变更记录（收回）',
  transfer: '地块权利人及责任主体变更记录（转让）',
  responsibleParty: '地块权利人及责任主体变更记录（责任人认定）',
};
const D17_TITLE = { aftercare: '后期管理要求', controlZone: '管控区域公告' };
const D12_TITLE = {
  application: '移出建设用地土壤污染风险管控和修复名录申请',
  decision: '移出名录决定暨准予按规划用途开发利用通知',
};

export function documentTitle(record: FilingRecord): string {
  switch (record.kind) {
    case 'D1': return '疑似污染地块登记表';
    case 'D2': return '土壤污染状况调查通知书';
    case 'D3': return D3_TITLE[record.details.stage];
    case 'D4':
      return `${record.details.reportLabel}评审意见${record.details.variant === 'returned' ? '（退回）' : ''}`;
    case 'D5': return '土壤污染风险评估报告备案回执';
    case 'D6': return D6_TITLE[record.details.variant];
    case 'D7': return D7_TITLE[record.details.variant];
    case 'D8': return '修复方案备案回执';
    case 'D9': return '污染地块治理与修复施工公告牌';
    case 'D10': return '污染土壤转运报告';
    case 'D11': return '效果评估报告备案回执';
    case 'D12': return D12_TITLE[record.details.variant];
    case 'D14': return `${record.details.year}年度污染地块土壤环境管理工作进展报告`;
    case 'D15': return D15_TITLE[record.details.variant];
    case 'D16': return '重新启动土壤污染状况调查通知';
    case 'D17': return D17_TITLE[record.details.variant];
    case 'D18': return '拆除活动土壤污染防治工作方案备案回执';
  }
}

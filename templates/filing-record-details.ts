// The details of each kind of filing record (filing-record.ts holds the envelope they travel in).

import type { LandClass, ScreeningVerdict } from '../workflows';
import type { CalendarDate, Instant } from './filing-record';

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

// 会同评审: one bureau's decision and its opinion, as it gave them (stored so; never joined into one string).
export interface BureauOpinion {
  organisation: string;
  decision: '同意';
  opinion: string;
}

export interface D4Details {
  variant: 'approved' | 'returned';
  reportLabel: string; // 被评审报告, e.g. 土壤污染状况初步调查报告
  // A returned report's reason, a decision recorded from elsewhere, or 同意 when no bureau wrote an opinion. Records
  // issued before the list below held the bureaus' opinions here, joined with '；'.
  opinion?: string;
  opinions?: BureauOpinion[]; // each approving bureau's opinion, in the order of `reviewers`
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

// The filing record: the stored, plain-data input of a filing document.
// A template draws exactly what is here; it never looks anything up.

import type { LandClass } from '../workflows';
import type {
  D1Details, D2Details, D3Details, D4Details, D5Details, D6Details, D7Details, D8Details, D9Details,
  D10Details, D11Details, D12Details, D15Details, D16Details, D17Details, D14Details, D18Details,
} from './filing-record-details';

// The details of each kind live in their own file; importers keep importing them from here.
export type * from './filing-record-details';

// D19, a monitoring campaign's results (issue 20): per district campaign, no plot.
import type { D19Details, MonitoringCampaignRecord } from './d19-record';

export type { D19Details, MonitoringCampaignRecord };

export type DocumentKind =
  | 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7'
  | 'D8' | 'D9' | 'D10' | 'D11' | 'D12' | 'D14'
  | 'D15' | 'D16' | 'D17' | 'D18' | 'D19';

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

export interface DetailsByKind {
  D1: D1Details; D2: D2Details; D3: D3Details; D4: D4Details; D5: D5Details;
  D6: D6Details; D7: D7Details; D8: D8Details; D9: D9Details; D10: D10Details;
  D11: D11Details; D12: D12Details; D14: D14Details;
  D15: D15Details; D16: D16Details; D17: D17Details; D18: D18Details; D19: D19Details;
}

export interface KeyUnitFilingRecord extends FilingEnvelope {
  kind: 'D18';
  plot?: undefined;
  stage?: undefined;
  auditHead?: AuditHeadRef; // the head of the unit's own audit chain at the filing
  details: D18Details;
}

export type PlotDocumentKind = Exclude<DocumentKind, 'D14' | 'D18' | 'D19'>;

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
  | KeyUnitFilingRecord
  | MonitoringCampaignRecord;

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
    case 'D19': return '土壤环境监测批次结果报告';
  }
}

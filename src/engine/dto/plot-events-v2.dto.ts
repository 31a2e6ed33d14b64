import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE, DATE_MESSAGE, EventEnvelope, NoEventPayload, PLOT_EVENT_DTOS, ReportReferenceDto } from './plot-events.dto';

/** The client payloads of the events plot-lifecycle v2 adds (levels of government, panels, disclosure, publicity). */

export class ForwardDto extends EventEnvelope {
  @IsOptional() @IsString({ message: '报送说明必须是字符串' }) @Length(0, 2000, { message: '报送说明不超过 2000 个字符' })
  note?: string;
}

export class PanelExpertDto {
  @IsString({ message: '专家姓名必须是字符串' }) @Length(1, 50, { message: '专家姓名长度应为 1–50 个字符' })
  name: string;

  @IsUUID('all', { message: '专家所在单位必须是已登记单位的 ID（UUID）' })
  organisationId: string;

  @IsOptional() @IsString({ message: '职称必须是字符串' }) @Length(0, 50, { message: '职称不超过 50 个字符' })
  title?: string;

  @IsOptional() @IsUUID('all', { message: '专家用户必须是用户 ID（UUID）' })
  userId?: string;
}

export class FormPanelDto extends EventEnvelope {
  @IsArray({ message: '专家组必须是专家数组' })
  @ArrayMinSize(1, { message: '专家组至少要有一名专家' })
  @ArrayMaxSize(25, { message: '专家组最多 25 名专家' })
  @ValidateNested({ each: true })
  @Type(() => PanelExpertDto)
  experts: PanelExpertDto[];
}

export class ExpertOpinionDto extends EventEnvelope {
  @IsInt({ message: '专家序号必须是整数' }) @Min(0, { message: '专家序号从 0 开始' }) @Max(24, { message: '专家序号不超过 24' })
  expertIndex: number;

  @IsString({ message: '专家意见必须是字符串' }) @Length(1, 4000, { message: '专家意见长度应为 1–4000 个字符' })
  opinion: string;
}

export class ConcludePanelDto extends EventEnvelope {
  @IsIn(['pass', 'passWithRevisions', 'fail'], { message: 'conclusion 必须是 pass（通过）、passWithRevisions（修改后通过）或 fail（不通过）' })
  conclusion: 'pass' | 'passWithRevisions' | 'fail';

  @IsString({ message: '评审结论说明必须是字符串' }) @Length(1, 4000, { message: '评审结论说明长度应为 1–4000 个字符' })
  summary: string;
}

export class AcceptRevisionDto extends EventEnvelope {
  @IsOptional() @IsString({ message: '确认意见必须是字符串' }) @Length(0, 2000, { message: '确认意见不超过 2000 个字符' })
  note?: string;
}

export class RecordDecisionDto extends EventEnvelope {
  @IsString({ message: '决定文号必须是字符串' }) @Length(1, 100, { message: '决定文号长度应为 1–100 个字符' })
  documentNumber: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  decisionDate: string;

  @IsIn(['approved', 'returned'], { message: 'outcome 必须是 approved（通过）或 returned（退回、不予通过）' })
  outcome: 'approved' | 'returned';

  @IsOptional() @IsString({ message: '理由必须是字符串' }) @Length(0, 4000, { message: '理由不超过 4000 个字符' })
  reason?: string;

  @IsUUID('all', { message: 'scanReportId 必须是已上传的决定文书扫描件 ID（UUID）' })
  scanReportId: string;
}

export class RecordDisclosureDto extends EventEnvelope {
  @IsIn(['investigation', 'riskAssessment', 'effectEvaluation'], {
    message: 'work 必须是 investigation（调查报告）、riskAssessment（风险评估报告）或 effectEvaluation（效果评估报告）',
  })
  work: 'investigation' | 'riskAssessment' | 'effectEvaluation';

  @Matches(DATE, { message: DATE_MESSAGE })
  publishedOn: string;

  @IsString({ message: '公开场所必须是字符串' }) @Length(1, 500, { message: '公开场所或网址长度应为 1–500 个字符' })
  place: string;
}

export class SetSiteValueDto extends EventEnvelope {
  @IsString({ message: 'cas 必须是字符串' }) @Length(1, 40, { message: 'CAS 号长度应为 1–40 个字符' })
  cas: string;

  @IsString({ message: '污染物名称必须是字符串' }) @Length(1, 50, { message: '污染物名称长度应为 1–50 个字符' })
  name: string;

  @IsIn(['soil', 'groundwater'], { message: 'medium 必须是 soil（土壤）或 groundwater（地下水）' })
  medium: 'soil' | 'groundwater';

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '限值必须是数值' })
  @Min(0, { message: '限值不能为负数' })
  value: number;

  @IsIn(['mg/kg', 'mg/L'], { message: 'unit 必须是 mg/kg（土壤）或 mg/L（地下水）' })
  unit: string;

  @IsString({ message: '来源必须是字符串' }) @Length(1, 500, { message: '来源长度应为 1–500 个字符' })
  source: string;
}

// —— Part 2 of the law: registration reasons, 收回/转让, the responsible party, reopening, aftercare, control zones ——

export class SubmitReportV2Dto extends ReportReferenceDto {
  @IsOptional() @IsBoolean({ message: 'firstStageOnly 必须是布尔值（报告是否在第一阶段调查结束）' })
  firstStageOnly?: boolean;
}

export class FileControlPlanV2Dto extends ReportReferenceDto {
  @IsOptional() @IsUUID('all', { message: 'implementerOrganisationId 必须是风险管控工程实施单位的 ID（UUID）' })
  implementerOrganisationId?: string;
}

const DOCUMENT_NUMBER = { message: '文号长度应为 1–100 个字符' };

export class TakeBackDto extends EventEnvelope {
  @IsString({ message: '收回决定文号必须是字符串' }) @Length(1, 100, DOCUMENT_NUMBER)
  documentNumber: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  decidedOn: string;

  @IsUUID('all', { message: 'organiserOrganisationId 必须是收回后组织调查的单位（土地储备机构或自然资源主管部门）的 ID（UUID）' })
  organiserOrganisationId: string;

  @IsBoolean({ message: 'formerHolderResponsible 必须是布尔值（原土地使用权人是否为土壤污染责任人）' })
  formerHolderResponsible: boolean;
}

export class TransferDto extends EventEnvelope {
  @IsString({ message: '转让合同编号必须是字符串' }) @Length(1, 100, { message: '合同编号长度应为 1–100 个字符' })
  contractNumber: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  transferredOn: string;

  @IsUUID('all', { message: 'transfereeOrganisationId 必须是受让人的 ID（UUID）' })
  transfereeOrganisationId: string;

  @IsOptional() @IsUUID('all', { message: 'agreedResponsibleOrganisationId 必须是合同约定的责任人的 ID（UUID）' })
  agreedResponsibleOrganisationId?: string;
}

export class RecordResponsiblePartyDto extends EventEnvelope {
  @IsIn(['identified', 'unidentifiable', 'extinct'], {
    message: 'status 必须是 identified（已认定）、unidentifiable（无法认定）或 extinct（责任主体灭失）',
  })
  status: 'identified' | 'unidentifiable' | 'extinct';

  @IsOptional() @IsUUID('all', { message: 'organisationId 必须是被认定为责任人的单位 ID（UUID）' })
  organisationId?: string;

  @IsOptional() @IsUUID('all', { message: 'organiserOrganisationId 必须是代表人民政府组织实施的单位 ID（UUID）' })
  organiserOrganisationId?: string;

  @IsString({ message: '认定文书文号必须是字符串' }) @Length(1, 100, DOCUMENT_NUMBER)
  documentNumber: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  decidedOn: string;
}

export class ReopenDto extends EventEnvelope {
  @IsIn(['useChange', 'newEvidence'], { message: 'reason 必须是 useChange（用途变更）或 newEvidence（发现新的污染证据）' })
  reason: 'useChange' | 'newEvidence';

  @IsOptional() @IsString({ message: '变更后的规划用途必须是字符串' }) @Length(1, 50, { message: '规划用途长度应为 1–50 个字符' })
  plannedUse?: string;

  @IsOptional() @IsUUID('all', { message: 'evidenceReportId 必须是已上传报告的 ID（UUID）' })
  evidenceReportId?: string;

  @IsString({ message: '理由必须是字符串' }) @Length(1, 2000, { message: '理由长度应为 1–2000 个字符' })
  note: string;
}

export class AddAftercareDto extends EventEnvelope {
  @IsIn(['monitoring', 'institutionalControl'], { message: 'kind 必须是 monitoring（长期监测）或 institutionalControl（制度控制）' })
  kind: 'monitoring' | 'institutionalControl';

  @IsString({ message: '后期管理内容必须是字符串' }) @Length(1, 1000, { message: '后期管理内容长度应为 1–1000 个字符' })
  description: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  dueOn: string;

  @IsOptional() @IsString({ message: '使用限制必须是字符串' }) @Length(0, 500, { message: '使用限制不超过 500 个字符' })
  restriction?: string;
}

export class FulfilAftercareDto extends EventEnvelope {
  @IsInt({ message: '后期管理要求序号必须是整数' }) @Min(0, { message: '序号从 0 开始' }) @Max(99, { message: '序号不超过 99' })
  index: number;

  @IsOptional() @IsUUID('all', { message: 'reportId 必须是监测报告的 ID（UUID）' })
  reportId?: string;

  @IsString({ message: '履行情况必须是字符串' }) @Length(0, 2000, { message: '履行情况不超过 2000 个字符' })
  note: string;
}

const ZONE_MEDIA = ['soil', 'groundwater', 'surfaceWater', 'air'] as const;
const MEDIUM_MESSAGE = { message: 'medium 必须是 soil（土壤）、groundwater（地下水）、surfaceWater（地表水）或 air（空气）' };

export class ZoneMonitoringPlanDto {
  @IsIn(ZONE_MEDIA, MEDIUM_MESSAGE)
  medium: (typeof ZONE_MEDIA)[number];

  @IsInt({ message: '监测周期必须是整数（月）' }) @Min(1, { message: '监测周期至少 1 个月' }) @Max(60, { message: '监测周期不超过 60 个月' })
  intervalMonths: number;
}

export class PlaceUnderControlZoneDto extends EventEnvelope {
  @IsString({ message: '公告文号必须是字符串' }) @Length(1, 100, DOCUMENT_NUMBER)
  noticeNumber: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  signsPostedOn: string;

  @IsArray({ message: '监测计划必须是数组' })
  @ArrayMinSize(1, { message: '至少列明一项环境要素的监测' })
  @ArrayMaxSize(4, { message: '最多四项环境要素' })
  @ValidateNested({ each: true })
  @Type(() => ZoneMonitoringPlanDto)
  monitoring: ZoneMonitoringPlanDto[];
}

export class RecordZoneMonitoringDto extends ReportReferenceDto {
  @IsIn(ZONE_MEDIA, MEDIUM_MESSAGE)
  medium: (typeof ZONE_MEDIA)[number];
}

export const PLOT_EVENT_DTOS_V2: Record<string, new () => EventEnvelope> = {
  ...PLOT_EVENT_DTOS,
  FORWARD: ForwardDto,
  FORM_PANEL: FormPanelDto,
  RECORD_EXPERT_OPINION: ExpertOpinionDto,
  CONCLUDE_PANEL: ConcludePanelDto,
  SUBMIT_REVISION: ReportReferenceDto,
  ACCEPT_REVISION: AcceptRevisionDto,
  RECORD_DECISION: RecordDecisionDto,
  RECORD_DISCLOSURE: RecordDisclosureDto,
  SET_SITE_VALUE: SetSiteValueDto,
  END_PUBLICITY: NoEventPayload,
  SUBMIT_REPORT: SubmitReportV2Dto,
  FILE_CONTROL_PLAN: FileControlPlanV2Dto,
  TAKE_BACK: TakeBackDto,
  TRANSFER: TransferDto,
  RECORD_RESPONSIBLE_PARTY: RecordResponsiblePartyDto,
  REOPEN: ReopenDto,
  ADD_AFTERCARE: AddAftercareDto,
  FULFIL_AFTERCARE: FulfilAftercareDto,
  PLACE_UNDER_CONTROL_ZONE: PlaceUnderControlZoneDto,
  RECORD_ZONE_MONITORING: RecordZoneMonitoringDto,
};

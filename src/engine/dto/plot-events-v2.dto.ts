import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
};

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import type { LandClass, ReportKind } from '../../../workflows';
import { REPORT_KIND_LABELS } from '../../common/labels/report-kinds';
import { GROUNDWATER_POLLUTED_DESCRIPTION, MISSING_ITEMS_REASON_DESCRIPTION, RemediationTarget } from './evidence-conclusions.dto';

export { REPORT_KIND_LABELS };

/** Every kind, in the order of the labels (the kinds are declared once, with the plot workflow's events). */
export const REPORT_KINDS = Object.keys(REPORT_KIND_LABELS) as readonly ReportKind[];

class Summary {
  @ApiPropertyOptional({ description: '结论摘要' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 4000, { message: '不超过 4000 个字符' })
  summary?: string;

  @ApiPropertyOptional({ description: '修改后的报告：所修改的原报告 ID（专家评审“修改后通过”）' })
  @IsOptional() @IsUUID('all', { message: '必须是原报告的 ID（UUID）' })
  revisesReportId?: string;
}

/** The scan of a decision taken outside the system (DESIGN §1.1), uploaded by the district bureau that records it. */
export class DecisionRecordConclusion extends Summary {}

export class InvestigationConclusion extends Summary {
  @ApiPropertyOptional({ type: [String], description: '主要污染物' })
  @IsOptional() @IsArray({ message: '必须是字符串数组' }) @ArrayMaxSize(50) @IsString({ each: true, message: '每项必须是字符串' })
  pollutants?: string[];

  @ApiPropertyOptional({ description: GROUNDWATER_POLLUTED_DESCRIPTION })
  @IsOptional() @IsBoolean({ message: '必须是布尔值（true 表示地下水受到污染）' })
  groundwaterPolluted?: boolean;

  @ApiPropertyOptional({ description: MISSING_ITEMS_REASON_DESCRIPTION })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(1, 2000, { message: '长度应为 1–2000 个字符' })
  missingItemsReason?: string;
}

export class RiskAssessmentConclusion extends Summary {
  @ApiPropertyOptional({ description: '风险是否可接受' })
  @IsBoolean({ message: '必须是布尔值（true 表示风险可接受）' })
  riskAcceptable: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray({ message: '必须是字符串数组' }) @ArrayMaxSize(50) @IsString({ each: true, message: '每项必须是字符串' })
  pollutants?: string[];

  @ApiPropertyOptional({ type: [RemediationTarget], description: '各污染物的风险控制值或修复目标值' })
  @IsOptional() @IsArray({ message: '必须是目标值数组' }) @ArrayMaxSize(200, { message: '不超过 200 项' })
  @ValidateNested({ each: true }) @Type(() => RemediationTarget)
  targets?: RemediationTarget[];

  @ApiPropertyOptional({ description: '需修复或管控的面积（平方米）' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值' }) @Min(0, { message: '不能小于 0' })
  areaM2?: number;

  @ApiPropertyOptional({ description: '需修复或管控的土方量（立方米）' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值' }) @Min(0, { message: '不能小于 0' })
  volumeM3?: number;

  @ApiPropertyOptional({ description: GROUNDWATER_POLLUTED_DESCRIPTION })
  @IsOptional() @IsBoolean({ message: '必须是布尔值（true 表示地下水受到污染）' })
  groundwaterPolluted?: boolean;
}

export class PlanConclusion extends Summary {
  @ApiPropertyOptional({ description: '修复目标或管控目标' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 2000)
  targets?: string;

  @ApiPropertyOptional({ description: '修复技术或管控措施' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 2000)
  technology?: string;

  @ApiPropertyOptional({ description: '修复土方量（立方米）' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值' }) @Min(0)
  volumeM3?: number;

  @ApiPropertyOptional({ description: '计划工期，如“2026年12月至2027年6月”' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 200)
  plannedDuration?: string;

  @ApiPropertyOptional({ description: '是否涉及污染土壤外运' })
  @IsOptional() @IsBoolean({ message: '必须是布尔值' })
  offSiteTransport?: boolean;

  @ApiPropertyOptional({ description: '地下水污染防治措施（土壤法第六十四条：修复方案应当包括地下水污染防治的内容）' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 2000, { message: '不超过 2000 个字符' })
  groundwaterMeasures?: string;
}

export class MonitoringConclusion extends Summary {
  @ApiPropertyOptional({ description: '监测期，例如 2026 年度' })
  @IsOptional() @IsString({ message: '必须是字符串' }) @Length(0, 100)
  period?: string;
}

export class EffectEvaluationConclusion extends Summary {
  @ApiPropertyOptional({ description: '是否达到修复或管控目标' })
  @IsBoolean({ message: '必须是布尔值（true 表示达到目标）' })
  targetsAchieved: boolean;

  @ApiPropertyOptional({ enum: [1, 2], description: '准予的用地类别' })
  @IsIn([1, 2], { message: '只能是 1（第一类用地）或 2（第二类用地）' })
  permittedLandClass: LandClass;
}

export class TransportReceiptConclusion extends Summary {
  @ApiPropertyOptional()
  @IsOptional() @IsUUID('all', { message: '必须是转运批次 ID' })
  transportId?: string;

  @ApiPropertyOptional({ description: '接收量（吨）' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值' }) @Min(0)
  quantityT?: number;
}

export const CONCLUSION_CLASSES: Record<ReportKind, new () => object> = {
  preliminary_investigation: InvestigationConclusion,
  detailed_investigation: InvestigationConclusion,
  risk_assessment: RiskAssessmentConclusion,
  control_plan: PlanConclusion,
  remediation_plan: PlanConclusion,
  monitoring: MonitoringConclusion,
  effect_evaluation: EffectEvaluationConclusion,
  transport_receipt: TransportReceiptConclusion,
  decision_record: DecisionRecordConclusion,
};

/** Which commissioned work lets a consultant upload which kinds (README, Evidence and screening). */
export const KINDS_BY_WORK: Record<'investigation' | 'riskAssessment' | 'effectEvaluation', ReportKind[]> = {
  investigation: ['preliminary_investigation', 'detailed_investigation', 'monitoring'],
  riskAssessment: ['risk_assessment', 'monitoring'],
  effectEvaluation: ['effect_evaluation', 'monitoring'],
};

/** What the holder itself files. */
export const HOLDER_KINDS: ReportKind[] = ['control_plan', 'remediation_plan', 'monitoring', 'transport_receipt'];

/**
 * What the district bureau files: the scan of a decision taken outside the system, which it records, and its own
 * monitoring (a verification sampling may be the new evidence that reopens a plot, 土壤法第五十九条).
 */
export const BUREAU_KINDS: ReportKind[] = ['decision_record', 'monitoring'];

/** Kinds that may carry a sample file. */
export const KINDS_WITH_SAMPLES: ReportKind[] = ['preliminary_investigation', 'detailed_investigation', 'effect_evaluation', 'monitoring'];

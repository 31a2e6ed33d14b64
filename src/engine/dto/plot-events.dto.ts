import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** A calendar date in China Standard Time, as every event carries it. */
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = '日期格式应为 YYYY-MM-DD（北京时间）';

/** Fields every event body may carry besides its payload. */
export class EventEnvelope {
  @IsString({ message: '事件类型必须是字符串' })
  type: string;

  @IsOptional()
  @IsInt({ message: 'expectedVersion 必须是整数' })
  @Min(1, { message: 'expectedVersion 至少为 1' })
  expectedVersion?: number;
}

export class NoEventPayload extends EventEnvelope {}

export class IssueInvestigationNoticeDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  dueDate: string;
}

export class AssignConsultantDto extends EventEnvelope {
  @IsUUID('all', { message: 'orgId 必须是机构 ID（UUID）' })
  orgId: string;

  @IsIn(['investigation', 'riskAssessment', 'effectEvaluation'], {
    message: 'work 必须是 investigation（调查）、riskAssessment（风险评估）或 effectEvaluation（效果评估）',
  })
  work: 'investigation' | 'riskAssessment' | 'effectEvaluation';
}

export class ReportReferenceDto extends EventEnvelope {
  @IsUUID('all', { message: 'reportId 必须是报告 ID（UUID）' })
  reportId: string;
}

export class OpinionDto extends EventEnvelope {
  @IsString({ message: '审查意见必须是字符串' })
  @Length(1, 4000, { message: '审查意见长度应为 1–4000 个字符' })
  opinion: string;
}

export class ReasonDto extends EventEnvelope {
  @IsString({ message: '理由必须是字符串' })
  @Length(1, 4000, { message: '理由长度应为 1–4000 个字符' })
  reason: string;
}

export class SetPriorityDto extends EventEnvelope {
  @IsInt({ message: '优先级排序必须是整数' })
  @Min(1, { message: '优先级排序至少为 1' })
  @Max(100000, { message: '优先级排序不超过 100000' })
  rank: number;

  @IsArray({ message: '负面清单必须是用途名称数组' })
  @ArrayMaxSize(30, { message: '负面清单最多 30 项' })
  @IsString({ each: true, message: '负面清单的每一项必须是用途名称' })
  @Length(1, 50, { each: true, message: '用途名称长度应为 1–50 个字符' })
  negativeList: string[];

  @IsOptional()
  @IsString({ message: '理由必须是字符串' })
  @Length(0, 2000, { message: '理由不超过 2000 个字符' })
  reason?: string;
}

export class NoticeBoardDto {
  @IsString({ message: '工程名称必须是字符串' }) @Length(1, 200, { message: '工程名称长度应为 1–200 个字符' })
  project: string;

  @IsUUID('all', { message: '施工单位必须是已登记机构的 ID（UUID）' })
  contractorOrganisationId: string;

  @IsString({ message: '修复措施必须是字符串' }) @Length(1, 2000, { message: '修复措施长度应为 1–2000 个字符' })
  measures: string;

  @IsString({ message: '联系方式必须是字符串' }) @Length(1, 200, { message: '联系方式长度应为 1–200 个字符' })
  contact: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  startDate: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  endDate: string;
}

export class StartWorksDto extends EventEnvelope {
  // ValidateNested alone lets a missing board (or an array) through.
  @IsObject({ message: '须填写施工公示牌信息（对象）' })
  @ValidateNested()
  @Type(() => NoticeBoardDto)
  noticeBoard: NoticeBoardDto;
}

/** 修复完工: the day the works ended, as the holder states it (kept in the audit row; issue 22 point 1). */
export class CompleteWorksDto extends EventEnvelope {
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  completedOn?: string;
}

/** The client payload of each plot-lifecycle event (enrichment fields are never accepted from clients). */
export const PLOT_EVENT_DTOS: Record<string, new () => EventEnvelope> = {
  ISSUE_INVESTIGATION_NOTICE: IssueInvestigationNoticeDto,
  ASSIGN_CONSULTANT: AssignConsultantDto,
  START_INVESTIGATION: NoEventPayload,
  SUBMIT_REPORT: ReportReferenceDto,
  APPROVE: OpinionDto,
  RETURN: ReasonDto,
  SET_PRIORITY: SetPriorityDto,
  FILE_CONTROL_PLAN: ReportReferenceDto,
  FILE_REMEDIATION_PLAN: ReportReferenceDto,
  SUBMIT_MONITORING_REPORT: ReportReferenceDto,
  ACKNOWLEDGE_FILING: NoEventPayload,
  START_WORKS: StartWorksDto,
  COMPLETE_WORKS: CompleteWorksDto,
  REQUEST_EFFECT_EVALUATION: NoEventPayload,
  APPLY_REMOVAL: NoEventPayload,
};

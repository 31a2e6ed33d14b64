import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DUTIES, CLOSURE_REASONS } from '../../../workflows/key-unit/v1/context';
import { DATE, DATE_MESSAGE, EventEnvelope, NoEventPayload } from '../../engine/dto/plot-events.dto';

const Year = () => [IsInt({ message: '年度必须是整数' }), Min(2000, { message: '年度不早于 2000 年' }), Max(2100, { message: '年度不晚于 2100 年' })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** 土壤法第二十一条第二款: one year's report of one duty, uploaded first (POST /key-units/:id/reports). */
export class FileDutyReportDto extends EventEnvelope {
  @IsIn(DUTIES, { message: '义务须为有毒有害物质排放情况年度报告、土壤污染隐患排查报告或土壤和地下水自行监测报告之一' })
  duty: string;

  @apply(Year())
  year: number;

  @IsUUID('all', { message: '报告 ID 必须是 UUID' })
  reportId: string;
}

/** 土壤法第二十一条第五款: the bureau's monitoring around the unit. */
export class RecordBureauMonitoringDto extends EventEnvelope {
  @apply(Year())
  year: number;

  @IsUUID('all', { message: '报告 ID 必须是 UUID' })
  reportId: string;
}

/** 土壤法第二十二条第二款: the 土壤污染防治工作方案 of a demolition, with the day it is to start. */
export class FileDemolitionPlanDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  plannedStart: string;

  @IsUUID('all', { message: '报告 ID 必须是 UUID' })
  reportId: string;
}

export class CompleteDemolitionDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  completedOn: string;
}

export class RecordUnfiledDemolitionDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  observedOn: string;

  @IsString({ message: '现场情况必须是字符串' }) @Length(1, 2000, { message: '现场情况长度应为 1–2000 个字符' })
  note: string;
}

export class CloseKeyUnitDto extends EventEnvelope {
  @IsIn(CLOSURE_REASONS, { message: '原因须为关闭、搬迁、破产、土地用途变更、土地使用权收回或转让之一' })
  reason: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  on: string;

  @IsOptional() @IsString({ message: '说明必须是字符串' }) @Length(0, 2000, { message: '说明不超过 2000 个字符' })
  note?: string;
}

export class RemoveKeyUnitDto extends EventEnvelope {
  @IsString({ message: '移出理由必须是字符串' }) @Length(1, 1000, { message: '移出理由长度应为 1–1000 个字符' })
  reason: string;

  @Matches(DATE, { message: DATE_MESSAGE })
  on: string;
}

export const KEY_UNIT_EVENT_DTOS: Record<string, new () => EventEnvelope> = {
  FILE_DUTY_REPORT: FileDutyReportDto,
  RECORD_BUREAU_MONITORING: RecordBureauMonitoringDto,
  FILE_DEMOLITION_PLAN: FileDemolitionPlanDto,
  START_DEMOLITION: NoEventPayload,
  COMPLETE_DEMOLITION: CompleteDemolitionDto,
  RECORD_UNFILED_DEMOLITION: RecordUnfiledDemolitionDto,
  CLOSE: CloseKeyUnitDto,
  REMOVE: RemoveKeyUnitDto,
};

import { IsBoolean, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DATE, DATE_MESSAGE, EventEnvelope, NoEventPayload } from '../../engine/dto/plot-events.dto';

export class AssignDto extends EventEnvelope {
  @IsString({ message: '承办人必须是文字' }) @Length(1, 100, { message: '请填写承办人（不超过 100 字）' })
  officer: string;
}

export class RecordSiteCheckDto extends EventEnvelope {
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedOn: string;

  @IsString({ message: '核查情况必须是文字' }) @Length(1, 2000, { message: '请填写核查情况（不超过 2000 字）' })
  findings: string;
}

export class RecordHandlingDto extends EventEnvelope {
  @IsString({ message: '处理措施必须是文字' }) @Length(1, 2000, { message: '请填写处理措施（不超过 2000 字）' })
  measures: string;
}

export class ReplyDto extends EventEnvelope {
  @IsString({ message: '答复必须是文字' }) @Length(1, 2000, { message: '请填写答复（不超过 2000 字）' })
  reply: string;
}

export class RecordRewardDto extends EventEnvelope {
  @IsBoolean({ message: '请选择给予或不予奖励' })
  granted: boolean;

  @IsString({ message: '理由必须是文字' }) @Length(1, 500, { message: '请填写理由（不超过 500 字）' })
  reason: string;

  @IsOptional() @IsNumber({}, { message: '奖励金额必须是数字' }) @Min(1, { message: '奖励金额至少 1 元' }) @Max(10_000_000)
  amountYuan?: number;
}

export class LinkDto extends EventEnvelope {
  @IsOptional() @IsUUID('all', { message: '地块编号无效' })
  plotId?: string;

  @IsOptional() @IsUUID('all', { message: '单位编号无效' })
  unitId?: string;
}

export class ProposeSuspectedPlotDto extends EventEnvelope {
  @IsString({ message: '理由必须是文字' }) @Length(1, 2000, { message: '请填写理由（不超过 2000 字）' })
  reason: string;
}

export const PUBLIC_REPORT_EVENT_DTOS: Record<string, new () => EventEnvelope> = {
  ASSIGN: AssignDto,
  RECORD_SITE_CHECK: RecordSiteCheckDto,
  RECORD_HANDLING: RecordHandlingDto,
  REPLY: ReplyDto,
  RECORD_REWARD: RecordRewardDto,
  LINK: LinkDto,
  PROPOSE_SUSPECTED_PLOT: ProposeSuspectedPlotDto,
  CLOSE: NoEventPayload,
};

import { IsString, MaxLength, MinLength } from 'class-validator';
import { EventEnvelope } from '../../engine/dto/plot-events.dto';

class NoteDto extends EventEnvelope {
  @IsString({ message: '情况说明必须是文字' })
  @MinLength(2, { message: '请写明情况（至少两个字）' })
  @MaxLength(2000, { message: '情况说明不超过 2000 字' })
  note: string;
}

class ReasonDto extends EventEnvelope {
  @IsString({ message: '理由必须是文字' })
  @MinLength(2, { message: '请写明理由（至少两个字）' })
  @MaxLength(2000, { message: '理由不超过 2000 字' })
  reason: string;
}

export class VerifyStartDto extends NoteDto {}
export class ConfirmWarningDto extends NoteDto {}
export class RecordMeasuresDto extends NoteDto {}
export class ProposeInvestigationDto extends NoteDto {}
export class ProposeInspectionDto extends NoteDto {}
export class DismissWarningDto extends ReasonDto {}
export class CloseWarningDto extends ReasonDto {}

/** Client payload classes of the monitoring-warning events (workflows/monitoring-warning/v1/events.ts). */
export const WARNING_EVENT_DTOS: Record<string, new () => EventEnvelope> = {
  VERIFY_START: VerifyStartDto,
  CONFIRM: ConfirmWarningDto,
  DISMISS: DismissWarningDto,
  RECORD_MEASURES: RecordMeasuresDto,
  PROPOSE_INVESTIGATION: ProposeInvestigationDto,
  PROPOSE_HIDDEN_DANGER_INSPECTION: ProposeInspectionDto,
  CLOSE: CloseWarningDto,
};

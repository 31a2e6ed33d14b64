import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isIsoDate } from '../../calendar/calendar-date';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return isIsoDate(value);
  }
}

export class AuditDigestQuery {
  @ApiPropertyOptional({ description: '日期（中国标准时间），不填则列出最近 30 天', example: '2026-12-01' })
  @IsOptional()
  @Validate(CalendarDate, { message: 'date 应为 YYYY-MM-DD 格式的实际日期' })
  date?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class PublicRegisterQuery {
  @ApiPropertyOptional({ description: '只看该行政区划（区县）的名录', example: '410106' })
  @IsOptional()
  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: 'jurisdiction 必须是 6 位行政区划代码（可带 3–6 位乡镇代码）' })
  jurisdiction?: string;
}

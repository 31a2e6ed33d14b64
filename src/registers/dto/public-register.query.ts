import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class PublicRegisterQuery {
  @ApiPropertyOptional({ description: '只看该行政区划（区县）的名录', example: '410106' })
  @IsOptional()
  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: 'jurisdiction 必须是 6 位行政区划代码（可带 3–6 位乡镇代码）' })
  jurisdiction?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' })
  @Max(500, { message: 'pageSize 最大为 500' })
  pageSize: number = 100;
}

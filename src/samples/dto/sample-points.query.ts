import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const SAMPLE_POINTS_MAX = 5000;

/** GET /plots/:id/samples/points */
export class SamplePointsQuery {
  @ApiPropertyOptional({ description: '报告标识；不填时为该地块全部报告的样品' })
  @IsOptional() @IsUUID('all', { message: '报告标识格式不正确' })
  reportId?: string;

  @ApiPropertyOptional({ default: 1000, maximum: SAMPLE_POINTS_MAX, description: '最多返回的采样点数（超标严重的在前）' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 必须是整数' }) @Min(1, { message: 'limit 至少为 1' })
  @Max(SAMPLE_POINTS_MAX, { message: `limit 最大为 ${SAMPLE_POINTS_MAX}` })
  limit: number = 1000;
}

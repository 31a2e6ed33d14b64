import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const STAGES = ['suspected', 'investigation', 'riskAssessment', 'listed', 'released', 'cleared'] as const;
export type Stage = (typeof STAGES)[number];

export class ListPlotsQuery {
  @ApiPropertyOptional({ description: '按编码、名称、地址搜索' })
  @IsOptional() @IsString() @Length(1, 100, { message: '搜索词长度应为 1–100 个字符' })
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '搜索词不能含控制字符' })
  q?: string;

  @ApiPropertyOptional({ description: '完整状态路径，如 investigation.preliminary.underReview' })
  @IsOptional() @Matches(/^[A-Za-z.]{1,100}$/, { message: '状态路径格式不正确' })
  state?: string;

  @ApiPropertyOptional({ enum: STAGES, description: '阶段（状态路径的第一段）' })
  @IsOptional() @IsIn(STAGES as unknown as string[], { message: `阶段必须是 ${STAGES.join('、')} 之一` })
  stage?: Stage;

  @ApiPropertyOptional()
  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: '只列出有已逾期期限的地块' })
  @IsOptional() @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: '“只看逾期”须为是或否' })
  overdue?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1) @Max(100, { message: 'pageSize 最大为 100' })
  pageSize: number = 20;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate } from 'class-validator';
import { KnownPlannedUse } from '../../plots/dto/planned-use';

/** GET /indicators/safe-use */
export class SafeUseQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份不早于 2000' })
  @Max(2100, { message: '年份不晚于 2100' })
  year: number;

  @ApiProperty({ example: '410106', description: '行政区划代码（含下级）' })
  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' })
  @Max(100_000, { message: '页码过大' })
  page: number = 1;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' })
  @Max(200, { message: '每页最多 200 条' })
  pageSize: number = 50;
}

/** POST /indicators/developments/:plotId: the development (开发利用) of a plot began. */
export class RecordDevelopmentDto {
  @ApiProperty({ example: '住宅', description: '开发利用的用途（GB 50137 城市建设用地用途名称）' })
  @IsString({ message: '用途必须是文字' })
  @MaxLength(100, { message: '用途不超过 100 字' })
  @Validate(KnownPlannedUse)
  use: string;

  @ApiProperty({ example: '2026-05-01', description: '开发利用（土地供应或开工建设）开始的日期' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '开始日期应为 YYYY-MM-DD 格式的日期' })
  beganOn: string;
}

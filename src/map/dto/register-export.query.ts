import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAP_MAX_FEATURES } from '../map.service';

/** GET /registers/listed.geojson */
export class RegisterExportQuery {
  @ApiPropertyOptional({ description: '行政区划代码（含下级）', example: '410106' })
  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;

  @ApiPropertyOptional({ default: MAP_MAX_FEATURES, maximum: MAP_MAX_FEATURES })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 必须是整数' }) @Min(1, { message: 'limit 至少为 1' })
  @Max(MAP_MAX_FEATURES, { message: `limit 最大为 ${MAP_MAX_FEATURES}` })
  limit: number = MAP_MAX_FEATURES;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'offset 必须是整数' }) @Min(0, { message: 'offset 不能为负' })
  @Max(1_000_000, { message: 'offset 最大为 1000000' })
  offset: number = 0;
}

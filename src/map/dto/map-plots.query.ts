import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, Validate } from 'class-validator';
import { STAGES, type Stage } from '../../plots/dto/list-plots.query';
import { IsBBox } from '../bbox';

const BBOX_DOC = '视窗：最小经度,最小纬度,最大经度,最大纬度（CGCS2000 经纬度，十进制度）';

/** GET /map/plots and /public/map/plots. */
export class MapPlotsQuery {
  @ApiPropertyOptional({ description: BBOX_DOC, example: '113.28,34.79,113.31,34.82' })
  @IsOptional() @Validate(IsBBox)
  bbox?: string;

  @ApiPropertyOptional({ enum: STAGES, description: '阶段' })
  @IsOptional() @IsIn(STAGES as unknown as string[], { message: `阶段必须是 ${STAGES.join('、')} 之一` })
  stage?: Stage;

  @ApiPropertyOptional({ description: '行政区划代码（含下级）', example: '410106' })
  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;
}

/** GET /ogc/collections/plots/items (OGC API – Features Part 1 §7.15). */
export class OgcItemsQuery {
  @ApiPropertyOptional({ description: BBOX_DOC })
  @IsOptional() @Validate(IsBBox)
  bbox?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 必须是整数' }) @Min(1, { message: 'limit 至少为 1' })
  @Max(1000, { message: 'limit 最大为 1000' })
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'offset 必须是整数' }) @Min(0, { message: 'offset 不能为负' })
  @Max(1_000_000, { message: 'offset 最大为 1000000' })
  offset: number = 0;

  @ApiPropertyOptional({ enum: ['json', 'geojson'], description: '输出格式（只提供 GeoJSON）' })
  @IsOptional() @IsIn(['json', 'geojson'], { message: 'f 只能是 json 或 geojson' })
  f?: string;
}

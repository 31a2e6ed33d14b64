import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';
import { IsBBox } from '../bbox';

/** GET /map/key-units and /public/map/key-units. */
export class MapUnitsQuery {
  @ApiPropertyOptional({ description: '视窗：最小经度,最小纬度,最大经度,最大纬度（CGCS2000 经纬度，十进制度）', example: '113.28,34.79,113.31,34.82' })
  @IsOptional() @Validate(IsBBox)
  bbox?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsObject, IsString, MaxLength, MinLength } from 'class-validator';

/** PUT /map/jurisdictions/:code/boundary */
export class JurisdictionBoundaryDto {
  @ApiProperty({ description: '辖区边界，GeoJSON Polygon（2000国家大地坐标系经纬度）' })
  @IsDefined({ message: '缺少辖区边界' })
  @IsObject({ message: '辖区边界应为 GeoJSON Polygon 对象' })
  boundary: Record<string, unknown>;

  @ApiProperty({ description: '是否为示意（近似）边界' })
  @IsBoolean({ message: '是否为示意边界应为 true 或 false' })
  approximate: boolean;

  @ApiProperty({ description: '边界来源' })
  @IsString({ message: '边界来源应为文字' })
  @MinLength(2, { message: '请写明边界来源' })
  @MaxLength(500, { message: '边界来源不超过 500 字' })
  source: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { BOUNDARY_FORMATS, type BoundaryFormat } from '../boundary-import';
import { FIRST_ZONE, LAST_ZONE } from '../crs';

/** The text fields of POST /geometry/boundary (multipart strings, converted here). */
export class BoundaryImportDto {
  @ApiPropertyOptional({ enum: BOUNDARY_FORMATS, description: '文件格式；不填时按内容判断' })
  @IsOptional() @IsIn(BOUNDARY_FORMATS, { message: `必须是 ${BOUNDARY_FORMATS.join('、')} 之一` })
  format?: BoundaryFormat;

  @ApiPropertyOptional({ description: '3 度带带号（25–45），上街区为 38；界址点 Y 坐标不含带号时必填（或填 centralMeridian）' })
  @IsOptional() @Type(() => Number)
  @IsInt({ message: '必须是整数（3 度带带号）' }) @Min(FIRST_ZONE, { message: `不小于 ${FIRST_ZONE}` }) @Max(LAST_ZONE, { message: `不大于 ${LAST_ZONE}` })
  zone?: number;

  @ApiPropertyOptional({ description: '中央经线（度，75–135 间 3 的倍数），上街区为 114' })
  @IsOptional() @Type(() => Number)
  @IsInt({ message: '必须是整数（度）' }) @Min(FIRST_ZONE * 3, { message: `不小于 ${FIRST_ZONE * 3}` }) @Max(LAST_ZONE * 3, { message: `不大于 ${LAST_ZONE * 3}` })
  centralMeridian?: number;

  @ApiPropertyOptional({ description: '申报面积（平方米）；与计算面积相差超过 5% 时给出提示' })
  @IsOptional() @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值（平方米）' }) @Min(0.01, { message: '必须大于 0' })
  declaredAreaM2?: number;

  @ApiPropertyOptional({ description: '拟登记的行政区划代码；填写时检查边界是否在辖区边界之内', example: '410106' })
  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class LandSupplyCheckDto {
  @ApiPropertyOptional({ example: 'SJ-2026-001', description: '宗地（地块）编码：与已登记地块、疑似地块线索的编码比对' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: '宗地编码为 1–64 位字母、数字、点、下划线或连字符' })
  parcelCode?: string;

  @ApiPropertyOptional({ description: '宗地边界：GeoJSON Polygon（WGS84 经纬度），与已登记地块、疑似地块线索的边界比对重叠' })
  @IsOptional()
  @IsObject({ message: '边界必须是 GeoJSON Polygon 对象' })
  boundary?: Record<string, unknown>;

  @ApiProperty({ example: '住宅用地', description: '拟供用途：GB 50137 用地名称、用地类别 1 或 2，或“风险管控和修复工程”' })
  @IsString({ message: '拟供用途必须是文字' })
  @Length(1, 100, { message: '拟供用途长度应为 1–100 个字符' })
  intendedUse: string;
}

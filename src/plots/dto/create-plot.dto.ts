import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, Validate } from 'class-validator';
import { REGISTRATION_REASONS, type LandClass, type RegistrationReason } from '../../../workflows';
import { KnownPlannedUse, LandClassFollowsPlannedUse } from './planned-use';

export class CreatePlotDto {
  @ApiProperty({ example: 'SJ-2026-001', description: '地块编码（唯一）' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: '地块编码为 1–64 位字母、数字、点、下划线或连字符' })
  code: string;

  @ApiProperty({ example: '原某铝厂电解车间地块' })
  @IsString({ message: '地块名称必须是字符串' })
  @Length(1, 200, { message: '地块名称长度应为 1–200 个字符' })
  name: string;

  @ApiProperty({ example: '郑州市上街区中心路 1 号' })
  @IsString({ message: '地址必须是字符串' })
  @Length(1, 300, { message: '地址长度应为 1–300 个字符' })
  address: string;

  @ApiProperty({ example: '410106', description: '行政区划代码' })
  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction: string;

  @ApiProperty({ example: 52000, description: '占地面积（平方米）' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '面积必须是数值' })
  @Min(1, { message: '面积至少 1 平方米' })
  @Max(1e9, { message: '面积不应超过 1,000,000,000 平方米' })
  areaM2: number;

  @ApiPropertyOptional({ description: 'GeoJSON Polygon（WGS84 经纬度）' })
  @IsOptional()
  @IsObject({ message: '边界必须是 GeoJSON Polygon 对象' })
  boundary?: Record<string, unknown>;

  @ApiPropertyOptional({ description: '边界与已登记地块重叠时，确认仍要登记（一张图：否则拒绝并列出重叠的地块）' })
  @IsOptional()
  @IsBoolean({ message: '确认重叠登记须为 true 或 false' })
  confirmOverlap?: boolean;

  @ApiProperty({ example: '铝冶炼' })
  @IsString({ message: '原行业必须是字符串' })
  @Length(1, 200, { message: '原行业长度应为 1–200 个字符' })
  formerIndustry: string;

  @ApiProperty({ example: '工业用地（停产）' })
  @IsString({ message: '现状用途必须是字符串' })
  @Length(1, 100, { message: '现状用途长度应为 1–100 个字符' })
  currentUse: string;

  @ApiProperty({ example: '住宅', description: '规划用途：GB 50137 城市建设用地的用途名称（或常用简称），由它确定用地类别' })
  @IsString({ message: '规划用途必须是字符串' })
  @Length(1, 100, { message: '规划用途长度应为 1–100 个字符' })
  @Validate(KnownPlannedUse)
  plannedUse: string;

  @ApiPropertyOptional({ enum: [1, 2], description: '规划用地类别：由规划用途确定，可省略；填写时须与规划用途一致（GB 36600-2018）' })
  @IsOptional()
  @IsIn([1, 2], { message: '规划用地类别只能是 1（第一类）或 2（第二类）' })
  @Validate(LandClassFollowsPlannedUse)
  plannedLandClass?: LandClass;

  @ApiProperty({ description: '土地使用权人机构 ID' })
  @IsUUID('all', { message: '土地使用权人机构 ID 必须是 UUID' })
  holderOrganisationId: string;

  @ApiPropertyOptional({
    enum: REGISTRATION_REASONS,
    description:
      '登记原因：suspected 疑似污染地块（默认）；useChange 用途变更为住宅、公共管理与公共服务用地（土壤法第五十九条第二款）；keyUnitLand 土壤污染重点监管单位用地用途变更或土地使用权收回、转让前（第六十七条）',
  })
  @IsOptional()
  @IsIn(REGISTRATION_REASONS, {
    message: '登记原因只能是 suspected（疑似污染地块）、useChange（用途变更为住宅、公共管理与公共服务用地）或 keyUnitLand（重点监管单位用地收回、转让或用途变更前）',
  })
  registrationReason?: RegistrationReason;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsCreditCode } from '../../common/credit-code';
import { DATE, DATE_MESSAGE } from '../../engine/dto/plot-events.dto';
import { keyIndustries } from '../key-unit-reference';

const INDUSTRY_CODES = keyIndustries().map((i) => i.code);

/** 列入重点监管单位名录 (土壤法第二十一条第一款): the enterprise, its site and why it is listed. */
export class CreateKeyUnitDto {
  @ApiProperty({ example: '91410106MA44XXXXXX', description: '统一社会信用代码（GB 32100-2015）' })
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ example: '上街区某碳素有限公司' })
  @IsString({ message: '单位名称必须是字符串' }) @Length(1, 200, { message: '单位名称长度应为 1–200 个字符' })
  name: string;

  @ApiProperty({ enum: INDUSTRY_CODES, description: '重点行业（reference/key-unit-industries.json）' })
  @IsIn(INDUSTRY_CODES, { message: `行业须为重点行业目录中的一项：${keyIndustries().map((i) => i.name).join('、')}` })
  industry: string;

  @ApiProperty({ description: '企业在本系统中的机构 ID（机构类型为土地使用权人/企业）' })
  @IsUUID('all', { message: '企业机构 ID 必须是 UUID' })
  organisationId: string;

  @ApiProperty({ example: '郑州市上街区某路 1 号' })
  @IsString({ message: '地址必须是字符串' }) @Length(1, 300, { message: '地址长度应为 1–300 个字符' })
  address: string;

  @ApiPropertyOptional({ description: '生产经营用地面积（平方米）；有边界时以边界计算' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '面积必须是数值' })
  @Min(1, { message: '面积至少 1 平方米' }) @Max(1e9, { message: '面积不应超过 1,000,000,000 平方米' })
  siteAreaM2?: number;

  @ApiPropertyOptional({ description: 'GeoJSON Polygon（CGCS2000 / WGS84 经纬度）' })
  @IsOptional()
  @IsObject({ message: '场地边界必须是 GeoJSON Polygon 对象' })
  siteBoundary?: Record<string, unknown>;

  @ApiProperty({ example: '2026-01-15', description: '列入名录日期' })
  @Matches(DATE, { message: DATE_MESSAGE })
  listedOn: string;

  @ApiProperty({ example: '有色金属冶炼企业，纳入市级重点监管单位名录' })
  @IsString({ message: '列入理由必须是字符串' }) @Length(1, 1000, { message: '列入理由长度应为 1–1000 个字符' })
  reason: string;
}

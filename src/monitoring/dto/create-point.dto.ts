import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DATE, DATE_MESSAGE } from '../../engine/dto/plot-events.dto';
import { CROPS, LANDS, MEDIA, POINT_KINDS } from '../monitoring-reference';

/** One monitoring point (上政文〔2017〕147号 三（一）2), added by the district environment bureau. */
export class CreatePointDto {
  @IsString({ message: '点位编码必须是文字' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: '点位编码只能由字母、数字、短横线和下划线组成，最长 64 位' })
  code: string;

  @IsString({ message: '点位名称必须是文字' })
  @Length(1, 200, { message: '点位名称须为 1 至 200 字' })
  name: string;

  @IsIn(POINT_KINDS, { message: '点位类型须为基础点位、风险点位、重点监管企业周边、管控区或饮用水水源地之一' })
  kind: string;

  @IsArray({ message: '监测介质须为列表' })
  @ArrayMinSize(1, { message: '至少选择一种监测介质' })
  @ArrayMaxSize(4, { message: '监测介质至多四种' })
  @IsIn(MEDIA, { each: true, message: '监测介质须为土壤、地下水、地表水或环境空气' })
  media: string[];

  @Type(() => Number)
  @IsNumber({}, { message: '经度必须是数字' })
  @Min(73, { message: '经度须在中国境内（73°E 至 136°E）' })
  @Max(136, { message: '经度须在中国境内（73°E 至 136°E）' })
  lon: number;

  @Type(() => Number)
  @IsNumber({}, { message: '纬度必须是数字' })
  @Min(3, { message: '纬度须在中国境内（3°N 至 54°N）' })
  @Max(54, { message: '纬度须在中国境内（3°N 至 54°N）' })
  lat: number;

  @IsIn(LANDS, { message: '用地须为农用地、建设用地或地下水' })
  land: string;

  @IsOptional()
  @IsIn(CROPS, { message: '农用地须注明水田、果园或其他（GB 15618-2018 表1）' })
  crop?: string;

  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2], { message: '建设用地类别须为第一类或第二类用地（GB 36600-2018）' })
  landClass?: number;

  @IsOptional()
  @IsUUID('all', { message: '地块 ID 必须是 UUID' })
  plotId?: string;

  @IsOptional()
  @IsUUID('all', { message: '重点监管单位 ID 必须是 UUID' })
  unitId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '监测频次（年）必须是整数' })
  @Min(1, { message: '监测频次至少每年一次' })
  @Max(10, { message: '监测频次不超过每 10 年一次' })
  frequencyYears?: number;

  @IsOptional()
  @IsUUID('all', { message: '责任单位 ID 必须是 UUID' })
  responsibleOrganisationId?: string;

  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  nextDueOn?: string;
}

import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, Validate } from 'class-validator';
import { IsBBox } from '../../map/bbox';
import { PUBLIC_REPORT_STATE_LABELS } from '../../../workflows/public-report/v1/labels';

/** The public form's fields (multipart text parts). */
export class PublicReportDto {
  @IsString({ message: '请描述看到的情况' }) @Length(5, 2000, { message: '情况描述应为 5 至 2000 字' })
  description!: string;

  @Matches(/^[0-9]{6}$/, { message: '请选择发生地所在的区县' })
  jurisdiction!: string;

  @IsOptional() @Type(() => Number) @IsNumber({}, { message: '经度必须是数字' }) @Min(-180, { message: '经度超出范围' }) @Max(180, { message: '经度超出范围' })
  lon?: number;

  @IsOptional() @Type(() => Number) @IsNumber({}, { message: '纬度必须是数字' }) @Min(-90, { message: '纬度超出范围' }) @Max(90, { message: '纬度超出范围' })
  lat?: number;

  @IsOptional() @IsString({ message: '地址必须是文字' }) @Length(2, 300, { message: '地址应为 2 至 300 字' })
  address?: string;

  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: '请填写发现日期（年-月-日）' })
  seenOn!: string;

  @IsOptional() @IsString({ message: '联系人必须是文字' }) @Length(1, 50, { message: '联系人不超过 50 字' })
  contactName?: string;

  @IsOptional() @Matches(/^[0-9+\- ]{5,30}$/, { message: '联系电话只能包含数字、空格、+ 和 -' })
  contactPhone?: string;
}

export class ListPublicReportsQuery {
  @IsOptional() @IsIn(Object.keys(PUBLIC_REPORT_STATE_LABELS), { message: '状态无效' })
  state?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1) @Max(200, { message: '每页最多 200 条' })
  pageSize: number = 50;
}

/** GET /public-reports/map: the handling bureau's located cases in a viewport. */
export class PublicReportsMapQuery {
  @Validate(IsBBox)
  bbox!: string;
}

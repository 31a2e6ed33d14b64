import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsCreditCode } from '../../common/credit-code';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** 诚信档案 finding (土壤法第九十条), the fields of the multipart form beside the decision document's PDF. */
export class RecordFindingDto {
  @IsUUID('all', { message: '请选择第三方机构' })
  organisationId!: string;

  @IsIn(['false_report', 'falsified_report', 'other'], { message: '认定事项必须是出具虚假报告、篡改伪造报告或其他失信行为之一' })
  finding!: 'false_report' | 'falsified_report' | 'other';

  @IsString({ message: '认定事实必须是文字' }) @Length(1, 2000, { message: '请填写认定事实（不超过 2000 字）' })
  summary!: string;

  @IsOptional() @IsUUID('all', { message: '地块编号无效' })
  plotId?: string;

  @IsString({ message: '决定文号必须是文字' }) @Length(1, 100, { message: '请填写决定文号（不超过 100 字）' })
  decisionNumber!: string;

  @Matches(DATE, { message: '决定日期应为 YYYY-MM-DD' })
  decisionDate!: string;

  @IsOptional() @Matches(/^[0-9]{1,12}(\.[0-9]{1,2})?$/, { message: '罚款金额应为以元计的数字，最多两位小数' })
  penaltyYuan?: string;

  @IsOptional() @Matches(DATE, { message: '禁止从业起始日期应为 YYYY-MM-DD' })
  banStartsOn?: string;

  @IsOptional() @Matches(DATE, { message: '禁止从业截止日期应为 YYYY-MM-DD' })
  banEndsOn?: string;
}

export class CreditCodeDto {
  @IsCreditCode()
  creditCode!: string;
}

export class CreditFirmsQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1) @Max(200, { message: '每页最多 200 条' })
  pageSize: number = 50;
}

export class CreditExportQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1) @Max(1000, { message: '每页最多 1000 条' })
  pageSize: number = 1000;
}

import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ListKeyUnitsQuery {
  @IsOptional() @IsString({ message: '状态必须是字符串' }) @Matches(/^[A-Za-z]{1,32}$/, { message: '状态无效' })
  state?: string;

  @IsOptional() @Matches(/^[a-z0-9-]{1,64}$/, { message: '行业代码无效' })
  industry?: string;

  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1) @Max(200, { message: '每页最多 200 条' })
  pageSize: number = 50;
}

export class PublicKeyUnitsQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000)
  page: number = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1) @Max(200, { message: '每页最多 200 条' })
  pageSize: number = 50;
}

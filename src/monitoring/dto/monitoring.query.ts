import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { POINT_KINDS } from '../monitoring-reference';

export class ListPointsQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' })
  page = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(500, { message: '每页至多 500 条' })
  pageSize = 50;

  @IsOptional() @IsIn(POINT_KINDS, { message: '点位类型不正确' })
  kind?: string;

  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean({ message: 'overdue 须为 true 或 false' })
  overdue?: boolean;

  /** west,south,east,north in degrees (the map's viewport) */
  @IsOptional() @IsString() @Matches(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, { message: '范围须为“西,南,东,北”四个经纬度数' })
  bbox?: string;
}

export class ListWarningsQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' })
  page = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(200, { message: '每页至多 200 条' })
  pageSize = 50;

  /** all: closed ones too; default only open warnings */
  @IsOptional() @IsIn(['open', 'all'], { message: '状态须为 open 或 all' })
  status: 'open' | 'all' = 'open';

  @IsOptional() @IsUUID('all', { message: '点位 ID 必须是 UUID' })
  pointId?: string;
}

export class ListCampaignsQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' })
  page = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(200, { message: '每页至多 200 条' })
  pageSize = 20;
}

export class SeriesQuery {
  @IsString({ message: '请指定检测项目的 CAS 号' })
  @Matches(/^[0-9A-Za-z\-;()（）\u4e00-\u9fff]{1,40}$/u, { message: 'CAS 号格式不正确' })
  cas: string;
}

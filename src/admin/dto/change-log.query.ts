import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ChangeLogQuery {
  @ApiPropertyOptional({ default: 1, description: '页码' })
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(100000, { message: '页码过大' })
  page?: number;

  @ApiPropertyOptional({ default: 50, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(200, { message: '每页最多 200 条' })
  pageSize?: number;
}

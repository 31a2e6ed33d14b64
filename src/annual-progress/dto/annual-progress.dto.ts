import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class AnnualProgressDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year 必须是整数年份' })
  @Min(2000, { message: 'year 不早于 2000' })
  @Max(2100, { message: 'year 不晚于 2100' })
  year: number;

  @ApiProperty({ example: '410106', description: '行政区划代码' })
  @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction: string;
}

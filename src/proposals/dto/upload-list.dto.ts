import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** The fields of a list upload besides the file. */
export class UploadListDto {
  @ApiPropertyOptional({ example: '2026Q4', description: '季度（自然资源部门的季度清单必填，如 2026Q4）' })
  @IsOptional()
  @Matches(/^20\d{2}Q[1-4]$/, { message: '季度应写为“年份Q季度”，如 2026Q4' })
  quarter?: string;
}

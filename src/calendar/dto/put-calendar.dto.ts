import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class PutCalendarYearDto {
  @ApiProperty({
    description: '该年的节假日安排，格式同 reference/cn-workdays-2026.tsv：表头 date<TAB>kind<TAB>name，每行一个放假日（holiday）或调休上班日（workday）',
    example: 'date\tkind\tname\n2027-01-01\tholiday\t元旦\n',
  })
  @IsString({ message: 'tsv 必须是文本' })
  @Length(1, 200000, { message: 'tsv 长度应为 1–200000 个字符' })
  tsv: string;

  @ApiPropertyOptional({ description: '出处，如“国务院办公厅关于2027年部分节假日安排的通知”' })
  @IsOptional()
  @IsString({ message: 'source 必须是文本' })
  @Length(1, 500, { message: 'source 长度应为 1–500 个字符' })
  source?: string;
}

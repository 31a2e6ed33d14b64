import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { STAGE_LABELS } from '../supervision-reference';

const STAGES = Object.keys(STAGE_LABELS);
const PARTIES = ['holder', 'bureau', 'unit'];

/** GET /supervision/duties: one page of open duties, with the supervisor's filters. */
export class ListDutiesQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(10000, { message: '页码至多为 10000' })
  page = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(100, { message: '每页至多 100 条' })
  pageSize = 50;

  @IsOptional() @IsIn(STAGES, { message: '阶段须为疑似污染地块、调查、风险评估、纳入名录、移出名录、非污染地块或重点监管单位之一' })
  stage?: string;

  @IsOptional() @IsIn(PARTIES, { message: '承担方须为土地使用权人、主管部门或重点监管单位之一' })
  party?: 'holder' | 'bureau' | 'unit';

  @IsOptional() @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: '“只看逾期”须为是或否' })
  overdue?: boolean;

  /** due within this many days from today */
  @IsOptional() @Type(() => Number) @IsInt({ message: '剩余天数必须是整数' }) @Min(0, { message: '剩余天数不能为负' }) @Max(366, { message: '剩余天数至多 366 天' })
  daysLeft?: number;
}

/** POST /supervision/duties/:id/urge: 催办 or 督办 with a message to the party that owes the duty. */
export class UrgeDutyDto {
  @ApiProperty({ enum: ['催办', '督办'] })
  @IsIn(['催办', '督办'], { message: '方式须为催办或督办' })
  kind: '催办' | '督办';

  @ApiProperty({ minLength: 1, maxLength: 500, example: '请于三日内启动土壤污染状况调查' })
  @IsString({ message: '催办内容必须是文字' })
  @Length(1, 500, { message: '催办内容须为 1 至 500 字' })
  @Matches(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, { message: '催办内容不能含控制字符' })
  @Matches(/\S/, { message: '催办内容不能为空白' })
  message: string;
}

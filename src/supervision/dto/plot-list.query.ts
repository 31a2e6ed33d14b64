import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { STAGES } from '../../plots/dto/list-plots.query';

/** The plot list's filters that its figures and export share with GET /plots. */
export class PlotListQuery {
  @IsOptional() @IsIn(STAGES as unknown as string[], { message: '阶段须为疑似污染地块、调查、风险评估、纳入名录、移出名录或非污染地块之一' })
  stage?: string;

  @IsOptional() @Matches(/^[0-9]{6}([0-9]{3,6})?$/, { message: '行政区划代码应为 6 位（或 9–12 位）数字' })
  jurisdiction?: string;

  @IsOptional() @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: '“只看逾期”须为是或否' })
  overdue?: boolean;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { CURRENT_VERSION } from '../../../workflows';

/** An administrator moves a plot to a later version of the plot lifecycle (workflows/registry.ts). */
export class MigratePlotDto {
  @ApiProperty({ example: 2, description: '目标流程版本' })
  @IsInt({ message: 'toVersion 必须是整数' })
  @Min(2, { message: 'toVersion 至少为 2' })
  @Max(CURRENT_VERSION['plot-lifecycle'], { message: `toVersion 不能超过当前版本 ${CURRENT_VERSION['plot-lifecycle']}` })
  toVersion: number;
}

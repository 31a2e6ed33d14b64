import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { CreatePlotDto } from '../../plots/dto/create-plot.dto';

/**
 * What the bureau adds to a proposal to register its plot (POST /plots's fields): the jurisdiction is the list's
 * district and the registration reason follows the proposal's reason; the address defaults to the row's.
 */
export class ConfirmProposalDto extends OmitType(CreatePlotDto, ['jurisdiction', 'registrationReason', 'address'] as const) {
  @ApiPropertyOptional({ description: '地址（默认取清单所列地址）' })
  @IsOptional()
  @IsString({ message: '地址必须是字符串' })
  @Length(1, 300, { message: '地址长度应为 1–300 个字符' })
  address?: string;
}

export class DismissProposalDto {
  @ApiProperty({ example: '经现场核实，该企业从事服装加工，不属于疑似污染地块行业' })
  @IsString({ message: '排除理由必须是文字' })
  @Length(4, 500, { message: '排除理由应为 4–500 个字符' })
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '排除理由不能含控制字符' })
  reason: string;
}

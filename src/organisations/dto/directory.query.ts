import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const PICKABLE_KINDS = ['holder', 'consultant'] as const;

export class OrganisationsQuery {
  @ApiPropertyOptional({ enum: PICKABLE_KINDS })
  @IsOptional()
  @IsIn(PICKABLE_KINDS as unknown as string[], { message: `kind 必须是 ${PICKABLE_KINDS.join('、')} 之一` })
  kind?: (typeof PICKABLE_KINDS)[number];
}

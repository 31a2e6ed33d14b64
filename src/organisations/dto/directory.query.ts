import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** The organisations a form names by default: 土地使用权人 (registration) and 第三方机构 (commissions, works contractors). */
export const PICKABLE_KINDS = ['holder', 'consultant'] as const;

/** Kinds a form may ask for: also 评审专家's organisations, for an expert panel. */
export const QUERYABLE_KINDS = [...PICKABLE_KINDS, 'expert'] as const;

export class OrganisationsQuery {
  @ApiPropertyOptional({ enum: QUERYABLE_KINDS })
  @IsOptional()
  @IsIn(QUERYABLE_KINDS as unknown as string[], { message: `kind 必须是 ${QUERYABLE_KINDS.join('、')} 之一` })
  kind?: (typeof QUERYABLE_KINDS)[number];
}

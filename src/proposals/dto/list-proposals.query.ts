import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { ProposalStatus } from '../proposals.repository';

export const PROPOSAL_STATUSES: ProposalStatus[] = ['proposed', 'confirmed', 'dismissed'];

export class ListProposalsQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, description: '状态：proposed 待确认，confirmed 已确认，dismissed 已排除' })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, { message: '状态只能是 proposed（待确认）、confirmed（已确认）或 dismissed（已排除）' })
  status?: ProposalStatus;

  @ApiPropertyOptional({ description: '清单 ID' })
  @IsOptional()
  @IsUUID('all', { message: '清单 ID 必须是 UUID' })
  listId?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000, { message: 'page 最大为 100000' })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' }) @Max(100, { message: 'pageSize 最大为 100' })
  pageSize: number = 20;
}

export class ListListsQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000, { message: 'page 最大为 100000' })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' }) @Max(100, { message: 'pageSize 最大为 100' })
  pageSize: number = 20;
}

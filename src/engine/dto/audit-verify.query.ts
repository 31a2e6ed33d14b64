import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** GET /audit/verify: the caller's whole scope, or one plot's chain, or one key unit's — not both at once. */
export class AuditVerifyQuery {
  @ApiPropertyOptional({ description: '只核验这个地块（及其转运批次）的审计链' })
  @IsOptional()
  @IsUUID('all', { message: '地块编号格式不正确' })
  plotId?: string;

  @ApiPropertyOptional({ description: '只核验这个重点监管单位的审计链' })
  @IsOptional()
  @IsUUID('all', { message: '重点监管单位编号格式不正确' })
  keyUnitId?: string;
}

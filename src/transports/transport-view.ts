import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { transportStateLabel, type TransportPlan } from '../../workflows';
import type { DeadlineView } from '../deadlines/deadlines.repository';
import type { TransportRow } from './transports.repository';

export class TransportView {
  @ApiProperty() id: string;
  @ApiProperty({ description: '本地块的第几批转运' }) number: number;
  @ApiProperty({ example: 'SJ-2026-001-1' }) batchNo: string;
  @ApiProperty() plotId: string;
  @ApiProperty() plotCode: string;
  @ApiProperty() plotName: string;
  @ApiProperty({ example: 'filed' }) state: string;
  @ApiProperty({ example: '已报告 · 待两地确认' }) stateLabel: string;
  @ApiProperty() version: number;
  @ApiProperty() machine: { name: string; version: number };
  @ApiProperty() holderOrganisationId: string;
  @ApiProperty() holderOrganisationName: string;
  @ApiProperty({ description: '所在地行政区划代码' }) originJurisdiction: string;
  @ApiProperty() originJurisdictionName: string;
  @ApiPropertyOptional({ nullable: true, description: '接收地行政区划代码（报送转运计划后）' }) destinationJurisdiction: string | null;
  @ApiPropertyOptional({ nullable: true }) destinationJurisdictionName: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: '最近一次报送的转运计划' }) plan: TransportPlan | null;
  @ApiPropertyOptional({ type: [String] }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: Object }) context?: Record<string, unknown>;
  @ApiPropertyOptional() deadlines?: DeadlineView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export function toTransportView(t: TransportRow): TransportView {
  const context = (t.snapshot as { context?: Record<string, unknown> }).context ?? {};
  return {
    id: t.id,
    number: t.number,
    batchNo: `${t.plotCode}-${t.number}`,
    plotId: t.plotId,
    plotCode: t.plotCode,
    plotName: t.plotName,
    state: t.state,
    stateLabel: transportStateLabel(t.state),
    version: t.version,
    machine: { name: t.machineName, version: t.machineVersion },
    holderOrganisationId: t.holderOrganisationId,
    holderOrganisationName: t.holderOrganisationName,
    originJurisdiction: t.originJurisdiction,
    originJurisdictionName: t.originJurisdictionName,
    destinationJurisdiction: t.destinationJurisdiction,
    destinationJurisdictionName: t.destinationJurisdictionName,
    plan: (context.details as TransportPlan | null) ?? null,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { transportStateLabel, type TransportBatch, type TransportPlanV2 } from '../../workflows';
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
  @ApiPropertyOptional({ type: Object, nullable: true, description: '最近一次报送的转运计划' }) plan: TransportPlanV2 | null;
  @ApiProperty({ type: [Object], description: '已发运的各批次（第 1 版流程的一次发运为第 1 批）' }) batches: TransportBatch[];
  @ApiProperty({ type: Object, description: '计划量、累计发运量、累计接收量与尚可发运量（吨）' }) totals: TransportTotalsView;
  @ApiPropertyOptional({ type: [String] }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: Object }) context?: Record<string, unknown>;
  @ApiPropertyOptional() deadlines?: DeadlineView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export interface TransportTotalsView {
  plannedT: number | null;
  dispatchedT: number;
  receivedT: number;
  /** what may still leave under the plan */
  remainingT: number | null;
}

const tonnes = (n: number) => Math.round(n * 1000) / 1000;

/** The batches of a transport of either version: v1's one dispatch and receipt read as batch 1. */
function batchesOf(context: Record<string, unknown>, state: string): TransportBatch[] {
  if (Array.isArray(context.batches)) return context.batches as TransportBatch[];
  const dispatch = context.dispatch as { manifestNo: string; quantityT: number; date: string } | null | undefined;
  if (!dispatch) return [];
  const receipt = (context.receipt as TransportBatch['receipt'] | null | undefined) ?? null;
  const resolution = (context.resolution as TransportBatch['resolution'] | null | undefined) ?? null;
  const status = !receipt ? 'inTransit' : state === 'discrepancy' ? 'discrepancy' : resolution ? 'resolved' : 'received';
  return [{ batchNo: 1, manifestNo: dispatch.manifestNo, hazardousManifestNo: null, quantityT: dispatch.quantityT, dispatchedOn: dispatch.date, status, receipt, resolution }];
}

function totalsOf(plan: TransportPlanV2 | null, batches: TransportBatch[]): TransportTotalsView {
  const dispatchedT = tonnes(batches.reduce((s, b) => s + b.quantityT, 0));
  const receivedT = tonnes(batches.reduce((s, b) => s + (b.receipt?.quantityT ?? 0), 0));
  const plannedT = plan?.quantityT ?? null;
  return { plannedT, dispatchedT, receivedT, remainingT: plannedT === null ? null : tonnes(Math.max(0, plannedT - dispatchedT)) };
}

export function toTransportView(t: TransportRow): TransportView {
  const context = (t.snapshot as { context?: Record<string, unknown> }).context ?? {};
  const plan = (context.details as TransportPlanV2 | null) ?? null;
  const batches = batchesOf(context, t.state);
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
    plan,
    batches,
    totals: totalsOf(plan, batches),
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

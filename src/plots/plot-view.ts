import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plotStateLabel, type LandClass } from '../../workflows';
import type { Commission, PlotRow } from './plots.repository';

export class PlotView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() jurisdiction: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty() areaM2: number;
  @ApiPropertyOptional({ type: Object, nullable: true }) boundary: unknown;
  @ApiProperty() formerIndustry: string;
  @ApiProperty() currentUse: string;
  @ApiProperty() plannedUse: string;
  @ApiProperty({ enum: [1, 2] }) plannedLandClass: LandClass;
  @ApiProperty() holderOrganisationId: string;
  @ApiProperty() holderOrganisationName: string;
  @ApiProperty({ example: 'investigation.preliminary.underReview' }) state: string;
  @ApiProperty({ example: '初步调查 · 审查中' }) stateLabel: string;
  @ApiProperty({ example: 'investigation' }) stage: string;
  @ApiProperty() version: number;
  @ApiProperty() machine: { name: string; version: number };
  @ApiPropertyOptional({ type: [String] }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: Object }) context?: Record<string, unknown>;
  @ApiPropertyOptional({ description: '原土地使用权人、土壤污染责任人及承担义务的单位（土壤法第四十五条至第四十七条、第六十八条）' })
  parties?: unknown;
  @ApiPropertyOptional() commissions?: Commission[];
  @ApiPropertyOptional() deadlines?: unknown[];
  @ApiPropertyOptional({ description: '各阶段由哪一级、哪个部门决定（reference/decision-steps.json）' }) decisions?: unknown[];
  @ApiPropertyOptional({ nullable: true, description: '由重点监管单位关闭、搬迁等登记的地块：来源单位（id、名称、统一社会信用代码）' })
  sourceUnit?: { id: string; name: string; creditCode: string } | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export function toPlotSummary(p: PlotRow): PlotView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    address: p.address,
    jurisdiction: p.jurisdictionCode,
    jurisdictionName: p.jurisdictionName,
    areaM2: Number(p.areaM2),
    boundary: p.boundary ?? null,
    formerIndustry: p.formerIndustry,
    currentUse: p.currentUse,
    plannedUse: p.plannedUse,
    plannedLandClass: Number(p.plannedLandClass) as LandClass,
    holderOrganisationId: p.holderOrganisationId,
    holderOrganisationName: p.holderOrganisationName,
    state: p.state,
    stateLabel: plotStateLabel(p.state),
    stage: p.state.split('.')[0],
    version: p.version,
    machine: { name: p.machineName, version: p.machineVersion },
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

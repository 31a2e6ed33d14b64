import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** 风险控制值 (risk-control value, for a plot kept under control) or 修复目标值 (remediation goal) — HJ 25.3, HJ 25.4. */
export const TARGET_KINDS = ['风险控制值', '修复目标值'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * One per-analyte target of a risk assessment's conclusion: what the soil (or groundwater) of
 * the plot must not exceed after control or remediation. An effect evaluation's samples are
 * judged against it (效果评估: HJ 25.5).
 */
export class RemediationTarget {
  @ApiProperty({ example: '砷', description: '污染物名称或 CAS 号' })
  @IsString({ message: '必须是污染物名称或 CAS 号' }) @Length(1, 100, { message: '长度应为 1–100 个字符' })
  analyte: string;

  @ApiPropertyOptional({ enum: ['soil', 'groundwater'], description: '介质：soil 土壤（缺省）、groundwater 地下水' })
  @IsOptional() @IsIn(['soil', 'groundwater'], { message: '介质只能是 soil（土壤）或 groundwater（地下水）' })
  medium?: 'soil' | 'groundwater';

  @ApiProperty({ enum: TARGET_KINDS, description: '风险控制值或修复目标值' })
  @IsIn(TARGET_KINDS, { message: '只能是“风险控制值”或“修复目标值”' })
  kind: TargetKind;

  @ApiProperty({ example: 20, description: '目标值，土壤 mg/kg、地下水 mg/L' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '必须是数值' })
  @Min(0, { message: '不能小于 0' }) @Max(1e9, { message: '数值过大' })
  value: number;

  /** Filled at upload from the analyte catalogue: the item's key and its Chinese name. */
  cas?: string;
  name?: string;
}

export const GROUNDWATER_POLLUTED_DESCRIPTION = '地下水是否受到污染（土壤法第三十六条：调查报告应包括地下水是否受到污染等内容）';
export const MISSING_ITEMS_REASON_DESCRIPTION = '未检测全部基本项目（GB 36600 表1 的 45 项）时的理由，由评审确认';


import type { D19Details, D19Warning } from '../../templates/d19-record';
import { WARNING_RULE_LABELS } from '../../workflows/monitoring-warning/v1/labels';
import type { Principal } from '../auth/principal';
import type { IssueInput } from '../documents/filing.service';
import type { OrgRow } from '../documents/filing-facts';
import { CROP_LABELS, monitoringReference, type Crop } from './monitoring-reference';
import type { NewResult, PointRow } from './monitoring.repository';

/** A result as screened, with the standard it was screened against (monitoring-screening.ts limitsOf). */
export type ScreenedResult = NewResult & { standard: string };

export interface CampaignFacts {
  id: string;
  name: string;
  year: number;
  report: { sha256: string; pages: number };
  jurisdiction: { code: string; name: string };
  /** the campaign's points, each with its next due date after this campaign */
  points: Array<{ point: PointRow; sampledOn: string; nextDueOn: string }>;
  results: ScreenedResult[];
  warnings: Array<{ pointCode: string; analyte: string; rule: string; factor: number | null }>;
  acceptedAt: string;
}

function landLabel(p: PointRow): string {
  const land = monitoringReference().lands[p.land]?.label ?? '';
  if (p.crop) return `${land}（${CROP_LABELS[p.crop as Crop]}）`;
  if (p.landClass) return `${land}（第${p.landClass === 1 ? '一' : '二'}类用地）`;
  return land;
}

/** The D19 details: what the template prints, in words (no codes), ordered by point code, sampling date and analyte. */
export function campaignDetails(c: CampaignFacts, uploadedBy: string): D19Details {
  const ref = monitoringReference();
  const codeOf = new Map(c.points.map(({ point }) => [point.id, point.code]));
  const results = c.results.map((r) => ({
    pointCode: codeOf.get(r.pointId) ?? '', sampledOn: r.sampledOn, medium: ref.media[r.medium as keyof typeof ref.media] ?? r.medium,
    analyte: r.analyte, cas: r.cas, value: r.detected ? r.value : null, detectionLimit: r.detectionLimit, unit: r.unit, ph: r.ph,
    screeningValue: r.screeningValue, interventionValue: r.interventionValue, factor: r.factor, standard: r.standard,
  })).sort((a, b) => a.pointCode.localeCompare(b.pointCode) || a.sampledOn.localeCompare(b.sampledOn) || a.cas.localeCompare(b.cas));
  const warnings: D19Warning[] = c.warnings.map((w) => ({ pointCode: w.pointCode, analyte: w.analyte, rule: WARNING_RULE_LABELS[w.rule] ?? '预警', factor: w.factor }))
    .sort((a, b) => a.pointCode.localeCompare(b.pointCode) || a.analyte.localeCompare(b.analyte));
  return {
    campaign: { id: c.id, name: c.name, year: c.year, jurisdiction: c.jurisdiction, report: c.report, uploadedBy, uploadedAt: c.acceptedAt },
    points: c.points.map(({ point, sampledOn, nextDueOn }) => ({
      code: point.code, name: point.name, kind: ref.pointKinds[point.kind]?.label ?? '', land: landLabel(point), sampledOn, nextDueOn,
    })).sort((a, b) => a.code.localeCompare(b.code)),
    results,
    warnings,
  };
}

/** D19 土壤环境监测批次结果报告, issued by the district bureau that accepted the campaign, in the campaign's transaction. */
export function campaignFiling(me: Principal, issuer: OrgRow, c: CampaignFacts): IssueInput {
  const details = campaignDetails(c, me.displayName);
  const exceeded = details.results.filter((r) => r.factor !== null && r.factor > 1).length;
  return {
    kind: 'D19', plotId: null, transportId: null, outboxId: null, auditId: null, issuer, jurisdictionCode: c.jurisdiction.code, issuedAt: c.acceptedAt,
    body: {
      kind: 'D19',
      addressees: [issuer.name],
      issuedAt: c.acceptedAt,
      decision: {
        text: exceeded > 0
          ? `监测结果予以接收；${exceeded} 项结果超过风险筛选值，已发出预警 ${details.warnings.length} 条，由本局核实处置。`
          : `监测结果予以接收；未发现超过风险筛选值的结果${details.warnings.length ? `，因连续上升发出预警 ${details.warnings.length} 条` : ''}。`,
        by: { name: me.displayName, role: me.role, roleLabel: '生态环境局', organisation: me.organisationName },
        at: c.acceptedAt,
      },
      reports: [],
      signatory: { kind: 'signed', name: me.displayName, organisation: issuer.name },
      details,
    } as IssueInput['body'],
  };
}

import type { Bureau, Role } from '../../workflows';
import type { D18Details, KeyUnitFilingRecord } from '../../templates/filing-record';
import type { AuditRow } from '../engine/audit.repository';
import type { KeyUnitRow } from '../key-units/key-units.repository';
import { industryName } from '../key-units/key-unit-reference';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { reportRef, type FilingFacts, type OrgRow } from './filing-facts';

/** What D18 is issued from: the unit, its FILE_DEMOLITION_PLAN audit row and the plan's report. */
export interface KeyUnitFilingSource {
  unit: KeyUnitRow;
  audit: AuditRow;
}

/**
 * D18 拆除活动土壤污染防治工作方案备案回执 (土壤法第二十二条第二款): filed by the unit (报送单位), received by the
 * 生态环境 bureau of its district, which issues the receipt, and addressed to it and to the district's 工业和信息化
 * bureau. The lead time is the one the engine counted when the plan was filed (its audit row's payload and the
 * unit's snapshot).
 */
export async function demolitionPlanReceipt(f: FilingFacts, s: KeyUnitFilingSource): Promise<{ issuer: OrgRow; body: Omit<KeyUnitFilingRecord, 'id' | 'number' | 'year' | 'issuer' | 'digest' | 'verifyUrl' | 'legalBasis'> }> {
  const { unit, audit } = s;
  const eeb = await f.bureau('eeb', unit.jurisdictionCode);
  if (!eeb) throw new Error(`no 生态环境 bureau of ${unit.jurisdictionCode} to receive the demolition plan of ${unit.id}`);
  // The 工业和信息化 bureau is a bureau of the directory like the others, though no plot step names it.
  const miit = await f.bureau('miit' as Bureau, unit.jurisdictionCode);
  const plan = demolitionFiled(unit, audit);
  const report = await f.report(audit.payload.reportId);
  const details: D18Details = {
    unit: {
      name: unit.name, creditCode: unit.creditCode, industry: industryName(unit.industry), address: unit.address,
      jurisdictionCode: unit.jurisdictionCode, jurisdictionName: unit.jurisdictionName,
    },
    plannedStart: String(audit.payload.plannedStart),
    filedOn: plan?.filedOn ?? audit.at.slice(0, 10),
    workingDaysUntilStart: plan?.leadTime.workingDaysUntilStart ?? 0,
    requiredWorkingDays: plan?.leadTime.requiredWorkingDays ?? 0,
  };
  return {
    issuer: eeb,
    body: {
      kind: 'D18',
      addressees: [eeb.name, miit?.name ?? `${unit.jurisdictionName}工业和信息化主管部门`],
      issuedAt: audit.at,
      decision: {
        text: '拆除活动土壤污染防治工作方案予以备案。',
        by: { name: audit.actorName, role: audit.role, roleLabel: ROLE_LABELS[audit.role as Role] ?? audit.role, organisation: audit.organisationName },
        at: audit.at,
      },
      reports: report ? [{ ...reportRef(report), kindLabel: '拆除活动土壤污染防治工作方案' }] : [],
      signatory: { kind: 'filed', label: '报送单位', organisation: audit.organisationName, name: audit.actorName },
      auditHead: { seq: audit.seq, hash: audit.hash.slice(0, 16) },
      details,
    },
  };
}

/** The demolition this row filed, as the unit's context recorded it (a later revised plan is another entry). */
function demolitionFiled(unit: KeyUnitRow, audit: AuditRow) {
  type Filed = { reportId: string; plannedStart: string; filedOn: string; leadTime: { workingDaysUntilStart: number; requiredWorkingDays: number } };
  const demolitions = (unit.snapshot as { context?: { demolitions?: Filed[] } }).context?.demolitions ?? [];
  return demolitions.filter((d) => d.reportId === audit.payload.reportId && d.plannedStart === audit.payload.plannedStart).at(-1);
}

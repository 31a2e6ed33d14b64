import { addCalendarMonths, type LandClass, type Reopening } from '../../workflows';
import type { D15Details, D16Details, D17Details, ResponsiblePartyFacts, ZoneMediumCode } from '../../templates/filing-record';
import type { AuditRow } from '../engine/audit.repository';
import type { PlotRow } from '../plots/plots.repository';
import type { FilingFacts } from './filing-facts';
import { reportRef } from './filing-facts';
import { PARTY_EVENTS, partiesAtStep, type PartiesAtStep } from './parties-at-step';

/**
 * The facts of the documents of part 2 of the law (D15 变更记录, D16 重新启动调查通知, D17 后期管理要求 / 管控区域公告),
 * each read from the step's audit row and the rows before it, never from the plot as it stands now.
 */
export interface PartTwoSource {
  variant?: string;
  audit: AuditRow;
  plot: PlotRow;
}

export interface PartTwoBuilt<D> {
  details: D;
  decision: string;
  reason?: string;
  reports: ReturnType<typeof reportRef>[];
  addressees: string[];
  copyTo: string[];
}

const D15_VARIANT: Record<string, D15Details['variant']> = { TAKE_BACK: 'takeBack', TRANSFER: 'transfer', RECORD_RESPONSIBLE_PARTY: 'responsibleParty' };
const unique = (names: Array<string | undefined>) => [...new Set(names.filter((n): n is string => Boolean(n)))];

async function nameOf(f: FilingFacts, id: string | null | undefined): Promise<string> {
  return id ? ((await f.organisation(id))?.name ?? '') : '';
}

async function partiesAt(f: FilingFacts, s: PartTwoSource): Promise<{ before: PartiesAtStep; after: PartiesAtStep }> {
  const rows = await f.plotEvents(s.plot.id, PARTY_EVENTS, s.audit.id);
  const own = rows.at(-1)?.id === s.audit.id;
  return { before: partiesAtStep(own ? rows.slice(0, -1) : rows), after: partiesAtStep(rows) };
}

/** The other bureau of the plot's district: a record of one is copied to the other (会同). */
async function otherBureau(f: FilingFacts, s: PartTwoSource): Promise<string | undefined> {
  return (await f.bureau(s.audit.role === 'land' ? 'eeb' : 'land', s.plot.jurisdictionCode))?.name;
}

async function responsibleFacts(f: FilingFacts, a: PartiesAtStep): Promise<ResponsiblePartyFacts | null> {
  const r = a.parties.responsible;
  if (!r) return null;
  const organisation = r.status === 'identified' ? await nameOf(f, r.organisationId) : r.status === 'extinct' ? await nameOf(f, a.parties.controlDuty) : undefined;
  return { status: r.status, ...(organisation ? { organisation } : {}), documentNumber: r.documentNumber, decidedOn: r.decidedOn };
}

export async function partiesChange(f: FilingFacts, s: PartTwoSource): Promise<PartTwoBuilt<D15Details>> {
  const p = s.audit.payload;
  const variant = D15_VARIANT[s.audit.eventType] ?? 'responsibleParty';
  const { before, after } = await partiesAt(f, s);
  const formerHolder = await nameOf(f, before.holderOrganisationId);
  const holder = await nameOf(f, after.holderOrganisationId);
  const investigationDuty = await nameOf(f, after.parties.investigationDuty);
  const controlDuty = await nameOf(f, after.parties.controlDuty);
  const responsible = await responsibleFacts(f, after);
  const agreed = variant === 'transfer' && typeof p.agreedResponsibleOrganisationId === 'string' ? await nameOf(f, p.agreedResponsibleOrganisationId) : undefined;
  const details: D15Details = {
    variant,
    documentNumber: String(p.documentNumber ?? p.contractNumber ?? '').trim(),
    actDate: String(p.decidedOn ?? p.transferredOn ?? ''),
    formerHolder,
    holder,
    ...(agreed ? { agreedResponsible: agreed } : {}),
    ...(variant === 'takeBack' ? { formerHolderResponsible: p.formerHolderResponsible === true } : {}),
    responsible,
    investigationDuty,
    controlDuty,
    controlBasis: after.parties.controlBasis,
  };
  const act = { takeBack: '土地使用权收回', transfer: '土地使用权转让', responsibleParty: '土壤污染责任人认定' }[variant];
  // To whoever carries a duty now, and to the party just identified; the former holder is copied (抄送).
  const identified = variant === 'responsibleParty' && responsible?.status === 'identified' ? responsible.organisation : undefined;
  const addressees = unique([investigationDuty, controlDuty, identified]);
  return {
    details,
    decision: `记录${act}（${details.documentNumber}）：土壤污染状况调查义务由${investigationDuty}承担，风险管控和修复义务由${controlDuty}承担。`,
    reports: [],
    addressees,
    copyTo: unique([...(variant === 'responsibleParty' ? [holder] : [formerHolder, holder]), await otherBureau(f, s)]).filter((n) => !addressees.includes(n)),
  };
}

/** The reopening this step appended to the plot's reopenings (they are only ever appended). */
async function reopeningOf(f: FilingFacts, s: PartTwoSource): Promise<Reopening | undefined> {
  const n = (await f.plotEvents(s.plot.id, ['REOPEN'], s.audit.id)).length;
  const context = (s.plot.snapshot as { context?: { reopenings?: Reopening[] } } | null)?.context;
  return context?.reopenings?.[n - 1];
}

export async function reopeningNotice(f: FilingFacts, s: PartTwoSource): Promise<PartTwoBuilt<D16Details>> {
  const p = s.audit.payload;
  const reason = p.reason === 'useChange' ? 'useChange' : 'newEvidence';
  const reopenedFrom = s.audit.fromState === 'cleared' ? 'cleared' : 'released';
  const evidence = reason === 'newEvidence' ? await f.report(p.evidenceReportId) : undefined;
  const earlier = reopenedFrom === 'released' ? { kind: 'D12', variant: 'decision' } : { kind: 'D4', variant: 'approved' };
  const { after } = await partiesAt(f, s);
  const dutyBearer = await nameOf(f, after.parties.investigationDuty);
  const permitted = (await reopeningOf(f, s))?.permittedLandClass ?? null;
  const note = String(p.note ?? '').trim();
  const details: D16Details = {
    reason,
    reopenedFrom,
    ...(reason === 'useChange' ? { plannedUse: String(p.plannedUse ?? '') } : {}),
    ...(evidence ? { evidence: { fileName: evidence.fileName, authorOrganisation: evidence.authorOrganisation } } : {}),
    note,
    permittedLandClass: permitted === 1 || permitted === 2 ? (permitted as LandClass) : null,
    earlierDecisionNumber: await f.lastDocumentNumber(s.plot.id, earlier.kind, { variant: earlier.variant, before: s.audit.at }),
    dutyBearer,
  };
  return {
    details,
    decision: reason === 'useChange'
      ? `地块用途拟变更为${details.plannedUse}，重新启动土壤污染状况调查。`
      : '新的监测报告表明地块土壤污染物含量超过筛选值，重新启动土壤污染状况调查。',
    ...(note ? { reason: note } : {}),
    reports: evidence ? [reportRef(evidence)] : [],
    addressees: [dutyBearer],
    copyTo: unique([await otherBureau(f, s)]),
  };
}

export async function aftercareOrControlZone(f: FilingFacts, s: PartTwoSource): Promise<PartTwoBuilt<D17Details>> {
  const p = s.audit.payload;
  const { after } = await partiesAt(f, s);
  const dutyBearer = await nameOf(f, after.parties.controlDuty);
  const copyTo = unique([await otherBureau(f, s)]);
  if (s.variant === 'controlZone') {
    const signsPostedOn = String(p.signsPostedOn);
    const monitoring = ((p.monitoring ?? []) as Array<{ medium: ZoneMediumCode; intervalMonths: number }>).map((m) => ({
      medium: m.medium,
      intervalMonths: Number(m.intervalMonths),
      firstDueOn: addCalendarMonths(signsPostedOn, Number(m.intervalMonths)),
    }));
    const noticeNumber = String(p.noticeNumber ?? '').trim();
    return {
      details: { variant: 'controlZone', dutyBearer, noticeNumber, signsPostedOn, monitoring },
      decision: `划定管控区域（${noticeNumber}），设立警示标识，实施定期监测；管控区域内禁止开工建设与风险管控、修复无关的项目。`,
      reports: [],
      addressees: ['社会公众', dutyBearer],
      copyTo,
    };
  }
  const ordinal = (await f.plotEvents(s.plot.id, ['ADD_AFTERCARE'], s.audit.id)).length;
  const obligation = {
    kind: p.kind === 'monitoring' ? ('monitoring' as const) : ('institutionalControl' as const),
    description: String(p.description ?? '').trim(),
    dueOn: String(p.dueOn),
    restriction: String(p.restriction ?? '').trim() || null,
  };
  return {
    details: { variant: 'aftercare', dutyBearer, ordinal, obligation },
    decision: `提出后期管理要求：${obligation.description}，于 ${obligation.dueOn} 前履行。`,
    reports: [],
    addressees: [dutyBearer],
    copyTo,
  };
}

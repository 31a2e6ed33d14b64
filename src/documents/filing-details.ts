import { MANDATORY_NEGATIVE_USES, REQUIRED_BUREAUS, plotStateLabel, type ReviewStage, type LandClass } from '../../workflows';
import type { AuditRow } from '../engine/audit.repository';
import { validatePolygon } from '../evidence/geojson';
import type { PlotRow } from '../plots/plots.repository';
import type { DetailsByKind, DocumentKind, ExpertPanel, PanelExpert, ReportRef } from '../../templates/filing-record';
import { FilingFacts, reportRef, type ReportFactRow } from './filing-facts';
import { aftercareOrControlZone, partiesChange, reopeningNotice } from './filing-details-part2';
import { reviewRound, reviewStateOf, type PanelRows } from './review-round';

export interface FilingSource {
  kind: DocumentKind;
  variant?: string;
  audit: AuditRow;
  plot: PlotRow;
  holderName: string;
}

export interface BuiltDetails {
  details: DetailsByKind[DocumentKind];
  decision: string;
  reason?: string;
  reports: ReportRef[];
  addressees: string[];
  copyTo?: string[]; // 抄送, on the kinds that have one
  variant?: string; // a variant the facts decide (D3 of a key unit's land), in place of the step's
}

const LAND_CLASS = { 1: '第一类用地', 2: '第二类用地' } as const;
const REVIEW_STAGE: Record<string, ReviewStage> = {
  'investigation.preliminary': 'preliminary',
  'investigation.detailed': 'detailed',
  riskAssessment: 'riskAssessment',
  'listed.effectEvaluation': 'effectEvaluation',
  'listed.removalReview': 'removalReview',
};
const BUREAU_LABEL = { eeb: '生态环境', land: '自然资源' } as const;

/** What each review outcome decides, in the words of the filing. */
function reviewDecision(from: string, to: string, landClass: LandClass): string {
  if (from.startsWith('investigation.preliminary') && to === 'cleared') {
    return `经会同评审，初步调查表明地块土壤污染物含量未超过${LAND_CLASS[landClass]}筛选值，认定为非污染地块，准予按规划用途开发利用。`;
  }
  if (from.startsWith('investigation.preliminary')) return '经会同评审，初步调查表明地块土壤污染物含量超过筛选值，应开展详细调查。';
  if (from.startsWith('investigation.detailed')) return '经会同评审，同意详细调查报告，应开展土壤污染风险评估。';
  if (from.startsWith('riskAssessment') && to === 'cleared') return '经会同评审，地块土壤污染风险可接受，不纳入建设用地土壤污染风险管控和修复名录。';
  if (from.startsWith('riskAssessment')) return '经会同评审，地块土壤污染风险不可接受，纳入建设用地土壤污染风险管控和修复名录。';
  if (to === 'listed.awaitingRemoval') return '效果评估报告表明已达到风险管控或修复目标，土地使用权人可申请移出名录。';
  if (from.startsWith('listed.effectEvaluation')) return '效果评估报告表明未达到风险管控或修复目标，应继续实施风险管控或修复。';
  return `评审通过，地块进入“${plotStateLabel(to)}”阶段。`;
}

function reviewStageOf(state: string): ReviewStage | undefined {
  const key = Object.keys(REVIEW_STAGE).find((k) => state.startsWith(k));
  return key ? REVIEW_STAGE[key] : undefined;
}

async function mainPollutants(f: FilingFacts, plotId: string, untilId: string): Promise<string[]> {
  const ra = await f.lastSubmitted(plotId, 'riskAssessment', untilId);
  const listed = (ra?.report?.conclusion.pollutants as string[] | undefined) ?? [];
  if (listed.length) return listed;
  const inv = await f.lastSubmitted(plotId, 'investigation', untilId);
  const analytes = inv?.report?.screening?.analytes ?? [];
  return analytes.filter((a) => Number(a.nAboveScreening) > 0).map((a) => String(a.name));
}

async function effectEvaluation(f: FilingFacts, plotId: string, untilId: string) {
  return (await f.lastSubmitted(plotId, 'listed.effectEvaluation', untilId))?.report;
}

function landClassOf(report: ReportFactRow | undefined, fallback: LandClass): LandClass {
  const c = Number(report?.conclusion.permittedLandClass);
  return c === 1 || c === 2 ? c : fallback;
}

/** Whether a review step returned the report, and why: a return, a panel's 不通过, or a recorded decision to return. */
function reviewOutcome(audit: AuditRow): { returned: false } | { returned: true; reason: string; heading: string } {
  const p = audit.payload;
  if (audit.eventType === 'RETURN') return { returned: true, reason: String(p.reason), heading: '退回修改' };
  if (audit.eventType === 'CONCLUDE_PANEL' && p.conclusion === 'fail') return { returned: true, reason: String(p.summary ?? ''), heading: '专家评审不通过，退回修改' };
  if (audit.eventType === 'RECORD_DECISION' && p.outcome === 'returned') return { returned: true, reason: String(p.reason ?? ''), heading: '决定机关决定退回修改' };
  return { returned: false };
}

/** The report under review and the revisions submitted in the round (修改后通过), each with its file's digest. */
async function withRevisions(f: FilingFacts, submitted: ReportFactRow | undefined, revisions: AuditRow[]): Promise<ReportRef[]> {
  const out = submitted ? [reportRef(submitted)] : [];
  for (const r of revisions) {
    const revised = await f.report(r.payload.reportId);
    if (revised) out.push({ ...reportRef(revised), kindLabel: `${reportRef(revised).kindLabel}（修改稿）` });
  }
  return out;
}

/** The panel as D4 prints it: each expert with their organisation and last opinion, and the conclusion. */
async function expertPanel(f: FilingFacts, panel: PanelRows): Promise<ExpertPanel> {
  const members = (panel.formed.payload.experts as Array<{ name?: unknown; organisationId?: unknown; title?: unknown }> | undefined) ?? [];
  const experts: PanelExpert[] = [];
  for (const [i, m] of members.entries()) {
    const said = panel.opinions.filter((o) => Number(o.payload.expertIndex) === i).at(-1);
    experts.push({
      name: String(m.name ?? ''),
      organisation: (await f.organisation(m.organisationId))?.name ?? '',
      title: m.title === undefined || m.title === null || m.title === '' ? undefined : String(m.title),
      opinion: said ? String(said.payload.opinion ?? '') : undefined,
    });
  }
  const c = panel.concluded?.payload;
  const conclusion = c?.conclusion === 'pass' || c?.conclusion === 'passWithRevisions' || c?.conclusion === 'fail' ? c.conclusion : undefined;
  return { experts, conclusion, summary: c?.summary === undefined ? undefined : String(c.summary) };
}

type Builder = (f: FilingFacts, s: FilingSource) => Promise<BuiltDetails>;

const BUILDERS: Record<DocumentKind, Builder> = {
  async D1(_f, { audit, plot, holderName }) {
    const p = audit.payload as Record<string, string>;
    const geo = plot.boundary ? validatePolygon(plot.boundary) : undefined;
    return {
      details: {
        formerIndustry: plot.formerIndustry,
        currentUse: plot.currentUse,
        plannedUse: plot.plannedUse,
        registrationGround: audit.role === 'holder' ? '土地使用权人申报（用途变更或土地使用权收回、转让）' : '生态环境主管部门排查列入疑似污染地块名单',
        boundary: geo?.ok ? { vertexCount: geo.vertexCount, centroid: { lon: geo.centroid[0], lat: geo.centroid[1] } } : undefined,
        registeringBody: audit.organisationName,
      },
      decision: `登记为疑似污染地块（原行业：${p.formerIndustry ?? plot.formerIndustry}）。`,
      reports: [],
      addressees: [holderName],
    };
  },
  async D2(_f, { audit, holderName }) {
    return {
      details: {
        dueDate: String(audit.payload.dueDate),
        requirements: '请委托具备相应能力的第三方机构开展土壤污染状况初步调查，并在期限前报送调查报告及样品检测数据。',
      },
      decision: `责令于 ${String(audit.payload.dueDate)} 前完成土壤污染状况调查并报送调查报告。`,
      reports: [],
      addressees: [holderName],
    };
  },
  async D3(f, { audit, plot, holderName }) {
    const r = await f.report(audit.payload.reportId);
    const s = r?.screening;
    // 土壤法第六十七条: a key unit's report also goes to the 不动产登记机构 (the registration reason never changes).
    const keyUnit = (plot.snapshot as { context?: { registrationReason?: string } } | null)?.context?.registrationReason === 'keyUnitLand';
    const registry = `${plot.jurisdictionName}人民政府不动产登记机构`;
    return {
      details: {
        stage: (audit.fromState ?? '').startsWith('investigation.detailed') ? 'detailed' : 'preliminary',
        screening: {
          landClass: s?.landClass ?? 1,
          verdict: (s?.verdict === 'no_data' ? 'below_screening' : s?.verdict ?? 'below_screening') as never,
          sampleCount: r?.sampleCount ?? 0,
          analytes: (s?.analytes ?? []).map((a) => ({
            name: String(a.name), cas: String(a.cas), max: Number(a.max ?? 0), screeningValue: Number(a.screeningValue),
            interventionValue: Number(a.interventionValue), nAboveScreening: Number(a.nAboveScreening),
            nAboveIntervention: Number(a.nAboveIntervention), factor: Number(a.factor ?? 0),
          })),
        },
      },
      decision: '调查报告已收悉，予以备案，提交生态环境、自然资源主管部门会同评审。' + (keyUnit ? `本调查报告作为不动产登记资料送交${registry}。` : ''),
      reports: r ? [reportRef(r)] : [],
      addressees: [holderName, ...(r ? [r.authorOrganisation] : [])],
      ...(keyUnit ? { variant: 'keyUnitLand', copyTo: [registry] } : {}),
    };
  },
  async D4(f, { audit, plot, holderName }) {
    const from = audit.fromState ?? '';
    const stage = reviewStageOf(reviewStateOf(from)) ?? 'preliminary';
    const round = await reviewRound(f, plot.id, audit);
    const prefix = reviewStateOf(from).replace(/\.underReview$/, '');
    const submitted = stage === 'removalReview' ? undefined : (await f.lastSubmitted(plot.id, prefix, audit.id))?.report;
    const recorded = audit.eventType === 'RECORD_DECISION';
    const outcome = reviewOutcome(audit);
    const reviewers = recorded ? [] : REQUIRED_BUREAUS[stage].map((bureau) => {
      const a = round.approvals.find((r) => r.role === bureau);
      return { bureau: a?.organisationName ?? `${BUREAU_LABEL[bureau]}主管部门`, roleLabel: BUREAU_LABEL[bureau], approved: Boolean(a), by: a?.actorName, at: a?.at, opinion: a ? String(a.payload.opinion ?? '') : undefined };
    });
    const landClass = landClassOf(undefined, plot.plannedLandClass);
    // Each bureau's opinion kept apart, in the reviewers' order (the PDF prints one line per bureau).
    const opinions = reviewers.filter((r) => r.approved && r.opinion).map((r) => ({ organisation: r.bureau, decision: '同意' as const, opinion: r.opinion! }));
    const approvedOpinion = recorded ? `决定机关作出同意的决定（${String(audit.payload.documentNumber ?? '')}）。` : opinions.length ? undefined : '同意';
    return {
      details: {
        variant: outcome.returned ? 'returned' : 'approved',
        reportLabel: submitted ? `${submitted.kind === 'risk_assessment' ? '土壤污染风险评估报告' : submitted.kind === 'effect_evaluation' ? '风险管控与修复效果评估报告' : `土壤污染状况${submitted.kind === 'detailed_investigation' ? '详细' : '初步'}调查报告`}` : '移出名录申请',
        opinion: outcome.returned ? outcome.reason : approvedOpinion,
        ...(outcome.returned || recorded ? {} : { opinions }),
        reviewers,
        returnReason: outcome.returned ? outcome.reason : undefined,
        panel: round.panel && (await expertPanel(f, round.panel)),
      },
      decision: outcome.returned ? `${outcome.heading}：${outcome.reason}` : reviewDecision(from, audit.toState, landClass),
      reason: outcome.returned ? outcome.reason : undefined,
      reports: await withRevisions(f, submitted, round.revisions),
      addressees: [holderName, ...(submitted ? [submitted.authorOrganisation] : [])],
    };
  },
  async D5(f, { audit, holderName }) {
    const r = await f.report(audit.payload.reportId);
    const acceptable = r?.conclusion.riskAcceptable === true;
    return {
      details: { riskAcceptable: acceptable, conclusion: String(r?.conclusion.summary ?? (acceptable ? '风险可接受' : '风险不可接受')) },
      decision: '风险评估报告已收悉，予以备案，提交生态环境、自然资源主管部门会同评审。',
      reports: r ? [reportRef(r)] : [],
      addressees: [holderName, ...(r ? [r.authorOrganisation] : [])],
    };
  },
  async D6(f, { audit, plot, holderName, variant }) {
    const priority = variant === 'priority';
    const negative = priority ? (audit.payload.negativeList as string[]) : [];
    return {
      details: {
        variant: priority ? 'priority' : 'listing',
        mainPollutants: await mainPollutants(f, plot.id, audit.id),
        rank: priority ? Number(audit.payload.rank) : undefined,
        negativeList: [...new Set([...MANDATORY_NEGATIVE_USES, ...negative])],
      },
      decision: priority
        ? `列入优先控制名录，优先控制序号 ${Number(audit.payload.rank)}；未经治理修复和移出名录，不得作为负面清单所列用途开发利用。`
        : '纳入建设用地土壤污染风险管控和修复名录，实施风险管控或修复；不得作为住宅、公共管理与公共服务用地。',
      reason: priority && audit.payload.reason ? String(audit.payload.reason) : undefined,
      reports: [],
      addressees: priority ? [holderName, '生态环境主管部门'] : ['社会公众', holderName],
    };
  },
  async D7(f, { audit, holderName, variant }) {
    const r = await f.report(audit.payload.reportId);
    const c = r?.conclusion ?? {};
    const monitoring = variant === 'monitoring';
    return {
      details: {
        variant: monitoring ? 'monitoring' : 'plan',
        measures: String(c.technology ?? c.summary ?? c.targets ?? '见风险管控方案'),
        monitoringPeriod: monitoring ? String(c.period ?? '') || undefined : undefined,
        findings: monitoring ? String(c.summary ?? '') || undefined : undefined,
      },
      decision: monitoring ? '定期监测报告已收悉，予以备案。' : '风险管控方案已收悉，予以备案，请按方案实施风险管控并定期报告。',
      reports: r ? [reportRef(r)] : [],
      addressees: [holderName],
    };
  },
  async D8(f, { audit, plot, holderName }) {
    const r = await f.report(audit.payload.reportId);
    const c = r?.conclusion ?? {};
    return {
      details: {
        technology: String(c.technology ?? c.summary ?? '见修复方案'),
        targets: String(c.targets ?? '见修复方案'),
        scope: { areaM2: Number(plot.areaM2), volumeM3: Number(c.volumeM3 ?? 0) },
        plannedDuration: String(c.plannedDuration ?? '见修复方案'),
        offSiteTransport: c.offSiteTransport === true,
      },
      decision: '修复方案已收悉，予以备案。施工期间应设立公告牌，污染土壤转运须提前报告（土壤法第四十条、第四十一条）。',
      reports: r ? [reportRef(r)] : [],
      addressees: [holderName],
    };
  },
  async D9(f, { audit, plot }) {
    const board = audit.payload.noticeBoard as Record<string, string>;
    const contractor = await f.organisation(board.contractorOrganisationId);
    const bureau = await f.bureau('eeb', plot.jurisdictionCode);
    return {
      details: {
        noticeBoard: { project: board.project, contractor: contractor?.name ?? '', measures: board.measures, contact: board.contact, startDate: board.startDate, endDate: board.endDate },
        supervisingBureau: bureau?.name ?? '',
      },
      decision: '修复工程开工，依法设立施工公告牌，接受社会监督。',
      reports: [],
      addressees: ['社会公众'],
    };
  },
  async D10(f, { audit, plot }) {
    const p = audit.payload as Record<string, unknown>;
    const destCode = String(p.destinationJurisdiction ?? '');
    const origin = await f.bureau('eeb', plot.jurisdictionCode);
    const destination = await f.bureau('eeb', destCode);
    return {
      details: {
        transport: {
          batchNo: audit.entityId.slice(0, 8).toUpperCase(),
          plannedStart: String(p.plannedStart),
          method: String(p.method),
          route: String(p.route),
          carrier: String(p.carrier),
          vehicles: (p.vehicles as string[]) ?? [],
          quantityT: Number(p.quantityT),
          destinationFacility: String(p.destinationFacility),
          destinationJurisdiction: { code: destCode, name: await f.jurisdictionName(destCode) },
          finalDisposal: String(p.finalDisposal),
          hazardousWaste: p.hazardousWaste === true,
          ...(typeof p.receiverLicenceNo === 'string' && p.receiverLicenceNo.trim() ? { receiverLicenceNo: p.receiverLicenceNo.trim() } : {}),
        },
      },
      decision: '报告污染土壤转运计划，请所在地和接收地生态环境主管部门知悉并监督。',
      reports: [],
      addressees: [...new Set([origin?.name, destination?.name].filter((n): n is string => Boolean(n)))],
    };
  },
  async D11(f, { audit, plot, holderName }) {
    const r = await f.report(audit.payload.reportId);
    const works = (await f.plotEvents(plot.id, ['START_WORKS', 'FILE_CONTROL_PLAN', 'FILE_REMEDIATION_PLAN'], audit.id)).at(-1);
    const implementer =
      works?.eventType === 'START_WORKS'
        ? (await f.organisation((works.payload.noticeBoard as Record<string, string>).contractorOrganisationId))?.name
        : (await f.report(works?.payload.reportId))?.authorOrganisation;
    return {
      details: {
        targetsAchieved: r?.conclusion.targetsAchieved === true,
        permittedLandClass: landClassOf(r, plot.plannedLandClass),
        evaluatorOrganisation: r?.authorOrganisation ?? '',
        implementerOrganisation: implementer ?? works?.organisationName ?? '',
      },
      decision: '效果评估报告已收悉，予以备案，提交生态环境主管部门审查。',
      reports: r ? [reportRef(r)] : [],
      addressees: [holderName, ...(r ? [r.authorOrganisation] : [])],
    };
  },
  async D12(f, { audit, plot, holderName, variant }) {
    const evaluation = await effectEvaluation(f, plot.id, audit.id);
    const landClass = landClassOf(evaluation, plot.plannedLandClass);
    const decision = variant === 'decision';
    return {
      details: {
        variant: decision ? 'decision' : 'application',
        permittedLandClass: landClass,
        applicant: holderName,
        effectEvaluationNumber: await f.lastDocumentNumber(plot.id, 'D11'),
      },
      decision: decision
        ? `经会同审查，同意移出建设用地土壤污染风险管控和修复名录，准予按${LAND_CLASS[landClass]}开发利用。`
        : '已达到风险管控或修复目标，申请移出建设用地土壤污染风险管控和修复名录。',
      reports: evaluation ? [reportRef(evaluation)] : [],
      addressees: decision ? [holderName, '自然资源主管部门', '社会公众'] : ['生态环境主管部门', '自然资源主管部门'],
    };
  },
  async D14() {
    throw new Error('D14 is issued directly, not from an event');
  },
  D15: (f, s) => partiesChange(f, s),
  D16: (f, s) => reopeningNotice(f, s),
  D17: (f, s) => aftercareOrControlZone(f, s),
  async D18() {
    throw new Error('D18 is a key unit\'s filing: FilingService files it from the unit, not from a plot');
  },
  async D19() {
    throw new Error('D19 is issued with its monitoring campaign, not from an event');
  },
};

export function buildDetails(facts: FilingFacts, source: FilingSource): Promise<BuiltDetails> {
  return BUILDERS[source.kind](facts, source);
}

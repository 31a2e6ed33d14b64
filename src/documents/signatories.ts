import { bureauOf, type Bureau, type ReviewStage, type Role } from '../../workflows';
import type { DocumentKind, Signatory } from '../../templates/filing-record';
import { DecisionConfig, type DecisionStep } from '../decisions/decision-config';
import type { AuditRow } from '../engine/audit.repository';
import type { PlotRow } from '../plots/plots.repository';
import { DocumentConfig } from './document-config';
import type { FilingFacts, OrgRow } from './filing-facts';
import { reviewRound } from './review-round';

/** The letterhead of a document and who answers for it (签发人, 填报单位 or 录入人). */
export interface Signing {
  issuer: OrgRow;
  signatory: Signatory;
}

export interface SigningSource {
  kind: DocumentKind;
  variant?: string;
  audit: AuditRow;
  plot: Pick<PlotRow, 'id' | 'jurisdictionCode'>;
}

/** The body of a step as a document needs it: which bureaus decide, where, and whether in this system. */
interface Body {
  bureaus: Bureau[];
  jurisdiction: string;
  mode: 'inSystem' | 'recorded';
}

const BUREAU_LABEL: Record<Bureau, string> = { eeb: '生态环境', land: '自然资源' };

// The step of reference/decision-steps.json each document belongs to (D4: by its review stage; D10, a transport, to none).
const STEP_OF_KIND: Partial<Record<string, DecisionStep>> = {
  D1: 'investigationNotice',
  D2: 'investigationNotice',
  D3: 'investigationReview',
  D5: 'riskAssessmentReview',
  D6: 'riskAssessmentReview',
  'D6:priority': 'priority',
  D7: 'planFiling',
  D8: 'planFiling',
  D9: 'planFiling',
  D11: 'effectEvaluationFiling',
  D12: 'removal',
};
const STEP_OF_REVIEW: Record<ReviewStage, DecisionStep> = {
  preliminary: 'investigationReview',
  detailed: 'investigationReview',
  riskAssessment: 'riskAssessmentReview',
  effectEvaluation: 'effectEvaluationFiling',
  removalReview: 'removal',
};

function reviewStageOf(state: string): ReviewStage | undefined {
  if (state.startsWith('investigation.preliminary')) return 'preliminary';
  if (state.startsWith('investigation.detailed')) return 'detailed';
  if (state.startsWith('riskAssessment')) return 'riskAssessment';
  if (state.startsWith('listed.effectEvaluation')) return 'effectEvaluation';
  if (state.startsWith('listed.removal')) return 'removalReview';
  return undefined;
}

export function decisionStepOfDocument(kind: DocumentKind, variant: string | undefined, fromState: string): DecisionStep | undefined {
  if (kind === 'D4') {
    const stage = reviewStageOf(fromState);
    return stage && STEP_OF_REVIEW[stage];
  }
  return STEP_OF_KIND[variant ? `${kind}:${variant}` : kind] ?? STEP_OF_KIND[kind];
}

/**
 * Who issues a filing and who answers for it (issue 15, Signatories; DESIGN §1.1 and §4):
 * the letterhead is the body that decided — the bureau of the document's kind at the
 * level reference/decision-steps.json names for the step — and the 签发人 is its officer
 * who decided. A holder's or a third party's own filing names them as 填报单位 / 报送单位;
 * a decision taken outside the system is recorded by the district under its own
 * letterhead, naming the 决定机关 with its 文号 and date and the district's 录入人.
 */
export class Signatories {
  constructor(
    private readonly documents: DocumentConfig,
    private readonly decisions: DecisionConfig,
  ) {}

  async resolve(f: FilingFacts, s: SigningSource): Promise<Signing> {
    const kindIssuer = this.documents.for(s.kind, s.variant).issuer;
    // A decision that takes effect after its publicity period is the decision of the round.
    const step = s.audit.eventType === 'END_PUBLICITY' ? ((await reviewRound(f, s.plot.id, s.audit)).decision ?? s.audit) : s.audit;
    const body = this.bodyOf(s, step);
    if (step.eventType === 'RECORD_DECISION') return this.recorded(f, kindIssuer, body, step, s.plot.jurisdictionCode);
    const bureau = bureauOf(step.role as Role);
    if (!bureau) {
      // The district receives and forwards what a body outside the system decides.
      const issuer = await this.bureau(f, kindIssuer, body.mode === 'recorded' ? s.plot.jurisdictionCode : body.jurisdiction);
      return { issuer, signatory: filed(step) };
    }
    const deciders = step.eventType === 'APPROVE' ? (await reviewRound(f, s.plot.id, step)).approvals : [step];
    // The issuing bureau's officer who decided; else the co-deciding officer who alone decided (a return), under their own letterhead.
    const decider = deciders.filter((r) => r.role === kindIssuer).at(-1) ?? (body.bureaus.includes(bureau) ? step : undefined);
    const own = decider && (await f.organisation(decider.organisationId));
    if (decider && own) return { issuer: own, signatory: signed(decider, own) };
    const issuer = await this.bureau(f, kindIssuer, body.jurisdiction);
    return { issuer, signatory: issuer.id === step.organisationId ? signed(step, issuer) : filed(step) };
  }

  /** v2 plots: the configured body of the document's step; v1 plots and transports: the plot's own district, as v1 decides. */
  private bodyOf(s: SigningSource, step: AuditRow): Body {
    const name = decisionStepOfDocument(s.kind, s.variant, step.fromState ?? '');
    if (!name || step.entityType !== 'plot' || Number(step.machineVersion) < 2) {
      return { bureaus: [this.documents.for(s.kind, s.variant).issuer], jurisdiction: s.plot.jurisdictionCode, mode: 'inSystem' };
    }
    const body = this.decisions.decidingBody(name, s.plot.jurisdictionCode);
    return { bureaus: body.bureaus, jurisdiction: body.jurisdiction, mode: body.mode };
  }

  private async recorded(f: FilingFacts, kindIssuer: Bureau, body: Body, step: AuditRow, district: string): Promise<Signing> {
    const own = bureauOf(step.role as Role) ? await f.organisation(step.organisationId) : undefined;
    const issuer = own ?? (await this.bureau(f, kindIssuer, district));
    const names: string[] = [];
    for (const b of body.bureaus) {
      const org = await f.bureau(b, body.jurisdiction);
      names.push(org?.name ?? `${await f.jurisdictionName(body.jurisdiction)}${BUREAU_LABEL[b]}主管部门`);
    }
    const p = step.payload;
    return {
      issuer,
      signatory: {
        kind: 'recorded',
        decidingBody: names.join(' 会同 '),
        documentNumber: String(p.documentNumber ?? ''),
        decisionDate: String(p.decisionDate ?? ''),
        recordedBy: step.actorName,
        recordingOrganisation: issuer.name,
      },
    };
  }

  private async bureau(f: FilingFacts, kind: Bureau, jurisdiction: string): Promise<OrgRow> {
    const found = await f.bureau(kind, jurisdiction);
    if (found) return found;
    throw new Error(`no ${kind} organisation for jurisdiction ${jurisdiction}: cannot issue the document`);
  }
}

function signed(row: AuditRow, org: OrgRow): Signatory {
  return { kind: 'signed', name: row.actorName, organisation: org.name };
}

function filed(row: AuditRow): Signatory {
  return { kind: 'filed', label: row.role === 'holder' ? '填报单位' : '报送单位', organisation: row.organisationName, name: row.actorName };
}

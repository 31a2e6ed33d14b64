import type { FilingRequest } from '../engine/workflow-entity';

/** The stage a review state belongs to, for the document that records its outcome. */
function stageOf(state: string): string {
  return state.replace(/\.(drafting|underReview)$/, '');
}

/** A decided review: its opinion (D4), the listing (D6) after the risk assessment, the removal decision (D12). */
function decided(from: string, to: string): FilingRequest[] {
  if (from === to) return [];
  const out: FilingRequest[] = [{ kind: 'D4', variant: 'approved', stage: stageOf(from) }];
  if (to === 'listed.prioritization') out.push({ kind: 'D6', variant: 'listing' });
  // v1 releases on the removal's approval; v2 publishes the decision first (公示) and releases when that ends.
  if (to === 'released' || to === 'listed.removalPublicity') out.push({ kind: 'D12', variant: 'decision' });
  return from === 'listed.removalReview' ? out.filter((f) => f.kind !== 'D4') : out;
}

function returned(from: string): FilingRequest[] {
  return [{ kind: 'D4', variant: 'returned', stage: stageOf(from) }];
}

/** A step back to where a report or an application is drafted again. */
function isReturn(from: string, to: string): boolean {
  return to.endsWith('.drafting') || (to === 'listed.awaitingRemoval' && from !== 'listed.effectEvaluation.underReview');
}

/**
 * Filing documents of the plot lifecycle (docs/plot-lifecycle.v1.md; README, Filing documents): which step issues which.
 * A joint review issues its opinion (D4) once, when the review is decided.
 */
export function plotFilings(type: string, from: string, to: string): FilingRequest[] {
  switch (type) {
    case 'REGISTER':
      return [{ kind: 'D1' }];
    case 'ISSUE_INVESTIGATION_NOTICE':
      return [{ kind: 'D2' }];
    case 'SUBMIT_REPORT':
      if (from.startsWith('investigation.')) return [{ kind: 'D3', stage: stageOf(from) }];
      if (from.startsWith('riskAssessment.')) return [{ kind: 'D5' }];
      if (from.startsWith('listed.effectEvaluation.')) return [{ kind: 'D11' }];
      return [];
    case 'APPROVE':
      return decided(from, to);
    case 'RECORD_DECISION':
      // A decision taken outside the system, recorded by the district: the documents of the decision it stands for.
      return to === from ? [] : isReturn(from, to) ? returned(from) : decided(from, to);
    case 'RETURN':
      return returned(from);
    case 'CONCLUDE_PANEL':
      // 专家评审不通过 returns the stage; 通过 and 修改后通过 are recorded and the decision follows.
      return to === from ? [] : returned(from);
    case 'SET_PRIORITY':
      return [{ kind: 'D6', variant: 'priority' }];
    case 'FILE_CONTROL_PLAN':
      return [{ kind: 'D7', variant: 'plan' }];
    case 'SUBMIT_MONITORING_REPORT':
      return [{ kind: 'D7', variant: 'monitoring' }];
    case 'FILE_REMEDIATION_PLAN':
      return [{ kind: 'D8' }];
    case 'START_WORKS':
      return [{ kind: 'D9' }];
    case 'APPLY_REMOVAL':
      return [{ kind: 'D12', variant: 'application' }];
    // Part 2 of the law: who answers for the plot (土壤法第四十五条、第四十八条、第六十八条; 42号令), reopening
    // (第五十九条), aftercare (第四十二条第三款) and control zones (上政文〔2017〕147号 三（四）2).
    case 'TAKE_BACK':
      return [{ kind: 'D15', variant: 'takeBack' }];
    case 'TRANSFER':
      return [{ kind: 'D15', variant: 'transfer' }];
    case 'RECORD_RESPONSIBLE_PARTY':
      return [{ kind: 'D15', variant: 'responsibleParty' }];
    case 'REOPEN':
      return [{ kind: 'D16' }];
    case 'ADD_AFTERCARE':
      return [{ kind: 'D17', variant: 'aftercare' }];
    case 'PLACE_UNDER_CONTROL_ZONE':
      return [{ kind: 'D17', variant: 'controlZone' }];
    default:
      return [];
  }
}

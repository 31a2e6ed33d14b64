import type { Parties, ResponsibleParty } from '../../workflows';
import type { AuditRow } from '../engine/audit.repository';

/** Who held the land and who answered for the plot just after a step, with the holder of the land-use right. */
export interface PartiesAtStep {
  holderOrganisationId: string;
  parties: Parties;
}

export const PARTY_EVENTS = ['REGISTER', 'TAKE_BACK', 'TRANSFER', 'RECORD_RESPONSIBLE_PARTY'];

type Payload = Record<string, unknown>;
const text = (v: unknown) => String(v ?? '').trim();

function takeBack(s: PartiesAtStep, p: Payload): PartiesAtStep {
  const holder = s.holderOrganisationId;
  const organiser = String(p.organiserOrganisationId);
  const formerResponsible = p.formerHolderResponsible === true;
  const responsible: ResponsibleParty | null = formerResponsible
    ? { status: 'identified', organisationId: holder, documentNumber: text(p.documentNumber), decidedOn: String(p.decidedOn) }
    : s.parties.responsible;
  const answering = responsible?.status === 'identified' && responsible.organisationId !== null && responsible.organisationId !== holder;
  return {
    holderOrganisationId: organiser,
    parties: {
      formerHolders: [...s.parties.formerHolders, { organisationId: holder, until: String(p.decidedOn), how: 'takenBack', documentNumber: text(p.documentNumber) }],
      responsible,
      investigationDuty: organiser,
      controlDuty: answering && !formerResponsible ? responsible.organisationId! : organiser,
      controlBasis: formerResponsible ? 'government' : answering ? 'responsibleParty' : 'holder',
    },
  };
}

function transfer(s: PartiesAtStep, p: Payload): PartiesAtStep {
  const agreed = typeof p.agreedResponsibleOrganisationId === 'string' ? p.agreedResponsibleOrganisationId : undefined;
  const answering = agreed ?? String(p.transfereeOrganisationId);
  return {
    holderOrganisationId: String(p.transfereeOrganisationId),
    parties: {
      ...s.parties,
      formerHolders: [...s.parties.formerHolders, { organisationId: s.holderOrganisationId, until: String(p.transferredOn), how: 'transferred', documentNumber: text(p.contractNumber) }],
      investigationDuty: answering,
      controlDuty: answering,
      controlBasis: agreed ? 'contract' : 'holder',
    },
  };
}

function responsibleParty(s: PartiesAtStep, p: Payload): PartiesAtStep {
  const status = p.status as ResponsibleParty['status'];
  const organisationId = status === 'identified' ? String(p.organisationId) : null;
  const responsible: ResponsibleParty = { status, organisationId, documentNumber: text(p.documentNumber), decidedOn: String(p.decidedOn) };
  const takenBackFrom = s.parties.formerHolders.some((h) => h.organisationId === organisationId && h.how === 'takenBack');
  let controlDuty = s.holderOrganisationId;
  let controlBasis: Parties['controlBasis'] = 'holder';
  if (status === 'extinct') [controlDuty, controlBasis] = [String(p.organiserOrganisationId), 'government'];
  else if (status === 'identified' && takenBackFrom) controlBasis = 'government';
  else if (status === 'identified') [controlDuty, controlBasis] = [organisationId!, 'responsibleParty'];
  return { ...s, parties: { ...s.parties, responsible, controlDuty, controlBasis } };
}

/**
 * The parties as they stood after the last of `rows` (the plot's REGISTER, TAKE_BACK, TRANSFER and
 * RECORD_RESPONSIBLE_PARTY audit rows, oldest first), folded by the rules of plot-lifecycle v2's actions
 * (土壤法第四十五条、第四十八条、第六十八条; 42号令 on 责任主体). A filing is built from records that never change:
 * the plot's snapshot today may already carry a later step. parties-at-step.spec.ts checks the fold against the machine.
 */
export function partiesAtStep(rows: AuditRow[]): PartiesAtStep {
  const start = rows.find((r) => r.eventType === 'REGISTER');
  const holder = String(start?.payload.holderOrganisationId ?? '');
  let s: PartiesAtStep = {
    holderOrganisationId: holder,
    parties: { formerHolders: [], responsible: null, investigationDuty: holder, controlDuty: holder, controlBasis: 'holder' },
  };
  for (const r of rows) {
    if (r.eventType === 'TAKE_BACK') s = takeBack(s, r.payload);
    else if (r.eventType === 'TRANSFER') s = transfer(s, r.payload);
    else if (r.eventType === 'RECORD_RESPONSIBLE_PARTY') s = responsibleParty(s, r.payload);
  }
  return s;
}

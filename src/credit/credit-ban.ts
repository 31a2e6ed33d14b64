import type { EntityManager } from 'typeorm';
import type { ConsultantBan } from '../../workflows/plot-lifecycle/v2/ban';
import type { CreditRepository } from './credit.repository';

/** The ban on a firm in force on `today` (土壤法第九十条), as the plot workflow's guard and the upload check read it. */
export async function banInForce(credit: CreditRepository, em: EntityManager, orgId: unknown, today: string): Promise<ConsultantBan | null> {
  if (typeof orgId !== 'string' || !/^[0-9a-f-]{36}$/i.test(orgId)) return null;
  const f = await credit.banInForce(em, orgId, today);
  if (!f || !f.banStartsOn || !f.banEndsOn) return null;
  return {
    organisationName: f.organisationName,
    issuerName: f.issuerName,
    decisionNumber: f.decisionNumber,
    decisionDate: f.decisionDate,
    startsOn: f.banStartsOn,
    endsOn: f.banEndsOn,
  };
}

import type { Policy, PolicyEntry, Role, StartRule } from '../../types';
import type { PublicReportEventType } from './events';
import { PUBLIC_REPORT_START_REFUSALS } from './labels';

/**
 * The sender of a public report: a member of the public, with no account. It is no role of the product (no user or
 * organisation can hold it: their kinds and roles are checked by the database), so only the principal the public form
 * builds for the report's first audit row passes the start policy — and it passes no other entry of any policy.
 */
export const PUBLIC_SENDER = 'public' as unknown as Role;

const districtEeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } } satisfies PolicyEntry;

/** 土壤法第八十四条: the 生态环境 bureau of the district where it happened handles the report. */
export const publicReportPolicy: Policy<PublicReportEventType> = {
  ASSIGN: districtEeb,
  RECORD_SITE_CHECK: districtEeb,
  RECORD_HANDLING: districtEeb,
  REPLY: districtEeb,
  RECORD_REWARD: districtEeb,
  LINK: districtEeb,
  PROPOSE_SUSPECTED_PLOT: districtEeb,
  CLOSE: districtEeb,
};

export const publicReportStart: StartRule<{ jurisdictionKnown: boolean }> = {
  event: 'RECEIVE',
  policy: { roles: [PUBLIC_SENDER], scope: {} },
  refusals: PUBLIC_REPORT_START_REFUSALS,
  guards: {
    /** 土壤法第八十四条: a report is received by the bureau of a registered district. */
    jurisdictionKnown: (facts) => facts.jurisdictionKnown === true,
  },
};

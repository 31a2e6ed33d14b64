import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistrationReason } from '../../workflows';
import { findProjectRoot } from '../reference/reference-files';

export const LIST_SOURCES = ['miit_closures', 'land_quarterly'] as const;
export type ListSource = (typeof LIST_SOURCES)[number];
/** Where a proposal comes from: a bureau's list, or a 12369 case (PROPOSE_SUSPECTED_PLOT). */
export const PROPOSAL_SOURCES = [...LIST_SOURCES, 'public_report'] as const;
export type ProposalSource = (typeof PROPOSAL_SOURCES)[number];

export const PROPOSAL_REASONS = ['closure', 'relocation', 'bankruptcy', 'takeBack', 'supply', 'useChange', 'publicReport'] as const;
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

export interface ReasonFacts {
  label: string;
  source: ProposalSource;
  registrationReason: RegistrationReason;
  /** The reason when the row names a 土壤污染重点监管单位 (土壤法第六十七条). */
  keyUnitRegistrationReason?: RegistrationReason;
  basis: string;
}

export interface Verdict {
  label: string;
  basis: string;
}

/** reference/plot-proposals.json: the reasons a list row gives, their registration reasons, the land list's due day. */
export interface ProposalReference {
  landListDueDay: { day: number; verified: boolean; basis: string };
  reasons: Record<ProposalReason, ReasonFacts>;
  landSupply: { investigateFirst: Verdict; supplyAsIntended: Verdict; refuse: Verdict; useChangeReminder: string };
}

export function loadProposalReference(path = join(findProjectRoot(), 'reference', 'plot-proposals.json')): ProposalReference {
  const ref = JSON.parse(readFileSync(path, 'utf8')) as ProposalReference;
  const day = ref.landListDueDay?.day;
  if (!Number.isInteger(day) || day < 1 || day > 28) throw new Error('plot-proposals.json：landListDueDay.day 应为 1–28 的整数');
  for (const r of PROPOSAL_REASONS) {
    const facts = ref.reasons?.[r];
    if (!facts?.label || !PROPOSAL_SOURCES.includes(facts.source) || !facts.registrationReason || !facts.basis) {
      throw new Error(`plot-proposals.json：reasons.${r} 不完整`);
    }
  }
  for (const v of ['investigateFirst', 'supplyAsIntended', 'refuse'] as const) {
    if (!ref.landSupply?.[v]?.label || !ref.landSupply[v].basis) throw new Error(`plot-proposals.json：landSupply.${v} 不完整`);
  }
  return ref;
}

/**
 * The reason a confirmed proposal registers its plot with: a closure, relocation or bankruptcy makes a suspected
 * plot (42号令第二条、土壤法第五十九条第一款), a change of use its own reason (第五十九条第二款), a parcel taken back or
 * supplied a suspected plot unless it is a key unit's land (第六十七条).
 */
export function registrationReasonFor(ref: ProposalReference, reason: ProposalReason, keyUnit: string | null): RegistrationReason {
  const facts = ref.reasons[reason];
  return keyUnit && facts.keyUnitRegistrationReason ? facts.keyUnitRegistrationReason : facts.registrationReason;
}

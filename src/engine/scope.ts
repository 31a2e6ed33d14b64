import type { PolicyEntry, ScopeRule } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ROLE_LABELS } from '../organisations/organisation.entity';

/** The facts a scope rule is judged on (docs/architecture.md, Roles: own organisation, commission, jurisdiction). */
export interface ScopeFacts {
  holderOrganisationId: string;
  jurisdiction: string;
  /** Organisations holding the commission that the current stage's work needs (or any commission when none). */
  assignedConsultants: string[];
  destinationJurisdiction?: string | null;
}

export type PolicyVerdict = { ok: true } | { ok: false; reason: string };

const RULE_TEXT: Record<ScopeRule, string> = {
  ownOrganisation: '只能操作本单位的地块',
  assignedConsultant: '贵单位不是本阶段受委托的第三方机构',
  jurisdiction: '该地块不在贵局辖区内',
  destinationJurisdiction: '只有接收地生态环境部门可以办理',
  originOrDestinationJurisdiction: '只有所在地或接收地生态环境部门可以办理',
};

function holds(rule: ScopeRule, p: Principal, f: ScopeFacts): boolean {
  switch (rule) {
    case 'ownOrganisation':
      return p.organisationId === f.holderOrganisationId;
    case 'assignedConsultant':
      return f.assignedConsultants.includes(p.organisationId);
    case 'jurisdiction':
      return p.jurisdictionCode !== null && p.jurisdictionCode === f.jurisdiction;
    case 'destinationJurisdiction':
      return p.jurisdictionCode !== null && p.jurisdictionCode === f.destinationJurisdiction;
    case 'originOrDestinationJurisdiction':
      return p.jurisdictionCode !== null && (p.jurisdictionCode === f.jurisdiction || p.jurisdictionCode === f.destinationJurisdiction);
  }
}

/** Judges a caller against one policy entry: the role must be listed and its scope rule must hold. */
export function checkPolicy(entry: PolicyEntry | undefined, p: Principal, facts: ScopeFacts): PolicyVerdict {
  if (!entry || !entry.roles.includes(p.role)) {
    const roles = entry?.roles.map((r) => ROLE_LABELS[r]).join('、') ?? '无';
    return { ok: false, reason: `此操作仅限${roles}，当前角色为${ROLE_LABELS[p.role]}` };
  }
  const rule = entry.scope[p.role];
  if (rule && !holds(rule, p, facts)) return { ok: false, reason: RULE_TEXT[rule] };
  return { ok: true };
}

import type { DecidingBody, PolicyEntry, ScopeRule } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ROLE_LABELS } from '../organisations/organisation.entity';

/** The facts a scope rule is judged on (docs/architecture.md, Roles: own organisation, commission, jurisdiction). */
export interface ScopeFacts {
  holderOrganisationId: string;
  jurisdiction: string;
  /** Organisations holding the commission that the current stage's work needs (or any commission when none). */
  assignedConsultants: string[];
  destinationJurisdiction?: string | null;
  /** The body that decides an event's step for this plot (reference/decision-steps.json), or null outside a step. */
  decidingFor?: (eventType: string) => DecidingBody | null;
  /** Expert users named on the current review's panel. */
  panelUserIds?: string[];
  /** The organisation carrying the holder's duty of an event in the plot's current stage (土壤法 arts. 45–47, 68). */
  dutyBearerFor?: (eventType: string) => string;
}

export type PolicyVerdict = { ok: true } | { ok: false; reason: string };

const RULE_TEXT: Record<ScopeRule, string> = {
  ownOrganisation: '只能操作本单位的地块',
  assignedConsultant: '贵单位不是本阶段受委托的第三方机构',
  jurisdiction: '该地块不在贵局辖区内',
  destinationJurisdiction: '只有接收地生态环境部门可以办理',
  originOrDestinationJurisdiction: '只有所在地或接收地生态环境部门可以办理',
  decidingBody: '本项依法由其他层级或辖区的主管部门决定，贵局不能办理',
  panelMember: '您不是本轮评审专家组的成员',
  recordingDistrict: '本项由主管部门在系统内决定，或不由贵局录入：只有在上级部门系统外决定时，由地块所在地生态环境部门录入',
  dutyBearer: '贵单位目前不承担本地块的此项义务：土地使用权已收回或转让，或已由其他责任主体实施',
};

const LEVEL_TEXT = { province: '省级', city: '市级', district: '所在地（区、县）' } as const;

/** Who decides, in words, for a refused caller: 本项由省级生态环境主管部门会同自然资源主管部门决定. */
function decidingText(body: DecidingBody): string {
  const bureaus = body.bureaus.map((b) => (b === 'eeb' ? '生态环境主管部门' : '自然资源主管部门')).join('会同');
  if (body.mode === 'recorded') return `本项由${LEVEL_TEXT[body.level]}${bureaus}在系统外决定，由所在地生态环境部门录入`;
  return `本项依法由${LEVEL_TEXT[body.level]}${bureaus}决定，贵局不能办理`;
}

/**
 * The bureau that acts for a step: the deciding body's, or — where that body decides outside the system — the
 * bureau of the plot's own jurisdiction, which records its decision (DESIGN §1.1).
 */
function actsForStep(p: Principal, body: DecidingBody, plotJurisdiction: string): boolean {
  if (p.jurisdictionCode === null) return false;
  const role = p.role === 'eeb' || p.role === 'land' ? p.role : null;
  if (role === null || !body.bureaus.includes(role)) return false;
  return p.jurisdictionCode === (body.mode === 'recorded' ? plotJurisdiction : body.jurisdiction);
}

function holds(rule: ScopeRule, p: Principal, f: ScopeFacts, eventType: string): boolean {
  switch (rule) {
    case 'decidingBody': {
      const body = f.decidingFor?.(eventType) ?? null;
      return body !== null && actsForStep(p, body, f.jurisdiction);
    }
    case 'panelMember':
      return (f.panelUserIds ?? []).includes(p.userId);
    case 'recordingDistrict': {
      const body = f.decidingFor?.(eventType) ?? null;
      return body !== null && body.mode === 'recorded' && p.jurisdictionCode !== null && p.jurisdictionCode === f.jurisdiction;
    }
    case 'ownOrganisation':
      return p.organisationId === f.holderOrganisationId;
    case 'dutyBearer':
      return p.organisationId === (f.dutyBearerFor?.(eventType) ?? f.holderOrganisationId);
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
export function checkPolicy(entry: PolicyEntry | undefined, p: Principal, facts: ScopeFacts, eventType = ''): PolicyVerdict {
  if (!entry || !entry.roles.includes(p.role)) {
    const roles = entry?.roles.map((r) => ROLE_LABELS[r]).join('、') ?? '无';
    return { ok: false, reason: `此操作仅限${roles}，当前角色为${ROLE_LABELS[p.role]}` };
  }
  const rule = entry.scope[p.role];
  if (rule && !holds(rule, p, facts, eventType)) {
    const body = rule === 'decidingBody' ? facts.decidingFor?.(eventType) : null;
    return { ok: false, reason: body ? decidingText(body) : RULE_TEXT[rule] };
  }
  return { ok: true };
}

/** Roles of the product (docs/architecture.md, Roles). The workflows see only these codes; an organisation's kind is one of them. */
export const ROLES = ['eeb', 'land', 'miit', 'holder', 'consultant', 'expert', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The two reviewing bureaus: 生态环境局 (`eeb`) and 自然资源局 (`land`). */
export type Bureau = 'eeb' | 'land';

/**
 * Levels of government by 行政区划代码: `410000` 省 (province), `410100` 市 (city),
 * `410106` 区/县 (district, county or county-level city).
 */
export const JURISDICTION_LEVELS = ['province', 'city', 'district'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/**
 * Who sent an event. The server adds it to every event from the authenticated
 * caller; a client never supplies it.
 */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string;
}

/**
 * What a person reads when a guard refuses an event: one sentence, or one
 * built from the refused event and the context (figures, the verdict).
 */
export type GuardReason = string | ((event: Record<string, unknown>, context: Record<string, unknown>) => string);

/** 第一类用地 / 第二类用地 of GB 36600-2018 §4. */
export type LandClass = 1 | 2;

/**
 * The organisational condition a role must meet to send an event, evaluated by
 * the engine against data it owns (organisations, jurisdictions, commissions):
 *
 * - `ownOrganisation`: the actor's organisation is the plot's (or transport's) holder.
 * - `assignedConsultant`: the actor's organisation holds the commission for the
 *   work of the current stage (see `workForState`); for SUBMIT_MONITORING_REPORT
 *   any commission on the plot.
 * - `jurisdiction`: the actor's bureau has the plot's jurisdiction (行政区划代码).
 * - `destinationJurisdiction`: the actor's bureau has the transport's destination jurisdiction.
 * - `originOrDestinationJurisdiction`: either of the two (所在地和接收地).
 * - `decidingBody`: the actor's bureau is the body that decides the event's step for this plot
 *   (reference/decision-steps.json: the bureau of the configured level whose jurisdiction contains the plot's);
 *   where that body decides outside the system, the bureau of the plot's own jurisdiction that records it.
 * - `panelMember`: the actor is an expert user named on the current review's panel.
 * - `recordingDistrict`: the step's deciding body decides outside the system and the actor's bureau is the plot's
 *   own, which records that decision.
 * - `dutyBearer`: the actor's organisation carries the holder's duty of the plot's current part of the procedure —
 *   the holder, or after 收回/转让 or the identification of the responsible party the organisation that took it over
 *   (土壤法 arts. 45–47, 68).
 */
export type ScopeRule =
  | 'ownOrganisation'
  | 'assignedConsultant'
  | 'jurisdiction'
  | 'destinationJurisdiction'
  | 'originOrDestinationJurisdiction'
  | 'decidingBody'
  | 'panelMember'
  | 'recordingDistrict'
  | 'dutyBearer';

/**
 * Who may send one event type. `roles` lists the roles allowed at all;
 * `scope` names, for each of those roles, the one rule its organisation must
 * satisfy. A role passes when it is listed and its scope rule holds; every
 * listed role has exactly one scope rule (checked by the policy tests).
 *
 * @example
 *   SUBMIT_MONITORING_REPORT: {
 *     roles: ['holder', 'consultant'],
 *     scope: { holder: 'ownOrganisation', consultant: 'assignedConsultant' },
 *   }
 */
export interface PolicyEntry {
  roles: Role[];
  scope: Partial<Record<Role, ScopeRule>>;
}

/**
 * What a caller reads when a start's policy refuses them: the text for a
 * listed role whose scope rule fails, and `otherRoles` for any role not listed.
 */
export type StartRefusals = Partial<Record<Role, string>> & { otherRoles: string };

/**
 * How a workflow starts (its first audit row, from no state to the initial
 * one): the event type that row records, who may start one, and the guards the
 * start must pass — pure functions of facts the engine loads first, each
 * citing its legal basis.
 */
export interface StartRule<TFacts> {
  event: string;
  policy: PolicyEntry;
  refusals: StartRefusals;
  guards: Readonly<Record<string, (facts: TFacts) => boolean>>;
}

/** A policy table: one entry per event type of a machine. */
export type Policy<TEventType extends string> = Record<TEventType, PolicyEntry>;

/** Builds `allowedRolesFor` for a policy table. */
export function rolesOf<TEventType extends string>(policy: Policy<TEventType>) {
  return (eventType: TEventType): Role[] => [...policy[eventType].roles];
}

/** The bureau a role speaks for, if any. */
export function bureauOf(role: Role): Bureau | null {
  return role === 'eeb' || role === 'land' ? role : null;
}

/** How a deciding body takes its decision: in this system, or outside it and recorded by the district. */
export type DecisionMode = 'inSystem' | 'recorded';

/**
 * The body that decides one step for one plot (reference/decision-steps.json), as
 * the engine passes it in the events of that step: which bureaus decide together
 * (会同), at which level of government and in which jurisdiction, in which mode,
 * and whether an expert panel reviews first.
 */
export interface DecidingBody {
  step: string;
  bureaus: Bureau[];
  level: JurisdictionLevel;
  /** 行政区划代码 of the deciding bureaus: the plot's jurisdiction's ancestor at `level` */
  jurisdiction: string;
  mode: DecisionMode;
  expertReview: boolean;
  /** the step's legal basis as configured, cited in the reasons of refusals */
  basis: string[];
}

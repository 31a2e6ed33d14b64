export * from './types';
export * from './errors';
export * from './registry';
export { toMermaid, type MermaidOptions } from './mermaid';
export { guardText, refusingGuards, type RefusingGuard } from './inspect';

export { plotLifecycleV1, type PlotLifecycleMachine } from './plot-lifecycle/v1/machine';
export type * from './plot-lifecycle/v1/events';
export {
  initialPlotContext,
  MANDATORY_NEGATIVE_USES,
  type PlotLifecycleContext,
  type PlotLifecycleInput,
  type Approval,
  type Priority,
  type WorksStage,
} from './plot-lifecycle/v1/context';
export { REQUIRED_BUREAUS, type ReviewStage } from './plot-lifecycle/v1/guards';
export {
  plotLifecyclePolicy,
  plotLifecycleStart,
  allowedRolesFor as plotAllowedRolesFor,
  workForState,
} from './plot-lifecycle/v1/policy';
// The labels of the current version: v2's states and events are a superset of v1's.
export {
  PLOT_STATE_LABELS,
  PLOT_EVENT_LABELS,
  PLOT_START_EVENT_LABELS,
  PLOT_GUARD_REASONS,
  PLOT_START_REFUSALS,
  stateLabel as plotStateLabel,
  eventLabel as plotEventLabel,
  guardReason as plotGuardReason,
} from './plot-lifecycle/v2/labels';

export { plotLifecycleV2 } from './plot-lifecycle/v2/machine';
export {
  decisionStepOf,
  reviewStepOf,
  DECISION_STEP_ORDER,
  type DecisionStepName,
} from './plot-lifecycle/v2/decisions';
export { decidingReportIds } from './plot-lifecycle/v2/evidence';
export { addMonths as addCalendarMonths, isDate } from './plot-lifecycle/v2/dates';
export type {
  PlotLifecycleContext as PlotLifecycleContextV2,
  PanelExpert,
  ExpertPanel,
  ReviewRound,
  Disclosure,
  SiteValue,
  DisclosedWork,
  RegistrationReason,
  Parties,
  ResponsibleParty,
  Reopening,
  AftercareObligation,
  ControlZone,
} from './plot-lifecycle/v2/context';
export { REGISTRATION_REASONS } from './plot-lifecycle/v2/context';
export { plotLifecyclePolicy as plotLifecyclePolicyV2 } from './plot-lifecycle/v2/policy';

export { soilTransportV1, type SoilTransportMachine } from './soil-transport/v1/machine';
export type * from './soil-transport/v1/events';
export {
  initialTransportContext,
  type SoilTransportContext,
  type SoilTransportInput,
  type Decision,
} from './soil-transport/v1/context';
export { REMEDIATION_WORKS_STATE, transportStartGuards, type TransportStartFacts } from './soil-transport/v1/guards';
export {
  soilTransportPolicy,
  soilTransportStart,
  allowedRolesFor as transportAllowedRolesFor,
} from './soil-transport/v1/policy';
// The labels of the current version: v2's states and events are a superset of v1's.
export {
  TRANSPORT_STATE_LABELS,
  TRANSPORT_EVENT_LABELS,
  TRANSPORT_START_EVENT_LABELS,
  TRANSPORT_GUARD_REASONS,
  TRANSPORT_START_REFUSALS,
  stateLabel as transportStateLabel,
  eventLabel as transportEventLabel,
  guardReason as transportGuardReason,
} from './soil-transport/v2/labels';

export { soilTransportV2, type SoilTransportMachineV2 } from './soil-transport/v2/machine';
export type {
  SoilTransportEventV2,
  TransportEventTypeV2,
  TransportPlanV2,
  AcknowledgeBeforeDispatch,
} from './soil-transport/v2/events';
export type {
  SoilTransportContextV2,
  TransportBatch,
  TransportTotals,
  BatchStatus,
} from './soil-transport/v2/context';
export { soilTransportPolicyV2, allowedRolesForV2 as transportAllowedRolesForV2 } from './soil-transport/v2/policy';

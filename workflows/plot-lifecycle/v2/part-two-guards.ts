import type { PlotLifecycleContext } from './context';
import { isDate } from './dates';
import type { ReportFactsV2 } from './events';
import { carried, filledText, reportedFirstStageOnly, reportOf, type Guard } from './guard-args';
import { plotLifecycleGuards as v1 } from '../v1/guards';

// —— Part 2 of the law: why a plot enters, who answers for it, reopening, aftercare, control zones ——

/**
 * HJ 25.1-2019: the investigation may end at its first, non-sampling stage when no possible source of pollution is
 * found — for a plot entered for a change of use or as a key unit's land (土壤法 arts. 59 第二款, 67). A suspected
 * plot, and a plot reopened, is always sampled (42号令).
 */
export const firstStageOnlyWhereLawAllows: Guard = ({ context, event }) =>
  !reportedFirstStageOnly(event) ||
  (context.registrationReason !== 'suspected' && context.reopenings.length === 0 && reportOf(event)?.kind === 'preliminary_investigation');

/** GB 36600 §5 / HJ 25.1-2019: a sampled investigation brings screened samples (a first-stage report has none). */
export const reportHasScreenedSamples: Guard = (args) => reportedFirstStageOnly(args.event) || carried(v1.reportHasScreenedSamples)(args, undefined);

/** The investigation under review ended at its first stage (HJ 25.1-2019): no source of pollution was found. */
export const concludedAtFirstStage: Guard = ({ context }) => context.firstStageOnly === true;

/**
 * 土壤法第六十二条: a plot under risk control reports its monitoring periodically; the effect evaluation is requested
 * once the configured number of monitoring reports (one by default) is on file.
 */
export const monitoringReportsFiled: Guard = ({ context, event }) =>
  context.monitoringReportIds.length >= (event.limits.controlMonitoringReportsMin ?? 1);

/** 土壤法第六十五条: the builder of the control works is named, so the effect evaluator can be another. */
export const implementerRegisteredIfNamed: Guard = ({ event }) =>
  event.type === 'FILE_CONTROL_PLAN' && (event.implementerOrganisationId === undefined || event.implementerRegistered === true);

/**
 * HJ 25.3 / 土壤法第六十五条: after risk control (no removal of the pollution) the permitted land class can be no
 * stricter than the exposure scenario the risk assessment assessed: a plot assessed for class 2 is never released
 * for class 1.
 */
export const landClassWithinAssessedScenario: Guard = ({ context, event }) => {
  if (context.worksStage !== 'riskControl' || context.assessedLandClass === null) return true;
  const c = event.type === 'APPROVE' || event.type === 'RECORD_DECISION' ? event.conclusion?.permittedLandClass : undefined;
  return c !== undefined && c >= context.assessedLandClass;
};

/** A taking back, a transfer or an identification of the responsible party names its document (文号、合同编号). */
export const documentNumberGiven: Guard = ({ event }) => {
  if (event.type === 'TAKE_BACK' || event.type === 'RECORD_RESPONSIBLE_PARTY' || event.type === 'PLACE_UNDER_CONTROL_ZONE') {
    return filledText(event.type === 'PLACE_UNDER_CONTROL_ZONE' ? event.noticeNumber : event.documentNumber);
  }
  return event.type === 'TRANSFER' && filledText(event.contractNumber);
};

/** The act recorded took place on a real day, not after today. */
export const actDateNotFuture: Guard = ({ event }) => {
  const date =
    event.type === 'TAKE_BACK' || event.type === 'RECORD_RESPONSIBLE_PARTY' ? event.decidedOn
      : event.type === 'TRANSFER' ? event.transferredOn
        : event.type === 'PLACE_UNDER_CONTROL_ZONE' ? event.signsPostedOn
          : undefined;
  return isDate(date) && date <= event.today;
};

/**
 * 土壤法第六十八条; 42号令（责任主体规定，条号未核实）: the land taken back goes to a land-reserve centre (a registered holder) or the
 * 自然资源 bureau of the plot's jurisdiction, which then organises the investigation — never to the holder it was
 * taken from.
 */
export const organiserEligible: Guard = ({ context, event }) =>
  event.type === 'TAKE_BACK' && event.organiserEligible && event.organiserOrganisationId !== context.holderOrganisationId;

/** 42号令（责任主体规定，条号未核实）: the transferee (or the party the contract names) is a registered holder, not the holder itself. */
export const transfereeEligible: Guard = ({ context, event }) =>
  event.type === 'TRANSFER' && event.partiesRegistered && event.transfereeOrganisationId !== context.holderOrganisationId;

/**
 * 土壤法第四十八条: the responsible party is identified by the bureaus (an organisation), or found unidentifiable
 * (then the holder answers, 第四十五条第一款), or extinct (then the district government organises, 第四十五条第二款; 42号令（责任主体规定，条号未核实） —
 * naming who organises for it).
 */
export const responsiblePartyComplete: Guard = ({ event }) => {
  if (event.type !== 'RECORD_RESPONSIBLE_PARTY' || !event.organisationsRegistered) return false;
  if (event.status === 'identified') return filledText(event.organisationId);
  if (event.status === 'extinct') return filledText(event.organiserOrganisationId);
  return event.status === 'unidentifiable';
};

/**
 * 土壤法第五十九条第二款: a change of planned use to 住宅 or 公共管理与公共服务用地 requires a new investigation
 * before the change; a reopening for a change of use names such a use.
 */
export const reopenedForSensitiveUse: Guard = ({ event }) =>
  event.type === 'REOPEN' && (event.reason !== 'useChange' || event.sensitiveUse);

/** 终身责任制: new evidence reopens a plot when a report of this plot shows values above the screening values. */
export const reopeningEvidenceAboveValues: Guard = ({ context, event }) => {
  if (event.type !== 'REOPEN' || event.reason !== 'newEvidence') return event.type === 'REOPEN';
  const verdict = event.evidenceVerdict;
  return event.evidence !== null && event.evidence.plotId === context.plotId && (verdict === 'above_screening' || verdict === 'above_intervention');
};

/** A reopening, like any decision against the holder's expectation, states its grounds. */
export const reopeningExplained: Guard = ({ event }) => event.type === 'REOPEN' && filledText(event.note);

/** 土壤法第四十二条: an aftercare obligation says what is to be done, by a day after today (at most 100 per plot). */
export const aftercareWellFormed: Guard = ({ context, event }) =>
  event.type === 'ADD_AFTERCARE' && filledText(event.description) && isDate(event.dueOn) && event.dueOn > event.today && context.aftercare.length < 100;

/** 土壤法第四十二条: an obligation is fulfilled once. */
export const aftercareOpen: Guard = ({ context, event }) =>
  event.type === 'FULFIL_AFTERCARE' && Number.isInteger(event.index) && context.aftercare[event.index]?.fulfilledOn === null;

/** A monitoring obligation is fulfilled by a monitoring report of this plot; an institutional control by a note of what was done. */
export const aftercareEvidenceGiven: Guard = ({ context, event }) => {
  if (event.type !== 'FULFIL_AFTERCARE') return false;
  const obligation = context.aftercare[event.index];
  if (obligation?.kind === 'monitoring') return isMonitoringReportOf(context, event.report);
  return filledText(event.note);
};

const isMonitoringReportOf = (context: PlotLifecycleContext, report: ReportFactsV2 | null) =>
  report !== null && report.kind === 'monitoring' && report.plotId === context.plotId;

/** 上政文〔2017〕147号 三（四）2: a plot is placed under one control zone. */
export const notUnderControlZone: Guard = ({ context }) => context.controlZone === null;

/** 上政文〔2017〕147号 三（四）2: the zone's periodic monitoring names its media (soil, groundwater, surface water, air), each once, every 1–60 months. */
export const zoneMonitoringPlanned: Guard = ({ event }) => {
  if (event.type !== 'PLACE_UNDER_CONTROL_ZONE' || event.monitoring.length === 0) return false;
  const media = new Set(event.monitoring.map((m) => m.medium));
  return media.size === event.monitoring.length && event.monitoring.every((m) => Number.isInteger(m.intervalMonths) && m.intervalMonths >= 1 && m.intervalMonths <= 60);
};

/** 上政文〔2017〕147号 三（四）2: the zone's monitoring is reported for a medium it plans, with a monitoring report of this plot. */
export const zoneMonitoringOfPlannedMedium: Guard = ({ context, event }) =>
  event.type === 'RECORD_ZONE_MONITORING' &&
  context.controlZone !== null &&
  context.controlZone.monitoring.some((m) => m.medium === event.medium) &&
  isMonitoringReportOf(context, event.report);

/** 土壤法第九十条: a firm banned from the business is not commissioned while its ban lasts. */
export const consultantNotBanned: Guard = ({ event }) => event.type === 'ASSIGN_CONSULTANT' && !event.ban;

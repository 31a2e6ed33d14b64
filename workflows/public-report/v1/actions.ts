import { assertEvent, assign } from 'xstate';
import type { PublicReportContext } from './context';
import type { PublicReportEvent } from './events';

/** Context updates of a public report; `assertEvent` documents which event each reads. */
type Assign = ReturnType<typeof assign<PublicReportContext, PublicReportEvent, undefined, PublicReportEvent, never>>;

const recordOfficer: Assign = assign(({ event }) => {
  assertEvent(event, 'ASSIGN');
  return { officer: event.officer.trim() };
});
const recordSiteCheck: Assign = assign(({ event }) => {
  assertEvent(event, 'RECORD_SITE_CHECK');
  return { siteCheckOn: event.checkedOn, findings: event.findings.trim() };
});
const recordMeasures: Assign = assign(({ event }) => {
  assertEvent(event, 'RECORD_HANDLING');
  return { measures: event.measures.trim() };
});
const recordReply: Assign = assign(({ event }) => {
  assertEvent(event, 'REPLY');
  return { reply: event.reply.trim(), repliedOn: event.today };
});
const recordReward: Assign = assign(({ event }) => {
  assertEvent(event, 'RECORD_REWARD');
  return { reward: { granted: event.granted, reason: event.reason.trim(), amountYuan: event.amountYuan ?? null } };
});
const recordLink: Assign = assign(({ event }) => {
  assertEvent(event, 'LINK');
  return { link: { plotId: event.plotId ?? null, unitId: event.unitId ?? null } };
});
const recordProposal: Assign = assign(({ event }) => {
  assertEvent(event, 'PROPOSE_SUSPECTED_PLOT');
  return { suspectedPlotProposal: { reason: event.reason.trim(), on: event.today } };
});

export const publicReportActions = { recordOfficer, recordSiteCheck, recordMeasures, recordReply, recordReward, recordLink, recordProposal };

import { and, assign, setup } from 'xstate';
import { initialWarningContext, type ProposalKind, type WarningContext, type WarningInput } from './context';
import type { WarningEvent } from './events';
import { warningGuards } from './guards';

const noteOf = (e: WarningEvent) => ('note' in e ? e.note.trim() : '');
const reasonOf = (e: WarningEvent) => ('reason' in e ? e.reason.trim() : '');
const proposed = (kind: ProposalKind, context: WarningContext, event: WarningEvent) => [
  ...context.proposals,
  { kind, plotId: kind === 'investigation' ? context.plotId : null, unitId: kind === 'hiddenDangerInspection' ? context.unitId : null, on: event.today, note: noteOf(event) },
];

const close = { guard: and(['reasonGiven', 'measuresRecorded']), target: '#monitoring-warning.closed', actions: 'recordClosure' } as const;

/**
 * 土壤环境质量预警 v1 (上政文〔2017〕147号 三（一）4 预警网络; 三（一）2、三（二）1、三（四）2 监测点位): a result above its screening
 * value or a rising trend raises a warning for the district environment bureau; it is verified (核实), then either
 * dismissed as a false alarm with its reason or confirmed and handled (处置) with recorded measures, and closed with
 * its reason. A lasting exceedance beside a plot proposes an investigation, beside a key unit a hidden-danger inspection.
 */
export const monitoringWarningV1 = setup({
  types: { context: {} as WarningContext, events: {} as WarningEvent, input: {} as WarningInput },
  guards: warningGuards,
  actions: {
    recordVerification: assign({ verification: ({ event }) => ({ on: event.today, note: noteOf(event) }) }),
    recordConfirmation: assign({
      confirmation: ({ event }) => ({ on: event.today, note: noteOf(event) }),
      handleDueOn: ({ event }) => (event.type === 'CONFIRM' ? event.handleDueOn : null),
    }),
    recordDismissal: assign({ dismissal: ({ event }) => ({ on: event.today, reason: reasonOf(event) }) }),
    recordMeasures: assign({ measures: ({ context, event }) => [...context.measures, { on: event.today, note: noteOf(event) }] }),
    proposeInvestigation: assign({ proposals: ({ context, event }) => proposed('investigation', context, event) }),
    proposeInspection: assign({ proposals: ({ context, event }) => proposed('hiddenDangerInspection', context, event) }),
    recordClosure: assign({ closure: ({ event }) => ({ on: event.today, reason: reasonOf(event) }) }),
  },
}).createMachine({
  id: 'monitoring-warning',
  description: '土壤环境监测预警 / A soil monitoring early warning',
  context: ({ input }) => initialWarningContext(input),
  initial: 'raised',
  states: {
    raised: {
      description: '监测结果超过筛选值或呈上升趋势，已发出预警，待核实 / Raised by a result; awaiting verification',
      on: { VERIFY_START: { guard: 'noteGiven', target: 'verifying', actions: 'recordVerification' } },
    },
    verifying: {
      description: '核实中：复核采样、分析和点位情况 / Being verified: sampling, analysis and the point checked',
      on: {
        CONFIRM: { guard: 'noteGiven', target: 'handling', actions: 'recordConfirmation' },
        DISMISS: { guard: 'reasonGiven', target: 'closed', actions: 'recordDismissal' },
      },
    },
    handling: {
      description: '已确认，处置中 / Confirmed; being handled',
      on: {
        RECORD_MEASURES: { guard: 'noteGiven', actions: 'recordMeasures' },
        PROPOSE_INVESTIGATION: {
          guard: and(['noteGiven', 'lastingExceedance', 'watchesPlot', 'investigationNotYetProposed']),
          actions: 'proposeInvestigation',
        },
        PROPOSE_HIDDEN_DANGER_INSPECTION: {
          guard: and(['noteGiven', 'lastingExceedance', 'watchesUnit', 'inspectionNotYetProposed']),
          actions: 'proposeInspection',
        },
        CLOSE: close,
      },
    },
    closed: {
      type: 'final',
      description: '已关闭：处置完毕或核实为误报 / Closed: handled, or dismissed as a false alarm',
    },
  },
});

export type MonitoringWarningMachineV1 = typeof monitoringWarningV1;

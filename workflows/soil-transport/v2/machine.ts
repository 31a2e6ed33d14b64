import { and, not, setup } from 'xstate';
import { actionsV2 } from './actions';
import { initialTransportContextV2, type SoilTransportContextV2, type SoilTransportInput } from './context';
import type { SoilTransportEventV2 } from './events';
import { soilTransportGuardsV2 } from './guards';

const cancel = { guard: 'reasonGiven', target: '#soil-transport.cancelled', actions: 'recordCancellation' } as const;
const batchRules = ['plannedStartReached', 'hazardousManifestGiven', 'batchNoUnused', 'withinReportedQuantity'] as const;
const acknowledgeLate = { guard: 'sidesNotYetAcknowledged', actions: 'recordAcknowledgement' } as const;

/**
 * 污染土壤转运 v2: one transport plan (转运计划) of contaminated soil leaving a
 * plot under remediation, reported in advance to the environment bureaus of
 * origin and destination with its quantity (土壤法 art. 41), dispatched in
 * batches no earlier than planned and never beyond the reported quantity, each
 * batch received and reconciled; hazardous soil goes to a licensed receiver
 * under a 危险废物转移联单 per batch (《危险废物转移管理办法》). Whether both
 * bureaus must acknowledge before the first batch is configuration, passed in
 * the DISPATCH event.
 */
export const soilTransportV2 = setup({
  types: {
    context: {} as SoilTransportContextV2,
    events: {} as SoilTransportEventV2,
    input: {} as SoilTransportInput,
  },
  guards: soilTransportGuardsV2,
  actions: actionsV2,
}).createMachine({
  id: 'soil-transport',
  description: '污染土壤转运（分批）/ Contaminated-soil transport in batches',
  context: ({ input }) => initialTransportContextV2(input),
  initial: 'draft',
  states: {
    draft: {
      description: '转运计划编制中 / Transport plan in preparation by the holder',
      on: {
        SUBMIT: {
          guard: and(['transportPlanComplete', 'hazardousReceiverLicensed', 'plotInRemediationWorks', 'leadTimeOfWorkingDaysMet']),
          target: 'filed',
          actions: 'recordPlan',
        },
        CANCEL: cancel,
      },
    },
    filed: {
      description:
        '已报所在地和接收地生态环境部门，待确认 / Reported to the environment bureaus of origin and destination, awaiting their acknowledgements',
      on: {
        ACKNOWLEDGE: [
          {
            guard: and(['sidesNotYetAcknowledged', 'completesAcknowledgement']),
            target: 'acknowledged',
            actions: 'recordAcknowledgement',
          },
          {
            guard: and(['sidesNotYetAcknowledged', not('completesAcknowledgement')]),
            actions: 'recordAcknowledgement',
          },
        ],
        OBJECT: { guard: 'reasonGiven', target: 'draft', actions: 'recordObjection' },
        // Configured not to wait for acknowledgements: reported in advance is enough.
        DISPATCH: { guard: and(['dispatchBeforeAcknowledgementAllowed', ...batchRules]), target: 'inTransit', actions: 'recordBatch' },
        CANCEL: cancel,
      },
    },
    acknowledged: {
      description: '两地均已确认，待发运 / Acknowledged by both bureaus; awaiting the first batch',
      on: {
        DISPATCH: { guard: and([...batchRules]), target: 'inTransit', actions: 'recordBatch' },
        CANCEL: cancel,
      },
    },
    inTransit: {
      description: '分批转运中 / Batches under way: more may leave, each is received and reconciled',
      on: {
        DISPATCH: { guard: and([...batchRules]), actions: 'recordBatch' },
        RECORD_RECEIPT: [
          {
            guard: and(['batchAwaitingReceipt', 'receivedWithinTolerance', 'settlesWholePlan']),
            target: 'closed',
            actions: 'recordReceipt',
          },
          { guard: and(['batchAwaitingReceipt', 'receivedWithinTolerance']), actions: 'recordReceipt' },
          // Outside the tolerance: the difference must be explained before the plan closes.
          { guard: 'batchAwaitingReceipt', target: 'discrepancy', actions: 'recordReceipt' },
        ],
        COMPLETE: { guard: 'allBatchesReconciled', target: 'closed', actions: 'recordCompletion' },
        ACKNOWLEDGE: acknowledgeLate,
      },
    },
    discrepancy: {
      description:
        '有批次接收量与发运量不符，待接收地生态环境部门核查 / A batch received differs from its dispatch; awaiting the destination bureau',
      on: {
        RESOLVE: [
          {
            guard: and(['batchInDiscrepancy', 'explanationGiven', 'settlesWholePlan']),
            target: 'closed',
            actions: 'recordResolution',
          },
          {
            guard: and(['batchInDiscrepancy', 'explanationGiven', 'resolvesLastDiscrepancy']),
            target: 'inTransit',
            actions: 'recordResolution',
          },
          { guard: and(['batchInDiscrepancy', 'explanationGiven']), actions: 'recordResolution' },
        ],
        // Soil already on the road is still received; no new batch leaves until the difference is explained.
        RECORD_RECEIPT: { guard: 'batchAwaitingReceipt', actions: 'recordReceipt' },
        ACKNOWLEDGE: acknowledgeLate,
      },
    },
    closed: {
      type: 'final',
      description: '转运计划完成，各批次接收量已核对 / Plan completed; every batch received and reconciled',
    },
    cancelled: {
      type: 'final',
      description: '转运已取消 / Transport cancelled before any batch left',
    },
  },
});

export type SoilTransportMachineV2 = typeof soilTransportV2;

import { and, not, setup } from 'xstate';
import { actions } from './actions';
import { initialTransportContext, type SoilTransportContext, type SoilTransportInput } from './context';
import type { SoilTransportEvent } from './events';
import { soilTransportGuards } from './guards';

const cancel = { guard: 'reasonGiven', target: '#soil-transport.cancelled', actions: 'recordCancellation' } as const;

/**
 * 污染土壤转运 v1: one batch of contaminated soil leaving a plot under
 * remediation. The plan is reported in advance to the environment bureaus of
 * origin and destination (土壤法 art. 41), dispatched no earlier than planned,
 * and closed when the receipt matches the dispatch.
 */
export const soilTransportV1 = setup({
  types: {
    context: {} as SoilTransportContext,
    events: {} as SoilTransportEvent,
    input: {} as SoilTransportInput,
  },
  guards: soilTransportGuards,
  actions,
}).createMachine({
  id: 'soil-transport',
  description: '污染土壤转运 / Contaminated-soil transport',
  context: ({ input }) => initialTransportContext(input),
  initial: 'draft',
  states: {
    draft: {
      description: '转运计划编制中 / Transport plan in preparation by the holder',
      on: {
        SUBMIT: {
          guard: and(['transportPlanComplete', 'plotInRemediationWorks', 'leadTimeOfWorkingDaysMet']),
          target: 'filed',
          actions: 'recordPlan',
        },
        CANCEL: cancel,
      },
    },
    filed: {
      description:
        '已报所在地和接收地生态环境部门，待确认 / Reported to the environment bureaus of origin and destination, awaiting both acknowledgements',
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
        CANCEL: cancel,
      },
    },
    acknowledged: {
      description: '两地均已确认，待发运 / Acknowledged by both bureaus; awaiting dispatch',
      on: {
        DISPATCH: { guard: 'plannedStartReached', target: 'inTransit', actions: 'recordDispatch' },
        CANCEL: cancel,
      },
    },
    inTransit: {
      description: '运输中 / In transit to the receiving facility',
      on: {
        RECORD_RECEIPT: [
          { guard: 'receivedWithinTolerance', target: 'closed', actions: 'recordReceipt' },
          // Outside the tolerance: the difference must be explained before closing.
          { target: 'discrepancy', actions: 'recordReceipt' },
        ],
      },
    },
    discrepancy: {
      description:
        '接收量与发运量不符，待接收地生态环境部门核查 / Received and dispatched quantities differ; awaiting the destination bureau',
      on: { RESOLVE: { guard: 'explanationGiven', target: 'closed', actions: 'recordResolution' } },
    },
    closed: {
      type: 'final',
      description: '转运完成，接收量已核对 / Transport completed; receipt reconciled',
    },
    cancelled: {
      type: 'final',
      description: '转运已取消 / Transport cancelled before dispatch',
    },
  },
});

export type SoilTransportMachine = typeof soilTransportV1;

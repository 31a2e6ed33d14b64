import { and, setup } from 'xstate';
import { keyUnitActions } from './actions';
import { initialKeyUnitContext, type KeyUnitContext, type KeyUnitInput } from './context';
import type { KeyUnitEvent } from './events';
import { keyUnitGuards } from './guards';

const dutyRules = [
  'reportOfThisUnitAndKind',
  'selfMonitoringCoversSoilAndGroundwater',
  'selfMonitoringScreened',
  'yearNotInFuture',
  'yearNotBeforeListing',
  'dutyNotYetFiledForYear',
] as const;
const monitoringRules = ['reportOfThisUnitAndKind', 'yearNotInFuture', 'yearNotBeforeListing', 'bureauMonitoringNotYetRecordedForYear'] as const;
const planRules = ['reportOfThisUnitAndKind', 'plannedStartIsDate', 'demolitionLeadTimeMet'] as const;

const fileDuty = { guard: and([...dutyRules]), actions: 'recordDutyReport' } as const;
const bureauMonitoring = { guard: and([...monitoringRules]), actions: 'recordBureauMonitoring' } as const;
const unfiledDemolition = { guard: and(['observationRecorded', 'demolitionNotCoveredByPlan']), actions: 'recordViolation' } as const;
const close = { guard: and(['closureReasonKnown', 'closureDated']), target: '#key-unit.closed', actions: 'recordClosure' } as const;
const remove = { guard: and(['removalReasonGiven', 'removalDated']), target: '#key-unit.removed', actions: 'recordRemoval' } as const;

/**
 * 土壤污染重点监管单位 v1: one key supervised unit from its listing to its closure or removal. On the list it reports
 * every year its 有毒有害物质排放情况, its 隐患排查 and its 自行监测 of soil and groundwater, and the bureau monitors
 * around it (土壤法第二十一条); before it demolishes facilities or buildings it files a 土壤污染防治工作方案 with the
 * 生态环境 and 工业和信息化 bureaus, a configured number of working days ahead (土壤法第二十二条第二款); a demolition
 * without a filed plan is a violation on the record. Its closure, relocation, bankruptcy, change of use or the 收回 or
 * 转让 of its land leaves `siteToInvestigate`, from which the engine proposes a suspected plot (土壤法第六十七条).
 * A closed unit stays on the list — its facilities may still be demolished under a plan — until the bureau removes it.
 */
export const keyUnitV1 = setup({
  types: {
    context: {} as KeyUnitContext,
    events: {} as KeyUnitEvent,
    input: {} as KeyUnitInput,
  },
  guards: keyUnitGuards,
  actions: keyUnitActions,
}).createMachine({
  id: 'key-unit',
  description: '土壤污染重点监管单位 / A key supervised unit for soil pollution',
  context: ({ input }) => initialKeyUnitContext(input),
  initial: 'listed',
  states: {
    listed: {
      description: '列入重点监管单位名录，按年度履行报告、隐患排查和自行监测义务 / On the list, with its yearly duties',
      on: {
        FILE_DUTY_REPORT: fileDuty,
        RECORD_BUREAU_MONITORING: bureauMonitoring,
        FILE_DEMOLITION_PLAN: { guard: and([...planRules]), target: 'demolitionFiled', actions: 'recordDemolitionPlan' },
        RECORD_UNFILED_DEMOLITION: unfiledDemolition,
        CLOSE: close,
        REMOVE: remove,
      },
    },
    demolitionFiled: {
      description:
        '拆除活动土壤污染防治工作方案已备案，待计划开工日 / Demolition plan filed with both bureaus; awaiting its planned start',
      on: {
        FILE_DUTY_REPORT: fileDuty,
        RECORD_BUREAU_MONITORING: bureauMonitoring,
        // A revised plan replaces the filed one, with its own lead time.
        FILE_DEMOLITION_PLAN: { guard: and([...planRules]), actions: 'recordDemolitionPlan' },
        START_DEMOLITION: { guard: 'plannedStartReached', target: 'demolishing', actions: 'recordDemolitionStart' },
        RECORD_UNFILED_DEMOLITION: unfiledDemolition,
        CLOSE: close,
        REMOVE: remove,
      },
    },
    demolishing: {
      description: '按备案方案实施拆除 / Demolishing under the filed plan',
      on: {
        FILE_DUTY_REPORT: fileDuty,
        RECORD_BUREAU_MONITORING: bureauMonitoring,
        COMPLETE_DEMOLITION: { guard: 'completionDated', target: 'listed', actions: 'recordDemolitionCompletion' },
        RECORD_UNFILED_DEMOLITION: unfiledDemolition,
        CLOSE: close,
        REMOVE: remove,
      },
    },
    closed: {
      description:
        '已关闭、搬迁、破产或土地用途变更、收回、转让，场地待调查；仍在名录中 / Closed; its site to be investigated; still on the list',
      on: {
        // Reports of the years it still operated; a demolition of its facilities still needs a filed plan.
        FILE_DUTY_REPORT: { guard: and([...dutyRules, 'yearNotAfterClosure']), actions: 'recordDutyReport' },
        RECORD_BUREAU_MONITORING: bureauMonitoring,
        FILE_DEMOLITION_PLAN: { guard: and([...planRules, 'noDemolitionStarted']), actions: 'recordDemolitionPlan' },
        START_DEMOLITION: { guard: 'plannedStartReached', actions: 'recordDemolitionStart' },
        COMPLETE_DEMOLITION: { guard: 'completionDated', actions: 'recordDemolitionCompletion' },
        RECORD_UNFILED_DEMOLITION: unfiledDemolition,
        REMOVE: remove,
      },
    },
    removed: {
      type: 'final',
      description: '已移出重点监管单位名录 / Removed from the list by the bureau',
    },
  },
});

export type KeyUnitMachineV1 = typeof keyUnitV1;

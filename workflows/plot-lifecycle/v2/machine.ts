import { and, setup } from 'xstate';
import { actions } from './actions';
import { initialPlotContext, type PlotLifecycleContext, type PlotLifecycleInput } from './context';
import type { PlotLifecycleEvent } from './events';
import { plotLifecycleGuards } from './guards';
import { aftercare, all, assignConsultant, landRights, outcome, recordedDecision, reopen, reportKind, reviewRound, submit, worksWere, type On } from './transitions';

/**
 * 污染地块全生命周期 v2: the path of v1 with the levels of government the law
 * names (DESIGN §1.1): the investigation report is reviewed locally (土壤法 art.
 * 59), the risk assessment and the removal by the province (arts. 60–61, 66) —
 * which body decides each step is configuration the engine passes in the
 * event. A review may call an expert panel (环办土壤〔2019〕63号) with 回避; a
 * body outside the system has its decision recorded by the district; the
 * notice's time limit, the holder's disclosures and the removal's publicity
 * period (42号令) are enforced.
 */
export const plotLifecycleV2 = setup({
  types: {
    context: {} as PlotLifecycleContext,
    events: {} as PlotLifecycleEvent,
    input: {} as PlotLifecycleInput,
  },
  guards: plotLifecycleGuards,
  actions,
}).createMachine({
  id: 'plot-lifecycle',
  description: '污染地块全生命周期（分级决定） / Contaminated-site lifecycle with levels of government',
  context: ({ input }) => initialPlotContext(input),
  initial: 'suspected',
  on: {
    RECORD_DISCLOSURE: {
      guard: and(['disclosedReportSubmitted', 'publishedOnNotFuture', 'disclosurePlaceGiven']),
      actions: 'recordDisclosure',
    },
  },
  states: {
    suspected: {
      description:
        '疑似污染地块：列入疑似名单，待土地使用权人委托第三方开展调查 / Suspected plot: on the suspected list, awaiting an investigation commissioned by the holder',
      on: {
        ...landRights,
        ISSUE_INVESTIGATION_NOTICE: {
          guard: and(['dueDateNotPast', 'dueDateWithinNoticeLimit']),
          actions: 'recordInvestigationDueDate',
        },
        ASSIGN_CONSULTANT: assignConsultant,
        START_INVESTIGATION: {
          guard: 'investigationConsultantAssigned',
          target: '#plot-lifecycle.investigation.preliminary.drafting',
        },
      },
    },
    investigation: {
      description: '土壤污染状况调查 / Soil contamination investigation',
      on: { ASSIGN_CONSULTANT: assignConsultant, ...landRights },
      initial: 'preliminary',
      states: {
        preliminary: {
          description:
            '初步调查：第三方机构采样，按规划用地类别筛选 / Preliminary investigation: a third party samples; results screened for the planned land class',
          initial: 'drafting',
          states: {
            drafting: {
              description: '初步调查 · 编制报告 / Preliminary investigation: report in preparation',
              on: {
                SUBMIT_REPORT: submit('preliminary_investigation', 'investigation', [
                  'firstStageOnlyWhereLawAllows',
                  'reportHasScreenedSamples',
                  'requiredItemsSampled',
                ]),
              },
            },
            underReview: {
              description:
                '初步调查 · 评审（所在地生态环境会同自然资源） / Preliminary investigation: reviewed by the local environment and natural-resources bureaus',
              exit: 'clearReview',
              on: reviewRound({
                outcomes: [
                  // HJ 25.1-2019: no possible source of pollution found at the first stage; the investigation ends.
                  { guards: ['concludedAtFirstStage'], target: '#plot-lifecycle.cleared', actions: ['permitPlannedLandClass'] },
                  { guards: ['samplesBelowScreening'], target: '#plot-lifecycle.cleared', actions: ['permitPlannedLandClass'] },
                  { guards: ['samplesAboveScreening'], target: '#plot-lifecycle.investigation.detailed.drafting' },
                ],
                returnTo: 'drafting',
                revision: { kind: 'preliminary_investigation', work: 'investigation' },
              }),
            },
          },
        },
        detailed: {
          description:
            '详细调查：确定污染范围、面积与土方量 / Detailed investigation: extent, area and volume of contamination',
          initial: 'drafting',
          states: {
            drafting: {
              description: '详细调查 · 编制报告 / Detailed investigation: report in preparation',
              on: { SUBMIT_REPORT: submit('detailed_investigation', 'investigation', ['reportHasScreenedSamples']) },
            },
            underReview: {
              description: '详细调查 · 评审 / Detailed investigation: review',
              exit: 'clearReview',
              on: reviewRound({
                outcomes: [{ target: '#plot-lifecycle.riskAssessment.drafting' }],
                returnTo: 'drafting',
                revision: { kind: 'detailed_investigation', work: 'investigation' },
              }),
            },
          },
        },
      },
    },
    riskAssessment: {
      description: '土壤污染风险评估：判断风险是否可接受 / Risk assessment: is the risk to health acceptable?',
      on: { ASSIGN_CONSULTANT: assignConsultant, ...landRights },
      initial: 'drafting',
      states: {
        drafting: {
          description: '风险评估 · 编制报告 / Risk assessment: report in preparation',
          on: { SUBMIT_REPORT: submit('risk_assessment', 'riskAssessment') },
        },
        underReview: {
          description:
            '风险评估 · 报送省级生态环境会同自然资源评审 / Risk assessment: forwarded to and reviewed by the province',
          exit: 'clearReview',
          on: reviewRound({
            outcomes: [
              { guards: ['riskAcceptable'], target: '#plot-lifecycle.cleared', actions: ['permitPlannedLandClass', 'recordAssessedLandClass'] },
              { guards: ['riskUnacceptable'], target: '#plot-lifecycle.listed', actions: ['recordAssessedLandClass'] },
            ],
            returnTo: 'drafting',
            revision: { kind: 'risk_assessment', work: 'riskAssessment' },
          }),
        },
      },
    },
    listed: {
      description:
        '纳入建设用地土壤污染风险管控和修复名录：不得用作住宅、公共管理与公共服务用地 / On the register of plots under risk control and remediation: never for housing or public services',
      entry: 'openRegisterEntry',
      on: { ASSIGN_CONSULTANT: assignConsultant, ...landRights },
      initial: 'prioritization',
      states: {
        prioritization: {
          description:
            '纳入名录 · 优先控制名录：自然资源部门确定优先次序与开发负面清单 / Listed: the land bureau sets the priority rank and the development negative list',
          on: { SET_PRIORITY: { target: 'awaitingPlan', actions: 'recordPriority' } },
        },
        awaitingPlan: {
          description: "待报送方案：风险管控方案或修复方案 / Awaiting the holder's risk-control plan or remediation plan",
          on: {
            FILE_CONTROL_PLAN: {
              guard: and(['reportExists', reportKind('control_plan'), 'reportBelongsToPlot', 'implementerRegisteredIfNamed']),
              target: 'riskControl',
              actions: 'recordControlPlan',
            },
            FILE_REMEDIATION_PLAN: {
              guard: and(['reportExists', reportKind('remediation_plan'), 'reportBelongsToPlot']),
              target: 'remediation',
              actions: 'recordRemediationPlan',
            },
          },
        },
        riskControl: {
          description:
            '风险管控：落实管控措施并定期报送监测报告 / Risk control: measures in place, periodic monitoring reports',
          on: {
            SUBMIT_MONITORING_REPORT: {
              guard: and(['reportExists', reportKind('monitoring'), 'reportBelongsToPlot']),
              actions: 'recordMonitoringReport',
            },
            FILE_REMEDIATION_PLAN: {
              guard: and(['reportExists', reportKind('remediation_plan'), 'reportBelongsToPlot']),
              target: 'remediation',
              actions: 'recordRemediationPlan',
            },
            REQUEST_EFFECT_EVALUATION: { guard: 'monitoringReportsFiled', target: 'effectEvaluation' },
            // 上政文〔2017〕147号 三（四）2 (一块一策): a plot not developed for now is placed under a control zone with signs, a notice and monitoring.
            PLACE_UNDER_CONTROL_ZONE: {
              guard: and(['notUnderControlZone', 'documentNumberGiven', 'actDateNotFuture', 'zoneMonitoringPlanned']),
              actions: 'placeUnderControlZone',
            },
            RECORD_ZONE_MONITORING: { guard: 'zoneMonitoringOfPlannedMedium', actions: 'recordZoneMonitoring' },
          },
        },
        remediation: {
          description: '治理与修复 / Remediation',
          initial: 'planFiled',
          states: {
            planFiled: {
              description:
                '修复方案已报送，待生态环境部门备案 / Remediation plan filed, awaiting acknowledgement by the environment bureau',
              on: { ACKNOWLEDGE_FILING: { target: 'ready' } },
            },
            ready: {
              description: '修复方案已备案，待开工 / Plan on file; works not yet started',
              on: {
                START_WORKS: {
                  guard: and(['noticeBoardComplete', 'contractorRegistered']),
                  target: 'inProgress',
                  actions: 'recordWorksStart',
                },
              },
            },
            inProgress: {
              description:
                '修复施工中：设立公告牌，外运污染土壤须提前报告 / Works in progress: notice board on site; off-site soil transports reported in advance',
              on: { COMPLETE_WORKS: { guard: 'noOpenTransports', target: '#plot-lifecycle.listed.effectEvaluation' } },
            },
          },
        },
        effectEvaluation: {
          description:
            '效果评估：由另行委托的第三方评估是否达到目标 / Effect evaluation by a third party other than the implementer: were the targets reached?',
          initial: 'drafting',
          states: {
            drafting: {
              description: '效果评估 · 编制报告 / Effect evaluation: report in preparation',
              on: { SUBMIT_REPORT: submit('effect_evaluation', 'effectEvaluation', ['evaluatorIndependentOfImplementer']) },
            },
            underReview: {
              description: '效果评估 · 生态环境部门备案审查 / Effect evaluation: filed with and checked by the environment bureau',
              exit: 'clearReview',
              on: reviewRound({
                outcomes: [
                  {
                    guards: ['targetsAchieved', 'landClassConcluded', 'landClassWithinAssessedScenario'],
                    target: '#plot-lifecycle.listed.awaitingRemoval',
                    actions: ['recordConcludedLandClass'],
                  },
                  { guards: ['targetsNotAchieved', worksWere('remediation')], target: '#plot-lifecycle.listed.remediation.inProgress' },
                  { guards: ['targetsNotAchieved', worksWere('riskControl')], target: '#plot-lifecycle.listed.riskControl' },
                ],
                returnTo: 'drafting',
                revision: { kind: 'effect_evaluation', work: 'effectEvaluation' },
              }),
            },
          },
        },
        awaitingRemoval: {
          description:
            '达到目标，效果评估报告公开满两个月后可申请移出名录 / Targets reached; removal may be applied for once the evaluation has been public for two months',
          on: {
            ...aftercare,
            APPLY_REMOVAL: { guard: 'effectEvaluationPublicLongEnough', target: 'removalReview', actions: 'clearRemovalRefused' },
          },
        },
        removalReview: {
          description:
            '申请移出名录 · 报送省级生态环境会同自然资源审查 / Application for removal: forwarded to and decided by the province',
          exit: 'clearReview',
          on: {
            ...aftercare,
            ...(reviewRound({
              outcomes: [{ target: 'removalPublicity', actions: ['openRemovalPublicity'] }],
              returnTo: 'awaitingRemoval',
              returnActions: ['markRemovalRefused'],
            }) as On),
          },
        },
        removalPublicity: {
          description:
            '移出名录决定公示中：公示期满后生效 / Removal decided and published: it takes effect when the publicity period ends',
          on: {
            ...aftercare,
            END_PUBLICITY: { guard: 'publicityPeriodOver', target: '#plot-lifecycle.released', actions: 'closeRemovalPublicity' },
            // An objection upheld during the publicity period; the round was forwarded already.
            RETURN: {
              guard: all(['isRequiredReviewer', 'decidedInSystem', 'reasonGiven']),
              target: 'awaitingRemoval',
              actions: ['markRemovalRefused', 'closeRemovalPublicity'],
            },
            RECORD_DECISION: {
              guard: all([...recordedDecision.filter((g) => g !== 'forwardedIfDecidedAbove'), outcome('returned'), 'reasonGiven']),
              target: 'awaitingRemoval',
              actions: ['markRemovalRefused', 'closeRemovalPublicity'],
            },
          },
        },
      },
    },
    released: {
      description:
        '移出名录，准予按规划用途开发利用（记录准予的用地类别）；后期管理义务履行完毕前仍受监管；用途变更或发现新的污染可重新启动调查 / Removed from the register and released for the permitted land class; supervised while aftercare lasts; reopened on a change of use or new evidence',
      on: { ...aftercare, ...reopen('released') },
    },
    cleared: {
      description:
        '非污染地块 / 风险可接受：未纳入名录，按规划用地类别利用；用途变更或发现新的污染可重新启动调查 / Not contaminated, or risk acceptable: never listed; usable for the planned land class; reopened on a change of use or new evidence',
      on: reopen('cleared'),
    },
  },
});

export type PlotLifecycleMachineV2 = typeof plotLifecycleV2;

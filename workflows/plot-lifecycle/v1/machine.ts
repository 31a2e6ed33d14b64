import { and, not, setup } from 'xstate';
import { actions } from './actions';
import { initialPlotContext, type PlotLifecycleContext, type PlotLifecycleInput, type WorksStage } from './context';
import type { ConsultantWork, PlotLifecycleEvent, ReportKind } from './events';
import { plotLifecycleGuards, type ReviewStage } from './guards';

// Parameterized guard references, typed so that their params keep literal types.
const reviewer = (stage: ReviewStage) => ({ type: 'isRequiredReviewer', params: { stage } }) as const;
const completesReview = (stage: ReviewStage) => ({ type: 'allRequiredBureausApproved', params: { stage } }) as const;
const reportKind = (kind: ReportKind) => ({ type: 'reportKindIs', params: { kind } }) as const;
const byConsultantFor = (work: ConsultantWork) => ({ type: 'reportByAssignedConsultant', params: { work } }) as const;
const worksWere = (stage: WorksStage) => ({ type: 'worksStageIs', params: { stage } }) as const;

// In every stage before the end the holder may commission (委托) a third party.
const assignConsultant = {
  guard: and(['organisationIsConsultant', 'evaluatorIndependentOfImplementer']),
  actions: 'recordConsultant',
} as const;

/**
 * 污染地块全生命周期 v1: from the suspected list through investigation, risk
 * assessment, the register (名录), risk control or remediation and their
 * evaluation, to release for a permitted land use — or clearance on the way.
 *
 * Events arrive enriched by the engine (events.ts). A review round ends when
 * the last required bureau approves; that same approval decides the next stage
 * from data (screening verdict, the report's structured conclusion), never
 * from the reviewer's say-so.
 */
export const plotLifecycleV1 = setup({
  types: {
    context: {} as PlotLifecycleContext,
    events: {} as PlotLifecycleEvent,
    input: {} as PlotLifecycleInput,
  },
  guards: plotLifecycleGuards,
  actions,
}).createMachine({
  id: 'plot-lifecycle',
  description: '污染地块全生命周期 / Contaminated-site lifecycle',
  context: ({ input }) => initialPlotContext(input),
  initial: 'suspected',
  states: {
    suspected: {
      description:
        '疑似污染地块：列入疑似名单，待土地使用权人委托第三方开展调查 / Suspected plot: on the suspected list, awaiting an investigation commissioned by the holder',
      on: {
        ISSUE_INVESTIGATION_NOTICE: { actions: 'recordInvestigationDueDate' },
        ASSIGN_CONSULTANT: assignConsultant,
        START_INVESTIGATION: {
          guard: 'investigationConsultantAssigned',
          target: '#plot-lifecycle.investigation.preliminary.drafting',
        },
      },
    },
    investigation: {
      description: '土壤污染状况调查 / Soil contamination investigation',
      on: { ASSIGN_CONSULTANT: assignConsultant },
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
                SUBMIT_REPORT: {
                  guard: and([
                    'reportExists',
                    reportKind('preliminary_investigation'),
                    'reportBelongsToPlot',
                    byConsultantFor('investigation'),
                    'reportHasScreenedSamples',
                  ]),
                  target: 'underReview',
                  actions: 'recordReport',
                },
              },
            },
            underReview: {
              description:
                '初步调查 · 会同评审（生态环境、自然资源） / Preliminary investigation: joint review by the environment and natural-resources bureaus',
              exit: 'clearApprovals',
              on: {
                // No exceedance: not a contaminated plot. Exceedance: detailed investigation.
                // A missing verdict matches no branch, so the last approval is refused.
                APPROVE: [
                  {
                    guard: and([
                      reviewer('preliminary'),
                      'bureauHasNotApproved',
                      completesReview('preliminary'),
                      'samplesBelowScreening',
                    ]),
                    target: '#plot-lifecycle.cleared',
                    actions: 'permitPlannedLandClass',
                  },
                  {
                    guard: and([
                      reviewer('preliminary'),
                      'bureauHasNotApproved',
                      completesReview('preliminary'),
                      'samplesAboveScreening',
                    ]),
                    target: '#plot-lifecycle.investigation.detailed.drafting',
                  },
                  {
                    guard: and([reviewer('preliminary'), 'bureauHasNotApproved', not(completesReview('preliminary'))]),
                    actions: 'recordApproval',
                  },
                ],
                RETURN: { guard: and([reviewer('preliminary'), 'reasonGiven']), target: 'drafting' },
              },
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
              on: {
                SUBMIT_REPORT: {
                  guard: and([
                    'reportExists',
                    reportKind('detailed_investigation'),
                    'reportBelongsToPlot',
                    byConsultantFor('investigation'),
                    'reportHasScreenedSamples',
                  ]),
                  target: 'underReview',
                  actions: 'recordReport',
                },
              },
            },
            underReview: {
              description: '详细调查 · 会同评审 / Detailed investigation: joint review',
              exit: 'clearApprovals',
              on: {
                APPROVE: [
                  {
                    guard: and([reviewer('detailed'), 'bureauHasNotApproved', completesReview('detailed')]),
                    target: '#plot-lifecycle.riskAssessment.drafting',
                  },
                  {
                    guard: and([reviewer('detailed'), 'bureauHasNotApproved', not(completesReview('detailed'))]),
                    actions: 'recordApproval',
                  },
                ],
                RETURN: { guard: and([reviewer('detailed'), 'reasonGiven']), target: 'drafting' },
              },
            },
          },
        },
      },
    },
    riskAssessment: {
      description: '土壤污染风险评估：判断风险是否可接受 / Risk assessment: is the risk to health acceptable?',
      on: { ASSIGN_CONSULTANT: assignConsultant },
      initial: 'drafting',
      states: {
        drafting: {
          description: '风险评估 · 编制报告 / Risk assessment: report in preparation',
          on: {
            SUBMIT_REPORT: {
              guard: and([
                'reportExists',
                reportKind('risk_assessment'),
                'reportBelongsToPlot',
                byConsultantFor('riskAssessment'),
              ]),
              target: 'underReview',
              actions: 'recordReport',
            },
          },
        },
        underReview: {
          description: '风险评估 · 会同评审 / Risk assessment: joint review',
          exit: 'clearApprovals',
          on: {
            // The report's structured conclusion decides; without one the last approval is refused.
            APPROVE: [
              {
                guard: and([
                  reviewer('riskAssessment'),
                  'bureauHasNotApproved',
                  completesReview('riskAssessment'),
                  'riskAcceptable',
                ]),
                target: '#plot-lifecycle.cleared',
                actions: 'permitPlannedLandClass',
              },
              {
                guard: and([
                  reviewer('riskAssessment'),
                  'bureauHasNotApproved',
                  completesReview('riskAssessment'),
                  'riskUnacceptable',
                ]),
                target: '#plot-lifecycle.listed',
              },
              {
                guard: and([
                  reviewer('riskAssessment'),
                  'bureauHasNotApproved',
                  not(completesReview('riskAssessment')),
                ]),
                actions: 'recordApproval',
              },
            ],
            RETURN: { guard: and([reviewer('riskAssessment'), 'reasonGiven']), target: 'drafting' },
          },
        },
      },
    },
    listed: {
      description:
        '纳入建设用地土壤污染风险管控和修复名录：不得用作住宅、公共管理与公共服务用地 / On the register of plots under risk control and remediation: never for housing or public services',
      entry: 'openRegisterEntry',
      on: { ASSIGN_CONSULTANT: assignConsultant },
      initial: 'prioritization',
      states: {
        prioritization: {
          description:
            '纳入名录 · 优先控制名录：自然资源部门确定优先次序与开发负面清单 / Listed: the land bureau sets the priority rank and the development negative list',
          on: { SET_PRIORITY: { target: 'awaitingPlan', actions: 'recordPriority' } },
        },
        awaitingPlan: {
          description:
            '待报送方案：风险管控方案或修复方案 / Awaiting the holder\'s risk-control plan or remediation plan',
          on: {
            FILE_CONTROL_PLAN: {
              guard: and(['reportExists', reportKind('control_plan'), 'reportBelongsToPlot']),
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
            REQUEST_EFFECT_EVALUATION: { target: 'effectEvaluation' },
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
              on: {
                SUBMIT_REPORT: {
                  guard: and([
                    'reportExists',
                    reportKind('effect_evaluation'),
                    'reportBelongsToPlot',
                    byConsultantFor('effectEvaluation'),
                    'evaluatorIndependentOfImplementer',
                  ]),
                  target: 'underReview',
                  actions: 'recordReport',
                },
              },
            },
            underReview: {
              description: '效果评估 · 生态环境部门审查 / Effect evaluation: review by the environment bureau',
              exit: 'clearApprovals',
              on: {
                // Targets reached: the plot may apply for removal. Not reached: back to the works.
                APPROVE: [
                  {
                    guard: and([
                      reviewer('effectEvaluation'),
                      'bureauHasNotApproved',
                      completesReview('effectEvaluation'),
                      'targetsAchieved',
                      'landClassConcluded',
                    ]),
                    target: '#plot-lifecycle.listed.awaitingRemoval',
                    actions: 'recordConcludedLandClass',
                  },
                  {
                    guard: and([
                      reviewer('effectEvaluation'),
                      'bureauHasNotApproved',
                      completesReview('effectEvaluation'),
                      'targetsNotAchieved',
                      worksWere('remediation'),
                    ]),
                    target: '#plot-lifecycle.listed.remediation.inProgress',
                  },
                  {
                    guard: and([
                      reviewer('effectEvaluation'),
                      'bureauHasNotApproved',
                      completesReview('effectEvaluation'),
                      'targetsNotAchieved',
                      worksWere('riskControl'),
                    ]),
                    target: '#plot-lifecycle.listed.riskControl',
                  },
                ],
                RETURN: { guard: and([reviewer('effectEvaluation'), 'reasonGiven']), target: 'drafting' },
              },
            },
          },
        },
        awaitingRemoval: {
          description:
            '达到目标，待申请移出名录 / Targets reached; the holder may apply for removal from the register',
          on: { APPLY_REMOVAL: { target: 'removalReview', actions: 'clearRemovalRefused' } },
        },
        removalReview: {
          description: '申请移出名录 · 会同评审 / Application for removal from the register: joint review',
          exit: 'clearApprovals',
          on: {
            APPROVE: [
              {
                guard: and([reviewer('removalReview'), 'bureauHasNotApproved', completesReview('removalReview')]),
                target: '#plot-lifecycle.released',
              },
              {
                guard: and([reviewer('removalReview'), 'bureauHasNotApproved', not(completesReview('removalReview'))]),
                actions: 'recordApproval',
              },
            ],
            RETURN: {
              guard: and([reviewer('removalReview'), 'reasonGiven']),
              target: 'awaitingRemoval',
              actions: 'markRemovalRefused',
            },
          },
        },
      },
    },
    released: {
      type: 'final',
      description:
        '移出名录，准予按规划用途开发利用（记录准予的用地类别） / Removed from the register and released for the permitted land class',
    },
    cleared: {
      type: 'final',
      description:
        '非污染地块 / 风险可接受：未纳入名录，按规划用地类别利用 / Not contaminated, or risk acceptable: never listed; usable for the planned land class',
    },
  },
});

export type PlotLifecycleMachine = typeof plotLifecycleV1;

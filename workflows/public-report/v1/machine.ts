import { and, setup } from 'xstate';
import { publicReportActions } from './actions';
import { initialPublicReportContext, type PublicReportContext, type PublicReportInput } from './context';
import type { PublicReportEvent } from './events';
import { publicReportGuards } from './guards';

const link = { guard: 'linkTargetFound', actions: 'recordLink' } as const;
const propose = { guard: and(['proposalReasoned', 'notYetProposed']), actions: 'recordProposal' } as const;
const reward = { guard: 'rewardReasoned', actions: 'recordReward' } as const;

/**
 * 12369 公众举报 v1: a report of soil pollution sent by anyone (土壤法第八十四条: 任何组织和个人…有权举报; 接到举报的
 * 部门应当及时处理并对举报人的相关信息予以保密; 对实名举报并查证属实的，给予奖励), from its receipt by the district
 * 生态环境 bureau to the reply the reporter reads by receipt code, and its closure once the reward is decided.
 */
export const publicReportV1 = setup({
  types: {
    context: {} as PublicReportContext,
    events: {} as PublicReportEvent,
    input: {} as PublicReportInput,
  },
  guards: publicReportGuards,
  actions: publicReportActions,
}).createMachine({
  id: 'public-report',
  description: '12369 公众举报 / A public report of soil pollution',
  context: ({ input }) => initialPublicReportContext(input),
  initial: 'received',
  states: {
    received: {
      description: '已受理，待分派承办人 / Received, awaiting an officer',
      on: { ASSIGN: { guard: 'officerNamed', target: 'assigned', actions: 'recordOfficer' }, LINK: link },
    },
    assigned: {
      description: '已分派，待现场核查 / Assigned, awaiting the site check',
      on: { RECORD_SITE_CHECK: { guard: 'siteCheckRecorded', target: 'siteCheck', actions: 'recordSiteCheck' }, LINK: link },
    },
    siteCheck: {
      description: '已现场核查，待处理 / Site checked, awaiting the measures',
      on: { RECORD_HANDLING: { guard: 'measuresGiven', target: 'handled', actions: 'recordMeasures' }, LINK: link, PROPOSE_SUSPECTED_PLOT: propose },
    },
    handled: {
      description: '已处理，待答复举报人 / Handled, awaiting the reply',
      on: { REPLY: { guard: 'replyGiven', target: 'replied', actions: 'recordReply' }, LINK: link, PROPOSE_SUSPECTED_PLOT: propose, RECORD_REWARD: reward },
    },
    replied: {
      description: '已答复，待作出奖励决定后办结 / Replied; closed once the reward is decided',
      on: { RECORD_REWARD: reward, LINK: link, PROPOSE_SUSPECTED_PLOT: propose, CLOSE: { guard: 'rewardDecided', target: 'closed' } },
    },
    closed: {
      description: '已办结 / Closed',
      type: 'final',
    },
  },
});

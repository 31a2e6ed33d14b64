import { isDate } from '../../plot-lifecycle/v2/dates';
import type { PublicReportContext } from './context';
import type { PublicReportEvent } from './events';

/** Guards of a 12369 public report: one rule each, pure functions of the context and the (enriched) event. */
export interface PublicReportGuardArgs {
  context: PublicReportContext;
  event: PublicReportEvent;
}

const filled = (value: unknown, max = 2000): boolean => typeof value === 'string' && value.trim() !== '' && value.length <= max;

export const publicReportGuards = {
  /** 土壤法第八十四条 (及时处理): the case is handed to a named officer of the bureau. */
  officerNamed: ({ event }: PublicReportGuardArgs) => event.type === 'ASSIGN' && filled(event.officer, 100),
  /** 土壤法第八十四条: the site is checked — its date no later than today, not before receipt, with what was found. */
  siteCheckRecorded: ({ context, event }: PublicReportGuardArgs) =>
    event.type === 'RECORD_SITE_CHECK' && isDate(event.checkedOn) && event.checkedOn <= event.today && event.checkedOn >= context.receivedOn && filled(event.findings),
  /** 土壤法第八十四条: what was done about it. */
  measuresGiven: ({ event }: PublicReportGuardArgs) => event.type === 'RECORD_HANDLING' && filled(event.measures),
  /** The reply the reporter reads by receipt code (生态环境部 12369: 办理结果反馈举报人). */
  replyGiven: ({ event }: PublicReportGuardArgs) => event.type === 'REPLY' && filled(event.reply),
  /** 土壤法第八十四条 (实名举报并查证属实的，给予奖励): a reward decision, granted or denied, with its reason. */
  rewardReasoned: ({ event }: PublicReportGuardArgs) =>
    event.type === 'RECORD_REWARD' && typeof event.granted === 'boolean' && filled(event.reason, 500) &&
    (event.amountYuan === undefined || (event.granted && Number.isFinite(event.amountYuan) && event.amountYuan > 0)),
  /** 土壤法第八十四条: the case closes once the reward has been decided. */
  rewardDecided: ({ context }: PublicReportGuardArgs) => context.reward !== null,
  /** A case is linked to one plot or one unit of the bureau's jurisdiction. */
  linkTargetFound: ({ event }: PublicReportGuardArgs) =>
    event.type === 'LINK' && (event.plotId === undefined) !== (event.unitId === undefined) && event.linkFound === true,
  /** 土壤法第五十九条 (疑似污染地块): a proposal gives its reason. */
  proposalReasoned: ({ event }: PublicReportGuardArgs) => event.type === 'PROPOSE_SUSPECTED_PLOT' && filled(event.reason),
  /** One proposal per case. */
  notYetProposed: ({ context }: PublicReportGuardArgs) => context.suspectedPlotProposal === null,
};

import type { GuardReason, StartRefusals } from '../../types';
import type { PublicReportEventType } from './events';
import type { publicReportGuards } from './guards';

/** Chinese labels of the states, as the reporter and the bureau read them. */
export const PUBLIC_REPORT_STATE_LABELS: Readonly<Record<string, string>> = {
  received: '已受理',
  assigned: '已分派承办人',
  siteCheck: '已现场核查',
  handled: '已处理',
  replied: '已答复',
  closed: '已办结',
};

export const PUBLIC_REPORT_EVENT_LABELS: Readonly<Record<PublicReportEventType, string>> = {
  ASSIGN: '分派承办人',
  RECORD_SITE_CHECK: '记录现场核查',
  RECORD_HANDLING: '记录处理措施',
  REPLY: '答复举报人',
  RECORD_REWARD: '作出奖励决定',
  LINK: '关联地块或重点监管单位',
  PROPOSE_SUSPECTED_PLOT: '提出疑似污染地块线索',
  CLOSE: '办结',
};

export const PUBLIC_REPORT_START_EVENT_LABELS: Readonly<Record<string, string>> = { RECEIVE: '受理公众举报' };

export const PUBLIC_REPORT_GUARD_REASONS: Readonly<Record<keyof typeof publicReportGuards, GuardReason>> = {
  officerNamed: '请填写承办人（不超过 100 字）',
  siteCheckRecorded: '请填写现场核查日期（不早于受理日、不晚于今天）和核查情况',
  measuresGiven: '请填写处理措施',
  replyGiven: '请填写给举报人的答复',
  rewardReasoned: '奖励决定须写明给予或不予奖励及理由；奖励金额只在给予奖励时填写，且须大于零（土壤法第八十四条）',
  rewardDecided: '办结前须作出奖励决定：给予或不予奖励，并写明理由（土壤法第八十四条）',
  linkTargetFound: '请选择本辖区内的一个地块或一个重点监管单位（二者选一）',
  proposalReasoned: '提出疑似污染地块线索须写明理由（土壤法第五十九条）',
  notYetProposed: '本举报已提出过疑似污染地块线索',
};

export const PUBLIC_REPORT_START_REFUSALS: StartRefusals = { otherRoles: '公众举报只能通过公众举报页面提交' };

export const stateLabel = (path: string): string => PUBLIC_REPORT_STATE_LABELS[path] ?? path;
export const eventLabel = (type: string): string =>
  PUBLIC_REPORT_EVENT_LABELS[type as PublicReportEventType] ?? PUBLIC_REPORT_START_EVENT_LABELS[type] ?? type;

export function guardReason(guard: { name: string; negated?: boolean }, event: Record<string, unknown> = {}, context: Record<string, unknown> = {}): string {
  const reason = guard.negated ? undefined : PUBLIC_REPORT_GUARD_REASONS[guard.name as keyof typeof publicReportGuards];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}

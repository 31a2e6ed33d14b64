import { fromDayNumber, toDayNumber } from '../calendar/calendar-date';

/**
 * Which deadlines a transition opens and closes (README, Deadlines). Pure: the
 * engine's transition (from, to, event) and today's date in, a plan out.
 */
export type DeadlineKind =
  | 'investigation_notice'
  | 'transport_acknowledgement'
  | 'monitoring_report'
  | 'annual_progress_report'
  | 'review'
  | 'aftercare'
  | 'zone_monitoring'
  | 'key_unit_self_monitoring'
  | 'key_unit_hidden_danger_inspection'
  | 'key_unit_toxic_discharge'
  | 'key_unit_bureau_monitoring';

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  investigation_notice: '按调查通知书开展土壤污染状况调查',
  transport_acknowledgement: '转运报告须于计划开始日期前经两地生态环境部门确认',
  monitoring_report: '报送风险管控定期监测报告',
  annual_progress_report: '年度工作进展报告',
  review: '主管部门在评审期限内完成报告评审',
  aftercare: '履行后期管理要求（长期监测、制度控制）',
  zone_monitoring: '报送管控区域的土壤、地下水、空气等环境监测报告',
  // A key unit's yearly duties (土壤法第二十一条; reference/key-unit-duties.json).
  key_unit_self_monitoring: '报送土壤和地下水自行监测报告',
  key_unit_hidden_danger_inspection: '报送土壤污染隐患排查报告',
  key_unit_toxic_discharge: '报送有毒有害物质排放情况年度报告',
  key_unit_bureau_monitoring: '开展重点监管单位周边土壤监测',
};

export type CloseReason = 'satisfied' | 'superseded' | 'left_state' | 'left_register' | 'objected' | 'cancelled' | 'final' | 'reported';

export interface DeadlinePlan {
  /** Closed first; '*' closes every open deadline of the entity. */
  close: Array<{ kind: DeadlineKind | '*'; reason: CloseReason }>;
  open: Array<{ kind: DeadlineKind; dueDate: string }>;
}

export interface DeadlineSettings {
  today: string;
  monitoringIntervalMonths: number;
  /** MM-DD of the annual progress report */
  annualReportDue: string;
}

export interface Change {
  type: string;
  from: string;
  to: string;
  event: Record<string, unknown>;
}

const RISK_CONTROL = 'listed.riskControl';
const isReview = (state: string) => state.endsWith('.underReview') || state === 'listed.removalReview';
const isListed = (state: string) => state === 'listed' || state.startsWith('listed.');
const PLOT_FINAL = new Set(['released', 'cleared']);
const TRANSPORT_FINAL = new Set(['closed', 'cancelled']);

/** The same day n months later, or the month's last day when it has no such day (01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d, last)) / 86_400_000);
}

/** The annual progress report's next due date on or after today (MM-DD of this year, else of the next). */
export function annualDueDate(today: string, monthDay: string): string {
  const thisYear = `${today.slice(0, 4)}-${monthDay}`;
  return thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${monthDay}`;
}

export function plotDeadlinePlan({ type, from, to, event }: Change, s: DeadlineSettings): DeadlinePlan {
  const plan: DeadlinePlan = { close: [], open: [] };
  if (PLOT_FINAL.has(to) && !PLOT_FINAL.has(from)) plan.close.push({ kind: '*', reason: isListed(from) ? 'left_register' : 'final' });
  // 后期管理 (土壤法第四十二条): the engine passes the due dates of the obligations still open after the event.
  const aftercare = event.openAftercareDueDates;
  if (Array.isArray(aftercare) && (type !== 'END_PUBLICITY' || PLOT_FINAL.has(to))) {
    plan.close.push({ kind: 'aftercare', reason: type === 'FULFIL_AFTERCARE' ? 'satisfied' : 'superseded' });
    for (const dueDate of aftercare) plan.open.push({ kind: 'aftercare', dueDate: String(dueDate) });
  }
  // 上政文〔2017〕147号 三（四）2: a control zone's next monitoring report, the earliest of its media.
  if (typeof event.zoneNextDueOn === 'string') {
    plan.close.push({ kind: 'zone_monitoring', reason: type === 'RECORD_ZONE_MONITORING' ? 'satisfied' : 'superseded' });
    plan.open.push({ kind: 'zone_monitoring', dueDate: event.zoneNextDueOn });
  }
  if (from === RISK_CONTROL && to !== RISK_CONTROL) plan.close.push({ kind: 'zone_monitoring', reason: 'left_state' });
  if (type === 'ISSUE_INVESTIGATION_NOTICE') {
    // A notice issued again replaces the earlier due date.
    plan.close.push({ kind: 'investigation_notice', reason: 'superseded' });
    plan.open.push({ kind: 'investigation_notice', dueDate: String(event.dueDate) });
  }
  if (type === 'START_INVESTIGATION') plan.close.push({ kind: 'investigation_notice', reason: 'satisfied' });
  // The organising bureau's time for a review (reference/decision-steps.json), counted by the engine in working days.
  if (isReview(from) && from !== to && !PLOT_FINAL.has(to)) plan.close.push({ kind: 'review', reason: 'left_state' });
  if (isReview(to) && from !== to && typeof event.reviewDueDate === 'string') {
    plan.open.push({ kind: 'review', dueDate: event.reviewDueDate });
  }
  if (!isListed(from) && isListed(to)) {
    plan.open.push({ kind: 'annual_progress_report', dueDate: annualDueDate(s.today, s.annualReportDue) });
  }
  const nextMonitoring = { kind: 'monitoring_report' as const, dueDate: addMonths(s.today, s.monitoringIntervalMonths) };
  if (type === 'SUBMIT_MONITORING_REPORT') {
    plan.close.push({ kind: 'monitoring_report', reason: 'satisfied' });
    plan.open.push(nextMonitoring);
  } else if (to === RISK_CONTROL && from !== RISK_CONTROL) {
    plan.open.push(nextMonitoring);
  } else if (from === RISK_CONTROL && to !== RISK_CONTROL) {
    plan.close.push({ kind: 'monitoring_report', reason: 'left_state' });
  }
  return plan;
}

export function transportDeadlinePlan({ from, to, event }: Change): DeadlinePlan {
  const plan: DeadlinePlan = { close: [], open: [] };
  if (to === 'filed' && from !== 'filed') {
    // 土壤法 art. 41: both bureaus acknowledge the report before the soil leaves.
    plan.open.push({ kind: 'transport_acknowledgement', dueDate: String(event.plannedStart) });
  }
  if (from === 'filed' && to !== 'filed') {
    // Acknowledged, or (where configuration lets a filed plan leave without it) dispatched: the report was in time.
    const reason: CloseReason = to === 'acknowledged' || to === 'inTransit' ? 'satisfied' : to === 'draft' ? 'objected' : 'cancelled';
    plan.close.push({ kind: 'transport_acknowledgement', reason });
  }
  if (TRANSPORT_FINAL.has(to)) plan.close.push({ kind: '*', reason: to === 'cancelled' ? 'cancelled' : 'final' });
  return plan;
}

export type SweptStatus = 'due' | 'overdue';

/**
 * What the daily sweep makes of a deadline not yet done (README, Deadlines): due on
 * its due date, overdue the day after, each status once; `today` is the China
 * Standard Time date. Undefined when the deadline stays as it is.
 */
export function sweptStatus(d: { status: string; dueDate: string }, today: string): SweptStatus | undefined {
  if (d.status !== 'open' && d.status !== 'due') return undefined;
  if (d.dueDate < today) return 'overdue';
  if (d.dueDate === today && d.status === 'open') return 'due';
  return undefined;
}

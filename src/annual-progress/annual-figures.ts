import type { D14Details, OverdueItem, RegisterMovement, StageCount, TransportLine } from '../../templates/filing-record';
import { plotStateLabel } from '../../workflows';
import { toDayNumber, todayInChina } from '../calendar/calendar-date';
import { DEADLINE_LABELS } from '../deadlines/deadline-rules';
import type { AnnualFiguresRepository, ClosedTransportRow, DueDeadlineRow, RegisterMoveRow } from './annual-figures.repository';

/** The stages of the D14 table, in the order of the law. */
export const STAGE_KEYS = [
  'suspected',
  'investigation',
  'riskAssessment',
  'listed.prioritization',
  'listed.awaitingPlan',
  'listed.riskControl',
  'listed.remediation',
  'listed.effectEvaluation',
  'listed.awaitingRemoval',
  'listed.removalReview',
  'released',
  'cleared',
] as const;

const isListed = (state: string | null) => state !== null && state.startsWith('listed.');

/** The D14 table row a state counts under: the top stage, or the register's sub-stage. */
export function stageKeyOf(state: string): string {
  const [top, sub] = state.split('.');
  return top === 'listed' && sub ? `listed.${sub}` : top;
}

/** The year in China Standard Time: [1 January 00:00, 31 December 24:00). */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` };
}

/** The rows the figures are computed from (AnnualFiguresRepository). */
export type AnnualFigureSource = Pick<AnnualFiguresRepository, 'plotStatesAt' | 'registerMoves' | 'closedTransports' | 'deadlinesDue'>;

/**
 * The figures of a jurisdiction's annual progress report (D14): plots by stage
 * at year end (each plot's state from the last audit row before 31 December
 * 24:00 CST), plots that entered and left the register in the year, transports
 * closed in the year with the quantity received, and deadlines overdue in the year.
 */
export async function annualFigures(source: AnnualFigureSource, year: number, jurisdiction: { code: string; name: string }): Promise<D14Details> {
  const bounds = yearBounds(year);
  return {
    year,
    jurisdiction,
    countsByStage: countsByStage(await source.plotStatesAt(jurisdiction.code, bounds.to)),
    ...movements(await source.registerMoves(jurisdiction.code, bounds.from, bounds.to)),
    transports: transportLines(await source.closedTransports(jurisdiction.code, bounds.from, bounds.to)),
    overdue: overdue(await source.deadlinesDue(jurisdiction.code, `${year}-01-01`, `${year}-12-31`), year),
  };
}

function countsByStage(rows: Array<{ state: string }>): StageCount[] {
  const counts = new Map<string, number>(STAGE_KEYS.map((k) => [k, 0]));
  for (const { state } of rows) {
    const key = stageKeyOf(state);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ label: plotStateLabel(key), count }));
}

function movements(rows: RegisterMoveRow[]) {
  const entered: RegisterMovement[] = [];
  const left: RegisterMovement[] = [];
  for (const r of rows) {
    const date = todayInChina(new Date(r.at));
    if (isListed(r.to)) entered.push({ plotCode: r.code, plotName: r.name, date, note: '风险评估结论为风险不可接受，纳入名录' });
    else left.push({ plotCode: r.code, plotName: r.name, date, note: r.permitted ? `移出名录，准予第${r.permitted === 1 ? '一' : '二'}类用地` : '移出名录' });
  }
  return { entered, left };
}

function transportLines(rows: ClosedTransportRow[]): TransportLine[] {
  return rows.map((r) => ({
    plotCode: r.code,
    batchNo: `${r.code}-${r.number}`,
    destination: [r.facility, r.destination ? `（${r.destination}）` : ''].join(''),
    quantityT: Number(r.quantity),
    state: '转运完成',
  }));
}

function overdue(rows: DueDeadlineRow[], year: number): OverdueItem[] {
  const yearEnd = toDayNumber(`${year}-12-31`);
  const out: OverdueItem[] = [];
  for (const r of rows) {
    // Overdue on any day after the due date on which it was still open, up to 31 December.
    const closed = r.closedAt ? toDayNumber(todayInChina(new Date(r.closedAt))) : Number.POSITIVE_INFINITY;
    const days = Math.min(closed, yearEnd) - toDayNumber(r.dueDate);
    if (days > 0) out.push({ plotCode: r.code, item: DEADLINE_LABELS[r.kind], dueDate: r.dueDate, daysOverdue: days });
  }
  return out;
}

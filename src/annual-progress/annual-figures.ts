import type { EntityManager } from 'typeorm';
import type { D14Details, OverdueItem, RegisterMovement, StageCount, TransportLine } from '../../templates/filing-record';
import { plotStateLabel } from '../../workflows';
import { toDayNumber, todayInChina } from '../calendar/calendar-date';
import { DEADLINE_LABELS, type DeadlineKind } from '../deadlines/deadline-rules';

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

/**
 * The figures of a jurisdiction's annual progress report (D14): plots by stage
 * at year end (each plot's state from the last audit row before 31 December
 * 24:00 CST), plots that entered and left the register in the year, transports
 * closed in the year with the quantity received, and deadlines overdue in the year.
 */
export async function annualFigures(em: EntityManager, year: number, jurisdiction: { code: string; name: string }): Promise<D14Details> {
  const bounds = yearBounds(year);
  return {
    year,
    jurisdiction,
    countsByStage: await countsByStage(em, jurisdiction.code, bounds.to),
    ...(await movements(em, jurisdiction.code, bounds)),
    transports: await transports(em, jurisdiction.code, bounds),
    overdue: await overdue(em, jurisdiction.code, year),
  };
}

async function countsByStage(em: EntityManager, code: string, before: string): Promise<StageCount[]> {
  const rows: Array<{ state: string }> = await em.query(
    `SELECT DISTINCT ON (a.entity_id) a.to_state AS state
       FROM audit_log a JOIN plots p ON p.id = a.entity_id
      WHERE a.entity_type = 'plot' AND p.jurisdiction_code = $1 AND a.at < $2
      ORDER BY a.entity_id, a.seq DESC`,
    [code, before],
  );
  const counts = new Map<string, number>(STAGE_KEYS.map((k) => [k, 0]));
  for (const { state } of rows) {
    const key = stageKeyOf(state);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ label: plotStateLabel(key), count }));
}

async function movements(em: EntityManager, code: string, bounds: { from: string; to: string }) {
  const rows: Array<{ code: string; name: string; from: string | null; to: string; at: string; permitted: number | null }> = await em.query(
    `SELECT p.code, p.name, a.from_state AS "from", a.to_state AS "to", a.at,
            (p.snapshot->'context'->>'permittedLandClass')::int AS permitted
       FROM audit_log a JOIN plots p ON p.id = a.entity_id
      WHERE a.entity_type = 'plot' AND p.jurisdiction_code = $1 AND a.at >= $2 AND a.at < $3
        AND ((a.to_state LIKE 'listed.%') <> (coalesce(a.from_state, '') LIKE 'listed.%'))
      ORDER BY a.at, p.code`,
    [code, bounds.from, bounds.to],
  );
  const entered: RegisterMovement[] = [];
  const left: RegisterMovement[] = [];
  for (const r of rows) {
    const date = todayInChina(new Date(r.at));
    if (isListed(r.to)) entered.push({ plotCode: r.code, plotName: r.name, date, note: '风险评估结论为风险不可接受，纳入名录' });
    else left.push({ plotCode: r.code, plotName: r.name, date, note: r.permitted ? `移出名录，准予第${r.permitted === 1 ? '一' : '二'}类用地` : '移出名录' });
  }
  return { entered, left };
}

async function transports(em: EntityManager, code: string, bounds: { from: string; to: string }): Promise<TransportLine[]> {
  const rows: Array<{ code: string; number: number; facility: string | null; destination: string | null; quantity: number }> = await em.query(
    `SELECT p.code,
            (SELECT count(*) FROM transports b WHERE b.plot_id = t.plot_id AND (b.created_at, b.id) <= (t.created_at, t.id))::int AS number,
            t.snapshot->'context'->'details'->>'destinationFacility' AS facility, dj.name AS destination,
            (t.snapshot->'context'->'receipt'->>'quantityT')::float8 AS quantity
       FROM audit_log a JOIN transports t ON t.id = a.entity_id JOIN plots p ON p.id = t.plot_id
       LEFT JOIN jurisdictions dj ON dj.code = t.destination_jurisdiction
      WHERE a.entity_type = 'transport' AND a.to_state = 'closed' AND a.from_state <> 'closed'
        AND t.origin_jurisdiction = $1 AND a.at >= $2 AND a.at < $3
      ORDER BY a.at, p.code`,
    [code, bounds.from, bounds.to],
  );
  return rows.map((r) => ({
    plotCode: r.code,
    batchNo: `${r.code}-${r.number}`,
    destination: [r.facility, r.destination ? `（${r.destination}）` : ''].join(''),
    quantityT: Number(r.quantity),
    state: '转运完成',
  }));
}

async function overdue(em: EntityManager, code: string, year: number): Promise<OverdueItem[]> {
  const rows: Array<{ code: string; kind: DeadlineKind; dueDate: string; closedAt: string | null }> = await em.query(
    `SELECT p.code, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.closed_at AS "closedAt"
       FROM deadlines d JOIN plots p ON p.id = d.plot_id
      WHERE p.jurisdiction_code = $1 AND d.due_date >= $2::date AND d.due_date <= $3::date
      ORDER BY d.due_date, p.code`,
    [code, `${year}-01-01`, `${year}-12-31`],
  );
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

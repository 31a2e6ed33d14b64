import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { DeadlineKind } from '../deadlines/deadline-rules';
import { inSubtree } from '../organisations/jurisdiction-subtree';

/** An open duty as the supervisor's list reads it: the deadline, its plot or key unit, and who answers for it. */
export interface DutyRow {
  id: string;
  kind: DeadlineKind;
  dueDate: string;
  plotId: string | null;
  transportId: string | null;
  unitId: string | null;
  code: string;
  name: string;
  state: string;
  stage: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  /** the plot's holder (who carries its duties) or the key unit's organisation */
  holderOrganisationId: string;
  holderName: string;
  lastUrgedOn: string | null;
}

export interface DutyFilter {
  today: string;
  stage?: string;
  kinds?: readonly DeadlineKind[];
  overdue?: boolean;
  /** due from today to today + n days */
  daysLeftMax?: number;
  limit: number;
  offset: number;
}

const DUTY_COLUMNS = `d.id, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.plot_id AS "plotId",
  d.transport_id AS "transportId", d.unit_id AS "unitId",
  coalesce(p.code, k.credit_code) AS code, coalesce(p.name, k.name) AS name, coalesce(p.state, k.state) AS state,
  CASE WHEN d.unit_id IS NOT NULL THEN 'keyUnit' ELSE p.stage END AS stage,
  coalesce(p.jurisdiction_code, k.jurisdiction_code) AS "jurisdictionCode",
  coalesce(p.holder_organisation_id, k.organisation_id) AS "holderOrganisationId"`;
const DUTY_FROM = `deadlines d LEFT JOIN plots p ON p.id = d.plot_id LEFT JOIN key_units k ON k.id = d.unit_id`;

/**
 * Owns the supervisor's reads of open deadlines (the table's writer is the engine's statement and the sweep,
 * src/deadlines): every open duty in a bureau's jurisdiction subtree — a district's read from
 * deadlines_open_jurisdiction_idx and sorted, a province's walked by due date through deadlines_open_due_idx — and the
 * figures by stage and by days overdue.
 */
@Injectable()
export class SupervisionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** One page of open duties in the caller's scope, earliest due first. */
  async page(me: Principal, f: DutyFilter): Promise<DutyRow[]> {
    const params: unknown[] = [];
    const where = ["d.status <> 'done'", scopeOf(me, params), ...filters(f, params)];
    params.push(f.limit, f.offset);
    const rows: DutyRow[] = await this.ds.query(
      `SELECT x.*, j.name AS "jurisdictionName", o.name AS "holderName",
              (SELECT to_char(max(n.urged_on), 'YYYY-MM-DD') FROM notifications n WHERE n.deadline_id = x.id AND n.urged_on IS NOT NULL) AS "lastUrgedOn"
         FROM (SELECT ${DUTY_COLUMNS} FROM ${DUTY_FROM} WHERE ${where.join(' AND ')}
                ORDER BY d.due_date, d.id LIMIT $${params.length - 1} OFFSET $${params.length}) x
         JOIN jurisdictions j ON j.code = x."jurisdictionCode" JOIN organisations o ON o.id = x."holderOrganisationId"
        ORDER BY x."dueDate", x.id`,
      params,
    );
    return rows;
  }

  /** Open duties in scope counted by stage and by how many days past (or before) the due date, in whole days. */
  async counts(me: Principal, today: string): Promise<Array<{ stage: string; kind: DeadlineKind; daysLeft: number; count: number }>> {
    const params: unknown[] = [];
    const scope = scopeOf(me, params);
    params.push(today);
    // Grouped by the day difference, capped so that the groups stay few (the bands stop at 31 days overdue, 8 days left).
    return this.ds.query(
      `SELECT stage, kind, "daysLeft", count(*)::int AS count FROM (
         SELECT CASE WHEN d.unit_id IS NOT NULL THEN 'keyUnit' ELSE p.stage END AS stage, d.kind,
                greatest(-31, least(8, d.due_date - $${params.length}::date))::int AS "daysLeft"
           FROM ${DUTY_FROM} WHERE d.status <> 'done' AND ${scope}) c
        GROUP BY stage, kind, "daysLeft"`,
      params,
    );
  }

  /** The open duty, locked, if the caller's scope holds it. */
  async lockVisible(em: EntityManager, me: Principal, id: string): Promise<DutyRow | undefined> {
    const params: unknown[] = [id];
    const scope = scopeOf(me, params);
    const [row] = await em.query(
      `SELECT ${DUTY_COLUMNS}, j.name AS "jurisdictionName", o.name AS "holderName", d.status
         FROM ${DUTY_FROM} JOIN jurisdictions j ON j.code = coalesce(p.jurisdiction_code, k.jurisdiction_code)
         JOIN organisations o ON o.id = coalesce(p.holder_organisation_id, k.organisation_id)
        WHERE d.id = $1 AND ${scope} FOR UPDATE OF d`,
      params,
    );
    return row;
  }

  /** The chain head and workflow of the duty's plot or key unit, locked: the urge's audit row goes on its chain. */
  async lockOwner(em: EntityManager, duty: Pick<DutyRow, 'plotId' | 'unitId'>): Promise<{ seq: number; hash: string | null; state: string; machineName: string; machineVersion: number }> {
    const table = duty.plotId ? 'plots' : 'key_units';
    const [row] = await em.query(
      `SELECT audit_seq AS seq, audit_hash AS hash, state, machine_name AS "machineName", machine_version AS "machineVersion"
         FROM ${table} WHERE id = $1 FOR UPDATE`,
      [duty.plotId ?? duty.unitId],
    );
    return row;
  }
}

/**
 * The caller's scope: a bureau its jurisdiction's subtree (plots and key units alike, by the deadline's own
 * jurisdiction_code, migration SupervisionScope), the administrator everything.
 */
function scopeOf(me: Principal, params: unknown[]): string {
  if (me.role === 'admin') return 'TRUE';
  if (me.role !== 'eeb' && me.role !== 'land') return 'FALSE';
  return inSubtree('d.jurisdiction_code', me.jurisdictionCode, params);
}

function filters(f: DutyFilter, params: unknown[]): string[] {
  const out: string[] = [];
  if (f.stage === 'keyUnit') out.push('d.unit_id IS NOT NULL');
  else if (f.stage) out.push(`p.stage = $${params.push(f.stage)}`);
  if (f.kinds) out.push(`d.kind = ANY($${params.push(f.kinds)})`);
  if (f.overdue) out.push(`d.due_date < $${params.push(f.today)}::date`);
  if (f.daysLeftMax !== undefined) {
    out.push(`d.due_date >= $${params.push(f.today)}::date`);
    out.push(`d.due_date <= $${params.push(f.today)}::date + $${params.push(f.daysLeftMax)}::int`);
  }
  return out;
}

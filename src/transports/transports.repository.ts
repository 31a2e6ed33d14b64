import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { WorkflowRow } from '../engine/workflow-entity';
import { transportVisibility } from './transport-access';

export interface TransportRow extends WorkflowRow {
  plotId: string;
  holderOrganisationId: string;
  holderOrganisationName: string;
  originJurisdiction: string;
  originJurisdictionName: string;
  destinationJurisdiction: string | null;
  destinationJurisdictionName: string | null;
  plotCode: string;
  plotName: string;
  /** the batch's ordinal among the plot's transports (第 N 批) */
  number: number;
  createdAt: string;
  updatedAt: string;
  /**
   * The jurisdiction of the bureau reading the row: ACKNOWLEDGE is enriched
   * with the side(s) it stands for (所在地, 接收地).
   */
  viewerJurisdiction: string | null;
}

const COLUMNS = `t.id, t.plot_id AS "plotId", t.holder_organisation_id AS "holderOrganisationId", o.name AS "holderOrganisationName",
  t.origin_jurisdiction AS "originJurisdiction", oj.name AS "originJurisdictionName",
  t.destination_jurisdiction AS "destinationJurisdiction", dj.name AS "destinationJurisdictionName",
  t.machine_name AS "machineName", t.machine_version AS "machineVersion", t.state, t.snapshot, t.version,
  t.audit_seq AS "auditSeq", t.audit_hash AS "auditHash", t.created_at AS "createdAt", t.updated_at AS "updatedAt", p.code AS "plotCode", p.name AS "plotName",
  (SELECT count(*) FROM transports b WHERE b.plot_id = t.plot_id AND (b.created_at, b.id) <= (t.created_at, t.id))::int AS number`;
const FROM = `transports t JOIN plots p ON p.id = t.plot_id JOIN organisations o ON o.id = t.holder_organisation_id
  JOIN jurisdictions oj ON oj.code = t.origin_jurisdiction LEFT JOIN jurisdictions dj ON dj.code = t.destination_jurisdiction`;

/** Owns the SQL of soil transports. */
@Injectable()
export class TransportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A transport the caller may see, optionally locked FOR UPDATE inside the caller's transaction. */
  async findVisible(p: Principal, id: string, opts: { em?: EntityManager; lock?: boolean } = {}): Promise<TransportRow | undefined> {
    const params: unknown[] = [id];
    const visible = transportVisibility(p, 't', params);
    const lock = opts.lock ? 'FOR UPDATE OF t' : '';
    const rows = await (opts.em ?? this.ds.manager).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = $1 AND ${visible} ${lock}`, params);
    return rows[0] ? { ...rows[0], viewerJurisdiction: p.jurisdictionCode } : undefined;
  }

  /** The caller's visible transports of one plot, oldest first. */
  async listForPlot(p: Principal, plotId: string, em: EntityManager = this.ds.manager): Promise<TransportRow[]> {
    const params: unknown[] = [plotId];
    const visible = transportVisibility(p, 't', params);
    const rows = await em.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.plot_id = $1 AND ${visible} ORDER BY t.created_at, t.id`, params);
    return rows.map((r: TransportRow) => ({ ...r, viewerJurisdiction: p.jurisdictionCode }));
  }

  /** The caller's visible transports in the given states (the to-do list's candidates). */
  async listInStates(p: Principal, states: string[], em: EntityManager = this.ds.manager): Promise<TransportRow[]> {
    const params: unknown[] = [states];
    const visible = transportVisibility(p, 't', params);
    const rows = await em.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.state = ANY($1) AND ${visible} ORDER BY t.created_at, t.id LIMIT 500`,
      params,
    );
    return rows.map((r: TransportRow) => ({ ...r, viewerJurisdiction: p.jurisdictionCode }));
  }

  /** Hands a plot's open transports (neither closed nor cancelled) to another holder; answers how many moved. */
  async moveOpen(em: EntityManager, plotId: string, holderOrganisationId: string): Promise<number> {
    const moved: unknown[] = await em.query(
      `UPDATE transports SET holder_organisation_id = $2
        WHERE plot_id = $1 AND state NOT IN ('closed', 'cancelled') AND holder_organisation_id <> $2 RETURNING id`,
      [plotId, holderOrganisationId],
    );
    return moved.length;
  }

  /** How many of a plot's transports are neither closed nor cancelled (COMPLETE_WORKS waits for none). */
  async countOpen(plotId: string, em: EntityManager): Promise<number> {
    const [r] = await em.query(
      `SELECT count(*)::int AS n FROM transports WHERE plot_id = $1 AND state NOT IN ('closed', 'cancelled')`,
      [plotId],
    );
    return r.n;
  }

  async insert(
    em: EntityManager,
    t: { id: string; plotId: string; holderOrganisationId: string; originJurisdiction: string; machineName: string; machineVersion: number; state: string; snapshot: unknown; createdBy: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO transports (id, plot_id, holder_organisation_id, origin_jurisdiction, machine_name, machine_version, state, snapshot, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [t.id, t.plotId, t.holderOrganisationId, t.originJurisdiction, t.machineName, t.machineVersion, t.state, JSON.stringify(t.snapshot), t.createdBy],
    );
  }
}

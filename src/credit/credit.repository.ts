import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreditTallyRepository } from './credit-tally.repository';
import type { FileColumn } from '../database/file-references';

export interface FirmRow {
  id: string;
  name: string;
  creditCode: string | null;
  jurisdictionCode: string | null;
}

export interface FindingRow {
  id: string;
  organisationId: string;
  finding: 'false_report' | 'falsified_report' | 'other';
  summary: string;
  plotId: string | null;
  decisionNumber: string;
  decisionDate: string;
  decisionSha256: string;
  penaltyYuan: string | null;
  banStartsOn: string | null;
  banEndsOn: string | null;
  issuerOrgId: string;
  issuerName: string;
  recordedAt: string;
}

export type NewFinding = Omit<FindingRow, 'id' | 'issuerName' | 'recordedAt'> & { decisionSize: number; decisionPages: number; recordedBy: string };

const FINDING_COLUMNS = `f.id, f.organisation_id AS "organisationId", f.finding, f.summary, f.plot_id AS "plotId",
  f.decision_number AS "decisionNumber", to_char(f.decision_date, 'YYYY-MM-DD') AS "decisionDate",
  f.decision_sha256 AS "decisionSha256", f.penalty_yuan::text AS "penaltyYuan",
  to_char(f.ban_starts_on, 'YYYY-MM-DD') AS "banStartsOn", to_char(f.ban_ends_on, 'YYYY-MM-DD') AS "banEndsOn",
  f.issuer_org_id AS "issuerOrgId", o.name AS "issuerName", f.recorded_at AS "recordedAt"`;

/** Owns the SQL of credit records: credit_findings and organisations.credit_code. */
/** The decision document of a credit finding, for the tools that list every file the database names. */
export const FINDING_DECISION_FILES: FileColumn = { table: 'credit_findings', digest: 'decision_sha256', key: ['id'] };

@Injectable()
export class CreditRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    /** The stored figures (credit-tally.repository.ts), reached through this repository by the plot workflow's hook. */
    readonly tallies: CreditTallyRepository,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async firm(id: string): Promise<FirmRow | undefined> {
    const [row] = await this.ds.query(
      `SELECT id, name, credit_code AS "creditCode", jurisdiction_code AS "jurisdictionCode"
         FROM organisations WHERE id = $1 AND kind = 'consultant'`,
      [id],
    );
    return row;
  }

  firms(): Promise<FirmRow[]> {
    return this.ds.query(
      `SELECT id, name, credit_code AS "creditCode", jurisdiction_code AS "jurisdictionCode"
         FROM organisations WHERE kind = 'consultant' ORDER BY name, id LIMIT 5000`,
    );
  }

  findingsOf(orgId: string): Promise<FindingRow[]> {
    return this.ds.query(
      `SELECT ${FINDING_COLUMNS} FROM credit_findings f JOIN organisations o ON o.id = f.issuer_org_id
        WHERE f.organisation_id = $1 ORDER BY f.decision_date DESC, f.recorded_at DESC LIMIT 200`,
      [orgId],
    );
  }

  /** Findings of the firms named, for the ranking and the export (one query). */
  findingsOfFirms(orgIds: string[]): Promise<FindingRow[]> {
    if (!orgIds.length) return Promise.resolve([]);
    return this.ds.query(
      `SELECT ${FINDING_COLUMNS} FROM credit_findings f JOIN organisations o ON o.id = f.issuer_org_id
        WHERE f.organisation_id = ANY($1::uuid[]) ORDER BY f.decision_date DESC`,
      [orgIds],
    );
  }

  /** The ban on a firm in force on `today` (the one ending last), if any. */
  async banInForce(em: EntityManager, orgId: string, today: string): Promise<(FindingRow & { organisationName: string }) | undefined> {
    const [row] = await em.query(
      `SELECT ${FINDING_COLUMNS}, firm.name AS "organisationName"
         FROM credit_findings f JOIN organisations o ON o.id = f.issuer_org_id JOIN organisations firm ON firm.id = f.organisation_id
        WHERE f.organisation_id = $1 AND f.ban_ends_on IS NOT NULL AND f.ban_starts_on <= $2::date AND f.ban_ends_on >= $2::date
        ORDER BY f.ban_ends_on DESC LIMIT 1`,
      [orgId, today],
    );
    return row;
  }

  async insertFinding(em: EntityManager, f: NewFinding): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO credit_findings (organisation_id, finding, summary, plot_id, decision_number, decision_date, decision_sha256,
         decision_size, decision_pages, penalty_yuan, ban_starts_on, ban_ends_on, issuer_org_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT ON CONSTRAINT credit_findings_decision_unique DO NOTHING RETURNING id`,
      [f.organisationId, f.finding, f.summary, f.plotId, f.decisionNumber, f.decisionDate, f.decisionSha256, f.decisionSize,
        f.decisionPages, f.penaltyYuan, f.banStartsOn, f.banEndsOn, f.issuerOrgId, f.recordedBy],
    );
    return row?.id;
  }

  async findingFile(id: string): Promise<{ sha256: string; decisionNumber: string } | undefined> {
    const [row] = await this.ds.query(`SELECT decision_sha256 AS sha256, decision_number AS "decisionNumber" FROM credit_findings WHERE id = $1`, [id]);
    return row;
  }

  async setCreditCode(em: EntityManager, orgId: string, code: string): Promise<boolean> {
    const rows = await em.query(`UPDATE organisations SET credit_code = $2 WHERE id = $1 AND kind = 'consultant' RETURNING id`, [orgId, code]);
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async creditCodeHolder(em: EntityManager, code: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT id FROM organisations WHERE credit_code = $1`, [code]);
    return row?.id;
  }
}

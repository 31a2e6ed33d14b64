import type { EntityManager } from 'typeorm';
import type { AuditRow } from '../engine/audit.repository';
import { REPORT_KIND_LABELS, type ReportKind } from '../reports/dto/conclusions.dto';

export interface ReportFactRow {
  id: string;
  kind: ReportKind;
  fileName: string;
  fileSha256: string;
  authorOrganisationId: string;
  authorOrganisation: string;
  conclusion: Record<string, unknown>;
  screening: null | { landClass: 1 | 2; verdict: string; analytes: Array<Record<string, unknown>> };
  sampleCount: number;
  createdAt: string;
}

export interface OrgRow {
  id: string;
  name: string;
  kind: string;
  shortName: string | null;
  jurisdictionCode: string | null;
}

/**
 * Read-only look-ups a filing is built from. Every fact comes from records that
 * never change (audit rows, reports, organisations), so a filing processed late
 * still states the step as it happened.
 */
export class FilingFacts {
  constructor(readonly em: EntityManager) {}

  /** The head of the plot's audit chain at a step: the step's own row, or for a transport's step the plot's last row before it. */
  async plotChainHead(audit: AuditRow): Promise<{ seq: number; hash: string } | undefined> {
    if (audit.entityType === 'plot') return { seq: audit.seq, hash: audit.hash.slice(0, 16) };
    const [r] = await this.em.query(
      `SELECT seq, hash FROM audit_log WHERE entity_type = 'plot' AND entity_id = $1 AND id < $2 ORDER BY seq DESC LIMIT 1`,
      [audit.plotId, audit.id],
    );
    return r && { seq: r.seq, hash: String(r.hash).slice(0, 16) };
  }

  async report(id: unknown): Promise<ReportFactRow | undefined> {
    if (typeof id !== 'string') return undefined;
    const [r] = await this.em.query(
      `SELECT r.id, r.kind, r.file_name AS "fileName", r.file_sha256 AS "fileSha256",
              r.author_organisation_id AS "authorOrganisationId", o.name AS "authorOrganisation",
              r.conclusion, r.screening, r.sample_count AS "sampleCount", r.created_at AS "createdAt"
         FROM reports r JOIN organisations o ON o.id = r.author_organisation_id WHERE r.id = $1`,
      [id],
    );
    return r;
  }

  async organisation(id: unknown): Promise<OrgRow | undefined> {
    if (typeof id !== 'string') return undefined;
    const [o] = await this.em.query(
      `SELECT id, name, kind, short_name AS "shortName", jurisdiction_code AS "jurisdictionCode" FROM organisations WHERE id = $1`,
      [id],
    );
    return o;
  }

  /** The bureau of a kind for a jurisdiction (the oldest, when there are several). */
  async bureau(kind: 'eeb' | 'land', jurisdiction: string): Promise<OrgRow | undefined> {
    const [o] = await this.em.query(
      `SELECT id, name, kind, short_name AS "shortName", jurisdiction_code AS "jurisdictionCode" FROM organisations
        WHERE kind = $1 AND jurisdiction_code = $2 AND NOT disabled ORDER BY created_at, id LIMIT 1`,
      [kind, jurisdiction],
    );
    return o;
  }

  async jurisdictionName(code: string | null | undefined): Promise<string> {
    if (!code) return '';
    const [j] = await this.em.query(`SELECT name FROM jurisdictions WHERE code = $1`, [code]);
    return j?.name ?? code;
  }

  /** Audit rows of a plot's own chain of the given types, oldest first, up to and including `untilId`. */
  async plotEvents(plotId: string, types: string[], untilId: string): Promise<AuditRow[]> {
    const rows = await this.em.query(
      `SELECT id, event_type AS "eventType", payload, actor_name AS "actorName", role, organisation_name AS "organisationName",
              from_state AS "fromState", to_state AS "toState", at
         FROM audit_log WHERE entity_type = 'plot' AND entity_id = $1 AND event_type = ANY($2) AND id <= $3 ORDER BY id`,
      [plotId, types, untilId],
    );
    return rows.map((r: AuditRow & { at: Date | string; id: string | number }) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() }));
  }

  /** The report most recently submitted for review from a drafting state starting with `prefix`. */
  async lastSubmitted(plotId: string, prefix: string, untilId: string): Promise<{ audit: AuditRow; report?: ReportFactRow } | undefined> {
    const rows = (await this.plotEvents(plotId, ['SUBMIT_REPORT'], untilId)).filter((r) => (r.fromState ?? '').startsWith(prefix));
    const audit = rows.at(-1);
    return audit ? { audit, report: await this.report(audit.payload.reportId) } : undefined;
  }

  /** The last document of a kind already issued for a plot. */
  async lastDocumentNumber(plotId: string, kind: string): Promise<string | undefined> {
    const [d] = await this.em.query(
      `SELECT number FROM documents WHERE plot_id = $1 AND kind = $2 ORDER BY issued_at DESC, seq DESC LIMIT 1`,
      [plotId, kind],
    );
    return d?.number;
  }
}

export function reportRef(r: ReportFactRow) {
  return {
    kindLabel: REPORT_KIND_LABELS[r.kind],
    fileName: r.fileName,
    sha256: r.fileSha256,
    authorOrganisation: r.authorOrganisation,
    uploadedAt: new Date(r.createdAt).toISOString(),
  };
}

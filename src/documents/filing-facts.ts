import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditRow } from '../engine/audit.repository';
import { DirectoryRepository } from '../organisations/directory.repository';
import type { Organisation } from '../organisations/organisation.entity';
import { REPORT_KIND_LABELS } from '../reports/dto/conclusions.dto';
import { ReportsRepository } from '../reports/reports.repository';
import { DocumentsRepository } from './documents.repository';
import type { Bureau, LandClass, ReportKind } from '../../workflows';

export interface ReportFactRow {
  id: string;
  kind: ReportKind;
  fileName: string;
  fileSha256: string;
  authorOrganisationId: string;
  authorOrganisation: string;
  conclusion: Record<string, unknown>;
  screening: null | { landClass: LandClass; verdict: string; analytes: Array<Record<string, unknown>> };
  sampleCount: number;
  createdAt: string;
}

/** An organisation as a filing names it: the issuing body, a holder, a contractor. */
export type OrgRow = Pick<Organisation, 'id' | 'name' | 'kind' | 'shortName' | 'jurisdictionCode'>;

/** The repositories the facts of a filing are read from; `in(em)` binds them to the filing's transaction. */
@Injectable()
export class FilingSources {
  constructor(
    readonly audit: AuditRepository,
    readonly reports: ReportsRepository,
    readonly directory: DirectoryRepository,
    readonly documents: DocumentsRepository,
  ) {}

  in(em: EntityManager): FilingFacts {
    return new FilingFacts(em, this);
  }
}

/**
 * Read-only look-ups a filing is built from. Every fact comes from records that
 * never change (audit rows, reports, organisations), so a filing processed late
 * still states the step as it happened.
 */
export class FilingFacts {
  constructor(
    private readonly em: EntityManager,
    private readonly from: FilingSources,
  ) {}

  /** The head of the plot's audit chain at a step: the step's own row, or for a transport's step the plot's last row before it. */
  async plotChainHead(audit: AuditRow): Promise<{ seq: number; hash: string } | undefined> {
    if (audit.entityType === 'plot') return { seq: audit.seq, hash: audit.hash.slice(0, 16) };
    if (audit.plotId === null) return undefined;
    const r = await this.from.audit.plotLinkBefore(this.em, audit.plotId, audit.id);
    return r && { seq: r.seq, hash: String(r.hash).slice(0, 16) };
  }

  async report(id: unknown): Promise<ReportFactRow | undefined> {
    if (typeof id !== 'string') return undefined;
    const r = await this.from.reports.find(id, this.em);
    return r && {
      id: r.id,
      kind: r.kind,
      fileName: r.fileName,
      fileSha256: r.fileSha256,
      authorOrganisationId: r.authorOrganisationId,
      authorOrganisation: r.authorOrganisationName,
      conclusion: r.conclusion,
      screening: r.screening as ReportFactRow['screening'],
      sampleCount: r.sampleCount,
      createdAt: r.createdAt,
    };
  }

  async organisation(id: unknown): Promise<OrgRow | undefined> {
    if (typeof id !== 'string') return undefined;
    return (await this.from.directory.findOrganisation(id, this.em)) ?? undefined;
  }

  /** The bureau of a kind for a jurisdiction (the oldest, when there are several). */
  bureau(kind: Bureau, jurisdiction: string): Promise<OrgRow | undefined> {
    return this.from.directory.bureauOf(this.em, kind, jurisdiction);
  }

  async jurisdictionName(code: string | null | undefined): Promise<string> {
    if (!code) return '';
    const j = await this.from.directory.findJurisdiction(code, this.em);
    return j?.name ?? code;
  }

  /** Audit rows of a plot's own chain of the given types, oldest first, up to and including `untilId`. */
  plotEvents(plotId: string, types: string[], untilId: string): Promise<AuditRow[]> {
    return this.from.audit.plotEvents(this.em, plotId, types, untilId);
  }

  /** The report most recently submitted for review from a drafting state starting with `prefix`. */
  async lastSubmitted(plotId: string, prefix: string, untilId: string): Promise<{ audit: AuditRow; report?: ReportFactRow } | undefined> {
    const rows = (await this.plotEvents(plotId, ['SUBMIT_REPORT'], untilId)).filter((r) => (r.fromState ?? '').startsWith(prefix));
    const audit = rows.at(-1);
    return audit ? { audit, report: await this.report(audit.payload.reportId) } : undefined;
  }

  /** The last document of a kind (and variant) already issued for a plot, optionally before an instant. */
  lastDocumentNumber(plotId: string, kind: string, only: { variant?: string; before?: string } = {}): Promise<string | undefined> {
    return this.from.documents.lastNumberOf(this.em, plotId, kind, only);
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

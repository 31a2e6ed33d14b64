import { Inject, Injectable, Optional } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { D14Details, FilingRecord } from '../../templates/filing-record';
import { renderFiling } from '../../templates/render';
import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { jurisdictionCovers } from '../common/jurisdiction';
import { todayInChina } from '../calendar/calendar-date';
import { AppClock, CLOCK } from '../clock/clock';
import { Transactions } from '../database/transactions';
import { KeyUnitsRepository } from '../key-units/key-units.repository';
import { DirectoryRepository } from '../organisations/directory.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { BLOB_STORE, type BlobStore } from '../reports/blob-store';
import { TransportsRepository } from '../transports/transports.repository';
import { DocumentsRepository, type DocumentRow } from './documents.repository';
import { FilingService } from './filing.service';

export interface DocumentView {
  id: string;
  kind: string;
  variant: string | null;
  title: string;
  number: string;
  /** SHA-256 of the PDF file. */
  sha256: string;
  /** SHA-256 of the filing record, printed on the document and in its QR code. */
  digest: string;
  issuedAt: string;
  issuer: string;
  published: boolean;
}

export function toDocumentView(d: DocumentRow): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    variant: d.variant,
    title: d.title,
    number: d.number,
    sha256: d.pdfSha256,
    digest: d.digest,
    issuedAt: new Date(d.issuedAt).toISOString(),
    issuer: d.issuer,
    published: d.published,
  };
}

/** Filing documents as people read them: per plot, as PDF, and verified by digest. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly plots: PlotsRepository,
    private readonly transports: TransportsRepository,
    private readonly directory: DirectoryRepository,
    private readonly filings: FilingService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CLOCK) private readonly clock: AppClock,
    @Optional() private readonly units?: KeyUnitsRepository,
  ) {}

  async forPlot(me: Principal, plotId: string): Promise<DocumentView[]> {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    return (await this.documents.forPlot(plotId)).map(toDocumentView);
  }

  /** The documents of a soil transport (D10), for a caller who may see the transport. */
  async forTransport(me: Principal, transportId: string): Promise<DocumentView[]> {
    if (!(await this.transports.findVisible(me, transportId))) throw new NotFoundError('转运批次不存在或无权查看');
    return (await this.documents.forTransport(transportId)).map(toDocumentView);
  }

  /** The PDF for anyone when the document is published by nature, otherwise for a caller who may read it. */
  async pdf(me: Principal | undefined, id: string): Promise<{ doc: DocumentRow; stream: Readable }> {
    const doc = await this.documents.find(id, true);
    if (!doc || !(doc.published || (me && (await this.mayRead(me, doc))))) throw new NotFoundError('文件不存在或无权查看');
    const stored = await this.blobs.open(doc.pdfSha256);
    if (stored) return { doc, stream: stored };
    // The record is the source of truth: rendering it again gives the same bytes.
    const pdf = await renderFiling(doc.record as unknown as FilingRecord);
    await this.blobs.put(pdf);
    return { doc, stream: Readable.from([pdf]) };
  }

  /**
   * An unpublished document is read by those who may see what it is about: a
   * transport's documents by the transport's bureaus and holder, a plot's by
   * those who see the plot, a jurisdiction's D14 by the bureaus of that
   * jurisdiction and above it.
   */
  private async mayRead(me: Principal, doc: DocumentRow): Promise<boolean> {
    if (me.role === 'admin') return true;
    if (doc.transportId && (await this.transports.findVisible(me, doc.transportId))) return true;
    if (doc.plotId) return Boolean(await this.plots.findVisible(me, doc.plotId));
    // A key unit's D18: also its own users and the district's 工业和信息化 bureau, to which it is addressed.
    if (doc.unitId && me.role === 'miit' && me.jurisdictionCode === doc.jurisdictionCode) return true;
    if (doc.unitId && me.role === 'holder' && (await this.units?.findVisible(me, doc.unitId))) return true;
    return (me.role === 'eeb' || me.role === 'land') && jurisdictionCovers(me.jurisdictionCode, doc.jurisdictionCode);
  }

  /**
   * Is this document genuine? Anyone may ask with the digest printed on it.
   * Of a document that is not published (reference/documents.json) the answer
   * confirms only what the paper in hand already shows — number, kind, plot
   * code, date — never its title, plot name or issuer to someone who guesses
   * or finds a digest.
   */
  async verify(sha256: string) {
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await this.documents.findByHash(sha256) : undefined;
    if (!doc) throw new NotFoundError('未找到与该摘要对应的文件：文件可能被篡改，或并非本系统出具');
    const confirmed = {
      valid: true,
      number: doc.number,
      kind: doc.kind,
      plotCode: doc.plotCode,
      issuedAt: new Date(doc.issuedAt).toISOString(),
    };
    if (!doc.published) return confirmed;
    return {
      ...confirmed,
      title: doc.title,
      plotName: doc.plotName,
      issuer: doc.issuer,
      digest: doc.digest,
      pdfSha256: doc.pdfSha256,
      matched: doc.digest === sha256 ? 'record' : 'pdf',
      published: true,
      pdfUrl: `/documents/${doc.id}/pdf`,
    };
  }

  /** D14 年度工作进展报告 of a jurisdiction, issued by that jurisdiction's 生态环境 authority. */
  async issueAnnualReport(me: Principal, input: { year: number; jurisdictionCode: string; details: D14Details }): Promise<DocumentView> {
    if (me.role !== 'eeb' || me.jurisdictionCode !== input.jurisdictionCode) {
      throw new ForbiddenError('年度工作进展报告由本辖区生态环境主管部门出具');
    }
    const thisYear = Number(this.clock.today().slice(0, 4));
    if (input.year > thisYear) {
      throw new ValidationFailedError([{ field: 'year', message: `${input.year} 年尚未开始，不能出具该年度的工作进展报告` }]);
    }
    const id = await this.transactions.run(async (em) => {
      // One D14 per jurisdiction and year: the lock serialises two bureaus' clicks, the read finds the first.
      await this.documents.lockAnnualReport(em, input.jurisdictionCode, input.year);
      const issued = await this.documents.annualReportOf(em, input.jurisdictionCode, input.year);
      if (issued) {
        const on = todayInChina(new Date(issued.issuedAt));
        throw new ConflictError(`${input.year} 年度工作进展报告已于 ${on} 出具（${issued.number}），不能重复出具`, { documentId: issued.id });
      }
      const issuer = (await this.directory.findOrganisation(me.organisationId, em))!;
      const issuedAt = new Date().toISOString();
      const result = await this.filings.issue(em, {
        kind: 'D14',
        plotId: null,
        transportId: null,
        outboxId: null,
        auditId: null,
        issuer,
        jurisdictionCode: input.jurisdictionCode,
        issuedAt,
        body: {
          kind: 'D14',
          addressees: ['上级生态环境主管部门', '本级人民政府'],
          issuedAt,
          decision: {
            text: `${input.year} 年度建设用地土壤污染风险管控和修复工作进展情况报告。`,
            by: { name: me.displayName, role: me.role, roleLabel: '生态环境局', organisation: me.organisationName },
            at: issuedAt,
          },
          reports: [],
          signatory: { kind: 'signed', name: me.displayName, organisation: issuer.name },
          details: input.details,
        } as never,
      });
      return result.id;
    });
    return toDocumentView((await this.documents.find(id))!);
  }
}

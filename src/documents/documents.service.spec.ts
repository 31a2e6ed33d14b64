import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { D14Details, FilingRecord } from '../../templates/filing-record';
import { filingFixture } from '../../templates/fixtures';
import type { Principal } from '../auth/principal';
import type { AppClock } from '../clock/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import type { Transactions } from '../database/transactions';
import { principal } from '../engine/testing';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { PlotsRepository } from '../plots/plots.repository';
import type { BlobStore } from '../reports/blob-store';
import type { TransportsRepository } from '../transports/transports.repository';
import type { DocumentRow, DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import type { FilingService, IssueInput } from './filing.service';

const DISTRICT = '410106'; // 上街区
const CITY = '410100'; // 郑州市, above the district
const DESTINATION = '410181'; // 荥阳市, where a transport's soil goes

const ADMIN = principal('admin');
const EEB = principal('eeb');
const LAND = principal('land');
const CITY_EEB = principal('eeb', { jurisdictionCode: CITY, organisationId: 'org-city-eeb' });
const DESTINATION_EEB = principal('eeb', { jurisdictionCode: DESTINATION, organisationId: 'org-dest-eeb' });
const HOLDER = principal('holder');
const CONSULTANT = principal('consultant');

/** Who sees plot p1 of the district: admin, the district's bureaus and its holder (plot-access.ts). */
function seesPlot(me: Principal): boolean {
  return me.role === 'admin' || ((me.role === 'eeb' || me.role === 'land') && me.jurisdictionCode === DISTRICT) || me.organisationId === 'org-holder';
}

/** Who sees transport t1 of p1: those who see the plot, and the destination bureau (transport-access.ts). */
function seesTransport(me: Principal): boolean {
  return seesPlot(me) || (me.role === 'eeb' && me.jurisdictionCode === DESTINATION);
}

function doc(id: string, over: Partial<DocumentRow>): DocumentRow {
  return {
    id, plotId: 'p1', transportId: null, kind: 'D2', variant: null, title: id, number: `上环土通〔2026〕${id}号`,
    digest: id.padStart(64, 'd'), pdfSha256: id.padStart(64, 'f'), pdfSize: 1, published: false, issuedAt: '2026-03-10T02:00:00.000Z',
    issuer: '郑州市上街区生态环境分局', jurisdictionCode: DISTRICT, plotCode: '410106-2026-0003', plotName: '原铝厂地块', record: {}, ...over,
  };
}

function setup(today = '2026-07-01') {
  const docs: DocumentRow[] = [
    doc('notice', { kind: 'D6', published: true }),
    doc('d2', {}),
    doc('d10', { kind: 'D10', transportId: 't1' }),
    doc('d14', { kind: 'D14', plotId: null, plotCode: null, plotName: null, record: { details: { year: 2025 } } }),
  ];
  const blobs = new Map<string, Buffer>(docs.map((d) => [d.pdfSha256, Buffer.from('%PDF-1.7 stored')]));
  const documents = {
    find: async (id: string) => docs.find((d) => d.id === id),
    forPlot: async (plotId: string) => docs.filter((d) => d.plotId === plotId),
    forTransport: async (transportId: string) => docs.filter((d) => d.transportId === transportId),
    lockAnnualReport: async () => undefined,
    annualReportOf: async (_em: EntityManager, code: string, year: number) =>
      docs.find((d) => d.kind === 'D14' && d.jurisdictionCode === code && (d.record.details as { year: number }).year === year),
  };
  // The filing itself (numbering, rendering) is FilingService's; here it only stores what it is given.
  const filings = {
    issue: async (_em: EntityManager, input: IssueInput) => {
      const id = `d14-${docs.length}`;
      docs.push(doc(id, { kind: 'D14', plotId: null, jurisdictionCode: input.jurisdictionCode, number: `上环土报〔2026〕000${docs.length}号`,
        issuedAt: input.issuedAt, record: { details: (input.body as { details: D14Details }).details } }));
      return { id, number: '', digest: '', pdfSha256: '' };
    },
  };
  const blobStore = {
    open: async (sha: string) => (blobs.has(sha) ? Readable.from([blobs.get(sha)!]) : undefined),
    put: async (content: Buffer) => {
      const sha256 = createHash('sha256').update(content).digest('hex');
      blobs.set(sha256, content);
      return { sha256, size: content.length };
    },
  };
  const service = new DocumentsService(
    { run: <T>(work: (em: EntityManager) => Promise<T>) => work({} as EntityManager) } as unknown as Transactions,
    documents as unknown as DocumentsRepository,
    { findVisible: async (me: Principal, id: string) => (id === 'p1' && seesPlot(me) ? { id } : undefined) } as unknown as PlotsRepository,
    { findVisible: async (me: Principal, id: string) => (id === 't1' && seesTransport(me) ? { id } : undefined) } as unknown as TransportsRepository,
    { findOrganisation: async (id: string) => ({ id, name: '郑州市上街区生态环境分局', kind: 'eeb', shortName: '上环', jurisdictionCode: DISTRICT }) } as unknown as DirectoryRepository,
    filings as unknown as FilingService,
    blobStore as unknown as BlobStore,
    { today: () => today } as AppClock,
  );
  return { service, docs, blobs };
}

/** Whether the caller gets the PDF of a document (an unreadable one answers 404, as one that does not exist). */
async function reads(service: DocumentsService, me: Principal | undefined, id: string): Promise<boolean> {
  try {
    await service.pdf(me, id);
    return true;
  } catch (e) {
    if (e instanceof NotFoundError) return false;
    throw e;
  }
}

function annual(year: number, jurisdictionCode = DISTRICT) {
  const details = { year, jurisdiction: { code: jurisdictionCode, name: '郑州市上街区' }, countsByStage: [], entered: [], left: [], transports: [], overdue: [] };
  return { year, jurisdictionCode, details: details as D14Details };
}

describe('who reads a filing document (README: Filing documents; DocumentsService.mayRead)', () => {
  it('a published document (notice, notice board, removal decision) is served to anyone without login; an unpublished one is not', async () => {
    const { service } = setup();
    expect(await reads(service, undefined, 'notice')).toBe(true);
    expect(await reads(service, undefined, 'd2')).toBe(false);
    expect(await reads(service, undefined, 'd14')).toBe(false);
  });

  it('a plot’s unpublished document is read by those who see the plot (admin, the district’s bureaus, the holder), by nobody else', async () => {
    const { service } = setup();
    const readers = [ADMIN, EEB, LAND, HOLDER, CONSULTANT, DESTINATION_EEB, CITY_EEB];
    const answers = await Promise.all(readers.map((me) => reads(service, me, 'd2')));
    expect(answers).toEqual([true, true, true, true, false, false, false]);
    await expect(service.forPlot(CONSULTANT, 'p1')).rejects.toThrow(new NotFoundError('地块不存在或无权查看'));
    expect((await service.forPlot(HOLDER, 'p1')).map((d) => d.id)).toEqual(['notice', 'd2', 'd10']);
  });

  it('a transport’s documents (D10) are read by those who see the transport — the destination bureau too, which does not see the plot (土壤法 art. 40)', async () => {
    const { service } = setup();
    expect(await reads(service, DESTINATION_EEB, 'd10')).toBe(true);
    expect(await reads(service, DESTINATION_EEB, 'd2')).toBe(false);
    expect((await service.forTransport(DESTINATION_EEB, 't1')).map((d) => d.id)).toEqual(['d10']);
    await expect(service.forTransport(CONSULTANT, 't1')).rejects.toThrow(new NotFoundError('转运批次不存在或无权查看'));
  });

  it('a D14 is read by the bureaus of its jurisdiction and of the jurisdictions above it, and by administrators (README: Annual progress report)', async () => {
    const { service } = setup();
    const readers = [ADMIN, EEB, LAND, CITY_EEB, DESTINATION_EEB, HOLDER, CONSULTANT];
    const answers = await Promise.all(readers.map((me) => reads(service, me, 'd14')));
    expect(answers).toEqual([true, true, true, true, false, false, false]);
  });

  it('a PDF missing from the blob store is rendered again from its stored record (the record is the source of truth)', async () => {
    const { service, docs, blobs } = setup();
    const record = filingFixture('D6') as FilingRecord;
    docs.push(doc('lost', { kind: 'D6', published: true, pdfSha256: '0'.repeat(64), record: record as unknown as Record<string, unknown> }));
    const { stream } = await service.pdf(undefined, 'lost');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(blobs.get(createHash('sha256').update(pdf).digest('hex'))).toEqual(pdf);
  });
});

describe('issuing the D14 年度工作进展报告 (README: Annual progress report)', () => {
  it('only the environment bureau of the jurisdiction issues it (403 for the land bureau, another district’s bureau, the administrator)', async () => {
    const { service } = setup();
    const refusal = new ForbiddenError('年度工作进展报告由本辖区生态环境主管部门出具');
    for (const me of [LAND, DESTINATION_EEB, CITY_EEB, ADMIN]) await expect(service.issueAnnualReport(me, annual(2026))).rejects.toThrow(refusal);
    expect((await service.issueAnnualReport(EEB, annual(2026))).kind).toBe('D14');
  });

  it('once per jurisdiction and year: a second answers 409 naming the first; another year, or another jurisdiction, is its own', async () => {
    const { service } = setup();
    const first = await service.issueAnnualReport(EEB, annual(2026));
    const second = service.issueAnnualReport(EEB, annual(2026));
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow(new RegExp(`^2026 年度工作进展报告已于 \\d{4}-\\d{2}-\\d{2} 出具（${first.number}），不能重复出具$`));
    // 2025's was issued before (the fixture's d14).
    await expect(service.issueAnnualReport(EEB, annual(2025))).rejects.toBeInstanceOf(ConflictError);
    expect((await service.issueAnnualReport(EEB, annual(2024))).kind).toBe('D14');
    expect((await service.issueAnnualReport(DESTINATION_EEB, annual(2026, DESTINATION))).kind).toBe('D14');
  });

  it('a year not yet begun is refused (400); the current year may be reported', async () => {
    const { service } = setup('2026-12-31');
    await expect(service.issueAnnualReport(EEB, annual(2027))).rejects.toThrow(
      new ValidationFailedError([{ field: 'year', message: '2027 年尚未开始，不能出具该年度的工作进展报告' }]),
    );
    expect((await service.issueAnnualReport(EEB, annual(2026))).kind).toBe('D14');
  });
});

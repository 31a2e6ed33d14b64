import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { filingFixture } from '../../templates/fixtures';
import type { AppConfig } from '../config/app-config';
import type { PinoLogger } from 'nestjs-pino';
import type { Transactions } from '../database/transactions';
import { KEYED_SCHEME } from '../engine/audit-hash';
import type { AuditRepository, AuditRow } from '../engine/audit.repository';
import type { OutboxRepository, OutboxRow } from '../engine/outbox.repository';
import type { TransitionService } from '../engine/transition.service';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { PlotRow, PlotsRepository } from '../plots/plots.repository';
import type { BlobStore } from '../reports/blob-store';
import type { ReportsRepository } from '../reports/reports.repository';
import type { DocumentsRepository, NewDocument } from './documents.repository';
import { FilingSources, type OrgRow } from './filing-facts';
import { FilingService, type IssueInput } from './filing.service';

const EEB: OrgRow = { id: 'org-eeb', name: '郑州市上街区生态环境分局', kind: 'eeb', shortName: '上环', jurisdictionCode: '410106' };
const LAND: OrgRow = { id: 'org-land', name: '郑州市上街区自然资源局', kind: 'land', shortName: '上资', jurisdictionCode: '410106' };
const HOLDER: OrgRow = { id: 'org-holder', name: '上街区某铝业有限公司', kind: 'holder', shortName: null, jurisdictionCode: null };

/** A transaction of the in-memory store: what it wrote becomes visible to others only when it commits. */
interface FakeTx {
  counters: Map<string, number>;
  documents: NewDocument[];
  processed: string[];
}

/**
 * documents, filing_counters and outbox in memory, with the database's
 * transaction semantics that the numbering relies on: a rolled-back
 * transaction leaves no counter increment, no document and no processed row.
 */
class InMemoryFilingStore {
  readonly counters = new Map<string, number>();
  readonly documents: NewDocument[] = [];
  readonly outbox: Array<OutboxRow & { processed: boolean; lastError?: string }> = [];

  readonly transactions = {
    run: async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
      const tx: FakeTx = { counters: new Map(), documents: [], processed: [] };
      const result = await work(tx as unknown as EntityManager);
      for (const [key, n] of tx.counters) this.counters.set(key, n);
      this.documents.push(...tx.documents);
      for (const id of tx.processed) this.outbox.find((r) => r.id === id)!.processed = true;
      return result;
    },
  };

  readonly repository = {
    nextNumber: async (em: EntityManager, issuerOrgId: string, kind: string, year: number) => {
      const tx = em as unknown as FakeTx;
      const key = `${issuerOrgId}/${kind}/${year}`;
      const next = (tx.counters.get(key) ?? this.counters.get(key) ?? 0) + 1;
      tx.counters.set(key, next);
      return next;
    },
    insert: async (em: EntityManager, d: NewDocument) => {
      (em as unknown as FakeTx).documents.push(d);
    },
  };

  readonly outboxRepository = {
    claimNext: async () => this.outbox.find((r) => !r.processed && r.attempts < 10),
    markProcessed: async (em: EntityManager, id: string) => {
      (em as unknown as FakeTx).processed.push(id);
    },
    markFailed: async (id: string, error: string) => {
      const row = this.outbox.find((r) => r.id === id)!;
      row.attempts++;
      row.lastError = error;
    },
  };
}

/** Blobs by content; `failNext` makes the next put fail (a full disk, say) after the number was taken. */
function blobStore() {
  const store = { failNext: 0, put: async (content: Buffer) => {
    if (store.failNext > 0) {
      store.failNext--;
      throw new Error('disk full');
    }
    return { sha256: createHash('sha256').update(content).digest('hex'), size: content.length };
  } };
  return store;
}

const PLOT = {
  id: 'plot-1', code: '410106-2026-0003', name: '上街区原某铝业厂区地块', address: '河南省郑州市上街区中心路以北',
  jurisdictionCode: '410106', jurisdictionName: '郑州市上街区', areaM2: 48215.37, plannedLandClass: 1,
  holderOrganisationId: HOLDER.id, state: 'investigation.preliminary.drafting',
} as PlotRow;

/** The audit row of an investigation notice (D2) issued by the district's environment bureau. */
function noticeStep(id: string): AuditRow {
  return {
    id, entityType: 'plot', entityId: PLOT.id, plotId: PLOT.id, seq: Number(id), eventType: 'ISSUE_INVESTIGATION_NOTICE',
    payload: { dueDate: '2026-12-30' }, actorUserId: 'user-eeb', actorName: '王建国', role: 'eeb', organisationId: EEB.id,
    organisationName: EEB.name, fromState: 'suspected', toState: 'investigation.preliminary.drafting', machineName: 'plotLifecycle',
    machineVersion: 1, at: '2026-03-10T02:00:00.000Z', prevHash: null, hash: `${id}`.padStart(64, '0'), hashScheme: KEYED_SCHEME,
  };
}

function setup() {
  const store = new InMemoryFilingStore();
  const blobs = blobStore();
  const orgs = new Map([EEB, LAND, HOLDER].map((o) => [o.id, o]));
  const directory = {
    findOrganisation: async (id: string) => orgs.get(id) ?? null,
    findJurisdiction: async (code: string) => (code === '410106' ? { code, name: '郑州市上街区' } : null),
    bureauOf: async (_em: EntityManager, kind: string) => [...orgs.values()].find((o) => o.kind === kind),
  };
  const steps = new Map<string, AuditRow>();
  const audit = { find: async (_em: EntityManager, id: string) => steps.get(id)! };
  const plots = { findById: async () => PLOT };
  const documents = store.repository as unknown as DocumentsRepository;
  const sources = new FilingSources(audit as unknown as AuditRepository, {} as ReportsRepository, directory as unknown as DirectoryRepository, documents);
  const service = new FilingService(
    store.transactions as unknown as Transactions,
    { filingWorker: false, publicBaseUrl: 'http://localhost:3000' } as AppConfig,
    blobs as unknown as BlobStore,
    documents,
    store.outboxRepository as unknown as OutboxRepository,
    audit as unknown as AuditRepository,
    plots as unknown as PlotsRepository,
    sources,
    {} as TransitionService,
    { error: () => undefined } as unknown as PinoLogger,
  );
  /** An engine step waiting in the outbox for its D2. */
  const enqueue = (auditId: string) => {
    steps.set(auditId, noticeStep(auditId));
    store.outbox.push({ id: `ob-${auditId}`, topic: 'filing', auditId, payload: { kind: 'D2' }, attempts: 0, processed: false });
  };
  return { service, store, blobs, enqueue };
}

/** A D2 body as the engine's step would give it (the fixture without its envelope). */
function d2(issuer: OrgRow, issuedAt: string): IssueInput {
  const { id: _id, number: _n, year: _y, issuer: _i, digest: _d, verifyUrl: _v, legalBasis: _l, ...body } = filingFixture('D2');
  return { kind: 'D2', plotId: PLOT.id, transportId: null, outboxId: null, auditId: null, issuer, jurisdictionCode: '410106', issuedAt, body };
}

describe('filing numbers (README: Filing documents — gap-free and unique per issuing body, kind and year, 上环土备〔2026〕0001号)', () => {
  it('numbers run 0001, 0002, … per issuing body, kind and year; the year is the China Standard Time year of issue', async () => {
    const { service, store } = setup();
    const issue = (issuer: OrgRow, issuedAt: string, kind: 'D2' | 'D3' = 'D2') =>
      store.transactions.run((em) => service.issue(em, { ...d2(issuer, issuedAt), kind }));
    const numbers = [
      (await issue(EEB, '2026-03-10T02:00:00Z')).number,
      (await issue(EEB, '2026-05-10T02:00:00Z')).number,
      (await issue(EEB, '2026-05-11T02:00:00Z', 'D3')).number,
      (await issue(LAND, '2026-05-12T02:00:00Z')).number,
      // 16:30 UTC on 31 December is already 1 January in China.
      (await issue(EEB, '2026-12-31T16:30:00Z')).number,
      (await issue(EEB, '2026-12-31T15:30:00Z')).number,
    ];
    expect(numbers).toEqual([
      '上环土通〔2026〕0001号', '上环土通〔2026〕0002号', '上环土备〔2026〕0001号', '上资土通〔2026〕0001号',
      '上环土通〔2027〕0001号', '上环土通〔2026〕0003号',
    ]);
    expect(store.documents.map((d) => [d.year, d.seq])).toEqual([[2026, 1], [2026, 2], [2026, 1], [2026, 1], [2027, 1], [2026, 3]]);
  });

  it('a filing rolled back gives its number back: the number is taken inside the filing’s transaction, so the next filing has it and none is lost', async () => {
    const { service, store, blobs } = setup();
    blobs.failNext = 1;
    await expect(store.transactions.run((em) => service.issue(em, d2(EEB, '2026-03-10T02:00:00Z')))).rejects.toThrow('disk full');
    const next = await store.transactions.run((em) => service.issue(em, d2(EEB, '2026-03-11T02:00:00Z')));
    expect(next.number).toBe('上环土通〔2026〕0001号');
    expect(store.documents.map((d) => d.number)).toEqual(['上环土通〔2026〕0001号']);
  });

  it('each outbox row becomes one document, numbered in the row’s own transaction; a row whose filing failed is retried and keeps the sequence gap-free (README: claimed, numbered in the same transaction)', async () => {
    const { service, store, blobs, enqueue } = setup();
    enqueue('1');
    enqueue('2');
    blobs.failNext = 1;
    await service.drain();
    expect(store.outbox.map((r) => [r.id, r.processed, r.lastError])).toEqual([
      ['ob-1', true, 'disk full'],
      ['ob-2', true, undefined],
    ]);
    expect(store.documents.map((d) => [d.outboxId, d.auditId, d.number])).toEqual([
      ['ob-1', '1', '上环土通〔2026〕0001号'],
      ['ob-2', '2', '上环土通〔2026〕0002号'],
    ]);
  });
});

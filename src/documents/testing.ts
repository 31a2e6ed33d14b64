// Test support: the filing worker over in-memory audit rows, directory, reports and documents,
// so that a spec can write the audit rows of a step and read back the PDF it files.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FilingRecord } from '../../templates/filing-record';
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
import type { ReportRow, ReportsRepository } from '../reports/reports.repository';
import type { DocumentsRepository, NewDocument } from './documents.repository';
import { FilingSources, type OrgRow } from './filing-facts';
import { FilingService } from './filing.service';

const org = (id: string, name: string, kind: string, shortName: string | null, jurisdictionCode: string | null): OrgRow =>
  ({ id, name, kind, shortName, jurisdictionCode }) as OrgRow;

/** The demo directory's bodies of DESIGN §7 (rev. 2) that the documents of a 上街 plot name. */
export const ORGS = {
  eeb: org('org-eeb', '郑州市生态环境局上街分局', 'eeb', '上环', '410106'),
  land: org('org-land', '郑州市上街区自然资源局', 'land', '上资', '410106'),
  eebProv: org('org-eeb-prov', '河南省生态环境厅', 'eeb', '豫环', '410000'),
  landProv: org('org-land-prov', '河南省自然资源厅', 'land', '豫自然资', '410000'),
  holder: org('org-holder', '上街区某铝业有限公司', 'holder', null, null),
  holder2: org('org-holder2', '上街区某碳素有限公司', 'holder', null, null),
  consultant: org('org-consultant', '某环境调查评估有限公司', 'consultant', null, null),
  contractor: org('org-contractor', '某环境修复工程有限公司', 'contractor', null, null),
  institute: org('org-institute', '某环境科学研究院', 'expert', null, null),
  university: org('org-university', '某大学环境学院', 'expert', null, null),
  admin: org('org-admin', '系统管理', 'admin', null, null),
};

export interface Actor {
  name: string;
  role: string;
  org: OrgRow;
}

/** Officers and users, by the demo usernames they stand for. */
export const ACTORS = {
  eeb: { name: '王建国', role: 'eeb', org: ORGS.eeb },
  land: { name: '李秀兰', role: 'land', org: ORGS.land },
  eebProv: { name: '陈志强', role: 'eeb', org: ORGS.eebProv },
  landProv: { name: '周立新', role: 'land', org: ORGS.landProv },
  holder: { name: '赵明', role: 'holder', org: ORGS.holder },
  consultant: { name: '孙磊', role: 'consultant', org: ORGS.consultant },
  expert1: { name: '刘学文', role: 'expert', org: ORGS.institute },
  expert2: { name: '张海燕', role: 'expert', org: ORGS.university },
  admin: { name: '系统管理员', role: 'admin', org: ORGS.admin },
} satisfies Record<string, Actor>;

const JURISDICTIONS: Record<string, string> = { '410000': '河南省', '410100': '郑州市', '410106': '郑州市上街区' };

export const PLOT = {
  id: 'plot-1', code: '410106-2026-0003', name: '上街区原某铝业厂区地块', address: '河南省郑州市上街区中心路以北',
  jurisdictionCode: '410106', jurisdictionName: '郑州市上街区', areaM2: 48215.37, plannedLandClass: 1, boundary: null,
  formerIndustry: '有色金属冶炼', currentUse: '闲置厂房', plannedUse: '居住用地', holderOrganisationId: ORGS.holder.id,
  holderOrganisationName: ORGS.holder.name, machineName: 'plotLifecycle', machineVersion: 2, state: 'suspected',
} as PlotRow;

export interface Step {
  type: string;
  by: Actor;
  from: string | null;
  to: string;
  payload?: Record<string, unknown>;
  /** Documents the step files, as the adapter's outbox rows name them. */
  files?: Array<{ kind: string; variant?: string }>;
  at?: string;
}

export interface Filed {
  record: FilingRecord;
  number: string;
  issuerOrgId: string;
  pdf: Buffer;
}

/** The filing worker with every repository in memory; `machineVersion` is the plot's statechart version of the rows. */
export function filingHarness(options: { machineVersion?: number; reports?: ReportRow[]; plot?: Partial<PlotRow> } = {}) {
  const rows: AuditRow[] = [];
  const outbox: Array<OutboxRow & { processed: boolean; lastError?: string }> = [];
  const counters = new Map<string, number>();
  const filed: NewDocument[] = [];
  const blobs = new Map<string, Buffer>();
  const orgs = new Map(Object.values(ORGS).map((o) => [o.id, o]));
  const reports = new Map((options.reports ?? []).map((r) => [r.id, r]));

  const em = {} as EntityManager;
  const transactions = { run: async <T>(work: (m: EntityManager) => Promise<T>) => work(em) };
  const directory = {
    findOrganisation: async (id: string) => orgs.get(id) ?? null,
    findJurisdiction: async (code: string) => (JURISDICTIONS[code] ? { code, name: JURISDICTIONS[code] } : null),
    bureauOf: async (_em: EntityManager, kind: string, code: string) =>
      [...orgs.values()].find((o) => o.kind === kind && o.jurisdictionCode === code),
  };
  const audit = {
    find: async (_em: EntityManager, id: string) => rows.find((r) => r.id === id)!,
    plotEvents: async (_em: EntityManager, plotId: string, types: string[], untilId: string) =>
      rows.filter((r) => r.plotId === plotId && types.includes(r.eventType) && Number(r.id) <= Number(untilId)),
    plotLinkBefore: async () => undefined,
  };
  const documents = {
    nextNumber: async (_em: EntityManager, issuerOrgId: string, kind: string, year: number) => {
      const key = `${issuerOrgId}/${kind}/${year}`;
      counters.set(key, (counters.get(key) ?? 0) + 1);
      return counters.get(key)!;
    },
    insert: async (_em: EntityManager, d: NewDocument) => {
      filed.push(d);
    },
    lastNumberOf: async (_em: EntityManager, plotId: string, kind: string, only: { variant?: string; before?: string } = {}) =>
      filed.filter((d) => d.plotId === plotId && d.kind === kind && (only.variant === undefined || d.variant === only.variant)
        && (only.before === undefined || d.issuedAt < only.before)).at(-1)?.number,
  } as unknown as DocumentsRepository;
  const blobStore = {
    put: async (content: Buffer) => {
      const sha256 = createHash('sha256').update(content).digest('hex');
      blobs.set(sha256, content);
      return { sha256, size: content.length };
    },
  };
  const reportsRepository = { find: async (id: string) => reports.get(id) };
  const sources = new FilingSources(
    audit as unknown as AuditRepository,
    reportsRepository as unknown as ReportsRepository,
    directory as unknown as DirectoryRepository,
    documents,
  );
  const service = new FilingService(
    transactions as unknown as Transactions,
    { filingWorker: false, publicBaseUrl: 'http://localhost:3000' } as AppConfig,
    blobStore as unknown as BlobStore,
    documents,
    { claimNext: async () => outbox.find((r) => !r.processed && r.attempts < 1), markProcessed: async (_em: EntityManager, id: string) => {
      outbox.find((r) => r.id === id)!.processed = true;
    }, markFailed: async (id: string, error: string) => {
      const row = outbox.find((r) => r.id === id)!;
      row.attempts++;
      row.lastError = error;
    } } as unknown as OutboxRepository,
    audit as unknown as AuditRepository,
    { findById: async () => ({ ...PLOT, ...options.plot }) } as unknown as PlotsRepository,
    sources,
    {} as TransitionService,
    { error: () => undefined } as unknown as PinoLogger,
  );

  /** Appends the step's audit row (and its outbox rows); files them all with `file()`. */
  function step(s: Step): AuditRow {
    const id = String(rows.length + 1);
    const row: AuditRow = {
      id, entityType: 'plot', entityId: PLOT.id, plotId: PLOT.id, seq: rows.length + 1, eventType: s.type, payload: s.payload ?? {},
      actorUserId: `user-${s.by.name}`, actorName: s.by.name, role: s.by.role, organisationId: s.by.org.id, organisationName: s.by.org.name,
      fromState: s.from, toState: s.to, machineName: 'plotLifecycle', machineVersion: options.machineVersion ?? 2,
      at: s.at ?? `2026-09-${String(1 + (rows.length % 28)).padStart(2, '0')}T02:00:00.000Z`, prevHash: null, hash: id.padStart(64, '0'), hashScheme: KEYED_SCHEME,
    } as AuditRow;
    rows.push(row);
    for (const f of s.files ?? []) outbox.push({ id: `ob-${outbox.length + 1}`, topic: 'filing', auditId: id, payload: { ...f }, attempts: 0, processed: false } as never);
    return row;
  }

  /** Files every pending outbox row and answers the documents in order of filing. */
  async function file(): Promise<Filed[]> {
    await service.drain();
    const failed = outbox.filter((r) => r.lastError);
    if (failed.length) throw new Error(failed.map((r) => r.lastError).join('; '));
    return filed.map((d) => ({ record: d.record as unknown as FilingRecord, number: d.number, issuerOrgId: d.issuerOrgId, pdf: blobs.get(d.pdfSha256)! }));
  }

  return { step, file, rows };
}

/** A report row as ReportsRepository.find answers it. */
export function reportRow(id: string, kind: string, conclusion: Record<string, unknown> = {}, author: OrgRow = ORGS.consultant): ReportRow {
  return {
    id, kind, fileName: `${id}.pdf`, fileSha256: createHash('sha256').update(id).digest('hex'), authorOrganisationId: author.id,
    authorOrganisationName: author.name, conclusion, screening: null, sampleCount: 0, createdAt: '2026-08-20T02:00:00.000Z',
  } as unknown as ReportRow;
}

import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { plotStateLabel, type LandClass, type Role } from '../../workflows';
import { documentTitle, type DocumentKind, type FilingRecord } from '../../templates/filing-record';
import { renderFiling } from '../../templates/render';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isConnectionError } from '../common/http-exception.filter';
import { PinoLogger } from 'nestjs-pino';
import { Transactions } from '../database/transactions';
import { canonicalJson, sha256Hex } from '../engine/canonical-json';
import { AuditRepository, type AuditRow } from '../engine/audit.repository';
import { KeyUnitsRepository } from '../key-units/key-units.repository';
import { OutboxRepository, type OutboxRow } from '../engine/outbox.repository';
import { TransitionService } from '../engine/transition.service';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { PlotsRepository } from '../plots/plots.repository';
import { BLOB_STORE, type BlobStore } from '../reports/blob-store';
import { DecisionConfig } from '../decisions/decision-config';
import { DocumentConfig } from './document-config';
import { DocumentsRepository } from './documents.repository';
import { buildDetails } from './filing-details';
import { demolitionPlanReceipt } from './key-unit-filing';
import { FilingSources, reportRef, type OrgRow } from './filing-facts';
import { Signatories } from './signatories';
import { chinaYear, formatFilingNumber } from './filing-number';

export interface IssueInput {
  kind: DocumentKind;
  variant?: string;
  plotId: string | null;
  /** a key unit's filing (D18) */
  unitId?: string | null;
  transportId: string | null;
  outboxId: string | null;
  auditId: string | null;
  issuer: OrgRow;
  jurisdictionCode: string | null;
  issuedAt: string;
  /** The record without its envelope numbers (id, number, year, issuer, digest, verifyUrl, legalBasis). */
  body: Omit<FilingRecord, 'id' | 'number' | 'year' | 'issuer' | 'digest' | 'verifyUrl' | 'legalBasis'>;
}

const POLL_MS = 2000;

/**
 * Turns the engine's outbox rows into filing records, exactly once per row:
 * in one transaction the row is claimed (SKIP LOCKED), the next number of the
 * issuing body, kind and year is taken, the record is stored with the SHA-256
 * of its canonical JSON and of its PDF, and the row is marked processed.
 */
@Injectable()
export class FilingService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly config = DocumentConfig.load();
  private signing: Signatories | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly documents: DocumentsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditRepository,
    private readonly plots: PlotsRepository,
    private readonly sources: FilingSources,
    private readonly engine: TransitionService,
    private readonly logger: PinoLogger,
    // Key units' filings (D18); the plot pipeline's unit tests construct the service without it.
    @Optional() private readonly units?: KeyUnitsRepository,
  ) {}

  /** Who issues and signs, by the deployment's configuration of the deciding bodies (DECISION_STEPS_FILE or reference/). */
  private get signatories(): Signatories {
    return (this.signing ??= new Signatories(this.config, DecisionConfig.load(this.appConfig.decisionStepsFile)));
  }

  onApplicationBootstrap() {
    if (!this.appConfig.filingWorker) return;
    this.engine.signals.on('committed', () => this.drainInBackground());
    // Rows left by a crash, or committed by another process, are picked up by polling.
    this.timer = setInterval(() => this.drainInBackground(), POLL_MS);
    this.timer.unref();
    this.drainInBackground();
  }

  private drainInBackground() {
    this.drain().catch((e) => this.logger.error(e instanceof Error ? e : String(e), undefined, 'FilingService'));
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
  }

  /** Processes pending outbox rows until none is left; concurrent calls share one run. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.processOne())) {
            /* next row */
          }
        } while (this.again && !this.stopped);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  /** One outbox row in one transaction; false when there was nothing to do. */
  private async processOne(): Promise<boolean> {
    let claimed: OutboxRow | undefined;
    try {
      return await this.transactions.run(async (em) => {
        claimed = await this.outbox.claimNext(em);
        if (!claimed) return false;
        if (claimed.topic === 'filing') await this.fileFromOutbox(em, claimed);
        await this.outbox.markProcessed(em, claimed.id);
        return true;
      });
    } catch (e) {
      // A lost connection is not the row's fault: it stays pending for the next drain, no attempt counted.
      if (!claimed || isConnectionError(e)) throw e;
      this.logger.error(e instanceof Error ? e : String(e), undefined, 'FilingService');
      await this.outbox.markFailed(claimed.id, e instanceof Error ? e.message : String(e)).catch(() => undefined);
      return true;
    }
  }

  private async fileFromOutbox(em: EntityManager, row: OutboxRow) {
    const audit = await this.audit.find(em, row.auditId);
    if (audit.entityType === 'key_unit') return this.fileForUnit(em, row, audit);
    if (audit.plotId === null) throw new Error(`audit row ${audit.id} belongs to no plot`);
    const plot = (await this.plots.findById(audit.plotId, em))!;
    const facts = this.sources.in(em);
    const kind = String(row.payload.kind) as DocumentKind;
    const requested = row.payload.variant === undefined ? undefined : String(row.payload.variant);
    const holder = await facts.organisation(plot.holderOrganisationId);
    const built = await buildDetails(facts, { kind, variant: requested, audit, plot, holderName: holder?.name ?? '' });
    const variant = built.variant ?? requested;
    const { issuer, signatory } = await this.signatories.resolve(facts, { kind, variant, audit, plot });
    const scan = audit.eventType === 'RECORD_DECISION' ? await facts.report(audit.payload.scanReportId) : undefined;
    await this.issue(em, {
      kind,
      variant,
      plotId: plot.id,
      transportId: audit.entityType === 'transport' ? audit.entityId : null,
      outboxId: row.id,
      auditId: audit.id,
      issuer,
      jurisdictionCode: plot.jurisdictionCode,
      issuedAt: audit.at,
      body: {
        kind,
        addressees: built.addressees,
        ...(built.copyTo?.length ? { copyTo: built.copyTo } : {}),
        issuedAt: audit.at,
        decision: {
          text: built.decision,
          reason: built.reason,
          by: { name: audit.actorName, role: audit.role, roleLabel: ROLE_LABELS[audit.role as Role] ?? audit.role, organisation: audit.organisationName },
          at: audit.at,
        },
        reports: scan ? [...built.reports, { ...reportRef(scan), kindLabel: '决定文书扫描件' }] : built.reports,
        signatory,
        plot: {
          code: plot.code,
          name: plot.name,
          address: plot.address,
          jurisdictionCode: plot.jurisdictionCode,
          jurisdictionName: plot.jurisdictionName,
          areaM2: Number(plot.areaM2),
          plannedLandClass: Number(plot.plannedLandClass) as LandClass,
          holderOrganisation: holder?.name ?? '',
        },
        stage: { state: audit.toState, label: audit.entityType === 'plot' ? plotStateLabel(audit.toState) : plotStateLabel(plot.state) },
        auditHead: await facts.plotChainHead(audit),
        details: built.details,
      } as IssueInput['body'],
    });
  }

  /** A key unit's filing (D18), from the unit as it stands and the step's audit row. */
  private async fileForUnit(em: EntityManager, row: OutboxRow, audit: AuditRow) {
    const unit = await this.units?.findById(audit.entityId, em);
    if (!unit) throw new Error(`key unit ${audit.entityId} of audit row ${audit.id} not found`);
    const { issuer, body } = await demolitionPlanReceipt(this.sources.in(em), { unit, audit });
    await this.issue(em, {
      kind: 'D18', plotId: null, unitId: unit.id, transportId: null, outboxId: row.id, auditId: audit.id,
      issuer, jurisdictionCode: unit.jurisdictionCode, issuedAt: audit.at, body: body as IssueInput['body'],
    });
  }

  /** Numbers, renders and stores one filing in the caller's transaction. */
  async issue(em: EntityManager, input: IssueInput): Promise<{ id: string; number: string; digest: string; pdfSha256: string }> {
    const cfg = this.config.for(input.kind, input.variant);
    const year = chinaYear(input.issuedAt);
    const seq = await this.documents.nextNumber(em, input.issuer.id, input.kind, year);
    const number = formatFilingNumber(input.issuer.shortName ?? input.issuer.name.slice(0, 2), cfg.word, year, seq);
    const id = randomUUID();
    const jurisdictionName = input.issuer.jurisdictionCode ? await this.sources.in(em).jurisdictionName(input.issuer.jurisdictionCode) : undefined;
    const unsigned = {
      ...input.body,
      id,
      number,
      year,
      issuer: { name: input.issuer.name, jurisdictionCode: input.issuer.jurisdictionCode ?? undefined, jurisdictionName },
      legalBasis: cfg.legalBasis,
    };
    const digest = sha256Hex(canonicalJson(unsigned));
    const record = { ...unsigned, digest, verifyUrl: `${this.appConfig.publicBaseUrl}/public/verify/${digest}` } as FilingRecord;
    const pdf = await renderFiling(record);
    const blob = await this.blobs.put(pdf, em);
    await this.documents.insert(em, {
      id, plotId: input.plotId, unitId: input.unitId ?? null, transportId: input.transportId, outboxId: input.outboxId, auditId: input.auditId,
      kind: input.kind, variant: input.variant ?? null, title: documentTitle(record), issuerOrgId: input.issuer.id,
      jurisdictionCode: input.jurisdictionCode, year, seq, number, record, digest, pdfSha256: blob.sha256, pdfSize: blob.size,
      published: cfg.published, issuedAt: input.issuedAt,
    });
    return { id, number, digest, pdfSha256: blob.sha256 };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { validate } from 'class-validator';
import { randomInt } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { ForbiddenError, NotFoundError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { flattenValidationErrors } from '../common/validation';
import { Transactions } from '../database/transactions';
import { TransitionService } from '../engine/transition.service';
import { parseBBox } from '../map/bbox';
import { stateLabel } from '../../workflows/public-report/v1/labels';
import { BLOB_STORE, type BlobStore } from '../reports/blob-store';
import { discardStaged, type StagedFile } from '../reports/upload-staging';
import { candidateEvents, restore } from '../../workflows';
import { PublicReportDto, type ListPublicReportsQuery } from './dto/public-report.dto';
import { imageTypeOf } from './photo-check';
import { PUBLIC_PRINCIPAL } from './public-principal';
import { toBureauView, toPublicStatus } from './public-report-view';
import { PublicReportThrottle } from './public-report-throttle';
import { PublicReportWorkflowAdapter } from './public-report-workflow.adapter';
import { PublicReportsRepository, type PhotoRow, type PublicReportRow } from './public-reports.repository';

/** Cases drawn at most in one viewport (then the map asks to zoom in). */
const MAP_LIMIT = 500;

// 31 characters without 0/O, 1/I/L: read aloud over the 12369 line and typed back without confusion.
const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECEIPT_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{12}$/;

function receiptCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s;
}

/** 12369 public reports (土壤法第八十四条): received from the public form, handled by the district 生态环境 bureau. */
@Injectable()
export class PublicReportsService {
  constructor(
    private readonly reports: PublicReportsRepository,
    private readonly adapter: PublicReportWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly transactions: Transactions,
    private readonly throttle: PublicReportThrottle,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** The public form: fields checked, photos judged by their content, the report started through the engine. */
  async receive(body: Record<string, unknown>, photos: StagedFile[], clientAddress: string): Promise<{ receiptCode: string }> {
    try {
      const dto = await validated(PublicReportDto, body);
      this.checkPlace(dto);
      const typed = await this.typePhotos(photos);
      const code = receiptCode();
      // The photos are written in the case's own transaction: a crash never leaves a case without its photos, nor
      // (with files in PostgreSQL) photos without their case.
      await this.transactions.run(async (em) => {
        const stored = await this.storePhotos(em, typed);
        await this.engine.startWithin(em, this.adapter, PUBLIC_PRINCIPAL, {
          receiptCode: code, jurisdictionCode: dto.jurisdiction, description: dto.description.trim(),
          lon: dto.lon ?? null, lat: dto.lat ?? null, address: dto.address?.trim() || null, seenOn: dto.seenOn,
          contactName: dto.contactName?.trim() || null, contactPhone: dto.contactPhone?.trim() || null, photos: stored,
        }, async () => null);
      });
      this.engine.signals.emit('committed');
      await this.throttle.count(clientAddress);
      return { receiptCode: code };
    } finally {
      await discardStaged(...photos);
    }
  }

  private checkPlace(dto: PublicReportDto) {
    const errors = [];
    if ((dto.lon === undefined) !== (dto.lat === undefined)) errors.push({ field: 'lat', message: '地图位置须同时有经度和纬度' });
    if (dto.lon === undefined && !dto.address) errors.push({ field: 'address', message: '请在地图上点选位置，或填写地址' });
    const today = this.clock.today();
    if (!isRealDate(dto.seenOn)) errors.push({ field: 'seenOn', message: '发现日期不是有效日期' });
    else if (dto.seenOn > today) errors.push({ field: 'seenOn', message: '发现日期不能晚于今天' });
    if (errors.length) throw new ValidationFailedError(errors);
  }

  private async typePhotos(photos: StagedFile[]) {
    const typed = [];
    for (const [i, p] of photos.entries()) {
      const mediaType = await imageTypeOf(p.path);
      if (!mediaType) throw new UnsupportedMediaTypeError(`第 ${i + 1} 张照片不是 JPEG、PNG 或 WebP 图片`, 'photos');
      typed.push({ p, mediaType });
    }
    return typed;
  }

  private async storePhotos(em: EntityManager, typed: Array<{ p: StagedFile; mediaType: string }>): Promise<PhotoRow[]> {
    const out: PhotoRow[] = [];
    for (const [i, { p, mediaType }] of typed.entries()) {
      const blob = await this.blobs.adopt(p, em);
      out.push({ seq: i + 1, sha256: blob.sha256, size: blob.size, mediaType });
    }
    return out;
  }

  async districts() {
    return { items: await this.reports.districts() };
  }

  /** Anyone with the receipt code: the status in words and the reply. */
  async status(code: string) {
    const row = RECEIPT_CODE.test(code) ? await this.reports.findByReceipt(code) : undefined;
    if (!row) throw new NotFoundError('未找到该回执码对应的举报，请核对回执码');
    return toPublicStatus(row);
  }

  async list(me: Principal, q: ListPublicReportsQuery) {
    assertBureau(me);
    const { items, total } = await this.reports.list(me, q);
    const today = this.clock.today();
    return { items: items.map((r) => brief(me, r, today)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * 一张图: the handling district bureau's located cases in the viewport as GeoJSON points (status and what was seen,
   * never the reporter, 土壤法第八十四条). Other bureaus see none: the case is the district's to handle.
   */
  async mapLayer(me: Principal, bboxText: string) {
    assertBureau(me);
    const parsed = parseBBox(bboxText);
    if (!parsed.ok) throw new ValidationFailedError([{ field: 'bbox', message: parsed.message }]);
    const rows = me.level === 'district' && me.jurisdictionCode ? await this.reports.located(me.jurisdictionCode, parsed.bbox, MAP_LIMIT + 1) : [];
    const features = rows.slice(0, MAP_LIMIT).map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: { type: 'Point' as const, coordinates: [Number(r.lon), Number(r.lat)] },
      properties: { status: stateLabel(r.state), closed: r.state === 'closed', description: r.description, seenOn: r.seenOn, receivedOn: r.receivedOn },
    }));
    return { type: 'FeatureCollection' as const, features, numberReturned: features.length, truncated: rows.length > MAP_LIMIT };
  }

  async get(me: Principal, id: string) {
    assertBureau(me);
    const row = await this.reports.findVisible(me, id);
    if (!row) throw new NotFoundError(this.adapter.notFoundMessage);
    return toBureauView(me, row, this.clock.today(), this.allowedEvents(me, row));
  }

  sendEvent(me: Principal, id: string, body: unknown, idempotencyKey?: string) {
    assertBureau(me);
    return this.engine.send(this.adapter, me, id, body, async (_em, row) => toBureauView(me, row as PublicReportRow, this.clock.today()), { idempotencyKey });
  }

  async photo(me: Principal, id: string, seq: number) {
    assertBureau(me);
    if (!(await this.reports.findVisible(me, id))) throw new NotFoundError(this.adapter.notFoundMessage);
    const photo = (await this.reports.photos(id)).find((p) => p.seq === seq);
    const stream = photo ? await this.blobs.open(photo.sha256) : undefined;
    if (!photo || !stream) throw new NotFoundError('照片不存在');
    return { photo, stream };
  }

  /** The events the district bureau may send in the case's state (the console's forms). */
  private allowedEvents(me: Principal, row: PublicReportRow): string[] {
    if (me.role !== 'eeb' || me.jurisdictionCode !== row.jurisdictionCode) return [];
    return candidateEvents(restore({ machine: row.machineName, version: row.machineVersion, snapshot: row.snapshot }).snapshot);
  }
}

function brief(me: Principal, r: PublicReportRow, today: string) {
  const v = toBureauView(me, r, today);
  return { id: v.id, state: v.state, status: v.status, jurisdiction: v.jurisdiction, seenOn: v.seenOn, receivedOn: v.receivedOn, summary: r.description.slice(0, 60), awaiting: v.awaiting };
}

function assertBureau(me: Principal) {
  if (me.role !== 'eeb') throw new ForbiddenError('公众举报由生态环境主管部门办理');
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailedError([{ field: 'body', message: '请填写举报表单' }]);
  const instance = plainToInstance(cls, { ...(body as object) });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailedError(flattenValidationErrors(errors));
  return instance;
}

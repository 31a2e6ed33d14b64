import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import multer from 'multer';
import { finalize, from, Observable, switchMap } from 'rxjs';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { refuseNulStrings } from '../common/text-rules';
import { ReportsService } from './reports.service';
import { discardStaged, stagingStorage, UploadStaging } from './upload-staging';

// Multipart overhead allowed on top of the file limits when judging Content-Length up front.
const ENVELOPE_BYTES = 1024 * 1024;

type UploadRequest = Request & { principal?: Principal; files?: Record<string, Array<{ path?: string }>> };

/**
 * Admits and parses a report upload (multipart: file, samples, kind, conclusion).
 * Before a byte of the body is read: the content type, the announced size and
 * the caller's right to upload to the plot; a refusal is answered at once and
 * the unread body discarded. Then the file parts stream to staged files, hashed
 * on the way (a part past the limit aborts the parse with 413); staged files
 * still there when the request ends are removed.
 */
@Injectable()
export class ReportUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['fields']>;
  // The largest body worth reading (or dropping): both files at their limit and the envelope.
  private readonly maxBodyBytes: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    protected readonly reports: ReportsService,
    staging: UploadStaging,
  ) {
    this.maxBodyBytes = 2 * config.uploadMaxBytes + ENVELOPE_BYTES;
    this.upload = multer({
      storage: stagingStorage(staging),
      limits: {
        fileSize: config.uploadMaxBytes,
        files: 2,
        fields: 10,
        fieldSize: 256 * 1024,
        parts: 14,
        headerPairs: 50,
      },
    }).fields([
      { name: 'file', maxCount: 1 },
      { name: 'samples', maxCount: 1 },
    ]);
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<UploadRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.admit(req, res)).pipe(
      switchMap(() => from(this.parse(req, res))),
      switchMap(() => next.handle()),
      // The service removes what it was given; this covers requests refused before it ran.
      finalize(() => void discardStaged(...Object.values(req.files ?? {}).flat()).catch(() => undefined)),
    );
  }

  private async admit(req: UploadRequest, res: Response): Promise<void> {
    const announced = Number(req.header('content-length'));
    const announcedTooMuch = Number.isFinite(announced) && announced > this.maxBodyBytes;
    try {
      if (!req.is('multipart/form-data')) {
        throw new UnsupportedMediaTypeError('请以 multipart/form-data 上传：file（PDF）、kind、conclusion、samples（可选 CSV）', 'body');
      }
      if (announcedTooMuch) {
        throw new PayloadTooLargeError(`上传内容超过大小限制（报告文件最大 ${this.config.uploadMaxBytes} 字节）`, 'file');
      }
      await this.assertMayUpload(req.principal!, req);
    } catch (e) {
      discardUnreadBody(req, res, this.maxBodyBytes, announcedTooMuch);
      throw e;
    }
  }

  /** The caller's right to upload to the record the path names (a plot here; a key unit in KeyUnitReportUploadInterceptor). */
  protected async assertMayUpload(principal: Principal, req: Request): Promise<void> {
    await this.reports.assertMayUploadTo(principal, pathUuid(req, 'plotId'));
  }

  private parse(req: UploadRequest, res: Response): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      this.upload(req, res, (err: unknown) => (err ? reject(toUploadError(err, this.config.uploadMaxBytes)) : resolve())),
    );
  }
}

/** A UUID path parameter, checked as the path pipes would (they run only after interceptors): a NUL is a 400, a non-UUID names nothing. */
export function pathUuid(req: Request, name: string): string {
  const value = req.params[name];
  refuseNulStrings(value, name);
  if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundError('记录不存在');
  return value;
}

/**
 * After an answer given before the body was read, what the client still sends
 * is dropped as it arrives, never buffered. The connection stays open for it,
 * so that a client still writing reads the answer instead of a reset; one that
 * sends more than an upload may be (or announced that much) is cut off.
 */
function discardUnreadBody(req: Request, res: Response, maxBytes: number, announcedTooMuch: boolean) {
  if (req.readableEnded || req.destroyed) return;
  if (announcedTooMuch) res.setHeader('Connection', 'close');
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > maxBytes) req.socket.destroy();
  });
}

const LIMITS: Record<string, string> = {
  LIMIT_PART_COUNT: '表单部分过多',
  LIMIT_FILE_COUNT: '文件过多',
  LIMIT_FIELD_COUNT: '字段过多',
  LIMIT_FIELD_KEY: '字段名过长',
  LIMIT_FIELD_VALUE: '字段内容过长',
};

function toUploadError(err: unknown, maxBytes: number): Error {
  const e = err as { code?: string; field?: string; message?: string; syscall?: string };
  // Writing the staged file failed (disk full, permissions): the server's fault, not the request's.
  if (e.syscall) return err as Error;
  if (e.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError(`文件超过大小限制（报告文件最大 ${maxBytes} 字节）`, e.field ?? 'file');
  if (e.code === 'LIMIT_UNEXPECTED_FILE') {
    return new ValidationFailedError([{ field: e.field ?? 'file', message: '不接受此文件字段（只接受 file 和 samples 各一个）' }]);
  }
  if (e.code?.startsWith('LIMIT_')) {
    return new ValidationFailedError([{ field: e.field ?? 'body', message: `上传内容超出限制：${LIMITS[e.code] ?? '格式不符'}` }]);
  }
  return new ValidationFailedError([{ field: 'body', message: '无法解析 multipart 请求体' }]);
}

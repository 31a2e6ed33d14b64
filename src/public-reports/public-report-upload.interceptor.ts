import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { finalize, from, Observable, switchMap } from 'rxjs';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { discardStaged, stagingStorage, UploadStaging } from '../reports/upload-staging';
import { PUBLIC_REPORTS } from './public-report-reference';
import { PublicReportThrottle } from './public-report-throttle';

const ENVELOPE_BYTES = 256 * 1024;
type UploadRequest = Request & { files?: Record<string, Array<{ path?: string }>> };

/**
 * Admits the public form (no login): multipart only, the announced size and the client address's quota (429) judged
 * before a byte of the body is read; then up to three photos stream to staged files (a photo past its limit aborts
 * with 413), removed when the request ends whatever happened. Their content is judged by the service.
 */
@Injectable()
export class PublicReportUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['fields']>;
  private readonly maxBodyBytes = PUBLIC_REPORTS.photos.maxCount * PUBLIC_REPORTS.photos.maxBytes + ENVELOPE_BYTES;

  constructor(
    @Inject(UploadStaging) staging: UploadStaging,
    private readonly throttle: PublicReportThrottle,
  ) {
    this.upload = multer({
      storage: stagingStorage(staging),
      limits: { fileSize: PUBLIC_REPORTS.photos.maxBytes, files: PUBLIC_REPORTS.photos.maxCount, fields: 12, fieldSize: 16 * 1024, parts: 16, headerPairs: 50 },
    }).fields([{ name: 'photos', maxCount: PUBLIC_REPORTS.photos.maxCount }]);
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<UploadRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.admit(req, res)).pipe(
      switchMap(() => from(this.parse(req, res))),
      switchMap(() => next.handle()),
      finalize(() => void discardStaged(...Object.values(req.files ?? {}).flat()).catch(() => undefined)),
    );
  }

  private async admit(req: UploadRequest, res: Response): Promise<void> {
    const announced = Number(req.header('content-length'));
    const tooMuch = Number.isFinite(announced) && announced > this.maxBodyBytes;
    try {
      if (!req.is('multipart/form-data')) throw new UnsupportedMediaTypeError('请通过举报表单提交（multipart/form-data）', 'body');
      if (tooMuch) throw new PayloadTooLargeError(`提交内容过大：最多 ${PUBLIC_REPORTS.photos.maxCount} 张照片，每张不超过 5 MB`, 'photos');
      await this.throttle.admit(req.ip ?? 'unknown');
    } catch (e) {
      if (tooMuch) res.setHeader('Connection', 'close');
      req.resume();
      throw e;
    }
  }

  private parse(req: UploadRequest, res: Response): Promise<void> {
    return new Promise<void>((resolve, reject) => this.upload(req, res, (err: unknown) => (err ? reject(toError(err)) : resolve())));
  }
}

function toError(err: unknown): Error {
  const e = err as { code?: string; field?: string; syscall?: string };
  if (e.syscall) return err as Error;
  if (e.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError('照片不能超过 5 MB', 'photos');
  if (e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_UNEXPECTED_FILE') {
    return new ValidationFailedError([{ field: 'photos', message: `最多上传 ${PUBLIC_REPORTS.photos.maxCount} 张照片（字段 photos）` }]);
  }
  return new ValidationFailedError([{ field: 'body', message: '无法读取提交的表单' }]);
}

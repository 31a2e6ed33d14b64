import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';

// Multipart overhead allowed on top of the file limits when judging Content-Length up front.
const ENVELOPE_BYTES = 1024 * 1024;

/**
 * Parses a report upload (multipart: file, samples, kind, conclusion). A body
 * announced larger than the limits is refused before it is read; a file that
 * grows past the limit while streaming aborts the parse with 413.
 */
@Injectable()
export class ReportUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['fields']>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
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
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (!req.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeError('请以 multipart/form-data 上传：file（PDF）、kind、conclusion、samples（可选 CSV）', 'body');
    }
    const announced = Number(req.header('content-length'));
    if (Number.isFinite(announced) && announced > 2 * this.config.uploadMaxBytes + ENVELOPE_BYTES) {
      req.resume();
      throw new PayloadTooLargeError(`上传内容超过大小限制（报告文件最大 ${this.config.uploadMaxBytes} 字节）`, 'file');
    }
    return from(
      new Promise<void>((resolve, reject) =>
        this.upload(req, res, (err: unknown) => (err ? reject(toUploadError(err, this.config.uploadMaxBytes)) : resolve())),
      ),
    ).pipe(switchMap(() => next.handle()));
  }
}

function toUploadError(err: unknown, maxBytes: number): Error {
  const e = err as { code?: string; field?: string; message?: string };
  if (e.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError(`文件超过大小限制（报告文件最大 ${maxBytes} 字节）`, e.field ?? 'file');
  if (e.code === 'LIMIT_UNEXPECTED_FILE') {
    return new ValidationFailedError([{ field: e.field ?? 'file', message: '不接受此文件字段（只接受 file 和 samples 各一个）' }]);
  }
  if (e.code?.startsWith('LIMIT_')) return new ValidationFailedError([{ field: e.field ?? 'body', message: `上传内容超出限制（${e.code}）` }]);
  return new ValidationFailedError([{ field: 'body', message: '无法解析 multipart 请求体' }]);
}

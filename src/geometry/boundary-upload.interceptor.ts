import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { join } from 'node:path';
import { catchError, concatMap, from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { discardStaged, stagingStorage, UploadStaging } from '../reports/upload-staging';

/** A boundary file may be this large (a parcel's Shapefile is kilobytes; this leaves room for detailed ones). */
export const MAX_BOUNDARY_FILE_BYTES = 20 * 1024 * 1024;
const ENVELOPE_BYTES = 64 * 1024;

type UploadRequest = Request & { file?: { path?: string } };

/**
 * Streams the one `file` part of a boundary upload to a staged file (never held in
 * memory), refusing more than 20 MB as it arrives; the staged file is removed before the
 * answer is sent. Runs after the auth guard, so a caller without the role is answered
 * before a byte of the body is read.
 */
@Injectable()
export class BoundaryUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const staging = new UploadStaging(join(config.dataDir, 'geometry-incoming'));
    this.upload = multer({
      storage: stagingStorage(staging),
      limits: { fileSize: MAX_BOUNDARY_FILE_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 },
    }).single('file');
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<UploadRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    // The staged file is gone before the answer is sent, whether the import succeeded or not.
    const discard = () => discardStaged(req.file).catch(() => undefined);
    return from(this.parse(req, res)).pipe(
      switchMap(() => next.handle()),
      concatMap(async (value: unknown) => (await discard(), value)),
      catchError(async (e: unknown) => {
        await discard();
        throw e;
      }),
    );
  }

  private parse(req: UploadRequest, res: Response): Promise<void> {
    if (!req.is('multipart/form-data')) {
      return Promise.reject(new UnsupportedMediaTypeError('请以 multipart/form-data 上传边界文件（字段 file）', 'body'));
    }
    const announced = Number(req.header('content-length'));
    if (Number.isFinite(announced) && announced > MAX_BOUNDARY_FILE_BYTES + ENVELOPE_BYTES) {
      res.setHeader('Connection', 'close');
      return Promise.reject(new PayloadTooLargeError(`文件超过大小限制（最大 ${MAX_BOUNDARY_FILE_BYTES / 1024 / 1024} MB）`, 'file'));
    }
    return new Promise<void>((resolve, reject) => this.upload(req, res, (err: unknown) => (err ? reject(toUploadError(err)) : resolve())));
  }
}

function toUploadError(err: unknown): Error {
  const e = err as { code?: string; field?: string; syscall?: string };
  if (e.syscall) return err as Error;
  if (e.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError(`文件超过大小限制（最大 ${MAX_BOUNDARY_FILE_BYTES / 1024 / 1024} MB）`, 'file');
  if (e.code === 'LIMIT_UNEXPECTED_FILE') {
    return new ValidationFailedError([{ field: e.field ?? 'file', message: '只接受一个文件，字段名为 file' }]);
  }
  if (e.code?.startsWith('LIMIT_')) return new ValidationFailedError([{ field: e.field ?? 'body', message: '上传内容超出限制（字段过多或过长）' }]);
  return new ValidationFailedError([{ field: 'body', message: '无法解析 multipart 请求体' }]);
}

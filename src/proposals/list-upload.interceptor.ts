import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { join } from 'node:path';
import { catchError, concatMap, from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { discardStaged, stagingStorage, UploadStaging } from '../reports/upload-staging';

/** A district's list is kilobytes; 10 MB leaves room for boundaries in every row. */
export const MAX_LIST_FILE_BYTES = 10 * 1024 * 1024;
const ENVELOPE_BYTES = 64 * 1024;
const LIMIT_TEXT = `文件超过大小限制（最大 ${MAX_LIST_FILE_BYTES / 1024 / 1024} MB）`;

export type StagedUpload = { path: string; sha256: string; size: number; originalname: string };
type UploadRequest = Request & { file?: StagedUpload };

/**
 * Streams the one `file` part of a list to a staged file (hashed on the way, never held in memory), as the boundary
 * and report uploads do (src/reports/upload-staging.ts). The guards ran first: a caller without the role, of another
 * kind of organisation or not of a district is answered before a byte of the body is read. The staged file is gone
 * before the answer is sent.
 */
@Injectable()
export class ListUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const staging = new UploadStaging(join(config.dataDir, 'lists-incoming'));
    this.upload = multer({
      storage: stagingStorage(staging),
      // File names are sent in UTF-8 by browsers and curl: 上街区2026年第四季度.xlsx.
      defParamCharset: 'utf8',
      limits: { fileSize: MAX_LIST_FILE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50 },
    }).single('file');
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<UploadRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
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
      return Promise.reject(new UnsupportedMediaTypeError('请以 multipart/form-data 上传清单文件（字段 file，CSV 或 .xlsx）', 'body'));
    }
    const announced = Number(req.header('content-length'));
    if (Number.isFinite(announced) && announced > MAX_LIST_FILE_BYTES + ENVELOPE_BYTES) {
      res.setHeader('Connection', 'close');
      return Promise.reject(new PayloadTooLargeError(LIMIT_TEXT, 'file'));
    }
    return new Promise<void>((resolve, reject) => this.upload(req, res, (err: unknown) => (err ? reject(toUploadError(err)) : resolve())));
  }
}

function toUploadError(err: unknown): Error {
  const e = err as { code?: string; field?: string; syscall?: string };
  if (e.syscall) return err as Error;
  if (e.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError(LIMIT_TEXT, 'file');
  if (e.code === 'LIMIT_UNEXPECTED_FILE') return new ValidationFailedError([{ field: e.field ?? 'file', message: '只接受一个文件，字段名为 file' }]);
  if (e.code?.startsWith('LIMIT_')) return new ValidationFailedError([{ field: e.field ?? 'body', message: '上传内容超出限制（字段过多或过长）' }]);
  return new ValidationFailedError([{ field: 'body', message: '无法解析 multipart 请求体' }]);
}

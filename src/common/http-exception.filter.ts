import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError, TooManyRequestsError } from './errors';
import { PinoLogger } from 'nestjs-pino';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const UNIQUE_MESSAGES: Record<string, string> = {
  users_username_unique: '用户名已存在',
  organisations_name_unique: '机构名称已存在',
  jurisdictions_pkey: '行政区划代码已存在',
  plots_code_unique: '地块编码已存在',
  key_units_credit_code_unique: '该统一社会信用代码的单位已列入重点监管单位名录',
};

interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  [k: string]: unknown;
}

function body(status: number, code: string, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', code, message, ...extra };
}

/** Body-parser and multer errors reach us as plain errors with a status or code. */
function fromTransportError(e: { type?: string; status?: number; code?: string }): ErrorBody | undefined {
  if (e.type === 'entity.too.large') return body(413, 'PAYLOAD_TOO_LARGE', '请求体过大');
  if (e.type === 'entity.parse.failed') return body(400, 'MALFORMED_JSON', '请求体不是合法的 JSON', { errors: [{ field: 'body', message: '不是合法的 JSON' }] });
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return body(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的字符集或编码');
  if (e.code === 'LIMIT_FILE_SIZE') return body(413, 'PAYLOAD_TOO_LARGE', '上传文件超过大小限制');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    // The body parser's other refusals (a body that cannot be inflated or read): the body is what is wrong.
    return body(e.status, 'BAD_REQUEST', '请求格式有误', e.status === 400 ? { errors: [{ field: 'body', message: '无法读取请求体' }] } : {});
  }
  return undefined;
}

/** A body that is not JSON (or a bare value in strict mode), or a path with a bad %-escape: say which part. */
function malformedRequest(text: string): ErrorBody {
  if (/Failed to decode param|URI malformed/i.test(text)) {
    return body(400, 'MALFORMED_PATH', '请求路径的百分号编码无效', { errors: [{ field: 'path', message: '百分号编码无效' }] });
  }
  return body(400, 'MALFORMED_JSON', '请求体不是合法的 JSON', { errors: [{ field: 'body', message: '不是合法的 JSON 对象或数组' }] });
}

function fromDatabaseError(e: (QueryFailedError | DatabaseError) & { code?: string; constraint?: string }): ErrorBody | undefined {
  const driver: { code?: string; constraint?: string } = (e as { driverError?: { code?: string; constraint?: string } }).driverError ?? e;
  const code = driver.code ?? e.code;
  const constraint = driver.constraint;
  if (code === '23505') {
    return body(409, 'DUPLICATE', (constraint && UNIQUE_MESSAGES[constraint]) || '记录已存在', { constraint });
  }
  if (code === '23503') return body(409, 'REFERENCE_MISSING', '引用的记录不存在或仍被引用', { constraint });
  // A safety net behind the boundary rule (common/text-rules.ts): text PostgreSQL cannot store, e.g. U+0000.
  if (code === '22021' || code === '22P05') {
    return body(400, 'INVALID_VALUE', '请求中含有无法保存的字符（如空字符）', { errors: [{ field: 'request', message: '含有无法保存的字符' }] });
  }
  if (code && ['22P02', '22007', '22008', '22003', '22001'].includes(code)) {
    return body(400, 'INVALID_VALUE', '字段取值无效', { errors: [{ field: 'request', message: '字段取值无效' }] });
  }
  return undefined;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const out = this.toBody(exception);
    if (out.statusCode >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(out.statusCode).json(out);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DomainError) return body(e.status, e.code, e.message, e.details());
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: unknown }).message ?? e.message);
      const text = Array.isArray(message) ? message.join('；') : String(message);
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) return body(413, 'PAYLOAD_TOO_LARGE', '上传文件超过大小限制');
      // Nest turns body-parser's SyntaxError and the router's URIError into a bare 400 (routes-resolver.js).
      if (status === HttpStatus.BAD_REQUEST) return malformedRequest(text);
      return body(status, status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', status === 404 ? '请求的资源不存在' : text);
    }
    // Statements sent through the driver itself (named statements, COPY) fail with its DatabaseError.
    if (e instanceof QueryFailedError || e instanceof DatabaseError) {
      const mapped = fromDatabaseError(e);
      if (mapped) return mapped;
    }
    if (e && typeof e === 'object') {
      const mapped = fromTransportError(e as { type?: string; status?: number; code?: string });
      if (mapped) return mapped;
    }
    if (isConnectionError(e)) return body(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用，请稍后重试');
    return body(500, 'INTERNAL', '服务器内部错误，请联系管理员（已记录日志）');
  }
}

/** The database connection was lost or could not be made (not the request's fault: retry later). */
export function isConnectionError(e: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection dies between statements;
  // the next statement, COMMIT or ROLLBACK then fails with these instead of a driver error.
  if (e instanceof QueryRunnerAlreadyReleasedError || e instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const msg = e instanceof Error ? e.message : '';
  const code = (e as { code?: string })?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08003', '08001'].includes(code ?? '') ||
    /Connection terminated|connection timeout|terminating connection|not queryable|timeout exceeded when trying to connect/i.test(msg)
  );
}

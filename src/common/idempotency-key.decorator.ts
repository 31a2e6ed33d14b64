import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ValidationFailedError } from './errors';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The optional Idempotency-Key header, checked. A custom decorator rather than
 * @Headers(), which the OpenAPI document would list as a required header.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const key = ctx.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailedError([{ field: 'Idempotency-Key', message: '应为 1–200 个字母、数字或 ._:- 字符' }]);
  }
  return key;
});

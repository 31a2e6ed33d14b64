import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError, type FieldError } from '../common/errors';
import { flattenValidationErrors } from '../common/validation';

/** The field errors of one body, validated as the global ValidationPipe would (unknown fields refused). */
export async function fieldErrors<T extends object>(cls: new () => T, body: unknown): Promise<{ value: T; errors: FieldError[] }> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { value: undefined as never, errors: [{ field: 'body', message: '请求体必须是 JSON 对象' }] };
  }
  const value = plainToInstance(cls, body);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return { value, errors: flattenValidationErrors(errors) };
}

export async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  const { value, errors } = await fieldErrors(cls, body);
  if (errors.length) throw new ValidationFailedError(errors);
  return value;
}

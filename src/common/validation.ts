import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from './errors';
import { refuseNulStrings } from './text-rules';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of the first key in parsed JSON that names prototype machinery.
 * No request field is called so; class-transformer crashes on a nested
 * `constructor` key and turns `__proto__` into the new object's prototype.
 * Only what a JSON parser makes is walked (plain objects and arrays): never a
 * Buffer, whose keys are one string per byte, an uploaded file or a class instance.
 */
export function findPrototypeKey(value: unknown, path = ''): string | undefined {
  if (!isParsedJson(value)) return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return here;
    const deeper = findPrototypeKey((value as Record<string, unknown>)[key], here);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

function isParsedJson(value: unknown): value is object {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The global pipe: refuses prototype keys in the body, query and path (event
 * bodies included), then validates DTOs. Custom parameters (the caller, uploaded
 * files) are the server's own objects, not parsed input.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const field = metadata.type === 'custom' ? undefined : findPrototypeKey(value);
    if (field !== undefined) throw new ValidationFailedError([{ field, message: '字段名不能是 __proto__、constructor 或 prototype' }]);
    if (metadata.type !== 'custom') refuseNulStrings(value, metadata.data);
    return super.transform(value, metadata);
  }
}

/** Flatten class-validator's tree into one entry per offending field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = '', out: FieldError[] = []): FieldError[] {
  for (const err of errors) {
    const field = parent ? `${parent}.${err.property}` : err.property;
    for (const message of Object.values(err.constraints ?? {})) out.push({ field, message });
    // Into the same list: a nested object may hold more bad fields than one call takes arguments.
    if (err.children?.length) flattenValidationErrors(err.children, field, out);
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

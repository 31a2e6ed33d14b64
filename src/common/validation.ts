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

/** A constraint's message in Chinese when its DTO gave none (class-validator's defaults are English). */
const DEFAULT_MESSAGES: Record<string, string> = {
  whitelistValidation: '请求中不应有此字段',
  isString: '应为文字',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是或否（true 或 false）',
  isIn: '不是可选的取值之一',
  isEnum: '不是可选的取值之一',
  isUuid: '应为有效的标识',
  isUUID: '应为有效的标识',
  isDateString: '应为日期（YYYY-MM-DD）',
  isISO8601: '应为日期（YYYY-MM-DD）',
  isArray: '应为列表',
  isObject: '应为对象',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  nestedValidation: '内容格式不正确',
  maxLength: '过长',
  minLength: '过短',
  arrayMaxSize: '项数过多',
  arrayMinSize: '项数过少',
  min: '过小',
  max: '过大',
};

const HAS_CJK = /[\u3400-\u9fff]/;

function messageOf(key: string, message: string): string {
  return HAS_CJK.test(message) ? message : (DEFAULT_MESSAGES[key] ?? '取值无效');
}

/** Flatten class-validator's tree into one entry per offending field path, every message in Chinese. */
export function flattenValidationErrors(errors: ValidationError[], parent = '', out: FieldError[] = []): FieldError[] {
  for (const err of errors) {
    const field = parent ? `${parent}.${err.property}` : err.property;
    for (const [key, message] of Object.entries(err.constraints ?? {})) out.push({ field, message: messageOf(key, message) });
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

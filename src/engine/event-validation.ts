import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError } from '../common/errors';
import { flattenValidationErrors } from '../common/validation';
import type { EventEnvelope } from './dto/plot-events.dto';

export interface ParsedEvent {
  type: string;
  expectedVersion?: number;
  payload: Record<string, unknown>;
}

/** Reads the event type of a body, naming the field when it is missing or unknown. */
export function eventTypeOf(body: unknown, known: Record<string, unknown>): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailedError([{ field: 'body', message: '请求体必须是 JSON 对象 {type, ...}' }]);
  }
  const type = (body as { type?: unknown }).type;
  // Own keys only: 'constructor' or 'toString' is no event type.
  if (typeof type !== 'string' || !Object.hasOwn(known, type)) {
    throw new ValidationFailedError([{ field: 'type', message: `事件类型必须是 ${Object.keys(known).join('、')} 之一` }]);
  }
  return type;
}

/** Validates an event body against its payload class: unknown fields are refused, every bad field named. */
export async function parseEventBody(body: object, dto: new () => EventEnvelope): Promise<ParsedEvent> {
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailedError(flattenValidationErrors(errors));
  const { type, expectedVersion, ...payload } = instance as EventEnvelope & Record<string, unknown>;
  return { type, expectedVersion, payload: JSON.parse(JSON.stringify(payload)) };
}

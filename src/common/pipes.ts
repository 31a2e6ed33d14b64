import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from './errors';

/** A path id that is not a UUID names nothing: answer 404, not 500 or 400. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('记录不存在') });

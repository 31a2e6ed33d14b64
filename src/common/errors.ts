/**
 * Typed errors of the domain. Each carries its HTTP status; they are mapped
 * to responses once, in the global exception filter.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra members of the response body (state, allowedEvents, guard, …). */
  details(): Record<string, unknown> {
    return {};
  }
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[], message?: string) {
    super(message ?? `请求内容有误：${errors.map((e) => `${e.field}：${e.message}`).join('；')}`);
  }
  details() {
    return { errors: this.errors };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
  constructor(message = '未登录或登录已失效，请重新登录') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code: string = 'CONFLICT';
  constructor(
    message: string,
    private readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  details() {
    return this.extra;
  }
}

/** The event is not possible in the plot's current state. */
export class EventNotAllowedError extends ConflictError {
  readonly code = 'EVENT_NOT_ALLOWED';
  constructor(message: string, state: string, allowedEvents: string[]) {
    super(message, { state, allowedEvents });
  }
}

/** expectedVersion did not match, or another request changed the plot first. */
export class VersionConflictError extends ConflictError {
  readonly code = 'VERSION_CONFLICT';
  constructor(message: string, state: string, allowedEvents: string[], version: number) {
    super(message, { state, allowedEvents, version });
  }
}

/** A plot's boundary overlaps the boundaries of plots already registered (一张图); the client may confirm and resend. */
export class BoundaryOverlapError extends ConflictError {
  readonly code = 'BOUNDARY_OVERLAP';
  constructor(message: string, overlaps: Array<{ id: string | null; code: string | null; name: string | null; areaM2: number }>) {
    super(message, { overlaps });
  }
}

/** A rule of the law (a statechart guard) refused the event. */
export class GuardRefusedError extends DomainError {
  readonly status = 422;
  readonly code = 'GUARD_REFUSED';
  constructor(
    readonly guard: string,
    readonly reason: string,
  ) {
    super(reason);
  }
  details() {
    return { guard: this.guard, reason: this.reason };
  }
}

/** An error about one part of a request (e.g. the uploaded file), named in `errors[].field`. */
abstract class FieldScopedError extends DomainError {
  constructor(
    message: string,
    private readonly field?: string,
  ) {
    super(message);
  }
  details() {
    return this.field ? { errors: [{ field: this.field, message: this.message }] } : {};
  }
}

export class PayloadTooLargeError extends FieldScopedError {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class UnsupportedMediaTypeError extends FieldScopedError {
  readonly status = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
  details() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

// Typed domain errors and the one place that maps them (and anything unexpected) to HTTP answers.

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'throttled'
  | 'unavailable'
  | 'outcome_unknown';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  constructor(status: number, code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
  }
}

export class InvalidRequestError extends ApiError {
  constructor(message: string) {
    super(400, 'invalid_request', message);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super(401, 'unauthorized', message);
  }
}

/** One message for unknown, expired, burned, revoked and wrong-credential: nothing to probe. */
export const NOT_FOUND_MESSAGE =
  'This secret does not exist, has expired, or has already been read.';

export class NotFoundError extends ApiError {
  constructor() {
    super(404, 'not_found', NOT_FOUND_MESSAGE);
  }
}

export class MethodNotAllowedError extends ApiError {
  readonly allow: readonly string[];
  constructor(allow: readonly string[]) {
    super(405, 'method_not_allowed', `Method not allowed here; use ${allow.join(', ')}.`);
    this.allow = allow;
  }
}

export class TooLargeError extends ApiError {
  constructor(message = 'The request body is too large.') {
    super(413, 'too_large', message);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor() {
    super(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
}

/** A dependency failed before anything was consumed; the caller may retry. */
export class UnavailableError extends ApiError {
  constructor() {
    super(
      503,
      'unavailable',
      'The service is temporarily unavailable; nothing was consumed. Try again.',
    );
  }
}

/**
 * A counting write failed without an answer and its request is not (yet) in the item: it may still
 * have landed, so unlike `unavailable` this must not promise that nothing was consumed.
 */
export class OutcomeUnknownError extends ApiError {
  constructor() {
    super(
      503,
      'outcome_unknown',
      'The service did not confirm this attempt; it may have been counted. Try again.',
    );
  }
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new UnavailableError();
}

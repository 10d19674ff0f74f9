// Typed domain errors and the one place that maps them (and anything unexpected) to HTTP answers.

import { ERRORS, type ErrorCode } from '../../core/api-errors.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = ERRORS[code].message) {
    super(message);
    this.name = new.target.name;
    this.status = ERRORS[code].status;
    this.code = code;
  }
}

export class InvalidRequestError extends ApiError {
  constructor(message: string) {
    super('invalid_request', message);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/** A wrong passphrase verifier, counted; the secret allows `attemptsLeft` more (at least one). */
export class WrongPassphraseError extends ApiError {
  readonly attemptsLeft: number;
  constructor(attemptsLeft: number) {
    super(
      'wrong_passphrase',
      `Wrong passphrase. ${attemptsLeft} more wrong ${attemptsLeft === 1 ? 'attempt destroys' : 'attempts destroy'} the secret.`,
    );
    this.attemptsLeft = attemptsLeft;
  }
}

/** The wrong passphrase verifier that reached the limit: it destroyed the secret. */
export class LockedError extends ApiError {
  constructor() {
    super('locked');
  }
}

/** One message for unknown, expired, burned, revoked and wrong-credential: nothing to probe. */
export const NOT_FOUND_MESSAGE = ERRORS.not_found.message;

export class NotFoundError extends ApiError {
  constructor() {
    super('not_found');
  }
}

/** The right read token before the sender's opening time: nothing was consumed. */
export class NotYetOpenError extends ApiError {
  readonly notBefore: Date;
  /** Whole seconds until then, rounded up (at least 1): a client that waits this long is in time. */
  readonly retryAfterSeconds: number;
  constructor(notBefore: Date, now: Date) {
    super('not_yet_open', `This secret opens at ${notBefore.toISOString()}; nothing was consumed.`);
    this.notBefore = notBefore;
    this.retryAfterSeconds = Math.max(1, Math.ceil((notBefore.getTime() - now.getTime()) / 1000));
  }
}

/** The retrieve link of a request nobody has filled yet: nothing was consumed. */
export class NotFilledError extends ApiError {
  constructor() {
    super('not_filled');
  }
}

/** A fill of a request that holds one already, or is taking one right now. */
export class AlreadyFilledError extends ApiError {
  constructor() {
    super('already_filled');
  }
}

/** A fill encrypted to another key than the request's: its `kid` is not the request's key id. */
export class WrongKeyError extends ApiError {
  constructor() {
    super('wrong_key');
  }
}

export class MethodNotAllowedError extends ApiError {
  readonly allow: readonly string[];
  constructor(allow: readonly string[]) {
    super('method_not_allowed', `Method not allowed here; use ${allow.join(', ')}.`);
    this.allow = allow;
  }
}

/** A file's uploaded body is missing or not of the size its create declared: it stays unsealed. */
export class UploadMismatchError extends ApiError {
  constructor() {
    super('upload_mismatch');
  }
}

export class TooLargeError extends ApiError {
  constructor(message?: string) {
    super('too_large', message);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor() {
    super('unsupported_media_type');
  }
}

/** A dependency failed before anything was consumed; the caller may retry. */
export class UnavailableError extends ApiError {
  constructor() {
    super('unavailable');
  }
}

/**
 * A counting write failed without an answer and its request is not (yet) in the item: it may still
 * have landed, so unlike `unavailable` this must not promise that nothing was consumed.
 */
export class OutcomeUnknownError extends ApiError {
  constructor() {
    super('outcome_unknown');
  }
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new UnavailableError();
}

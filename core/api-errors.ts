// The errors the API answers and the one sentence a failed body check becomes. Kept apart from the
// schemas and free of zod at run time (its import is type-only), so that every handler's edge can
// answer errors without building, or even loading, a schema at cold start.
import type * as z from 'zod/mini';
import { LIMITS } from './limits.ts';

/** Every error the API answers, with its status and the one sentence it carries. */
export const ERRORS = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  // A request's fill encrypted to another key than the request's (its `kid` is not the request's).
  wrong_key: {
    status: 400,
    message: "The ciphertext is not encrypted to this request's key.",
  },
  unauthorized: { status: 401, message: 'This secret is protected by a passphrase.' },
  // A wrong verifier, counted: `attemptsLeft` in the body says how many more the secret allows.
  wrong_passphrase: {
    status: 401,
    message: 'Wrong passphrase. More wrong ones in a row destroy the secret.',
  },
  // The wrong verifier that reached the limit: this answer is the one that destroyed the secret.
  locked: {
    status: 401,
    message: `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong ones in a row the secret has been destroyed.`,
  },
  forbidden: { status: 403, message: 'The request was blocked.' },
  not_found: {
    status: 404,
    // One message for unknown, expired, burned, revoked and wrong-credential: nothing to probe.
    message: 'This secret does not exist, has expired, or has already been read.',
  },
  method_not_allowed: { status: 405, message: 'Method not allowed here.' },
  // The right read token before the sender's opening time: `notBefore` in the body says when.
  not_yet_open: {
    status: 409,
    message: 'This secret is not open yet; nothing was consumed. Try again at its opening time.',
  },
  // The retrieve link of a request nobody has filled yet: nothing was consumed.
  not_filled: {
    status: 409,
    message: 'This request has not been filled yet; nothing was consumed.',
  },
  // A fill of a request that already holds one (or is taking one right now): it is filled once.
  already_filled: {
    status: 409,
    message: 'This request has already been filled; it takes one secret.',
  },
  upload_mismatch: {
    status: 409,
    message: 'The uploaded body does not have the declared size.',
  },
  too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  throttled: { status: 429, message: 'Too many requests; try again later.' },
  unavailable: {
    status: 503,
    message: 'The service is temporarily unavailable; nothing was consumed. Try again.',
  },
  outcome_unknown: {
    status: 503,
    message: 'The service did not confirm this attempt; it may have been counted. Try again.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/**
 * Turns a failed parse into one short sentence: "maxReads: must be an integer from 1 to 100".
 * `input` is what was parsed: zod 4 issues do not carry it, and only it tells a field that is
 * missing from one of the wrong type. Values are looked at, never quoted.
 */
export function describeIssues(error: z.core.$ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.path.length === 0) {
    if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}.`;
    return 'The request body must be a JSON object.';
  }
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `Unknown field: ${field}.${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `${field}: is required.`;
  }
  return `${field}: ${issue.message}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// One place that turns failures into sentences a person can act on. Never includes secret material.
import { LIMITS } from '../../core/limits.ts';
import { ApiError, ApiUnreachableError, NotAnApiError } from '../../core/api.ts';
import { KdfParamsError } from '../../core/envelope.ts';
import { ConfigError } from './config.ts';

export const FILE_LIMIT_TEXT = '1 GiB';

/** The person stopped it (a Cancel button): not a failure to explain. */
export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';

export function describeError(error: unknown): string {
  if (error instanceof ApiUnreachableError || error instanceof ConfigError) {
    return 'The SecretSentry service cannot be reached right now. Check your connection and try again.';
  }
  if (error instanceof NotAnApiError) {
    return 'The service answered in a way this page does not understand. Try again later.';
  }
  if (error instanceof KdfParamsError) {
    return 'The service sent passphrase settings outside the allowed bounds, so this page will not use them. Try again later.';
  }
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'too_large':
        return `That secret is too large. The limit is ${LIMITS.secretBytes / 1024} KiB of text.`;
      case 'throttled':
        return 'Too many requests right now. Wait a moment and try again.';
      case 'unavailable':
        return 'The service is temporarily unavailable. Nothing was used up; try again in a moment.';
      case 'outcome_unknown':
        return 'The service did not confirm this attempt, so it may have used up one read. Try again in a moment.';
      case 'invalid_request':
        return 'The service did not accept the request. Reload the page and try again.';
      default:
        return `The service answered with an error (${error.status}). Try again in a moment.`;
    }
  }
  return 'Something went wrong in this browser. Reload the page and try again.';
}

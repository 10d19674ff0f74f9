// One place that turns failures into sentences a person can act on, in the page's language. Never
// includes secret material.
import { LIMITS } from '../../core/limits.ts';
import { ApiError, ApiUnreachableError, NotAnApiError } from '../../core/api.ts';
import { KdfParamsError } from '../../core/envelope.ts';
import { ConfigError } from './config.ts';
import { formatBytes, formatDateWithZone } from './format.ts';
import { i18n } from './i18n/i18n.ts';

export const FILE_LIMIT_TEXT = '1 GiB';

/** The person stopped it (a Cancel button): not a failure to explain. */
export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';

export function describeError(error: unknown): string {
  const t = i18n.t;
  if (error instanceof ApiUnreachableError || error instanceof ConfigError) {
    return t('errors.unreachable');
  }
  if (error instanceof NotAnApiError) return t('errors.notAnApi');
  if (error instanceof KdfParamsError) return t('errors.kdfParams');
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'too_large':
        return t('errors.tooLarge', { limit: formatBytes(LIMITS.secretBytes) });
      case 'throttled':
        return t('errors.throttled');
      case 'unavailable':
        return t('errors.unavailable');
      case 'outcome_unknown':
        return t('errors.outcomeUnknown');
      case 'invalid_request':
        return t('errors.invalidRequest');
      case 'not_yet_open':
        // The reveal waits for the time itself; anything else that meets it (a destroy) says when.
        if (error.notBefore !== undefined) {
          return t('errors.notYetOpen', { date: formatDateWithZone(error.notBefore) });
        }
        return t('errors.status', { status: error.status });
      default:
        return t('errors.status', { status: error.status });
    }
  }
  return t('errors.browser');
}

const WEBHOOK_URL = 'webhook.url:';

/**
 * Why the API refused a create's webhook URL (its message after `webhook.url:`, e.g. "host must be a
 * public internet address"), or undefined when the failure was anything else. The page shows it under
 * the URL field rather than as a failure of the whole form.
 */
export function webhookRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'invalid_request') return undefined;
  if (!error.message.startsWith(WEBHOOK_URL)) return undefined;
  return error.message.slice(WEBHOOK_URL.length).trim() || error.message;
}

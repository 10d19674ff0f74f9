// Exit codes and the one error type every command throws: scripts branch on the code, people read the line.
import { LIMITS } from '../core/limits.ts';
import { ApiError, ApiUnreachableError, NotAnApiError } from '../core/api.ts';
import { KdfParamsError } from '../core/envelope.ts';

export const EXIT = {
  ok: 0,
  /** A doctor check failed, or something unexpected happened. */
  failed: 1,
  usage: 2,
  /** Unknown, expired, read or revoked: the API does not tell these apart (docs/design.md §3). */
  notFound: 3,
  /** Wrong or missing passphrase. */
  unauthorized: 4,
  /** Network, timeout, throttling or a 5xx: nothing was consumed. */
  unavailable: 5,
  /** A wrong passphrase that made five in a row: it destroyed the secret (a later try exits 3). */
  locked: 6,
  /** The sender set the secret to open later: nothing was read; run the command again then. */
  notYetOpen: 7,
  /** A request's retrieve link before anyone filled it: nothing was read; run `get` again later. */
  notFilled: 8,
  /** `fill` of a request that already holds a secret: this one was not stored. */
  alreadyFilled: 9,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The stable name of an exit code, as `--json` errors carry it: "usage", "notFound", ... */
export const exitName = (code: ExitCode): keyof typeof EXIT =>
  (Object.keys(EXIT) as (keyof typeof EXIT)[]).find((name) => EXIT[name] === code) ?? 'failed';

/** An error whose message is safe to print: it never carries secret material. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const usage = (message: string): CliError => new CliError(EXIT.usage, message);

/** Maps an API failure to an exit code and a one-line message; `what` names the thing ("secret", "link"). */
export function fromApiError(error: unknown, what = 'secret'): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ApiUnreachableError) {
    return new CliError(
      EXIT.unavailable,
      `The SecretSentry API could not be reached (${networkCause(error)}).`,
      { cause: error },
    );
  }
  if (error instanceof NotAnApiError) {
    return new CliError(
      EXIT.usage,
      `This is not a SecretSentry API: the server answered HTTP ${error.status} without the API's ` +
        'answer. Check --api or SECRETSENTRY_API_URL (a deployed API URL, or http://HOST:PORT/api locally).',
    );
  }
  if (error instanceof KdfParamsError) {
    return new CliError(
      EXIT.unavailable,
      'The service sent passphrase settings outside the allowed bounds; they were not used and ' +
        'nothing was read. Try again later, or ask the sender to share the secret again.',
      { cause: error },
    );
  }
  if (error instanceof ApiError && error.code === 'not_yet_open' && error.notBefore) {
    return notYetOpen(error.notBefore);
  }
  if (error instanceof ApiError && error.code === 'not_filled') return notFilled();
  if (error instanceof ApiError && error.code === 'already_filled') {
    return new CliError(
      EXIT.alreadyFilled,
      'This request has already been filled: it takes one secret, and this one was not stored. ' +
        'If it was not you who filled it, tell the person who asked: someone else did.',
    );
  }
  if (error instanceof ApiError) {
    switch (error.status) {
      case 404:
        return new CliError(
          EXIT.notFound,
          `This ${what} does not exist or is gone (already read, revoked or expired).`,
        );
      case 401:
        return wrongPassphrase(error);
      case 400:
      case 413:
      case 415:
        return new CliError(EXIT.usage, `The API refused the request: ${oneLine(error.message)}`);
      case 429:
        return new CliError(EXIT.unavailable, 'The API is throttling requests; try again later.');
      default:
        return new CliError(
          EXIT.unavailable,
          error.code === 'outcome_unknown'
            ? 'The API did not confirm this attempt; it may have used up one read. Try again.'
            : `The API failed (${error.status} ${error.code}); nothing was consumed.`,
        );
    }
  }
  return new CliError(EXIT.failed, `Unexpected error: ${oneLine(String(error))}`);
}

/**
 * The secret opens later: when (the service's time, in UTC, and how long from now), and that nothing
 * was read. `now` is this machine's clock, which only words the wait.
 */
export function notYetOpen(notBefore: string, now = new Date()): CliError {
  const wait = Math.max(1, Math.ceil((Date.parse(notBefore) - now.getTime()) / 1000));
  return new CliError(
    EXIT.notYetOpen,
    `This secret opens at ${notBefore} (in ${spellWait(wait)}); nothing was read. Run this again then.`,
  );
}

/** A request nobody has filled yet: its retrieve link reads nothing, and spends nothing, until then. */
export const notFilled = (): CliError =>
  new CliError(
    EXIT.notFilled,
    'This request has not been filled yet; nothing was read. Run this again once it is ' +
      '(`secretsentry check` tells without reading).',
  );

/** 3725 → "1 h 2 min 5 s"; whole units only, largest first, at most three of them. */
export function spellWait(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n} ${unit}`);
  }
  return parts.slice(0, 3).join(' ');
}

/** A 401 on read: how many tries are left, or that this one destroyed the secret. */
function wrongPassphrase(error: ApiError): CliError {
  if (error.code === 'locked') {
    return new CliError(
      EXIT.locked,
      `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong ones in a row the secret is now ` +
        'destroyed: ask the sender to share it again.',
    );
  }
  const left = error.code === 'wrong_passphrase' ? error.attemptsLeft : undefined;
  if (left === undefined) {
    // An API from before the count was answered.
    return new CliError(
      EXIT.unauthorized,
      `Wrong passphrase (after ${LIMITS.maxFailedAttempts} wrong tries in a row the secret is destroyed).`,
    );
  }
  return new CliError(
    EXIT.unauthorized,
    left === 1
      ? 'Wrong passphrase. 1 try left: one more wrong passphrase destroys the secret.'
      : `Wrong passphrase. ${left} tries left before the secret is destroyed.`,
  );
}

export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The deepest cause a network failure names: a system error code, a timeout, or its message. */
export function networkCause(error: unknown): string {
  let found = 'network error';
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 8; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code !== '') found = code;
    else if (cause.name === 'TimeoutError' || cause.name === 'AbortError') found = 'timed out';
    else if (/redirect/i.test(cause.message))
      found = 'it answered with a redirect, which is refused';
    // The outermost error is ours ("could not be reached") or fetch's ("fetch failed"): no cause.
    else if (depth > 0 && cause.message !== 'fetch failed') found = oneLine(cause.message);
    cause = cause.cause;
  }
  return found;
}

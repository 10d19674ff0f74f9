// The two credential checks every operation starts with. A credential that does not fit answers
// exactly like an unknown id (404); nothing tells the caller which of the two it was.
import type { Deps } from './deps.ts';
import { matchesHash, tokenHashOf, UNKNOWN_ID_HASH } from './encoding.ts';
import { NotFilledError, NotFoundError, NotYetOpenError } from './errors.ts';
import {
  isAwaitingFill,
  isOpen,
  isPurged,
  isReadable,
  linkOf,
  type SecretRecord,
} from './lifecycle.ts';

/**
 * The record for a recipient holding the read token, while the secret can still be read, or while a
 * request still waits for its fill (the retrieve link's holder may ask whether it came).
 */
export async function loadForRecipient(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  readToken: string | undefined,
): Promise<SecretRecord> {
  const stored = await deps.store.get(id);
  const record = stored?.recipients ? recipientLink(stored, readToken) : stored;
  // An unknown id costs the same hash and compare as a wrong token: timing tells nothing either.
  if (!matchesHash(readToken, record?.readTokenHash ?? UNKNOWN_ID_HASH) || !record) {
    if (stored) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  const now = deps.now();
  if (!isReadable(record, now) && !isAwaitingFill(record, now)) throw new NotFoundError();
  return record;
}

/**
 * The link of a secret with several recipients that this read token opens, as a record of its own
 * (`linkOf`), or undefined. The links are keyed by their token's hash: a lookup, not a scan, so no
 * link's hash is compared with another's token.
 */
function recipientLink(record: SecretRecord, readToken: string | undefined) {
  const hash = readToken === undefined ? undefined : tokenHashOf(readToken);
  return hash === undefined || !Object.hasOwn(record.recipients ?? {}, hash)
    ? undefined
    : linkOf(record, hash);
}

/**
 * The record for a recipient about to take a read or end the secret: also refuses a request not
 * filled yet (409 `not_filled`) and one the sender set to open later (409 `not_yet_open` with the time), before any verifier is looked at, so nothing is
 * counted, not even a wrong passphrase. Only the right read token learns the time.
 */
export async function loadOpenForRecipient(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  readToken: string | undefined,
): Promise<SecretRecord> {
  const record = await loadForRecipient(deps, id, readToken);
  const now = deps.now();
  // A request nobody has filled has nothing to read or end yet: nothing is counted.
  if (isAwaitingFill(record, now)) throw new NotFilledError();
  if (record.notBefore !== undefined && !isOpen(record, now))
    throw new NotYetOpenError(new Date(record.notBefore), now);
  return record;
}

/** The record (or its tombstone) for the sender holding the manage token, until it is purged. */
export async function loadForSender(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  manageToken: string | undefined,
): Promise<SecretRecord> {
  const record = await deps.store.get(id);
  if (!matchesHash(manageToken, record?.manageTokenHash ?? UNKNOWN_ID_HASH) || !record) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  if (isPurged(record, deps.now())) throw new NotFoundError();
  return record;
}

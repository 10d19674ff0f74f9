// The two credential checks every operation starts with. A credential that does not fit answers
// exactly like an unknown id (404); nothing tells the caller which of the two it was.
import type { Deps } from './deps.ts';
import { matchesHash, UNKNOWN_ID_HASH } from './encoding.ts';
import { NotFilledError, NotFoundError, NotYetOpenError } from './errors.ts';
import { isAwaitingFill, isOpen, isPurged, isReadable, type SecretRecord } from './lifecycle.ts';

/**
 * The record for a recipient holding the read token, while the secret can still be read, or while a
 * request still waits for its fill (the retrieve link's holder may ask whether it came).
 */
export async function loadForRecipient(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  readToken: string | undefined,
): Promise<SecretRecord> {
  const record = await deps.store.get(id);
  // An unknown id costs the same hash and compare as a wrong token: timing tells nothing either.
  if (!matchesHash(readToken, record?.readTokenHash ?? UNKNOWN_ID_HASH) || !record) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  const now = deps.now();
  if (!isReadable(record, now) && !isAwaitingFill(record, now)) throw new NotFoundError();
  return record;
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

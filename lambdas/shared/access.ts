// The two credential checks every operation starts with. A credential that does not fit answers
// exactly like an unknown id (404); nothing tells the caller which of the two it was.
import type { Deps } from './deps.ts';
import { matchesHash } from './encoding.ts';
import { NotFoundError } from './errors.ts';
import { isPurged, isReadable, type SecretRecord } from './lifecycle.ts';

/** The record for a recipient holding the read token, while the secret can still be read. */
export async function loadForRecipient(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  readToken: string | undefined,
): Promise<SecretRecord> {
  const record = await deps.store.get(id);
  if (!record || !matchesHash(readToken, record.readTokenHash)) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  if (!isReadable(record, deps.now())) throw new NotFoundError();
  return record;
}

/** The record (or its tombstone) for the sender holding the manage token, until it is purged. */
export async function loadForSender(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  id: string,
  manageToken: string | undefined,
): Promise<SecretRecord> {
  const record = await deps.store.get(id);
  if (!record || !matchesHash(manageToken, record.manageTokenHash)) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  if (isPurged(record, deps.now())) throw new NotFoundError();
  return record;
}
